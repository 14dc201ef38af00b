/**
 * Pooling and output sizes: no parameters, but ⌊(H + 2p − k)/s⌋ + 1 decides every layer after it.
 * Heights and sizes of a pool or a convolution alone and after a chain, and the size a Flatten hands on.
 */
import { msg } from '../../i18n/messages.js';
import { conv, flatten, pool, type Model } from '../describe.js';
import { layerDraft, modelDraft, type AskKey } from '../forms.js';
import type { Template, TopicTemplates } from '../question.js';
import { range, type Rng } from '../random.js';

const HINT = msg('hint.height');
const SIDES = range(7, 300);

/** A MaxPooling2D (or AveragePooling2D) alone: the height of its output, or how many values it holds. */
function poolAlone(id: string, quantity: 'height' | 'size'): Template {
  return {
    id,
    draft(rng) {
      const k = rng.pick([2, 3]);
      const stride = rng.pick(quantity === 'height' ? [k, k, 2, 1].filter((s) => s <= k) : [k, 2].filter((s) => s <= k));
      const side = rng.pick(SIDES.filter((s) => s >= 8 && (quantity === 'height' || s <= 128)));
      const c = rng.pick(range(1, 256));
      const avg = quantity === 'height' && rng.next() < 0.3;
      const ask: AskKey = quantity === 'height' ? 'ask.height' : 'ask.size';
      return layerDraft(rng, { piece: pool({ k, stride, avg }), input: [side, side, c], ask, quantity, hint: HINT });
    },
  };
}

/** A convolution alone, with stride and padding (PyTorch writes the padding as a number): the output's height. */
function convHeight(id: string, dilation: boolean, strides: readonly number[]): Template {
  return {
    id,
    draft(rng) {
      const k = rng.pick([3, 5, 7]);
      const stride = rng.pick(strides);
      const pad = rng.pick([0, 1, 2, 3].filter((p) => p <= k / 2));
      const side = rng.pick(SIDES.filter((s) => s >= 16));
      const d = dilation ? rng.pick([2, 3]) : 1;
      const cin = rng.pick(range(1, 64));
      const o = { cin, cout: rng.pick(range(4, 256, 4)), k, stride, pad: pad === 0 ? undefined : pad, dilation: d };
      return layerDraft(rng, { piece: conv(o), input: [side, side, cin], ask: 'ask.height', code: 'pytorch', quantity: 'height', hint: HINT });
    },
  };
}

/** A model of size-changing layers from an input, asked for its last height or size. */
function chain(id: string, quantity: 'height' | 'size', make: (rng: Rng) => Model): Template {
  return { id, draft: (rng) => modelDraft(rng, { model: make(rng), lead: msg('lead.model'), ask: quantity === 'height' ? 'ask.height' : 'ask.size', quantity, hint: HINT }) };
}

/** Input → Conv2D → MaxPooling2D → Flatten: how many values reach the next layer. */
const flattenSize = chain('flattenSize', 'size', (rng) => {
  const side = rng.pick(SIDES.filter((s) => s >= 12 && s <= 128));
  return { input: [side, side, rng.pick([1, 3])], layers: [conv({ cout: rng.pick(range(2, 128)), k: rng.pick([3, 5]), stride: rng.pick([1, 1, 2]) }), pool({ k: 2 }), flatten] };
});

/** Two or three size-changing layers: the height at the end. */
const chainHeight = chain('chainHeight', 'height', (rng) => {
  const side = rng.pick(SIDES.filter((s) => s >= 28));
  return {
    input: [side, side, 3],
    layers: [
      conv({ cout: rng.pick(range(4, 128, 4)), k: rng.pick([3, 5, 7]), stride: rng.pick([1, 2]), pad: rng.pick([undefined, 'same'] as const) }),
      pool({ k: rng.pick([2, 3]), stride: 2 }),
      ...(rng.next() < 0.5 ? [conv({ cout: rng.pick(range(8, 256, 8)), k: 3, stride: rng.pick([1, 2]) })] : []),
    ],
  };
});

/** Two Conv2D + MaxPooling2D blocks, then Flatten: its size. */
const deepFlatten = chain('deepFlatten', 'size', (rng) => {
  const side = rng.pick(SIDES.filter((s) => s >= 28 && s <= 128));
  const f = rng.pick(range(4, 64));
  return {
    input: [side, side, rng.pick([1, 3])],
    layers: [conv({ cout: f, k: 3 }), pool({ k: 2 }), conv({ cout: f * rng.pick([1, 2]), k: 3, pad: rng.pick([undefined, 'same'] as const) }), pool({ k: 2 }), flatten],
  };
});

export const pooling: TopicTemplates = {
  easy: [poolAlone('poolHeight', 'height'), convHeight('stridedHeight', false, [2, 3]), poolAlone('poolSize', 'size')],
  medium: [flattenSize, convHeight('dilatedHeight', true, [1, 2]), poolAlone('poolHeight', 'height'), convHeight('convHeight', false, [1, 2, 2, 3])],
  hard: [chainHeight, deepFlatten, convHeight('dilatedHeight', true, [1, 2])],
};
