/** Convolutions: k×k×C_in weights per filter plus one bias, grouped and bias-free variants. */
import { msg } from '../../i18n/messages.js';
import { evaluate, mistake, n, working, type Draft, type TopicGenerator } from '../question.js';

export const conv: TopicGenerator = (rng, level): Draft => {
  if (level === 'easy' || level === 'medium') {
    const easy = level === 'easy';
    const cin = rng.pick(easy ? [1, 3] : [16, 32, 64, 128, 256]);
    const cout = rng.pick(easy ? [8, 16, 32, 64] : [32, 64, 128, 256, 512]);
    const k = rng.pick(easy ? [3, 5] : [3, 5, 7]);
    const stride = easy ? 1 : rng.pick([1, 2]);
    const spec = `conv ${cin} ${cout} ${k}${stride === 1 ? '' : ` stride=${stride} pad=same`}`;
    const r = evaluate(spec);
    return {
      prompt: stride === 1 ? msg('q.conv', { cin: n(cin), cout: n(cout), k: String(k) }) : msg('q.convStride', { cin: n(cin), cout: n(cout), k: String(k), stride: String(stride) }),
      spec,
      answer: r.report.counts.total,
      mistakes: [
        mistake('forgotBias', k * k * cin * cout, 'why.forgotBias', { n: n(cout) }),
        mistake('forgotInputChannels', (k * k + 1) * cout, 'why.forgotInputChannels', { cin: n(cin) }),
        mistake('kernelNotSquared', (k * cin + 1) * cout, 'why.kernelNotSquared', { k: String(k) }),
        mistake('biasPerWeight', 2 * k * k * cin * cout, 'why.biasPerWeight', { n: n(cout) }),
        ...(stride === 1 ? [] : [mistake('dividedByStride', Math.round(((k * k * cin + 1) * cout) / stride), 'why.dividedByStride')]),
      ],
      working: working(r),
    };
  }
  const variant = rng.pick(['groups', 'noBias', 'asymmetric'] as const);
  if (variant === 'groups') {
    const g = rng.pick([2, 4, 8]);
    const cin = g * rng.pick([8, 16, 32]);
    const cout = g * rng.pick([8, 16, 32, 64]);
    const k = rng.pick([3, 5]);
    const spec = `conv ${cin} ${cout} ${k} groups=${g}`;
    const r = evaluate(spec);
    return {
      prompt: msg('q.convGroups', { cin: n(cin), cout: n(cout), k: String(k), g: String(g) }),
      spec,
      answer: r.report.counts.total,
      mistakes: [
        mistake('ignoredGroups', (k * k * cin + 1) * cout, 'why.ignoredGroups', { g: String(g) }),
        mistake('dividedTwice', ((k * k * cin) / g + 1) * (cout / g), 'why.dividedTwice', { g: String(g) }),
        mistake('forgotBias', (k * k * cin * cout) / g, 'why.forgotBias', { n: n(cout) }),
      ],
      working: working(r),
    };
  }
  if (variant === 'noBias') {
    const cin = rng.pick([32, 64, 128, 256]);
    const cout = rng.pick([64, 128, 256, 512]);
    const k = rng.pick([1, 3]);
    const spec = `conv ${cin} ${cout} ${k} bias=false --framework pytorch`;
    const r = evaluate(spec);
    return {
      prompt: msg('q.convNoBias', { cin: n(cin), cout: n(cout), k: String(k) }),
      spec,
      answer: r.report.counts.total,
      mistakes: [
        mistake('addedBias', (k * k * cin + 1) * cout, 'why.addedBias', { n: n(cout) }),
        mistake('forgotInputChannels', k * k * cout, 'why.forgotInputChannels', { cin: n(cin) }),
        mistake('kernelNotSquared', k * cin * cout, 'why.kernelNotSquared', { k: String(k) }),
      ],
      working: working(r),
    };
  }
  const [kh, kw] = rng.pick([[1, 7], [7, 1], [3, 5], [1, 3]] as const);
  const cin = rng.pick([32, 64, 128]);
  const cout = rng.pick([32, 64, 128, 192]);
  const spec = `conv ${cin} ${cout} ${kh}x${kw}`;
  const r = evaluate(spec);
  const big = Math.max(kh, kw);
  return {
    prompt: msg('q.convAsymmetric', { cin: n(cin), cout: n(cout), kh: String(kh), kw: String(kw) }),
    spec,
    answer: r.report.counts.total,
    mistakes: [
      mistake('squaredLongSide', (big * big * cin + 1) * cout, 'why.squaredLongSide', { k: String(big) }),
      mistake('forgotBias', kh * kw * cin * cout, 'why.forgotBias', { n: n(cout) }),
      mistake('forgotInputChannels', (kh * kw + 1) * cout, 'why.forgotInputChannels', { cin: n(cin) }),
    ],
    working: working(r),
  };
};
