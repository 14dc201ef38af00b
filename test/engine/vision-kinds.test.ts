/**
 * The vision kinds: windowed attention (Swin V1 and V2, MaxViT), layer scale, space to depth; and
 * the module paths (`features.1:`) the torchvision presets are written with. Each worked example
 * is the module of a torchvision 0.14 model named beside it, its count the sum of the numel() of
 * that module's parameters (the arithmetic in the comment).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { tensorSize } from '../../src/engine/counts.js';
import { SpecError } from '../../src/engine/errors.js';
import { evaluate, renderSymbols } from '../../src/engine/expr.js';
import { renderHelp } from '../../src/engine/help.js';
import { visionKinds } from '../../src/engine/layers/vision.js';
import { renderCount } from '../../src/engine/render.js';
import { parseBody, printBody } from '../../src/engine/spec.js';
import { describeConventionFree, errorOf, only, type WorkedExample } from '../support/count.js';

/** [spec, total, formula with numbers, the torchvision module it is] */
const CASES: readonly WorkedExample[] = [
  // qkv 96·288 + 288, proj 96·96 + 96, relative_position_bias_table 169×3
  ['windowattn 3 96 window=7', 37_755, '3×(96 + 1)×96 + (96 + 1)×96 + 13×13×3', 'swin_t features.1.0.attn'],
  // qkv, proj; logit_scale 3; cpb_mlp.0 2·512 + 512; cpb_mlp.2 512·3 (no bias)
  ['windowattn 3 96 window=8 v2=true', 40_323, '3×(96 + 1)×96 + (96 + 1)×96 + 3 + (2 + 1)×512 + 512×3', 'swin_v2_t features.1.0.attn'],
  // to_qkv 64·192 + 192, merge 64·64 + 64, table 169×2 (heads = 64 / head_dim 32)
  ['windowattn 2 64 window=7 names=to_qkv,merge', 16_978, '3×(64 + 1)×64 + (64 + 1)×64 + 13×13×2', 'maxvit_t blocks.0.layers.0.layers.window_attention.attn_layer.1'],
  // 3·1025·1024 + 1025·1024 + 169·32
  ['windowattn 32 1024 window=7', 4_203_808, '3×(1,024 + 1)×1,024 + (1,024 + 1)×1,024 + 13×13×32', 'swin_b features.7.0.attn'],
  // ShiftedWindowAttention(128, [7, 5], [0, 0], 4, qkv_bias=False, proj_bias=False): 4·128² + 13·9·4
  ['windowattn 4 128 window=7x5 bias=false', 66_004, '3×128×128 + 128×128 + 13×9×4', 'a 7×5 window without biases'],
  // torchvision fixes the MLP at 512 (ShiftedWindowAttentionV2(128, [8, 8], [0, 0], 4, proj_bias=False): 69,508);
  // at 256: 3·129·128 + 128² + 4 + 3·256 + 256·4
  ['windowattn 4 128 cpb=256 v2=true qkv_bias=true proj_bias=false', 67_716, '3×(128 + 1)×128 + 128×128 + 4 + (2 + 1)×256 + 256×4', 'V2 with a narrower position-bias MLP'],
  // ConvNeXt-Tiny features.1.0.layer_scale: torch.ones(96, 1, 1) · 1e-6, a parameter
  ['layerscale 96', 96, '96', 'convnext_tiny features.1.0.layer_scale'],
  ['spacetodepth 2 in=56x56x96', 0, '0', 'the first step of swin_t features.2 (PatchMerging)'],
];

describeConventionFree(CASES);

describe('windowed attention', () => {
  it('prints its formula in symbols: the table has (2M−1)² rows per head', () => {
    expect(renderSymbols(only('windowattn 3 96').record.formula())).toBe('3×(D + 1)×D + (D + 1)×D + (2M−1)×(2M−1)×h');
    expect(renderSymbols(only('windowattn 3 96 window=7x5').record.formula())).toBe('3×(D + 1)×D + (D + 1)×D + (2M_h−1)×(2M_w−1)×h');
    expect(renderSymbols(only('windowattn 3 96 v2=true').record.formula())).toBe('3×(D + 1)×D + (D + 1)×D + h + (2 + 1)×cpb + cpb×h');
  });
  it('names its tensors as torchvision does, and the matrices LoRA can adapt', () => {
    const v1 = only('windowattn 3 96 --framework pytorch').record;
    expect(v1.tensors.map((t) => `${t.name} ${t.shape.join('x')}`)).toEqual(['qkv.weight 288x96', 'qkv.bias 288', 'proj.weight 96x96', 'proj.bias 96', 'relative_position_bias_table 169x3']);
    const v2 = only('windowattn 3 96 window=8 v2=true --framework pytorch').record;
    expect(v2.tensors.map((t) => t.name)).toEqual(['qkv.weight', 'qkv.bias', 'proj.weight', 'proj.bias', 'logit_scale', 'cpb_mlp.0.weight', 'cpb_mlp.0.bias', 'cpb_mlp.2.weight']);
    expect(v2.linears.map((l) => [l.name, l.inFeatures, l.outFeatures, l.roles])).toEqual([
      ['qkv', 96, 288, ['q', 'k', 'v']],
      ['proj', 96, 96, ['o']],
      ['cpb_mlp.0', 2, 512, []],
      ['cpb_mlp.2', 512, 3, []],
    ]);
  });
  it('counts the weights at every token and the scores within each window', () => {
    const row = only('windowattn 3 96 in=56x56');
    const tokens = 56n * 56n;
    const weights = tokens * 4n * 96n * 96n; // qkv 3·D² and proj D² at each of the 3,136 tokens
    const scores = 2n * tokens * 49n * 96n; // QKᵀ and A·V: each token meets the 49 of its window
    expect(row.record.macs).toBe(weights + scores);
    expect(row.record.attention).toEqual({ heads: 3, kvHeads: 3, headDim: 32, scoreMacs: scores });
    // padded up to whole windows (Swin): 30 → 35 per side
    expect(only('windowattn 3 96 ceil=true in=30x30').record.macs).toBe(35n * 35n * (4n * 96n * 96n + 2n * 49n * 96n));
  });
  it('names the common mistakes: the window area, the index buffer, one copy per window', () => {
    const text = renderCount(count('windowattn 3 96 in=56x56'), 'en');
    expect(text).toContain(`${(37_755 - 507 + 147).toLocaleString('en-US')}: the table has a row per relative offset, (2M−1)² for a 7×7 window`);
    expect(text).toContain(`${(37_755 + 2401).toLocaleString('en-US')}: relative_position_index, (M²)² entries for a 7×7 window, is a buffer`);
    expect(text).toContain(`${(37_755 * 64).toLocaleString('en-US')}: every window uses the same Q/K/V and output weights`);
    const ids = only('windowattn 3 96 v2=true in=56x56')
      .record.mistakes()
      .map((m) => m.id);
    expect(ids).toEqual(['countedIndexBuffer', 'forgotPositionBias', 'forgotLogitScale', 'perWindow']);
    expect(renderCount(count('windowattn 3 96 in=56x56'), 'zh-TW')).toContain('相對位置偏差');
  });
  it('refuses heads that do not divide the width, cpb without v2, a window past its bound, a map that does not tile', () => {
    expect(errorOf('windowattn 5 96')).toBe('`windowattn`: 96 channels do not divide into 5 heads.');
    expect(errorOf('windowattn 3 96 cpb=256')).toMatch(/`cpb=256` sets the width of Swin V2's position-bias MLP: add v2=true/);
    expect(errorOf('windowattn 3 96 window=1025')).toMatch(/`window=1025` is too large for window: the largest size accepted is 1,024/);
    expect(errorOf('windowattn 3 96 in=30x30')).toMatch(/the side 30 is not a multiple of 7: give ceil=true/);
    expect(errorOf('windowattn 3 in=56x56')).toMatch(/windowattn/);
  });
  it("LoRA on Swin-T's qkv: r·(C + 3C) in each of its 12 blocks", () => {
    // 8·4·(2·96 + 2·192 + 6·384 + 2·768) = 141,312
    const lora = count('swin_t > lora r=8 targets=qkv').lora!;
    expect(lora.trainable).toBe(141_312n);
    expect(lora.modules[0]).toBe('features.1.0.attn.qkv');
  });
});

describe('layer scale and space to depth', () => {
  it('layer scale: one γ per channel, inferred inside a model, initialised small but learned', () => {
    expect(count('input 14x14x384 > residual { dense 384 > layerscale }').report.counts.total).toBe(385n * 384n + 384n);
    const text = renderCount(count('layerscale 96 in=56x56'), 'en');
    expect(text).toContain('0: the layer scale is initialised to a constant but it is learned: 96 parameters, one per channel.');
    expect(text).toContain(`${(56 * 56 * 96).toLocaleString('en-US')}: γ is one per channel (96), shared by every position.`);
  });
  it('space to depth: H/B × W/B × B²C, odd sides padded only when asked', () => {
    expect(count('spacetodepth 2 in=56x56x96').report.output).toEqual([28, 28, 384]);
    expect(count('spacetodepth 2 ceil=true in=7x7x96').report.output).toEqual([4, 4, 384]);
    expect(errorOf('spacetodepth 2 in=7x7x96')).toMatch(/the side 7 is not a multiple of 2: give ceil=true/);
    expect(errorOf('spacetodepth 65536 in=65536x65536x65536')).toMatch(/more elements than can be counted exactly/);
  });
  it("Swin's patch merging is a def: space to depth, LayerNorm 4C, Linear 4C → 2C without bias", () => {
    // swin_t features.2 (PatchMerging(96)): norm 2·384 + reduction 384·192 = 74,496; V2 norms 2C: 74,112
    expect(count('input 56x56x96 > patch_merging 96 --framework pytorch').report.counts.total).toBe(74_496n);
    expect(count('input 56x56x96 > patch_merging_v2 96 --framework pytorch').report.counts.total).toBe(74_112n);
    // the slip the kind names is carried on: a merge that kept C channels gives the LayerNorm C, not 4C
    expect(
      only('spacetodepth 2 in=56x56x96')
        .record.mistakes()
        .find((m) => m.id === 'keptChannels')?.output,
    ).toEqual([28, 28, 96]);
  });
  it('each counts its own example (what /explain shows)', () => {
    for (const kind of visionKinds) expect(count(kind.example).report.rows).toHaveLength(1);
  });
  it('are in --help with their options', () => {
    const help = renderHelp('en');
    for (const word of ['windowattn HEADS D', 'layerscale C', 'spacetodepth B', 'window=M or MxN', 'ceil=true']) expect(help).toContain(word);
    expect(renderHelp('zh-TW')).toContain('空間轉深度');
  });
});

describe('module paths as names', () => {
  it('a dotted name is a path of nested modules, as torchvision prints them', () => {
    const { report } = count('input 8x8x4 > features.0: { 0: conv 8 3 pad=1 > 1: ln } > features.1: { dense 8 } x2 > head: @features.0 --framework pytorch');
    expect(report.rows.map((r) => r.module)).toEqual(['features.0.0', 'features.0.1', 'features.1.0', 'features.1.1', 'features.0.0', 'features.0.1']);
    expect(report.rows[4]?.shared).toBe('features.0');
    expect(printBody(parseBody('features.1: { dense 8 } x2'))).toBe('features.1: { dense 8 } x2');
  });
  it('refuses a name that is no path', () => {
    expect(errorOf('input 8 > features.: dense 4')).toMatch(/`features\.:` is not a valid name: .* e\.g\. `block1:` or `features\.1:`/);
    expect(errorOf('input 8 > a: dense 8 > @a..b')).toMatch(/`@a\.\.b` is not a valid reference/);
  });
});

/** The vision kinds with random sizes and options, on inputs they accept. */
const visionLayer = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(1, 2, 3, 4, 8),
      fc.integer({ min: 1, max: 48 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 4 }),
      fc.constantFrom('', ' v2=true', ' v2=true cpb=64', ' bias=false', ' qkv_bias=false', ' proj_bias=false'),
    )
    .map(([h, k, mh, mw, n, opt]) => `windowattn ${h} ${h * k} window=${mh}x${mw}${opt} in=${mh * n}x${mw * n}`),
  fc.tuple(fc.integer({ min: 1, max: 512 }), fc.integer({ min: 1, max: 9 })).map(([c, s]) => `layerscale ${c} in=${s}x${s}`),
  fc
    .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 64 }), fc.boolean())
    .map(([b, s, c, ceil]) => `spacetodepth ${b} in=${b * s + (ceil ? b - 1 : 0)}x${b * s}x${c}${ceil ? ' ceil=true' : ''}`),
);

describe('properties of the vision kinds', () => {
  it('formula = sum of the tensors = the count, the same under both conventions, and print round-trips', () => {
    fc.assert(
      fc.property(visionLayer, (spec) => {
        const keras = count(`${spec} --framework keras`).report;
        const pytorch = count(`${spec} --framework pytorch`).report;
        expect(keras.counts).toEqual(pytorch.counts);
        for (const row of [...keras.rows, ...pytorch.rows]) {
          const sum = row.record.tensors.reduce((a, t) => a + tensorSize(t), 0n);
          expect(evaluate(row.record.formula())).toBe(sum);
          expect(row.counts.total).toBe(sum);
        }
        const printed = printBody(parseBody(spec));
        expect(count(printed).report.counts).toEqual(keras.counts);
      }),
      { numRuns: 300 },
    );
  });

  it('windowed attention matches the closed form 4·D² + (qkv ? 3D : 0) + (proj ? D : 0) + bias table or MLP', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 32 }), fc.boolean(), fc.boolean(), fc.boolean(), (h, k, m, qkv, proj, v2) => {
        const d = BigInt(h * k);
        const spec = `windowattn ${h} ${h * k} window=${m} qkv_bias=${qkv} proj_bias=${proj}${v2 ? ' v2=true' : ''}`;
        const bias = v2 ? BigInt(h) + 3n * 512n + 512n * BigInt(h) : BigInt((2 * m - 1) ** 2 * h);
        expect(only(spec).counts.total).toBe(4n * d * d + (qkv ? 3n * d : 0n) + (proj ? d : 0n) + bias);
      }),
      { numRuns: 200 },
    );
  });

  it('random options never crash: counted or refused with a SpecError', () => {
    const token = fc.constantFrom('window=0', 'window=7x', 'window=99999', 'cpb=0', 'v2=maybe', 'ceil=2', 'names=a', 'names=a,b', 'in=7x7', 'in=1x1x3', 'bias=false');
    fc.assert(
      fc.property(fc.constantFrom('windowattn 3 96', 'windowattn 3', 'layerscale', 'spacetodepth 2', 'spacetodepth 0'), fc.array(token, { maxLength: 3 }), (head, options) => {
        try {
          count([head, ...new Set(options.map((o) => o))].join(' '));
        } catch (e) {
          if (!(e instanceof SpecError)) throw e;
        }
      }),
      { numRuns: 200 },
    );
  });
});
