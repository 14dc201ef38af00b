/**
 * Small models of 3 to 6 layers with an input shape: the flatten -> dense step is where the
 * spatial size matters, and where most totals go wrong.
 */
import { msg } from '../../i18n/messages.js';
import { countQuestion, evaluate, mistake, n, sizeOf, total, working, type TopicGenerator } from '../question.js';

/** The spec as the question shows it: layers joined by arrows. */
const arrows = (spec: string) => spec.replace(/ > /g, ' → ');

export const model: TopicGenerator = (rng, level) => {
  const side = rng.pick([28, 32]);
  const c = rng.pick([1, 3]);
  const classes = rng.pick([10, 2, 5]);
  if (level === 'easy') {
    const f = rng.pick([4, 8, 16]);
    const spec = `input ${side}x${side}x${c} > conv ${f} 3 > flatten > dense ${classes}`;
    return countQuestion(msg('q.model', { spec: arrows(spec) }), spec, (answer, r) => [
      mistake('noConvShrink', total(spec.replace(`conv ${f} 3`, `conv ${f} 3 pad=same`)), 'why.noConvShrink', { from: String(side), to: String(side - 2) }),
      mistake('forgotBiases', answer - sizeOf(r, 'bias'), 'why.forgotBiases'),
      mistake('forgotInputChannels', answer - BigInt(9 * c * f) + BigInt(9 * f), 'why.forgotInputChannels', { cin: n(c) }),
      mistake('flattenChannelsOnly', total(spec.replace('flatten', 'gap')), 'why.channelsOnlyModel'),
    ]);
  }
  const [f1, f2] = rng.pick([[8, 16], [16, 32], [32, 64]] as const);
  if (level === 'medium') {
    const spec = `input ${side}x${side}x${c} > conv ${f1} 3 pad=same > maxpool 2 > conv ${f2} 3 pad=same > maxpool 2 > flatten > dense ${classes}`;
    return countQuestion(msg('q.model', { spec: arrows(spec) }), spec, (answer, r) => [
      mistake('forgotPooling', total(spec.replace(/ > maxpool 2/g, '')), 'why.forgotPooling'),
      mistake('forgotBiases', answer - sizeOf(r, 'bias'), 'why.forgotBiases'),
      mistake('poolingParams', answer + BigInt(4 * (f1 + f2)), 'why.poolHasNoWeights'),
    ]);
  }
  const spec = `input ${side}x${side}x${c} > conv ${f1} 3 pad=same > bn > maxpool 2 > conv ${f2} 3 > bn > gap > dense ${classes}`;
  const r = evaluate(spec);
  const trainable = r.report.counts.trainable;
  return {
    prompt: msg('q.modelTrainable', { spec: arrows(spec) }),
    spec,
    answer: trainable,
    mistakes: [
      mistake('statsTrainable', r.report.counts.total, 'why.statsTrainable', { c: `${f1} + ${f2}` }),
      mistake('gapAsFlatten', total(spec.replace('gap', 'flatten')) - r.report.counts.nonTrainable, 'why.gapAsFlatten'),
      mistake('forgotBatchNorm', trainable - BigInt(2 * (f1 + f2)), 'why.forgotBatchNorm'),
    ],
    working: [...working(r), `${n(r.report.counts.total)} − ${n(r.report.counts.nonTrainable)} = ${n(trainable)}`],
  };
};
