/** Depthwise and separable convolutions, and what they save against a standard convolution. */
import { msg } from '../../i18n/messages.js';
import { countQuestion, evaluate, mistake, n, total, working, type TopicGenerator } from '../question.js';

export const separable: TopicGenerator = (rng, level) => {
  const k = rng.pick([3, 5]);
  if (level === 'easy') {
    const c = rng.pick([16, 32, 64, 128]);
    return countQuestion(msg('q.depthwise', { c: n(c), k: String(k) }), `dwconv ${c} ${k}`, () => [
      mistake('depthwiseAsStandard', (k * k * c + 1) * c, 'why.depthwiseAsStandard'),
      mistake('forgotBias', k * k * c, 'why.forgotBias', { n: n(c) }),
      mistake('kernelNotSquared', (k + 1) * c, 'why.kernelNotSquared', { k: String(k) }),
    ]);
  }
  const cin = rng.pick([32, 64, 128, 256]);
  const cout = rng.pick([64, 128, 256, 512]);
  const spec = `sepconv ${cin} ${cout} ${k}`;
  if (level === 'medium') {
    return countQuestion(msg('q.separable', { cin: n(cin), cout: n(cout), k: String(k) }), spec, () => [
      mistake('forgotPointwise', k * k * cin + cout, 'why.forgotPointwise', { cin: n(cin), cout: n(cout) }),
      mistake('forgotDepthwise', cin * cout + cout, 'why.forgotDepthwise', { k: String(k), cin: n(cin) }),
      mistake('separableAsStandard', (k * k * cin + 1) * cout, 'why.separableAsStandard'),
    ]);
  }
  const standardSpec = `conv ${cin} ${cout} ${k}`;
  const standard = total(standardSpec);
  const sep = total(spec);
  return {
    prompt: msg('q.separableSaving', { cin: n(cin), cout: n(cout), k: String(k) }),
    spec,
    answer: standard - sep,
    mistakes: [
      mistake('savingWithoutPointwise', standard - BigInt(k * k * cin + cout), 'why.forgotPointwise', { cin: n(cin), cout: n(cout) }),
      mistake('gaveSeparableCount', sep, 'why.gaveOneCount'),
      mistake('gaveStandardCount', standard, 'why.gaveOneCount'),
    ],
    working: [...working(evaluate(standardSpec)), ...working(evaluate(spec)), `${n(standard)} − ${n(sep)} = ${n(standard - sep)}`],
  };
};
