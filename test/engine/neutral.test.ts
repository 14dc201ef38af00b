/**
 * Layer.neutral: a layer that says the framework changes nothing of it counts, shapes and refuses
 * alike under both, so the other framework's totals may take its record from the count's own
 * evaluation. Checked layer by layer over random geometry, and model by model: the totals with
 * records lent are the totals without.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADVERSARIAL } from '../../bench/adversarial.js';
import { SpecError } from '../../src/engine/errors.js';
import { countTensors } from '../../src/engine/counts.js';
import type { Layer } from '../../src/engine/layers/index.js';
import { evaluateModel, evaluateTotals, Records } from '../../src/engine/model.js';
import { PRESETS } from '../../src/engine/presets/index.js';
import { bodyNodes, parseRequest } from '../../src/engine/spec.js';
import type { Framework, Shape } from '../../src/engine/types.js';

const FRAMEWORKS: readonly Framework[] = ['keras', 'pytorch'];
const other = (fw: Framework): Framework => (fw === 'keras' ? 'pytorch' : 'keras');

/** The first layer of a spec's model and the input it is given. */
function firstLayer(spec: string): { layer: Layer; input: Shape } {
  const request = parseRequest(spec);
  if (request.t !== 'spec') throw new Error(`not a spec: ${spec}`);
  const { input, nodes } = bodyNodes(request.body, 'keras', request.seq);
  const node = nodes[0];
  if (node?.t !== 'layer' || input === undefined) throw new Error(`no layer after an input: ${spec}`);
  return { layer: node.layer, input };
}

/** What the other framework's totals read of a layer under `fw`, or the refusal's key. */
function outcome(layer: Layer, input: Shape, fw: Framework) {
  try {
    const o = layer.outcome(input, fw);
    return { counts: countTensors(o.tensors), output: o.outputShape, channels: o.channels, kind: o.kind };
  } catch (e) {
    if (e instanceof SpecError) return { refused: e.ref.key };
    throw e;
  }
}

describe('a neutral layer is the same under both frameworks', () => {
  const side = fc.integer({ min: 1, max: 40 });
  const conv = fc
    .tuple(
      fc.constantFrom('conv', 'conv1d', 'conv3d'),
      fc.integer({ min: 1, max: 16 }),
      fc.constantFrom('1', '2', '3', '5'),
      fc.constantFrom('', ' stride=2', ' stride=3', ' pad=same', ' pad=same stride=2', ' pad=1', ' pad=2 stride=2', ' dilation=2', ' exact=true stride=2'),
      fc.constantFrom('', ' bias=false', ' groups=2'),
      fc.tuple(side, side, side),
      fc.integer({ min: 1, max: 8 }),
    )
    .map(([kind, cout, k, geometry, more, [a, b, c], channels]) => {
      const spatial = kind === 'conv1d' ? `${a}` : kind === 'conv' ? `${a}x${b}` : `${a}x${b}x${c}`;
      return `input ${spatial}x${2 * channels} > ${kind} ${2 * cout} ${k}${geometry}${more}`;
    });
  const pool = fc
    .tuple(
      fc.constantFrom('maxpool', 'avgpool', 'maxpool1d', 'avgpool1d', 'maxpool3d', 'avgpool3d'),
      fc.constantFrom('1', '2', '3'),
      fc.constantFrom('', ' stride=1', ' stride=2', ' pad=same', ' pad=1', ' ceil=true', ' dilation=2', ' pad=1 ceil=true'),
      fc.tuple(side, side, side),
    )
    .map(([kind, k, options, [a, b, c]]) => {
      const spatial = kind.endsWith('1d') ? `${a}` : kind.endsWith('3d') ? `${a}x${b}x${c}` : `${a}x${b}`;
      return `input ${spatial}x4 > ${kind} ${k}${options}`;
    });
  const dense = fc
    .tuple(fc.array(side, { minLength: 0, maxLength: 2 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 64 }), fc.constantFrom('', ' bias=false'))
    .map(([leading, cin, cout, bias]) => `input ${[...leading, cin].join('x')} > dense ${cout}${bias}`);
  const activation = fc
    .tuple(fc.constantFrom('relu', 'gelu', 'softmax', 'act tanh', 'sigmoid'), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }))
    .map(([fn, dims]) => `input ${dims.join('x')} > ${fn}`);

  it('counts, shapes and refuses alike', () => {
    fc.assert(
      fc.property(fc.oneof(conv, pool, dense, activation), (spec) => {
        let parsed: { layer: Layer; input: Shape };
        try {
          parsed = firstLayer(spec);
        } catch (e) {
          if (e instanceof SpecError) return; // a layer refused as written (an option its kind has not)
          throw e;
        }
        const { layer, input } = parsed;
        if (!layer.neutral) return;
        expect(outcome(layer, input, 'pytorch')).toEqual(outcome(layer, input, 'keras'));
      }),
      { numRuns: 1500 },
    );
  });

  it('is said of convolutions PyTorch would refuse only when it would not', () => {
    expect(firstLayer('input 8x8x3 > conv 8 3 pad=same').layer.neutral).toBe(true);
    expect(firstLayer('input 8x8x3 > conv 8 3 pad=same stride=2').layer.neutral).toBe(false);
    expect(firstLayer('input 8x8x3 > bn').layer.neutral).toBe(false);
    expect(firstLayer('input 8x8x3 > prelu').layer.neutral).toBe(false);
  });
});

/** A model's totals under the other framework, with the count's records lent and without, or the refusal. */
function totalsBothWays(spec: string, fw: Framework) {
  const request = parseRequest(spec);
  if (request.t !== 'spec') return undefined;
  const own = bodyNodes(request.body, fw, request.seq);
  if (own.nodes.length === 0 && own.input === undefined) return undefined;
  const records = new Records(fw);
  try {
    evaluateModel(own.nodes, own.input, fw, undefined, records);
  } catch (e) {
    if (e instanceof SpecError) return undefined;
    throw e;
  }
  const theirs = bodyNodes(request.body, other(fw), request.seq);
  const totals = (lent?: Records) => {
    try {
      return evaluateTotals(theirs.nodes, theirs.input, other(fw), lent);
    } catch (e) {
      if (e instanceof SpecError) return e.ref.key;
      throw e;
    }
  };
  return { lent: totals(records), own: totals() };
}

describe("the other framework's totals with records lent", () => {
  it.each(PRESETS.map((p) => p.name))('are the totals evaluated anew: %s', (name) => {
    for (const fw of FRAMEWORKS) {
      const both = totalsBothWays(name, fw);
      if (both !== undefined) expect(both.lent).toEqual(both.own);
    }
  });

  it.each(ADVERSARIAL.map((a) => a.name))('are the totals evaluated anew: %s', (name) => {
    const spec = ADVERSARIAL.find((a) => a.name === name)!.spec(0);
    for (const fw of FRAMEWORKS) {
      const both = totalsBothWays(spec, fw);
      if (both !== undefined) expect(both.lent).toEqual(both.own);
    }
  });

  it('refuse what the other framework refuses', () => {
    const both = totalsBothWays('input 8x8x3 > conv 8 3 pad=same stride=2 > bn > relu', 'keras');
    expect(both).toEqual({ lent: 'err.samePaddingStride', own: 'err.samePaddingStride' });
  });
});
