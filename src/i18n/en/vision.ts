/** English messages: the vision kinds (windowed attention, layer scale, space-to-depth) and their mistakes. */
import type { P } from '../params.js';

export const vision = {
  'err.notTiled': (p: P<'kind' | 'size' | 'block'>) => `\`${p.kind}\`: the side ${p.size} is not a multiple of ${p.block}: give ceil=true to pad it up first (as Swin does), or another input size.`,
  'err.cpbWithoutV2': (p: P<'token'>) => `\`windowattn\`: \`${p.token}\` sets the width of Swin V2's position-bias MLP: add v2=true.`,
  'err.windowHeads': (p: P<'d' | 'heads'>) => `\`windowattn\`: ${p.d} channels do not divide into ${p.heads} heads.`,

  'kind.windowattn': () => `Attention in M×M windows (Swin, MaxViT): 3×(D+1)×D + (D+1)×D and a relative position bias of (2M−1)²×h (V2: an MLP and a logit scale).`,
  'kind.layerscale': () => `Layer scale (CaiT, ConvNeXt): a learned γ per channel that scales a block's output: C.`,
  'kind.spacetodepth': () => `Space to depth: B×B neighbours stacked on the channels, H×W×C → H/B×W/B×B²C; no parameters.`,

  'mistake.windowattn': () =>
    `the relative position bias has one row per offset between two positions of a window, (2M−1)² of them, times h heads: not M² and not M⁴ (that is the index buffer, not a parameter); every window shares the same weights.`,
  'mistake.layerscale': () => `γ starts at a tiny constant (1e-6 in ConvNeXt) but it is learned: C parameters, one per channel.`,
  'mistake.spacetodepth': () => `nothing is learned, but the channels grow B²-fold: Swin's patch merging normalizes 4C channels and projects 4C → 2C.`,

  'note.windowattn': (p: P<'m' | 'tokens' | 'heads'>) =>
    `Attention within ${p.m}×${p.m} windows (${p.tokens} tokens each, ${p.heads} heads): the Q/K/V and output weights are the same in every window, shifted or not.`,
  'note.windowTable': (p: P<'rows' | 'heads' | 'cpb' | 'index'>) =>
    `Relative position bias: a learned table of ${p.rows} offsets × ${p.heads} heads; the ${p.index} indexes that pick from it are a buffer, not parameters.`,
  'note.windowCpb': (p: P<'rows' | 'heads' | 'cpb' | 'index'>) =>
    `Swin V2: the bias of each of the ${p.rows} offsets comes from an MLP (2 → ${p.cpb} → ${p.heads}, the second layer without bias) on log-spaced coordinates (a buffer), and each head learns a logit scale for its cosine attention.`,
  'note.layerscale': (p: P<'c'>) => `Layer scale: ${p.c} learned γ, one per channel, multiply the block's output before it is added to the shortcut.`,

  'why.tableWindowArea': (p: P<'m' | 'h'>) => `the table has a row per relative offset, (2M−1)² for a ${p.m}×${p.m} window, not one per position of the window; times ${p.h} heads.`,
  'why.countedIndexBuffer': (p: P<'m'>) => `relative_position_index, (M²)² entries for a ${p.m}×${p.m} window, is a buffer: it picks rows of the table and is not learned.`,
  'why.forgotPositionBias': (p: P<'h'>) => `the relative position bias table is a parameter too: (2M−1)² rows, one column per head (${p.h}).`,
  'why.forgotCpb': (p: P<'h'>) => `Swin V2's position bias is learned too: the MLP 2 → 512 → ${p.h} (cpb_mlp) and a logit scale per head.`,
  'why.forgotLogitScale': (p: P<'h'>) => `cosine attention learns a logit scale per head: ${p.h} more parameters.`,
  'why.perWindow': () => `every window uses the same Q/K/V and output weights: they are counted once, not once per window.`,
  'why.layerScaleConstant': (p: P<'c'>) => `the layer scale is initialised to a constant but it is learned: ${p.c} parameters, one per channel.`,
  'why.layerScaleScalar': (p: P<'c'>) => `there is one γ per channel (${p.c}), not one for the whole block.`,
  'why.layerScalePerPosition': (p: P<'c'>) => `γ is one per channel (${p.c}), shared by every position.`,
  'why.keptChannels': (p: P<'b'>) => `space to depth keeps every value: the ${p.b}×${p.b} neighbours go onto the channels, ${p.b}²×C of them.`,
  'why.keptSize': (p: P<'b'>) => `the ${p.b}×${p.b} neighbours become channels, so each side shrinks ${p.b}-fold.`,

  'opt.window': () => `window=M or MxN the attention window of windowattn (default 7)`,
  'opt.v2': () => `v2=true Swin V2's windowed attention: continuous position bias MLP and logit scale instead of the table`,
  'opt.cpb': () => `cpb=N hidden width of Swin V2's position-bias MLP (default 512)`,
  'opt.proj_bias': () => `proj_bias=false windowattn's output projection without its bias (qkv_bias=false: Q/K/V's)`,
  'opt.ceil': () => `ceil=true pads H and W up to a multiple of the window or block first (Swin)`,
};
