/** BatchNorm: γ and β are trained, the moving statistics are not; the frameworks book them differently. */
import { msg } from '../../i18n/messages.js';
import { evaluate, mistake, n, working, type TopicGenerator } from '../question.js';

export const batchnorm: TopicGenerator = (rng, level) => {
  const c = rng.pick([16, 32, 64, 128, 256]);
  const side = rng.pick([14, 28, 56, 112]);
  const shape = `${side}×${side}×${c}`;
  const perPosition = side * side * c;
  if (level === 'easy') {
    const spec = `bn ${c} in=${side}x${side}`;
    const r = evaluate(spec);
    return {
      prompt: msg('q.bnTrainable', { shape }),
      spec,
      answer: r.report.counts.trainable,
      mistakes: [
        mistake('statsTrainable', 4 * c, 'why.statsTrainable', { c: n(c) }),
        mistake('onePerChannel', c, 'why.onePerChannel'),
        mistake('perPosition', 2 * perPosition, 'why.perPosition', { c: n(c) }),
      ],
      working: [`γ ${n(c)} + β ${n(c)} = ${n(2 * c)}`],
    };
  }
  if (level === 'medium') {
    const spec = `bn ${c} in=${side}x${side}`;
    const r = evaluate(spec);
    return {
      prompt: msg('q.bnKerasTotal', { shape }),
      spec,
      answer: r.report.counts.total,
      mistakes: [
        mistake('forgotStats', 2 * c, 'why.forgotStats', { c: n(c) }),
        mistake('perPosition', 4 * perPosition, 'why.perPosition', { c: n(c) }),
        mistake('onePerChannel', c, 'why.onePerChannel'),
      ],
      working: working(r),
    };
  }
  const spec = `bn ${c} --framework pytorch`;
  const r = evaluate(spec);
  return {
    prompt: msg('q.bnTorch', { c: n(c) }),
    spec,
    answer: r.report.counts.total,
    mistakes: [
      mistake('countedBuffers', 4 * c, 'why.countedBuffers'),
      mistake('countedBatchCounter', 4 * c + 1, 'why.countedBatchCounter'),
      mistake('onePerChannel', c, 'why.onePerChannel'),
    ],
    working: working(r),
  };
};
