/** Dense layers: (IN + 1)×OUT, after a flatten, and applied to a sequence. */
import { msg } from '../../i18n/messages.js';
import { evaluate, mistake, n, working, type TopicGenerator } from '../question.js';

export const dense: TopicGenerator = (rng, level) => {
  if (level === 'easy') {
    const inputs = rng.pick([8, 16, 32, 64, 100, 128, 256, 784]);
    const units = rng.pick([2, 3, 5, 10, 16, 32, 64]);
    const spec = `dense ${inputs} ${units}`;
    const r = evaluate(spec);
    return {
      prompt: msg('q.dense', { in: n(inputs), out: n(units) }),
      spec,
      answer: r.report.counts.total,
      mistakes: [
        mistake('forgotBias', inputs * units, 'why.forgotBias', { n: n(units) }),
        mistake('biasPerInput', inputs * units + inputs, 'why.biasPerInput', { in: n(inputs), out: n(units) }),
        mistake('addedNotMultiplied', inputs + units + units, 'why.addedNotMultiplied'),
        mistake('extraInputRow', (inputs + 1) * (units + 1), 'why.extraInputRow', { out: n(units) }),
      ],
      working: working(r),
    };
  }
  if (level === 'medium') {
    const side = rng.pick([4, 7, 8, 14]);
    const channels = rng.pick([16, 32, 64, 128]);
    const units = rng.pick([10, 64, 128, 256, 512]);
    const spec = `input ${side}x${side}x${channels} > flatten > dense ${units}`;
    const r = evaluate(spec);
    const flat = side * side * channels;
    return {
      prompt: msg('q.denseAfterFlatten', { shape: `${side}×${side}×${channels}`, out: n(units) }),
      spec,
      answer: r.report.counts.total,
      mistakes: [
        mistake('channelsOnly', (channels + 1) * units, 'why.channelsOnly', { flat: n(flat), c: n(channels) }),
        mistake('forgotBias', flat * units, 'why.forgotBias', { n: n(units) }),
        mistake('oneSpatialAxis', (side * channels + 1) * units, 'why.oneSpatialAxis', { flat: n(flat) }),
      ],
      working: working(r),
    };
  }
  const steps = rng.pick([10, 20, 50, 100]);
  const inputs = rng.pick([32, 64, 128, 256]);
  const units = rng.pick([16, 32, 64, 128]);
  const spec = `dense ${inputs} ${units} in=${steps}`;
  const r = evaluate(spec);
  return {
    prompt: msg('q.denseSequence', { t: n(steps), in: n(inputs), out: n(units) }),
    spec,
    answer: r.report.counts.total,
    mistakes: [
      mistake('timesSteps', (inputs + 1) * units * steps, 'why.timesSteps', { t: n(steps) }),
      mistake('forgotBias', inputs * units, 'why.forgotBias', { n: n(units) }),
      mistake('biasPerStep', inputs * units + units * steps, 'why.biasPerStep', { t: n(steps) }),
    ],
    working: working(r),
  };
};
