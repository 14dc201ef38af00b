/** Pooling and output shapes: no parameters, but the sizes decide the next layer's count. */
import { msg } from '../../i18n/messages.js';
import { evaluate, mistake, n, type TopicGenerator } from '../question.js';

/** The output length the engine computed for the first spatial axis of a layer. */
const height = (spec: string, row = 0): number => evaluate(spec).report.rows[row]!.record.outputShape[0] as number;

export const pooling: TopicGenerator = (rng, level) => {
  if (level === 'easy') {
    const k = rng.pick([2, 3]);
    const side = rng.pick([28, 32, 56, 112, 224]);
    const c = rng.pick([16, 32, 64]);
    if (rng.next() < 0.5) {
      const spec = `maxpool ${k} in=${side}x${side}x${c}`;
      const r = evaluate(spec);
      return {
        prompt: msg('q.poolParams', { k: String(k), shape: `${side}×${side}×${c}` }),
        spec,
        answer: r.report.counts.total,
        mistakes: [
          mistake('poolWeightsPerChannel', k * k * c, 'why.poolHasNoWeights'),
          mistake('poolWeights', k * k, 'why.poolHasNoWeights'),
          mistake('poolWeightsAndBias', (k * k + 1) * c, 'why.poolHasNoWeights'),
        ],
        working: [`${r.report.rows[0]!.record.typeName}: 0`],
      };
    }
    const spec = `maxpool 2 in=${side}x${side}x${c}`;
    const out = height(spec);
    return {
      prompt: msg('q.poolHeight', { shape: `${side}×${side}×${c}` }),
      spec,
      answer: BigInt(out),
      mistakes: [
        mistake('sameSize', side, 'why.poolShrinks'),
        mistake('strideOne', side - 1, 'why.poolStride'),
        mistake('quartered', side / 4, 'why.poolHalvesEachAxis'),
      ],
      working: [`⌊(${side} − 2)/2⌋ + 1 = ${out}`],
    };
  }
  if (level === 'medium') {
    const side = rng.pick([28, 32, 56, 64, 224]);
    const k = rng.pick([3, 5, 7]);
    const stride = rng.pick([2, 3]);
    const c = rng.pick([16, 32, 64]);
    const spec = `conv 3 ${c} ${k} stride=${stride} in=${side}x${side}`;
    const out = height(spec);
    return {
      prompt: msg('q.convHeight', { side: String(side), k: String(k), stride: String(stride), c: n(c) }),
      spec,
      answer: BigInt(out),
      mistakes: [
        mistake('ignoredStride', side - k + 1, 'why.ignoredStride', { stride: String(stride) }),
        mistake('forgotPlusOne', Math.floor((side - k) / stride), 'why.forgotPlusOne'),
        mistake('assumedSame', Math.ceil(side / stride), 'why.assumedSame'),
      ],
      working: [`⌊(${side} − ${k})/${stride}⌋ + 1 = ${out}`],
    };
  }
  const side = rng.pick([28, 32, 64]);
  const c = rng.pick([1, 3]);
  const filters = rng.pick([8, 16, 32]);
  const k = rng.pick([3, 5]);
  const spec = `input ${side}x${side}x${c} > conv ${filters} ${k} > maxpool 2 > flatten`;
  const r = evaluate(spec);
  const flat = r.report.output[0] as number;
  const afterConv = side - k + 1;
  const afterPool = Math.floor(afterConv / 2);
  return {
    prompt: msg('q.flattenSize', { shape: `${side}×${side}×${c}`, f: n(filters), k: String(k) }),
    spec,
    answer: BigInt(flat),
    mistakes: [
      mistake('forgotConvShrink', Math.floor(side / 2) ** 2 * filters, 'why.forgotConvShrink', { k: String(k) }),
      mistake('forgotPool', afterConv * afterConv * filters, 'why.forgotPool'),
      mistake('inputChannels', afterPool * afterPool * c, 'why.inputChannelsAfterConv', { f: n(filters) }),
    ],
    working: [`${side} − ${k} + 1 = ${afterConv}`, `⌊${afterConv}/2⌋ = ${afterPool}`, `${afterPool}×${afterPool}×${filters} = ${n(flat)}`],
  };
};
