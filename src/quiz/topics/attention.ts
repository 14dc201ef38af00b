/**
 * Attention and the transformer layer: the Q/K/V/O projections with and without biases (PyTorch
 * nn.MultiheadAttention packs Q, K, V into one in_proj and splits D evenly across heads; Keras
 * MultiHeadAttention takes any key_dim and value_dim per head), the heads that split the
 * projections rather than multiply them, grouped- and multi-query attention (kv_heads), and a whole
 * encoder layer (attention, feed-forward block and two LayerNorms) or GPT-2 block.
 */
import { msg } from '../../i18n/messages.js';
import { attention, feedForward, ln, mha, type AttentionBias, type Piece } from '../describe.js';
import { layerDraft } from '../forms.js';
import type { Template, TopicTemplates } from '../question.js';
import { range, type Rng } from '../random.js';
import { block, n } from './common.js';

const HEADS = [2, 3, 4, 6, 8, 12, 16];
const HEAD_DIMS = range(8, 128, 8);
const STEPS = range(16, 4096, 16);

/** h heads of d_h: D = h·d_h, as nn.MultiheadAttention requires. */
function geometry(rng: Rng, heads: readonly number[] = HEADS) {
  const h = rng.pick(heads);
  const dh = rng.pick(HEAD_DIMS);
  return { h, dh, d: h * dh, t: rng.pick(STEPS) };
}

const yes = (b: boolean) => (b ? 'yes' : 'no');

/** nn.MultiheadAttention(D, h): 4·D² weights and, unless bias=False, 4·D biases, however many heads. */
function torchMha(id: string, o: { bias: 'yes' | 'either' }): Template {
  return {
    id,
    draft(rng) {
      const { h, d, t } = geometry(rng);
      const bias = o.bias === 'yes' || rng.next() < 0.6;
      const piece = mha({ heads: h, d, bias, style: 'pytorch' });
      return layerDraft(rng, { piece, input: [t, d], ask: rng.next() < 0.5 ? 'ask.torchParams' : 'ask.params', quantity: 'params', hint: msg('hint.attention') });
    },
  };
}

/** Keras MultiHeadAttention: key_dim (and value_dim) per head, D/h only when chosen so. */
function kerasMha(id: string, o: { heads: 'even' | 'free' | 'value' }): Template {
  return {
    id,
    draft(rng) {
      const { h, dh, d, t } = geometry(rng);
      const key = o.heads === 'even' ? dh : rng.pick(HEAD_DIMS.filter((k) => k !== dh));
      const value = o.heads === 'value' ? rng.pick(HEAD_DIMS.filter((x) => x !== key)) : undefined;
      const bias = o.heads === 'even' || rng.next() < 0.7;
      const piece = mha({ heads: h, d, keyDim: key, ...(value !== undefined && { valueDim: value }), bias, selfCall: true, style: 'keras' });
      return layerDraft(rng, { piece, input: [t, d], ask: 'ask.params', quantity: 'params', hint: msg('hint.kerasMha') });
    },
  };
}

const BIAS_CHOICES: readonly AttentionBias[] = ['none', 'qkv', 'all'];

/** Separate Q/K/V/O with fewer K/V heads (grouped-query; 1: multi-query), as LLaMA, Mistral and Qwen2 have them. */
function groupedQuery(id: string, o: { biases: readonly AttentionBias[]; headDim?: boolean }): Template {
  return {
    id,
    draft(rng) {
      const h = rng.pick([4, 6, 8, 12, 16, 24, 32]);
      const kv = rng.pick(range(1, h - 1).filter((k) => h % k === 0));
      const dh = rng.pick(range(16, 256, 16));
      // A head_dim of its own (Gemma's 256 with D = 3072): h·d_h need not be D.
      const d = o.headDim ? h * rng.pick(range(16, 256, 16).filter((x) => x !== dh)) : h * dh;
      const t = rng.pick(STEPS);
      const bias = rng.pick(o.biases);
      const piece = attention({ heads: h, d, kvHeads: kv, ...(o.headDim && { headDim: dh }), bias });
      return layerDraft(rng, { piece, input: [t, d], ask: 'ask.params', quantity: 'params', hint: msg('hint.gqa') });
    },
  };
}

/** The feed-forward width: 4·D, or another (dim_feedforward is an argument). */
const width = (rng: Rng, d: number, free: boolean) => (free && rng.next() < 0.6 ? rng.pick(range(d, 8 * d, Math.max(8, d / 4)).filter((f) => f !== 4 * d)) : 4 * d);

/** nn.TransformerEncoderLayer (post-norm): self_attn, norm1, linear1 → linear2, norm2; PyTorch 2.1's bias=False takes every bias away. */
function encoderLayer(id: string, o: { framework: 'pytorch' | 'keras' | 'either'; freeWidth: boolean; noBias?: boolean }): Template {
  return block(
    id,
    (rng) => {
      const { h, d, t } = geometry(rng, [2, 4, 8, 12, 16]);
      const f = width(rng, d, o.freeWidth);
      const torch = o.framework === 'pytorch' || (o.framework === 'either' && rng.next() < 0.5) || o.noBias === true;
      const bias = !(o.noBias && rng.next() < 0.7);
      const layers: Piece[] = [mha({ heads: h, bias, style: torch ? 'pytorch' : 'either' }), ln({ bias }), feedForward({ f, bias, kind: 'mlp', act: 'relu' }), ln({ bias })];
      const params = { d: n(d), heads: String(h), f: n(f), t: n(t), key: String(d / h), bias: yes(bias) };
      return { model: { input: [t, d], layers }, prose: (v) => msg(torch ? 'd.encoderTorch' : 'd.encoderKeras', { v: String(v), ...params }) };
    },
    msg('hint.encoder'),
  );
}

/** GPT-2's block (pre-norm): ln_1, attn (c_attn: Q, K, V in one matrix; c_proj), ln_2, mlp (c_fc D → 4D, c_proj), every bias kept. */
const gpt2Block = block(
  'gpt2Block',
  (rng) => {
    const { h, d, t } = geometry(rng, [4, 8, 12, 16, 20, 25]);
    const layers: Piece[] = [ln({}), attention({ heads: h, bias: 'all' }), ln({}), feedForward({ f: 4 * d, bias: true, kind: 'mlp' })];
    return { model: { input: [t, d], layers }, prose: (v) => msg('d.gpt2Block', { v: String(v), d: n(d), heads: String(h), t: n(t), f: n(4 * d) }) };
  },
  msg('hint.gpt2Block'),
);

export const attentionTopic: TopicTemplates = {
  easy: [
    torchMha('torchMha', { bias: 'yes' }),
    kerasMha('kerasMha', { heads: 'even' }),
    groupedQuery('gqa', { biases: ['none'] }),
    encoderLayer('encoderLayer', { framework: 'pytorch', freeWidth: false }),
  ],
  medium: [
    torchMha('torchMhaBias', { bias: 'either' }),
    kerasMha('kerasKeyDim', { heads: 'free' }),
    groupedQuery('gqaBiases', { biases: BIAS_CHOICES }),
    encoderLayer('encoderWidth', { framework: 'either', freeWidth: true }),
  ],
  hard: [
    encoderLayer('encoderNoBias', { framework: 'pytorch', freeWidth: true, noBias: true }),
    groupedQuery('gqaHeadDim', { biases: BIAS_CHOICES, headDim: true }),
    gpt2Block,
    kerasMha('kerasValueDim', { heads: 'value' }),
  ],
};
