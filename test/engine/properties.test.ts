/**
 * Properties over random specs (fast-check): nothing crashes, formulas agree with tensors,
 * printing round-trips, totals split exactly, and counts match independent closed forms.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { countTensors, tensorSize } from '../../src/engine/counts.js';
import { SpecError } from '../../src/engine/errors.js';
import { evaluate } from '../../src/engine/expr.js';
import { toJson } from '../../src/engine/json.js';
import { parseBody, printBody } from '../../src/engine/spec.js';

const size = fc.integer({ min: 1, max: 512 });
const kernel = fc.constantFrom('1', '3', '5', '7', '3x5', '1x7');
const flag = fc.constantFrom('', ' bias=false');
const fw = fc.constantFrom('keras', 'pytorch');

/** Layers that stand on their own (all channels given). */
const standalone = fc.oneof(
  fc.tuple(size, size, kernel, flag).map(([a, b, k, f]) => `conv ${a} ${b} ${k}${f}`),
  fc.tuple(size, size, fc.constantFrom('3', '5'), fc.constantFrom('', ' groups=1')).map(([a, b, k, g]) => `conv1d ${a} ${b} ${k}${g}`),
  fc.tuple(size, size, fc.constantFrom('2', '3', '4'), fc.constantFrom('1', '2')).map(([a, b, k, s]) => `deconv ${a} ${b} ${k} stride=${s}`),
  fc.tuple(size, fc.constantFrom('3', '5'), fc.integer({ min: 1, max: 4 })).map(([c, k, m]) => `dwconv ${c} ${k} mult=${m}`),
  fc.tuple(size, size, fc.constantFrom('3', '5'), flag).map(([a, b, k, f]) => `sepconv ${a} ${b} ${k}${f}`),
  fc.tuple(size, size, flag).map(([a, b, f]) => `dense ${a} ${b}${f}`),
  fc.tuple(size, size).map(([v, d]) => `embedding ${v} ${d}`),
  fc.tuple(size, fc.constantFrom('', ' affine=false', ' center=false', ' scale=false')).map(([c, o]) => `bn ${c}${o}`),
  size.map((c) => `ln ${c}`),
  fc.tuple(fc.constantFrom(1, 2, 4, 8), fc.integer({ min: 1, max: 64 })).map(([g, k]) => `gn ${g} ${g * k}`),
  fc
    .tuple(fc.constantFrom('rnn', 'lstm', 'gru'), size, size, fc.integer({ min: 1, max: 3 }), fc.boolean(), flag)
    .map(([cell, i, h, l, bi, f]) => `${cell} ${i} ${h} layers=${l} bidirectional=${bi}${f}`),
  fc.tuple(fc.constantFrom(1, 2, 4, 8), fc.integer({ min: 1, max: 64 })).map(([h, k]) => `mha ${h} ${h * k}`),
  fc.tuple(fc.constantFrom('one', 'channel', 'element'), fc.integer({ min: 1, max: 32 })).map(([p, c]) => `prelu per=${p} in=4x4x${c}`),
  ...transformerLayers(),
);

/** The transformer kinds on their own: attention (GQA, fused, biases), MLPs, norms, embeddings, heads. */
function transformerLayers() {
  const heads = fc.constantFrom(1, 2, 4, 8);
  return [
    fc
      .tuple(heads, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 32 }), fc.constantFrom('', ' bias=false', ' qkv_bias=false out_bias=true', ' fused=true', ' rel_buckets=8', ' rope=true'))
      .map(([h, groups, k, opt]) => `attention ${h * groups} ${h * groups * k} kv_heads=${h}${opt} in=6`),
    fc.tuple(heads, fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 64 })).map(([h, d, dh]) => `attention ${h} ${d} head_dim=${dh} bias=false`),
    fc.tuple(fc.constantFrom('mlp', 'swiglu', 'geglu', 'glu act=relu'), size, size, flag).map(([k, d, f, b]) => `${k} ${d} ${f}${b}`),
    size.map((c) => `rmsnorm ${c}`),
    fc.tuple(size, flag).map(([c, b]) => `ln ${c}${b}`),
    fc.tuple(fc.constantFrom('posembed', 'typeembed'), size, size).map(([k, p, d]) => `${k} ${p} ${d}`),
    fc.tuple(size, size).map(([d, v]) => `lmhead ${d} ${v}`),
    size.map((d) => `pooler ${d}`),
    fc
      .tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom(2, 4, 8, 16), fc.integer({ min: 1, max: 6 }), size, fc.constantFrom('', ' cls=false', ' pos=false'))
      .map(([c, p, n, d, o]) => `patchembed ${c} ${p} ${d}${o} in=${p * n}x${p * n}`),
  ];
}

/** Small models that always chain: input, then layers that leave channels to inference. */
const model = fc
  .tuple(
    fc.constantFrom(16, 28, 32, 56),
    fc.integer({ min: 1, max: 4 }),
    fc.array(
      fc.oneof(
        fc.tuple(fc.integer({ min: 1, max: 64 }), fc.constantFrom('1', '3')).map(([c, k]) => `conv ${c} ${k} pad=same`),
        fc.constant('bn'),
        fc.constant('relu'),
        fc.constant('dwconv 3 pad=same'),
        fc.constant('maxpool 2 pad=1'),
        fc.constant('dropout 0.25'),
      ),
      { minLength: 0, maxLength: 5 },
    ),
    fc.boolean(),
  )
  .map(([hw, c, layers, head]) => [`input ${hw}x${hw}x${c}`, ...layers, ...(head ? ['flatten', 'dense 10'] : ['gap', 'dense 10'])].join(' > '));

/** Shape-preserving layers on a T×16 sequence, for random programs of groups and branches. */
const seqLayer = fc.constantFrom('ln', 'rmsnorm', 'dense 16', 'mlp 32', 'swiglu 24 bias=false', 'attention 4 kv_heads=2', 'attention 2 fused=true', 'gelu', 'dropout 0.1');

/** Random programs in the language: groups, repetition, residual, add and concat-then-project, names and shares. */
const program: fc.Arbitrary<string> = fc.letrec<{ item: string; chain: string }>((tie) => ({
  item: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    seqLayer,
    fc.tuple(tie('chain'), fc.integer({ min: 0, max: 3 })).map(([c, n]) => `{ ${c} } x${n}`),
    tie('chain').map((c) => `residual { ${c} }`),
    fc.tuple(tie('chain'), tie('chain')).map(([a, b]) => `add { ${a} | ${b} }`),
    tie('chain').map((c) => `concat { | ${c} } > dense 16`),
    tie('chain').map((c) => `{ ${c} } trainable=false`),
  ),
  chain: fc.array(tie('item'), { minLength: 1, maxLength: 3 }).map((items) => items.join(' > ')),
})).chain;

describe('properties', () => {
  it('every layer: formula = sum of tensor sizes = params, and total = trainable + non-trainable', () => {
    fc.assert(
      fc.property(standalone, fw, (spec, framework) => {
        let result;
        try {
          result = count(`${spec} --framework ${framework}`);
        } catch (e) {
          if (e instanceof SpecError) return; // e.g. PyTorch refusing a Keras-only head size
          throw e;
        }
        for (const row of result.report.rows) {
          const sum = row.record.tensors.reduce((a, t) => a + tensorSize(t), 0n);
          expect(evaluate(row.record.formula())).toBe(sum);
          expect(row.counts.total).toBe(sum);
          expect(row.counts.trainable + row.counts.nonTrainable).toBe(row.counts.total);
        }
        const { counts } = result.report;
        expect(counts.trainable + counts.nonTrainable).toBe(counts.total);
      }),
      { numRuns: 400 },
    );
  });

  it('models: totals are the sum of the rows, and JSON carries the same numbers', () => {
    fc.assert(
      fc.property(model, fw, (spec, framework) => {
        const result = count(`${spec} --framework ${framework}`);
        const sum = result.report.rows.reduce((a, r) => a + countTensors(r.record.tensors).total, 0n);
        expect(result.report.counts.total).toBe(sum);
        const json = JSON.parse(toJson(result)) as { total: number; layers: Array<{ params: number }> };
        expect(BigInt(json.total)).toBe(sum);
        expect(json.layers.reduce((a, l) => a + l.params, 0)).toBe(json.total);
      }),
      { numRuns: 200 },
    );
  });

  it('parse -> print -> parse round-trips', () => {
    fc.assert(
      fc.property(fc.oneof(standalone, model), (spec) => {
        const printed = printBody(parseBody(spec));
        expect(printBody(parseBody(printed))).toBe(printed);
        expect(count(printed).report.counts).toEqual(count(spec).report.counts);
      }),
      { numRuns: 300 },
    );
  });

  it('programs: rows sum to the totals, JSON agrees, print round-trips, and a shared copy adds nothing', () => {
    fc.assert(
      fc.property(program, fc.integer({ min: 1, max: 8 }), fw, (body, steps, framework) => {
        const spec = `input ${steps}x16 > ${body}`;
        const result = count(`${spec} --framework ${framework}`);
        const rows = result.report.rows.reduce((a, r) => a + r.counts.total, 0n);
        expect(result.report.counts.total).toBe(rows);
        expect(result.report.counts.trainable + result.report.counts.nonTrainable).toBe(rows);
        const json = JSON.parse(toJson(result)) as { total: number; layers: Array<{ params: number }> };
        expect(BigInt(json.total)).toBe(rows);
        const printed = printBody(parseBody(spec));
        expect(printBody(parseBody(printed))).toBe(printed);
        expect(count(`${printed} --framework ${framework}`).report.counts).toEqual(result.report.counts);
        const shared = count(`input ${steps}x16 > it: { ${body} } > @it > { @it } x2 --framework ${framework}`).report;
        expect(shared.counts).toEqual(result.report.counts);
        expect(shared.reused).toBe(3n * result.report.counts.total);
      }),
      { numRuns: 150 },
    );
  });

  it('transformer kinds count the same under Keras and PyTorch conventions (only layouts differ)', () => {
    fc.assert(
      fc.property(fc.oneof(...transformerLayers()), (spec) => {
        const keras = count(`${spec} --framework keras`);
        const pytorch = count(`${spec} --framework pytorch`);
        expect(keras.report.counts).toEqual(pytorch.report.counts);
        expect(keras.report.rows.every((r) => !r.record.conventionSensitive)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('tie= counts a tied weight once: an LM head tied to the embedding adds only its bias', () => {
    fc.assert(
      fc.property(size, size, fc.boolean(), fw, (v, d, bias, framework) => {
        const head = `lmhead ${v}${bias ? ' bias=true' : ''}`;
        const tied = count(`input 4 > wte: embedding ${v} ${d} > ${head} tie=wte --framework ${framework}`).report;
        expect(tied.counts.total).toBe(BigInt(v * d + (bias ? v : 0)));
        expect(tied.reused).toBe(BigInt(v * d));
      }),
    );
  });

  it('convolutions match the closed form k_h·k_w·C_in/g·C_out + C_out', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 7 }),
        fc.boolean(),
        (g, a, b, kh, kw, bias) => {
          const cin = g * a;
          const cout = g * b;
          const expected = BigInt(kh * kw * (cin / g) * cout + (bias ? cout : 0));
          expect(count(`conv ${cin} ${cout} ${kh}x${kw} groups=${g} bias=${bias}`).report.counts.total).toBe(expected);
        },
      ),
    );
  });

  it('LSTMs match gates·(IN·H + H·H + biases·H) per layer and direction', () => {
    fc.assert(
      fc.property(size, size, fc.integer({ min: 1, max: 3 }), fc.boolean(), fw, (i, h, layers, bi, framework) => {
        const dirs = bi ? 2 : 1;
        const biases = framework === 'keras' ? 1 : 2;
        let expected = 0;
        for (let l = 0; l < layers; l++) expected += dirs * 4 * ((l === 0 ? i : dirs * h) * h + h * h + biases * h);
        expect(count(`lstm ${i} ${h} layers=${layers} bidirectional=${bi} --framework ${framework}`).report.counts.total).toBe(BigInt(expected));
      }),
    );
  });

  it('random text never crashes: it is counted or refused with a SpecError', () => {
    const word = fc.constantFrom(
      'conv',
      'dense',
      'bn',
      'lstm',
      'input',
      'maxpool',
      'flatten',
      'vgg16',
      'nn.Conv2d(',
      'layers.Dense(',
      '>',
      ')',
      '(',
      ',',
      '{',
      '}',
      '|',
      'x3',
      'residual',
      'concat',
      '@a',
      'a:',
      'tie=a',
      'def',
      'f(c)',
      'if',
      'else',
      'c*2',
      'lora',
      'attention',
      'gpt2',
      '#',
    );
    const token = fc.oneof(
      word,
      fc.integer({ min: -5, max: 5000 }).map(String),
      fc.constantFrom('3x3', 'pad=same', 'stride=2', 'in=8x8', '=', 'x', '--json', '1.5', 'bias=false', 'groups=3'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 14 }), (tokens) => {
        try {
          count(tokens.join(' '));
        } catch (e) {
          expect(e).toBeInstanceOf(SpecError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
