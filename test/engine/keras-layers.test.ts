/**
 * The layers the Keras Applications models need beyond the basics, each with a worked example in
 * both conventions, its common mistakes, and `from NAME` (a cell fed by two earlier tensors).
 * Keras numbers: keras/src/layers/preprocessing/normalization.py (Keras 3.16) adds `mean` and
 * `variance` of the kept axes and a scalar `count`, all trainable=False, when no mean is given;
 * Rescaling keeps scale and offset as plain attributes; ConvNeXt's LayerScale adds one `gamma` of
 * shape (C,) (keras/src/applications/convnext.py).
 */
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { renderNumbers } from '../../src/engine/expr.js';
import { parseBody, printBody } from '../../src/engine/spec.js';
import { counts, errorOf, only } from '../support/count.js';

describe.each([
  // [spec, Keras [total, non-trainable], PyTorch total, formula]
  ['normalization 3', [7, 7], 0, '2×3 + 1'],
  ['normalization 3 fixed=true', [0, 0], 0, '0'],
  ['normalization 64 in=7x7', [129, 129], 0, '2×64 + 1'],
  ['rescaling in=224x224x3', [0, 0], 0, '0'],
  ['layerscale 96', [96, 0], 96, '96'],
  ['hardsigmoid in=1x1x72', [0, 0], 0, '0'],
  ['crop 1:0 in=57x57x32', [0, 0], 0, '0'],
] as const)('%s', (spec, [total, nonTrainable], torch, formula) => {
  it(`Keras ${total} (${nonTrainable} non-trainable), PyTorch ${torch}`, () => {
    const keras = counts(spec);
    expect([keras.total, keras.nonTrainable]).toEqual([BigInt(total), BigInt(nonTrainable)]);
    expect(renderNumbers(only(spec).record.formula())).toBe(formula);
    expect(counts(`${spec} --framework pytorch`).total).toBe(BigInt(torch));
  });
});

describe('their mistakes', () => {
  const wrong = (spec: string) =>
    Object.fromEntries(
      only(spec)
        .record.mistakes()
        .map((m) => [m.id, m.counts]),
    );
  it('an adapted Normalization: given γ and β like a BatchNorm, or counted without its count', () => {
    const m = wrong('normalization 3');
    expect(m.normalizationAffine?.total).toBe(12n);
    expect(m.normalizationForgotCount).toEqual({ total: 6n, trainable: 0n, nonTrainable: 6n });
  });
  it('a Normalization with given mean and variance: its constants taken for weights', () => {
    expect(wrong('normalization 3 fixed=true').normalizationConstants?.total).toBe(7n);
  });
  it('LayerScale: one γ per position, or a β besides', () => {
    const m = wrong('layerscale 96 in=56x56');
    expect(m.layerscalePerPosition?.total).toBe(56n * 56n * 96n);
    expect(m.layerscaleWithShift?.total).toBe(192n);
  });
  it('Rescaling: its scale and offset taken for weights', () => {
    expect(wrong('rescaling in=8x8x3').rescalingWeights?.total).toBe(2n);
  });
  it('cropping taken from one side only', () => {
    const m = only('crop 2 in=10x10x3')
      .record.mistakes()
      .find((x) => x.id === 'cropOneSide');
    expect(m?.output).toEqual([8, 8, 3]);
  });
});

describe('zero padding and cropping by edge, as Keras writes ((top, bottom), (left, right))', () => {
  const shape = (spec: string) => only(spec).record.outputShape;
  it('N, NxM, before:after and before:after per axis', () => {
    expect(shape('zeropad 3 in=224x224x3')).toEqual([230, 230, 3]);
    expect(shape('zeropad 1x2 in=8x8x3')).toEqual([10, 12, 3]);
    expect(shape('zeropad 0:1 in=224x224x3')).toEqual([225, 225, 3]); // imagenet_utils.correct_pad on an even size
    expect(shape('zeropad 0:1x1:0 in=8x8x3')).toEqual([9, 9, 3]);
    expect(shape('crop 1:0 in=57x57x32')).toEqual([56, 56, 32]);
    expect(shape('crop 2x1 in=10x10x3')).toEqual([6, 8, 3]);
  });
  it('names Keras and PyTorch types', () => {
    expect(only('zeropad 0:1 in=8x8x3').record.typeName).toBe('ZeroPadding2D');
    expect(only('crop 1 in=8x8x3').record.typeName).toBe('Cropping2D');
  });
  it('refuses a bad edge and a crop that leaves nothing, by name', () => {
    expect(errorOf('zeropad 1:2:3 in=8x8x3')).toMatch(/`1:2:3` is not a valid N: expected N, NxM, B:A/);
    expect(errorOf('crop 4 in=8x8x3')).toMatch(/`crop 4` leaves nothing of a 8×8×3 input/);
    expect(errorOf('zeropad a:1 in=8x8x3')).toMatch(/`a`/);
  });
});

describe('from NAME continues from an earlier output', () => {
  it('a branch reads a tensor other than the merge input (NASNet cells read two)', () => {
    const report = count('input 16x16x8 > p: conv 4 1 > x: conv 6 3 stride=2 pad=1 > concat { from p > conv 6 1 stride=2 | from x }').report;
    expect(report.output).toEqual([8, 8, 12]);
    expect(report.counts.total).toBe(36n + 222n + 30n);
  });
  it('reads the latest output under a name (a def called twice)', () => {
    const spec = 'def cell(c) { h: { conv c 1 } > add { from h | from h > conv c 3 pad=same } } > input 8x8x4 > cell 8 > cell 16';
    expect(count(spec).report.output).toEqual([8, 8, 16]);
  });
  it('is refused by name before its target, and with anything but one name', () => {
    expect(errorOf('input 8x8x3 > from zz')).toMatch(/`from zz`: no layer or group named `zz` has been evaluated before it/);
    expect(errorOf('input 8x8x3 > a: conv 4 1 > from a b')).toMatch(/`from a b`: `from` takes one name/);
    expect(errorOf('input 8x8x3 > from')).toMatch(/`from`: `from` takes one name/);
  });
  it('prints back and counts the same', () => {
    const spec = 'input 8x8x4 > a: conv 8 1 > b: conv 8 3 pad=same > concat { from a | from b > zeropad 0:1 > crop 1:0 }';
    const printed = printBody(parseBody(spec));
    expect(printBody(parseBody(printed))).toBe(printed);
    expect(printed).toContain('from a');
    expect(count(printed).report.counts).toEqual(count(spec).report.counts);
  });
});
