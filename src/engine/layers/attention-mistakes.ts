/**
 * The mistake library every attention kind shares (Keras MultiHeadAttention and PyTorch
 * nn.MultiheadAttention as `mha`; separate Q/K/V/O projections with grouped-query heads as
 * `attention`). A kind says how its config reads as one geometry, an `AttentionView`; each mistake
 * is the count of that geometry with one thing misread (the heads taken to multiply, K and V given
 * every query head, the head size taken as D/h, ...), so both kinds name the same slips alike.
 */
import { msg } from '../../i18n/messages.js';
import { mistake, type MistakeDef, type MistakeInput } from './kind.js';

/** Q and K are h (and kv) heads of keyDim, V kv heads of valueDim, O reads h×valueDim back to D. */
export interface AttentionView {
  readonly model: number;
  /** Cross-attention: the width K and V read (the context's); the model's own otherwise. */
  readonly kvModel?: number | undefined;
  readonly heads: number;
  readonly kvHeads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly qkvBias: boolean;
  readonly outBias: boolean;
  /** The output projection's width (Keras's output_shape); the model's own otherwise. */
  readonly out?: number | undefined;
}

const big = BigInt;

/** The four projections of a view, weights and biases: the parameters the geometry has. */
function projections(v: AttentionView): bigint {
  const query = big(v.heads * v.keyDim);
  const keysValues = big(v.kvHeads * v.keyDim + v.kvHeads * v.valueDim);
  const d = big(v.model);
  const context = big(v.kvModel ?? v.model);
  return d * query + context * keysValues + (v.qkvBias ? query + keysValues : 0n) + output(v);
}

/** The output projection alone: h×valueDim → D (or output_shape) and its bias. */
const output = (v: AttentionView): bigint => big(v.heads * v.valueDim) * big(v.out ?? v.model) + (v.outBias ? big(v.out ?? v.model) : 0n);

/** The layer counted with the view misread as `wrong`: whatever else the layer holds is kept. */
const misread = (total: bigint, v: AttentionView, wrong: AttentionView): bigint => total + projections(wrong) - projections(v);

/** The attention mistakes for a kind whose resolved config reads as `view`; the geometry's own slips first (/count notes the first of each family). */
export function attentionMistakes<R>(view: (m: MistakeInput<R>) => AttentionView): MistakeDef<R>[] {
  return [
    mistake(
      'kvAsFullHeads',
      'structure',
      (m) => (view(m).kvHeads < view(m).heads ? misread(m.counts.total, view(m), { ...view(m), kvHeads: view(m).heads }) : undefined),
      (m) => msg('why.kvAsFullHeads', { heads: String(view(m).heads), kv: String(view(m).kvHeads) }),
    ),
    mistake(
      'evenHeads',
      'structure',
      (m) => {
        const v = view(m);
        const even = v.model % v.heads === 0 ? v.model / v.heads : undefined;
        return even !== undefined && (v.keyDim !== even || v.valueDim !== even) ? misread(m.counts.total, v, { ...v, keyDim: even, valueDim: even }) : undefined;
      },
      (m) => msg('why.evenHeads', { key: String(view(m).keyDim), value: String(view(m).valueDim) }),
    ),
    mistake(
      'headsMultiplied',
      'structure',
      (m) => (view(m).heads > 1 ? m.counts.total * big(view(m).heads) : undefined),
      (m) => msg('why.headsMultiplied', { h: String(view(m).heads) }),
    ),
    mistake(
      'forgotOutputProjection',
      'structure',
      (m) => m.counts.total - output(view(m)),
      () => msg('why.forgotOutputProjection'),
    ),
    mistake(
      'forgotBias',
      'bias',
      (m) => (view(m).qkvBias || view(m).outBias ? misread(m.counts.total, view(m), { ...view(m), qkvBias: false, outBias: false }) : undefined),
      () => msg('why.attentionBiases'),
    ),
    mistake(
      'forgotOutputBias',
      'bias',
      (m) => (view(m).outBias ? m.counts.total - big(view(m).model) : undefined),
      () => msg('why.attentionBiases'),
    ),
    mistake(
      'valueAsKeyDim',
      'structure',
      (m) => (view(m).valueDim !== view(m).keyDim ? misread(m.counts.total, view(m), { ...view(m), valueDim: view(m).keyDim }) : undefined),
      (m) => msg('why.valueDim', { value: String(view(m).valueDim) }),
    ),
    mistake(
      'addedBias',
      'bias',
      (m) => (!view(m).qkvBias && !view(m).outBias ? misread(m.counts.total, view(m), { ...view(m), qkvBias: true, outBias: true }) : undefined),
      () => msg('why.attentionNoBias'),
    ),
  ];
}
