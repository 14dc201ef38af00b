/** Dense layers: (IN + 1)×OUT, after a flatten, and applied to a sequence. */
import { msg } from '../../i18n/messages.js';
import { countQuestion, mistake, n, type TopicGenerator } from '../question.js';

export const dense: TopicGenerator = (rng, level) => {
  if (level === 'easy') {
    const inputs = rng.pick([8, 16, 32, 64, 100, 128, 256, 784]);
    const units = rng.pick([2, 3, 5, 10, 16, 32, 64]);
    return countQuestion(msg('q.dense', { in: n(inputs), out: n(units) }), `dense ${inputs} ${units}`, () => [
      mistake('forgotBias', inputs * units, 'why.forgotBias', { n: n(units) }),
      mistake('biasPerInput', inputs * units + inputs, 'why.biasPerInput', { in: n(inputs), out: n(units) }),
      mistake('addedNotMultiplied', inputs + units + units, 'why.addedNotMultiplied'),
      mistake('extraInputRow', (inputs + 1) * (units + 1), 'why.extraInputRow', { out: n(units) }),
    ]);
  }
  if (level === 'medium') {
    const side = rng.pick([4, 7, 8, 14]);
    const channels = rng.pick([16, 32, 64, 128]);
    const units = rng.pick([10, 64, 128, 256, 512]);
    const flat = side * side * channels;
    return countQuestion(msg('q.denseAfterFlatten', { shape: `${side}×${side}×${channels}`, out: n(units) }), `input ${side}x${side}x${channels} > flatten > dense ${units}`, () => [
      mistake('channelsOnly', (channels + 1) * units, 'why.channelsOnly', { flat: n(flat), c: n(channels) }),
      mistake('forgotBias', flat * units, 'why.forgotBias', { n: n(units) }),
      mistake('oneSpatialAxis', (side * channels + 1) * units, 'why.oneSpatialAxis', { flat: n(flat) }),
    ]);
  }
  const steps = rng.pick([10, 20, 50, 100]);
  const inputs = rng.pick([32, 64, 128, 256]);
  const units = rng.pick([16, 32, 64, 128]);
  return countQuestion(msg('q.denseSequence', { t: n(steps), in: n(inputs), out: n(units) }), `dense ${inputs} ${units} in=${steps}`, () => [
    mistake('timesSteps', (inputs + 1) * units * steps, 'why.timesSteps', { t: n(steps) }),
    mistake('forgotBias', inputs * units, 'why.forgotBias', { n: n(units) }),
    mistake('biasPerStep', inputs * units + units * steps, 'why.biasPerStep', { t: n(steps) }),
  ]);
};
