/** BatchNorm: γ and β are trained, the moving statistics are not; the frameworks book them differently. */
import { msg } from '../../i18n/messages.js';
import { countQuestion, evaluate, mistake, n, type TopicGenerator } from '../question.js';

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
    return countQuestion(msg('q.bnKerasTotal', { shape }), `bn ${c} in=${side}x${side}`, () => [
      mistake('forgotStats', 2 * c, 'why.forgotStats', { c: n(c) }),
      mistake('perPosition', 4 * perPosition, 'why.perPosition', { c: n(c) }),
      mistake('onePerChannel', c, 'why.onePerChannel'),
    ]);
  }
  return countQuestion(msg('q.bnTorch', { c: n(c) }), `bn ${c} --framework pytorch`, () => [
    mistake('countedBuffers', 4 * c, 'why.countedBuffers'),
    mistake('countedBatchCounter', 4 * c + 1, 'why.countedBatchCounter'),
    mistake('onePerChannel', c, 'why.onePerChannel'),
  ]);
};
