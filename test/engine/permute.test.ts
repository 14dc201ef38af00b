/**
 * `permute`: torchvision's Permute, which holds an image channels last (N×H×W×C) until the next
 * one. It changes no count and no shape the engine computes, only the order the rows print in
 * under PyTorch (torchinfo's, as a forward pass gives it): Swin's trunk and a ConvNeXt-style block.
 */
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { toJson } from '../../src/engine/json.js';
import { renderCount } from '../../src/engine/render.js';
import { parseBody, printBody } from '../../src/engine/spec.js';
import { errorOf } from '../support/count.js';

const MODEL = 'input 8x8x3 > conv 16 2 stride=2 > permute 0,2,3,1 > ln > dense 32 > permute 0,3,1,2 > gap keepdims=true';

const shapes = (spec: string) => (JSON.parse(toJson(count(spec))) as { layers: Array<{ type: string; outputShape: number[] }> }).layers.map((l) => [l.type, l.outputShape]);

describe('permute', () => {
  it('under PyTorch, the rows between two permutes are N×H×W×C', () => {
    expect(shapes(`${MODEL} --framework pytorch`)).toEqual([
      ['Conv2d', [16, 4, 4]],
      ['Permute', [4, 4, 16]],
      ['LayerNorm', [4, 4, 16]],
      ['Linear', [4, 4, 32]],
      ['Permute', [32, 4, 4]],
      ['AdaptiveAvgPool2d', [32, 1, 1]],
    ]);
    const text = renderCount(count(`${MODEL} --framework pytorch --layers`), 'en');
    expect(text).toMatch(/linear_1 \(Linear\)\s+\[1, 4, 4, 32\]\s+544/);
    // torchinfo's mult-adds read a Linear's output as N×H×W×C: 544 × 4·4
    expect(text).toContain('Total mult-adds (k): 12.06');
  });
  it('changes no count and no shape the engine computes', () => {
    const plain = count(MODEL.replaceAll(/ > permute 0,\d,\d,\d/g, '')).report;
    const permuted = count(MODEL).report;
    expect([permuted.counts, permuted.macs, permuted.output]).toEqual([plain.counts, plain.macs, plain.output]);
  });
  it('under Keras, channels last already, the first one changes nothing printed', () => {
    expect(shapes(`input 8x8x3 > conv 16 2 stride=2 > permute 0,2,3,1 > ln --framework keras`)).toEqual([
      ['Conv2D', [4, 4, 16]],
      ['Permute', [4, 4, 16]],
      ['LayerNormalization', [4, 4, 16]],
    ]);
  });
  it("swin_t's trunk: the stem's conv N×C×H×W, features.0.1 to the norm N×H×W×C, the permute back before the pooling", () => {
    const doc = JSON.parse(toJson(count('swin_t --framework pytorch'))) as { layers: Array<{ name: string; outputShape: number[] }>; blocks: Array<{ name: string; outputShape: number[] }> };
    const at = (name: string) => doc.layers.find((l) => l.name === name)!.outputShape;
    expect([at('features.0.0'), at('features.0.1'), at('features.7.1.mlp.3'), at('norm'), at('permute'), at('avgpool')]).toEqual([
      [96, 56, 56],
      [56, 56, 96],
      [7, 7, 768],
      [7, 7, 768],
      [768, 7, 7],
      [768, 1, 1],
    ]);
    expect(doc.blocks.find((b) => b.name === 'features.3')!.outputShape).toEqual([28, 28, 192]);
    // the module tree: a container's shape is its last call's (`features` is written only as a
    // prefix of its children's names, so its class is not known and not printed)
    expect(renderCount(count('swin_t --framework pytorch --depth 1'), 'en')).toMatch(/─features: 1-1\s+\[1, 7, 7, 768\]/);
  });
  it('takes the two permutations torchvision writes, and prints back as written', () => {
    expect(printBody(parseBody(MODEL))).toBe(MODEL);
    expect(errorOf('permute 0,1,3,2 in=4x4x8')).toMatch(/`0,1,3,2` is not a valid permute: expected one of 0,2,3,1 \| 0,3,1,2/);
    expect(count('permute 0,2,3,1 in=56x56x96').report.counts.total).toBe(0n);
  });
});
