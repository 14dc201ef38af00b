/**
 * --depth N: the module tree as torchinfo's summary(depth=N) shows it, checked against torchinfo's
 * own expected output for torchvision's resnet18 on a 64×64 image at depth 2
 * (tests/test_output/resnet18_depth_consistency.out, TylerYep/torchinfo 5c4164f).
 */
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { renderCount } from '../../src/engine/render.js';
import { moduleTree } from '../../src/engine/tree.js';
import { errorOf } from '../support/count.js';
import { torchvisionTruths } from '../support/framework-truths.js';

// torchinfo's rows below the model: [class: depth-idx, output shape, Param #]
const TORCHINFO_DEPTH_2 = `
├─Conv2d: 1-1                            [1, 64, 32, 32]           9,408
├─BatchNorm2d: 1-2                       [1, 64, 32, 32]           128
├─ReLU: 1-3                              [1, 64, 32, 32]           --
├─MaxPool2d: 1-4                         [1, 64, 16, 16]           --
├─Sequential: 1-5                        [1, 64, 16, 16]           --
│    └─BasicBlock: 2-1                   [1, 64, 16, 16]           73,984
│    └─BasicBlock: 2-2                   [1, 64, 16, 16]           73,984
├─Sequential: 1-6                        [1, 128, 8, 8]            --
│    └─BasicBlock: 2-3                   [1, 128, 8, 8]            230,144
│    └─BasicBlock: 2-4                   [1, 128, 8, 8]            295,424
├─Sequential: 1-7                        [1, 256, 4, 4]            --
│    └─BasicBlock: 2-5                   [1, 256, 4, 4]            919,040
│    └─BasicBlock: 2-6                   [1, 256, 4, 4]            1,180,672
├─Sequential: 1-8                        [1, 512, 2, 2]            --
│    └─BasicBlock: 2-7                   [1, 512, 2, 2]            3,673,088
│    └─BasicBlock: 2-8                   [1, 512, 2, 2]            4,720,640
├─AdaptiveAvgPool2d: 1-9                 [1, 512, 1, 1]            --
├─Linear: 1-10                           [1, 1000]                 513,000`;

/** [depth-idx, output shape, Param #] of a table's rows. */
const cells = (lines: readonly string[]) =>
  lines
    .map((l) => /(\d+-\d+)\s+(\[[^\]]*\])\s+(\S+)$/.exec(l))
    .filter((m) => m !== null)
    .map((m) => [m[1], m[2], m[3]]);

describe('--depth N, as torchinfo shows the tree', () => {
  it("resnet18 on 64×64 at depth 2: every row's depth-idx, output shape and Param # as torchinfo prints them", () => {
    const text = renderCount(count('resnet18 in=64x64 --framework pytorch --depth 2'), 'en');
    const ours = text.split('\n').filter((l) => /^[├│]/.test(l));
    expect(cells(ours)).toEqual(cells(TORCHINFO_DEPTH_2.trim().split('\n')));
    // the names beside torchinfo's classes: var_names, and the class where it is known
    expect(ours[0]).toMatch(/^├─Conv2d \(conv1\): 1-1 /);
    expect(ours[4]).toMatch(/^├─Sequential \(layer1\): 1-5 /);
    expect(ours[5]).toMatch(/^│ {4}└─BasicBlock \(0\): 2-1 /);
    expect(text).toContain('Layer (type (var_name):depth-idx)');
  });
  it("depth 3 (torchinfo's default, bare --depth) opens the blocks: BasicBlock 0's layers, numbered on across the model", () => {
    const rows = moduleTree(count('resnet18 --framework pytorch').report, 'resnet18');
    const flat = rows.map((r) => `${r.depth}-${r.index} ${r.name} ${r.params ?? '--'}`);
    expect(flat.slice(6, 13)).toEqual(['2-1 0 --', '3-1 conv1 36864', '3-2 bn1 128', '3-3 relu --', '3-4 conv2 36864', '3-5 bn2 128', '3-6 relu --']);
    // layer2.0.downsample after layer1's 12 rows and layer2.0's conv1 … bn2, collapsed at depth 3: 8,192 + 256
    expect(flat).toContain('3-18 downsample 8448');
    expect(renderCount(count('resnet18 --framework pytorch --depth'), 'en')).toContain('│    │    └─Conv2d (conv1): 3-1 ');
  });
});

/** Leaf modules whose kind is not yet torchvision's class (the layer record's type name is the kind's). */
const LEAF_DIFFERENT: ReadonlyMap<string, string> = new Map([
  // torchvision's LayerNorm2d (a LayerNorm over the channels of N×C×H×W); its layer_scale is a parameter of CNBlock, not a module
  ['LayerNorm', 'LayerNorm2d'],
  ['LayerScale', '(no module)'],
  // ViT's class token and position table are parameters of the model and of its encoder, rows of their own here
  ['Parameter', '(no module)'],
  // MaxViT's attention is RelativePositionalMultiHeadAttention; the kind is the one Swin's windows use
  ['ShiftedWindowAttention', 'RelativePositionalMultiHeadAttention'],
]);
/**
 * Containers the text creates only by a dotted name (`features.0: ...`, `trunk_output.block1: ...`,
 * MaxViT's `blocks.0: { layers.0: ... }`): no class is written for them.
 */
const IMPLICIT = /^(features|trunk_output|blocks(\.\d+\.layers)?)$/;

describe("a module's class in the tree, as torchinfo prints it", () => {
  const truths = torchvisionTruths();
  const presets = Object.keys(truths);
  it.each(presets)("%s: every class shown is torchvision's, every container written as a group has one", (preset) => {
    const classes = new Map(truths[preset]!.modules.map(([path, type]) => [path, type]));
    const rows = moduleTree(count(`${preset} --framework pytorch`).report, preset, 99).slice(1);
    const wrong = rows.filter((r) => r.type !== undefined && r.type !== classes.get(r.path) && LEAF_DIFFERENT.get(r.type) !== (classes.get(r.path) ?? '(no module)'));
    expect(wrong.map((r) => `${r.path}: ${r.type}, torchvision ${classes.get(r.path)}`)).toEqual([]);
    expect(rows.filter((r) => r.type === undefined && !IMPLICIT.test(r.path)).map((r) => `${r.path} (${classes.get(r.path)})`)).toEqual([]);
  });

  it('takes the class a def or a group declares (class=), and shows a container of no declared class by its name alone', () => {
    const rows = moduleTree(count('input 32x32x3 > stem: { conv 16 3 > bn } class=Stem > blocks: { basic_block 16 } x2 > head: { 0: gap > 1: dense 10 } --framework pytorch').report, 'm', 2);
    expect(errorOf('input 8x8x3 > b: { conv 4 3 } class=3x')).toMatch(/`class=3x` is not a class name/);
    expect(errorOf('def blk(c) class=a-b { conv c 3 }\ninput 8x8x3 > blk 4')).toMatch(/`class=a-b` is not a class name/);
    expect(rows.slice(1).map((r) => `${r.type ?? '-'} ${r.path}`)).toEqual([
      'Stem stem',
      'Conv2d stem.0',
      'BatchNorm2d stem.1',
      '- blocks',
      'BasicBlock blocks.0',
      'BasicBlock blocks.1',
      '- head',
      'AdaptiveAvgPool2d head.0',
      'Linear head.1',
    ]);
  });
});
