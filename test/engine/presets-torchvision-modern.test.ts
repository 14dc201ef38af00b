/**
 * torchvision 0.14's transformer-era classifiers: ConvNeXt, Swin, Swin V2, MaxViT and the ViTs,
 * under PyTorch conventions (sum(p.numel() for p in model.parameters())). Swin V2 and MaxViT are
 * new in torchvision 0.14, and so are here.
 *
 * Sources: the default counts are the `num_params` of each model's weights in torchvision 0.14
 * (torchvision/models/<file>.py, `<Model>_Weights.IMAGENET1K_V1.meta["num_params"]`, as the model
 * docs print them); the option variants are worked out beside each row from the module sizes
 * printed by `print(model)` (a classifier Linear D → 1000 has (D + 1)·1000 parameters).
 */
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { toJson } from '../../src/engine/json.js';
import { blockTable } from '../../src/engine/model.js';
import { findPreset } from '../../src/engine/presets/index.js';
import { renderCount } from '../../src/engine/render.js';
import { errorOf } from '../support/count.js';

/** A head Linear D → 1000 swapped for D → 10: (D + 1)·(1000 − 10) fewer. */
const tenClasses = (total: number, d: number) => total - (d + 1) * 990;

const PUBLISHED: ReadonlyArray<readonly [spec: string, total: number]> = [
  // torchvision/models/convnext.py, ConvNeXt_{Tiny,Small,Base,Large}_Weights.IMAGENET1K_V1 num_params
  ['convnext_tiny', 28_589_128],
  ['convnext_small', 50_223_688],
  ['convnext_base', 88_591_464],
  ['convnext_large', 197_767_336],
  // torchvision/models/swin_transformer.py, Swin_{T,S,B}_Weights.IMAGENET1K_V1 num_params
  ['swin_t', 28_288_354],
  ['swin_s', 49_606_258],
  ['swin_b', 87_768_224],
  // torchvision/models/swin_transformer.py, Swin_V2_{T,S,B}_Weights.IMAGENET1K_V1 num_params (new in 0.14)
  ['swin_v2_t', 28_351_570],
  ['swin_v2_s', 49_737_442],
  ['swin_v2_b', 87_930_848],
  // torchvision/models/maxvit.py, MaxVit_T_Weights.IMAGENET1K_V1 num_params (new in 0.14)
  ['maxvit_t', 30_919_624],
  // torchvision/models/vision_transformer.py, ViT_{B_32,L_32}_Weights.IMAGENET1K_V1 and
  // ViT_H_14_Weights.IMAGENET1K_SWAG_LINEAR_V1 (224×224) num_params; vit_b_16 and vit_l_16 are in presets.test.ts
  ['vit_b_32', 88_224_232],
  ['vit_l_32', 306_535_400],
  ['vit_h_14', 632_045_800],
  // The SWAG end-to-end weights at their own sizes: ViT_B_16 IMAGENET1K_SWAG_E2E_V1 (384×384,
  // 577 positions), ViT_L_16 (512×512, 1,025), ViT_H_14 (518×518, 1,370) num_params.
  ['vit_b_16 in=384x384', 86_859_496],
  ['vit_l_16 in=512x512', 305_174_504],
  ['vit_h_14 in=518x518', 633_470_440],

  // classes=10 (torchvision's num_classes=10): the head D → 1000 becomes D → 10, D the last width.
  ['convnext_tiny classes=10', tenClasses(28_589_128, 768)], // 27,827,818
  ['convnext_small classes=10', tenClasses(50_223_688, 768)],
  ['convnext_base classes=10', tenClasses(88_591_464, 1024)],
  ['convnext_large classes=10', tenClasses(197_767_336, 1536)],
  ['swin_t classes=10', tenClasses(28_288_354, 768)], // 27,527,044
  ['swin_s classes=10', tenClasses(49_606_258, 768)],
  ['swin_b classes=10', tenClasses(87_768_224, 1024)],
  ['swin_v2_t classes=10', tenClasses(28_351_570, 768)],
  ['swin_v2_s classes=10', tenClasses(49_737_442, 768)],
  ['swin_v2_b classes=10', tenClasses(87_930_848, 1024)],
  // MaxViT's last Linear 512 → 1000 has no bias: 512·(1000 − 10) fewer
  ['maxvit_t num_classes=10', 30_919_624 - 512 * 990], // 30,412,744
  ['vit_b_32 classes=10', tenClasses(88_224_232, 768)],
  ['vit_l_32 classes=10', tenClasses(306_535_400, 1024)],
  ['vit_h_14 classes=10', tenClasses(632_045_800, 1280)],

  // top=false: ConvNeXt keeps `features` (without avgpool and classifier: LayerNorm2d 2·D + Linear (D + 1)·1000)
  ['convnext_tiny top=false', 28_589_128 - 2 * 768 - 769 * 1000], // 27,818,592
  // Swin keeps `features` and `norm` (without the head Linear (D + 1)·1000)
  ['swin_t top=false', 28_288_354 - 769 * 1000], // 27,519,354
  ['swin_v2_b top=false', 87_930_848 - 1025 * 1000],
  // MaxViT keeps stem and blocks (without the classifier: LayerNorm 2·512, Linear 513·512, Linear 512·1000)
  ['maxvit_t top=false', 30_919_624 - 2 * 512 - 513 * 512 - 512 * 1000], // 30,143,944
  // ViT keeps conv_proj, class token and encoder (without heads.head (D + 1)·1000)
  ['vit_b_32 top=false', 88_224_232 - 769 * 1000],
  ['vit_h_14 top=false', 632_045_800 - 1281 * 1000],

  // representation_size=768 (torchvision's pre-logits: heads.pre_logits Linear D → 768 and tanh,
  // then heads.head 768 → 1000): vit_b_16 adds 769·768; vit_h_14 adds 1281·768 and its head
  // shrinks from 1281·1000 to 769·1000.
  ['vit_b_16 representation_size=768', 86_567_656 + 769 * 768], // 87,158,248
  ['vit_h_14 representation_size=768', 632_045_800 + 1281 * 768 - 1281 * 1000 + 769 * 1000], // 632,517,608
];

describe.each(PUBLISHED)('%s', (spec, total) => {
  it(`has ${total.toLocaleString('en-US')} parameters under PyTorch conventions, all trainable`, () => {
    const { report } = count(`${spec} --framework pytorch`);
    expect(report.counts).toEqual({ total: BigInt(total), trainable: BigInt(total), nonTrainable: 0n });
  });
});

describe('the framework', () => {
  it("Swin, MaxViT and ViT are torchvision's alone: counted under PyTorch conventions unless asked", () => {
    for (const name of ['swin_t', 'swin_v2_b', 'maxvit_t', 'vit_h_14']) expect(count(name).framework).toBe('pytorch');
  });
  it('none has BatchNorm statistics but MaxViT: under Keras conventions only its moving mean and variance are added', () => {
    expect(count('swin_t --framework keras').report.counts).toEqual({ total: 28_288_354n, trainable: 28_288_354n, nonTrainable: 0n });
    // MaxViT's BatchNorms: the stem's 64 and, per layer, pre_norm (C_in) and two of 4·C_out;
    // Keras would keep 2 statistics per channel of each.
    const bnChannels =
      64 +
      [
        [64, 64],
        [64, 64],
        [64, 128],
        [128, 128],
        [128, 256],
        [256, 256],
        [256, 256],
        [256, 256],
        [256, 256],
        [256, 512],
        [512, 512],
      ].reduce((a, [cin, cout]) => a + cin! + 8 * cout!, 0);
    expect(count('maxvit_t --framework keras').report.counts).toEqual({ total: 30_919_624n + 2n * BigInt(bnChannels), trainable: 30_919_624n, nonTrainable: 2n * BigInt(bnChannels) });
  });
});

describe('the stages, as torchvision builds them', () => {
  it('Swin-T per block: features.0 … features.7, norm, head', () => {
    // sum(p.numel() for p in swin_t().features[i].parameters()) for i = 0 … 7, then norm and head.
    // A block at C = 96, 3 heads: norm1 192 + attn (qkv 97·288 + proj 97·96 + table 169·3 = 37,755)
    // + norm2 192 + mlp (97·384 + 385·96 = 74,208) = 112,347; two of them 224,694.
    // Patch merging 96: norm 2·384 + reduction 384·192 = 74,496.
    const blocks = blockTable(count('swin_t').report).map((b) => [b.name, b.repeat, Number(b.counts.total)]);
    expect(blocks).toEqual([
      ['features.0', undefined, 4_896],
      ['features.1', 2, 224_694],
      ['features.2', undefined, 74_496],
      ['features.3', 2, 891_756],
      ['features.4', undefined, 296_448],
      ['features.5', 6, 10_658_952],
      ['features.6', undefined, 1_182_720],
      ['features.7', 2, 14_183_856],
      ['norm', undefined, 1_536],
      ['permute', undefined, 0],
      ['avgpool', undefined, 0],
      ['torch.flatten', undefined, 0],
      ['head', undefined, 769_000],
    ]);
  });

  it('ConvNeXt-Tiny per block, and the classifier with its LayerNorm', () => {
    // sum(p.numel() for p in convnext_tiny().features[i].parameters()); a CNBlock at C = 96:
    // dwconv 7·7·96 + 96, LayerNorm 2·96, Linear 97·384, Linear 385·96, layer_scale 96 = 79,296.
    const blocks = blockTable(count('convnext_tiny --framework pytorch').report).map((b) => [b.name, Number(b.counts.total)]);
    expect(blocks).toEqual([
      ['features.0', 4_896],
      ['features.1', 3 * 79_296],
      ['features.2', 74_112],
      ['features.3', 918_144],
      ['features.4', 295_680],
      ['features.5', 10_817_280],
      ['features.6', 1_181_184],
      ['features.7', 14_289_408],
      ['avgpool', 0],
      ['classifier', 770_536],
    ]);
  });

  it('MaxViT-T per block; a layer is its MBConv, its window and its grid attention', () => {
    // sum(p.numel() ...) of maxvit_t().stem, .blocks[i], .classifier; blocks[0].layers[0]:
    // MBconv 48,912 + window_attention 50,322 + grid_attention 50,322 = 149,556.
    const { report } = count('maxvit_t');
    expect(blockTable(report).map((b) => [b.name, Number(b.counts.total)])).toEqual([
      ['stem', 38_784],
      ['blocks.0', 294_952],
      ['blocks.1', 1_114_064],
      ['blocks.2', 11_165_456],
      ['blocks.3', 17_530_688],
      ['classifier', 775_680],
    ]);
    const under = (prefix: string) => report.rows.filter((r) => r.module.startsWith(prefix)).reduce((a, r) => a + r.counts.total, 0n);
    expect(under('blocks.0.layers.0.layers.MBconv.')).toBe(48_912n);
    expect(under('blocks.0.layers.0.layers.window_attention.')).toBe(50_322n);
    expect(under('blocks.0.layers.0.layers.grid_attention.')).toBe(50_322n);
  });

  it('--layers names every layer by its torchvision module path', () => {
    // Swin's trunk is N×H×W×C under PyTorch, between the stem's Permute and the one before the pooling
    const swin = renderCount(count('swin_t --layers'), 'en');
    expect(swin).toMatch(/features\.1\.0\.attn \(ShiftedWindowAttention\)\s+\[1, 56, 56, 96\]\s+37,755/);
    expect(swin).toMatch(/features\.2\.reduction \(Linear\)\s+\[1, 28, 28, 192\]\s+73,728/);
    expect(swin).toMatch(/features\.2\.norm \(LayerNorm\)\s+\[1, 28, 28, 384\]\s+768/);
    const convnext = renderCount(count('convnext_tiny --layers --framework pytorch'), 'en');
    expect(convnext).toMatch(/features\.1\.0\.block\.0 \(Conv2d\)\s+\[1, 96, 56, 56\]\s+4,800/);
    expect(convnext).toMatch(/features\.1\.0\.layer_scale \(LayerScale\)\s+\[1, 96, 56, 56\]\s+96/);
    expect(convnext).toMatch(/classifier\.0 \(LayerNorm\)\s+\[1, 768, 1, 1\]\s+1,536/);
    // Swin V2: the res-post-norm block and the continuous position bias, V2's patch merging (norm on 2C)
    const v2 = renderCount(count('swin_v2_t --layers'), 'en');
    expect(v2).toMatch(/features\.1\.0\.attn \(ShiftedWindowAttentionV2\)\s+\[1, 64, 64, 96\]\s+40,323/);
    expect(v2).toMatch(/features\.2\.norm \(LayerNorm\)\s+\[1, 32, 32, 192\]\s+384/);
  });

  it('JSON carries the blocks and the per-layer module paths', () => {
    const json = JSON.parse(toJson(count('swin_t --json'))) as { total: number; blocks: Array<{ name: string; params: number }>; layers: Array<{ name: string; params: number }> };
    expect(json.total).toBe(28_288_354);
    expect(json.blocks[1]).toMatchObject({ name: 'features.1', params: 224_694 });
    expect(json.layers.find((l) => l.name === 'features.7.1.attn')?.params).toBe(768 * 2304 + 2304 + 768 * 768 + 768 + 169 * 24);
  });
});

describe('shapes follow the input', () => {
  it('Swin pads an odd map to whole windows and merges an odd side; MaxViT refuses a map that does not tile', () => {
    // swin_t(…)(torch.zeros(1, 3, 200, 200)) runs: 50 → 25 → 13 → 7; the counts do not depend on the size
    const swin = count('swin_t in=200x200').report;
    expect(swin.counts.total).toBe(28_288_354n);
    expect(blockTable(swin).find((b) => b.name === 'features.7')?.output).toEqual([7, 7, 768]);
    // MaxVit(input_size=(100, 100)) raises: the block input 25 is not divisible by the partition size 7
    expect(errorOf('maxvit_t in=100x100')).toMatch(/`windowattn`: the side 25 is not a multiple of 7/);
  });
  it('Swin V2 counts the same at 256×256 and 224×224 (its position bias is computed, not tabled by size)', () => {
    expect(count('swin_v2_t in=224x224').report.counts.total).toBe(28_351_570n);
  });
});

describe('names and options', () => {
  it('is found by its torchvision name and the paper spellings', () => {
    expect(findPreset('Swin_V2_T')?.name).toBe('swin_v2_t');
    expect(findPreset('swin-tiny')?.name).toBe('swin_t');
    expect(findPreset('ConvNeXt-T')?.name).toBe('convnext_tiny');
    expect(findPreset('convnext_tiny')?.files.pytorch?.source).toContain('torchvision.models.convnext_tiny');
    expect(findPreset('MaxViT_T')?.name).toBe('maxvit_t');
  });
  it('refuses what torchvision does not take', () => {
    expect(errorOf('swin_t pooler=false')).toMatch(/`pooler=` is not an option of `swin_t`; it takes: top, classes, in, trainable/);
    expect(errorOf('vit_b_32 representation_size=-1')).toMatch(/representation_size/);
  });
  it('representation_size=0 is the default, no pre-logits layer', () => {
    expect(count('vit_b_32 representation_size=0').report.counts.total).toBe(88_224_232n);
  });
  it('a frozen backbone with a new head: only the head trains', () => {
    const c = count('convnext_tiny top=false trainable=false > gap > dense 2 --framework pytorch').report.counts;
    expect(c.nonTrainable).toBe(27_818_592n);
    expect(c.trainable).toBe(769n * 2n);
  });

  // torchvision/models/vision_transformer.py, VisionTransformer.__init__:
  // torch._assert(image_size % patch_size == 0, "Input shape indivisible by patch size!")
  it("refuses a ViT input side that is not a multiple of the patch, as torchvision's constructor does", () => {
    expect(errorOf('vit_b_16 in=230x230')).toMatch(/`conv` with exact=true: windows of 16 every 16 do not tile the side 230 \(6 left over\)/);
    expect(errorOf('vit_l_32 in=240x224')).toMatch(/do not tile the side 240/);
    expect(count('vit_b_16 in=384x384').report.counts.total).toBe(86_859_496n); // the expect line of vit_b_16.pq
  });
  it('exact=true on a convolution refuses what its windows leave over, and prints back', () => {
    expect(errorOf('conv 3 8 4 stride=4 exact=true in=10x10')).toMatch(/do not tile the side 10 \(2 left over\)/);
    expect(count('conv 3 8 3 stride=2 exact=true in=11x11').report.counts.total).toBe(224n); // (3·3·3 + 1)·8
    expect(count('input 11x11x3 > conv 8 3 stride=2 exact=true --layers').report.rows[0]!.record.spec()).toBe('conv 3 8 3 stride=2 exact=true');
  });
});
