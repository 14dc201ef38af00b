/**
 * Every torchvision preset's rows against real torchvision's named_modules() (the fixture written
 * by tools/truths/torchvision_modules.py; see test/support/framework-truths.ts), and its shapes
 * against a forward pass. A preset listed in TORCH_DIFFERENT does not match yet: the test holds
 * that list exact, so a preset fixed must leave it and no preset may fall into it.
 */
import { describe, expect, it } from 'vitest';
import { bars } from '../../src/charts/parameters.js';
import { count } from '../../src/engine/count.js';
import { toJson } from '../../src/engine/json.js';
import { renderCount } from '../../src/engine/render.js';
import { inFrameworkOrder, inOrder } from '../../src/engine/naming.js';
import { eachPresetAgainst, torchDifferences, torchvisionTruths } from '../support/framework-truths.js';

/** torchvision presets whose rows are not yet named as named_modules() names them: none left. */
const TORCH_DIFFERENT: ReadonlySet<string> = new Set([]);

describe('torchvision presets are named as named_modules() names them', () => {
  const truths = torchvisionTruths();
  eachPresetAgainst(truths, 80, 'pytorch', torchDifferences, TORCH_DIFFERENT);
});

describe('the chart of a torchvision preset', () => {
  it('labels its bars with the same module names', () => {
    const names = new Set(torchvisionTruths().vgg16!.modules.map(([name]) => name));
    const labels = bars(count('vgg16 --framework pytorch --layers').report, true).bars.map((b) => b.label);
    expect(labels.filter((l) => !names.has(l))).toEqual([]);
    expect(labels).toContain('features.28');
    // past 40 bars a block split over two says what each part holds, by the same names
    expect(bars(count('resnet18 --framework pytorch --layers').report, true).bars.map((b) => b.label)).toContain('layer2.0 conv1');
    expect(bars(count('resnet18 --framework pytorch').report, false).bars.map((b) => b.label)).toEqual(['conv1', 'bn1', 'layer1', 'layer2', 'layer3', 'layer4', 'fc']);
  });
});

describe("under PyTorch a preset's shapes are N×C×H×W, as a forward pass gives them", () => {
  const truths = torchvisionTruths();
  it.each(['resnet18', 'alexnet', 'vgg16'])('%s: every module call, in order, with its output shape', (preset) => {
    const rows = count(`${preset} --framework pytorch`).report.rows.filter((r) => r.call === 'module');
    const ours = rows.map((r) => [r.name, r.record.typeName, [1, ...inFrameworkOrder(r.record.outputShape, 'pytorch')]]);
    expect(ours).toEqual(truths[preset]!.calls);
  });
  // Rows of ours that are no leaf module torchvision calls: a module whose work is inside it
  // (ShiftedWindowAttention, nn.MultiheadAttention) or a parameter a module holds itself (ViT's
  // class_token, ConvNeXt's layer_scale).
  const UNCALLED = new Set(['ShiftedWindowAttention', 'ShiftedWindowAttentionV2', 'MultiheadAttention', 'Parameter', 'LayerScale']);
  // ConvNeXt's LayerNorm2d (over the channels of an N×C×H×W map) is written `ln`, nn.LayerNorm's kind.
  const AS_TYPE: Readonly<Record<string, string>> = { LayerNorm2d: 'LayerNorm' };
  it.each(['swin_t', 'swin_v2_t', 'vit_b_16', 'convnext_tiny'])('%s: each row torchvision calls has the type and shape of its call (N×H×W×C between Permutes)', (preset) => {
    const calls = new Map(truths[preset]!.calls!.map(([name, type, shape]) => [name, [AS_TYPE[type] ?? type, shape]]));
    const rows = count(`${preset} --framework pytorch`).report.rows.filter((r) => r.call === 'module');
    const called = rows.filter((r) => calls.has(r.name));
    expect(called.map((r) => [r.name, [r.record.typeName, [1, ...inOrder(r.record.outputShape, r.channels)]]])).toEqual(called.map((r) => [r.name, calls.get(r.name)]));
    expect(rows.filter((r) => !calls.has(r.name) && !UNCALLED.has(r.record.typeName)).map((r) => r.name)).toEqual([]);
    expect(called.length).toBeGreaterThan(70);
  });
  it('prints them as torchinfo does, batch first', () => {
    const text = renderCount(count('resnet18 --framework pytorch --layers'), 'en');
    expect(text).toMatch(/layer1\.0\.conv1 \(Conv2d\)\s+\[1, 64, 56, 56\]\s+36,864/);
    expect(text).toMatch(/layer2\.0\.downsample\.0 \(Conv2d\)\s+\[1, 128, 28, 28\]\s+8,192/);
    expect(text).not.toContain('None');
  });
  it('writes them C×H×W in --json, batch left out (DESIGN.md)', () => {
    const doc = JSON.parse(toJson(count('resnet18 --framework pytorch'))) as { layers: Array<{ name: string; outputShape: number[] }> };
    expect(doc.layers.find((l) => l.name === 'layer4.1.conv2')!.outputShape).toEqual([512, 7, 7]);
  });
});
