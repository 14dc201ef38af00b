/** Convolutions: k×k×C_in weights per filter plus one bias, grouped and bias-free variants. */
import { msg } from '../../i18n/messages.js';
import { countQuestion, mistake, n, type Draft, type TopicGenerator } from '../question.js';

export const conv: TopicGenerator = (rng, level): Draft => {
  if (level === 'easy' || level === 'medium') {
    const easy = level === 'easy';
    const cin = rng.pick(easy ? [1, 3] : [16, 32, 64, 128, 256]);
    const cout = rng.pick(easy ? [8, 16, 32, 64] : [32, 64, 128, 256, 512]);
    const k = rng.pick(easy ? [3, 5] : [3, 5, 7]);
    const stride = easy ? 1 : rng.pick([1, 2]);
    const prompt =
      stride === 1 ? msg('q.conv', { cin: n(cin), cout: n(cout), k: String(k) }) : msg('q.convStride', { cin: n(cin), cout: n(cout), k: String(k), stride: String(stride) });
    return countQuestion(prompt, `conv ${cin} ${cout} ${k}${stride === 1 ? '' : ` stride=${stride} pad=same`}`, (answer) => [
      mistake('forgotBias', k * k * cin * cout, 'why.forgotBias', { n: n(cout) }),
      mistake('forgotInputChannels', (k * k + 1) * cout, 'why.forgotInputChannels', { cin: n(cin) }),
      mistake('kernelNotSquared', (k * cin + 1) * cout, 'why.kernelNotSquared', { k: String(k) }),
      mistake('biasPerWeight', 2 * k * k * cin * cout, 'why.biasPerWeight', { n: n(cout) }),
      ...(stride === 1 ? [] : [mistake('dividedByStride', answer / BigInt(stride), 'why.dividedByStride')]),
    ]);
  }
  const variant = rng.pick(['groups', 'noBias', 'asymmetric'] as const);
  if (variant === 'groups') {
    const g = rng.pick([2, 4, 8]);
    const cin = g * rng.pick([8, 16, 32]);
    const cout = g * rng.pick([8, 16, 32, 64]);
    const k = rng.pick([3, 5]);
    return countQuestion(msg('q.convGroups', { cin: n(cin), cout: n(cout), k: String(k), g: String(g) }), `conv ${cin} ${cout} ${k} groups=${g}`, () => [
      mistake('ignoredGroups', (k * k * cin + 1) * cout, 'why.ignoredGroups', { g: String(g) }),
      mistake('dividedTwice', ((k * k * cin) / g + 1) * (cout / g), 'why.dividedTwice', { g: String(g) }),
      mistake('forgotBias', (k * k * cin * cout) / g, 'why.forgotBias', { n: n(cout) }),
    ]);
  }
  if (variant === 'noBias') {
    const cin = rng.pick([32, 64, 128, 256]);
    const cout = rng.pick([64, 128, 256, 512]);
    const k = rng.pick([1, 3]);
    return countQuestion(msg('q.convNoBias', { cin: n(cin), cout: n(cout), k: String(k) }), `conv ${cin} ${cout} ${k} bias=false --framework pytorch`, () => [
      mistake('addedBias', (k * k * cin + 1) * cout, 'why.addedBias', { n: n(cout) }),
      mistake('forgotInputChannels', k * k * cout, 'why.forgotInputChannels', { cin: n(cin) }),
      mistake('kernelNotSquared', k * cin * cout, 'why.kernelNotSquared', { k: String(k) }),
    ]);
  }
  const [kh, kw] = rng.pick([[1, 7], [7, 1], [3, 5], [1, 3]] as const);
  const cin = rng.pick([32, 64, 128]);
  const cout = rng.pick([32, 64, 128, 192]);
  const big = Math.max(kh, kw);
  return countQuestion(msg('q.convAsymmetric', { cin: n(cin), cout: n(cout), kh: String(kh), kw: String(kw) }), `conv ${cin} ${cout} ${kh}x${kw}`, () => [
    mistake('squaredLongSide', (big * big * cin + 1) * cout, 'why.squaredLongSide', { k: String(big) }),
    mistake('forgotBias', kh * kw * cin * cout, 'why.forgotBias', { n: n(cout) }),
    mistake('forgotInputChannels', (kh * kw + 1) * cout, 'why.forgotInputChannels', { cin: n(cin) }),
  ]);
};
