/**
 * How well the quiz names a wrong answer, measured independently of its mistake library, with two
 * students who count by hand (test/support/student.ts and beyond.ts: their own parser and formulas)
 * on a few hundred generated questions per topic, the values fed through the same diagnosis as
 * /answer.
 *
 * The library's mistakes: the first student makes each common mistake the library lists once in
 * each layer. Right: the diagnosis includes the mistake's name (named as the cause, or as one way
 * to the number beside a shape of the difference); wrong: it names others, or calls the number a
 * rounding; not named: it says none (a shape alone is no name). Goal per topic: at least 95% right,
 * none wrong.
 *
 * Mistakes beyond the library: the second student makes slips no listed mistake describes (a
 * layer counted twice, swapped channels, one filter short, a kernel one larger, Adam at 8 bytes,
 * ...). Nothing can name them; right: the diagnosis says what the difference equals (alone, or
 * with listed mistakes as only possible ways); wrong: it names a listed mistake as the cause, or
 * calls the number a rounding; not named: it says nothing. Goal per topic: under 0.5% wrong.
 *
 * Arbitrary wrong values (the answer off by a product of two small numbers, as a slip of any kind
 * leaves it) stand in for slips neither student makes: under 0.5% may be named for sure, by a
 * coincidence with a listed mistake.
 *
 * Inverse and "which layer" questions are left out (their wrong answers are whole numbers only by
 * chance). Memory questions are answered in bytes from the student's own count (and the memory
 * slips made there), LoRA questions from its own adapters; the student's right answer must be the
 * engine's on every question it counts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { diagnose, diagnosisIds, namedMistakes } from '../../src/quiz/diagnose.js';
import { generate } from '../../src/quiz/generator.js';
import type { Question } from '../../src/quiz/question.js';
import { rng } from '../../src/quiz/random.js';
import { LEVELS, TOPICS, type Topic } from '../../src/domain/index.js';
import {
  applies,
  countAll,
  LORA_NAMES,
  LORA_SLIPS,
  loraApplies,
  MEMORY_NAMES,
  MEMORY_SLIPS,
  memoryApplies,
  memoryOf,
  NAMES,
  quantityOf,
  readSpec,
  sized,
  SIZE_SLIPS,
  SLIPS_BY_KIND,
  type Quantity,
  type Spec,
  type Totals,
} from '../support/student.js';
import { beyondAttempts } from '../support/beyond.js';

const PER_CELL = 60;
/** Arbitrary wrong values tried per question. */
const ARBITRARY = 10;

interface Attempt {
  readonly value: bigint;
  /** Names the library may give it. */
  readonly names: readonly string[];
  /** The layer it is made in, by index (undefined: the whole count). */
  readonly layer?: number;
  readonly what: string;
}

/** Every mistaken answer the student gives to `q`, with what each mistake is called. */
function attempts(q: Question): Attempt[] {
  if (q.ask.kind === 'inverse' || q.ask.kind === 'largest') return [];
  const spec = readSpec(q.spec);
  const quantity: Quantity = q.ask.kind === 'read' ? q.ask.quantity : 'params';
  const right = countAll(spec);
  const out: Attempt[] = [];
  const ask = q.ask.kind === 'memory' ? q.ask : undefined;
  // a memory question reads the bytes off the (mis)count; any other, the quantity asked
  const value = (t: Totals) => (ask ? memoryOf(spec, t, ask.quantity) : quantityOf(quantity, t));
  const answer = (v: bigint | undefined) => (q.ask.kind === 'saving' && v !== undefined ? standard(q) - v : v);
  if (ask) {
    for (const slip of MEMORY_SLIPS) {
      if (memoryApplies(spec, right, ask.quantity, slip)) out.push({ value: memoryOf(spec, right, ask.quantity, slip), names: MEMORY_NAMES[slip], what: `${slip} in memory` });
    }
  }
  if (spec.lora) {
    // the adapters miscounted (the base is frozen: a slip in it changes no trainable count, and a question states its size)
    if (!ask || ask.counted) for (const slip of LORA_SLIPS) if (loraApplies(spec, slip)) out.push({ value: value(countAll(spec, undefined, slip))!, names: LORA_NAMES[slip], what: `${slip} in LoRA` });
  } else if (!ask || ask.counted) {
    slipsInLayers(spec, value, answer, out);
    wholeCount(q, spec, right, quantity, out);
  }
  if (q.ask.kind === 'read' && quantity === 'trainable') out.push({ value: right.params, names: ['gaveTotal', 'statsTrainable', 'frozenCounted'], what: 'the total for the trainable' });
  const correct = q.answer;
  return out.filter((a) => a.value !== correct && a.value >= 0n && !(quantity === 'height' && a.value < 1n));
}

/** Each slip of each layer's kind, made in that layer alone. */
function slipsInLayers(spec: Spec, value: (t: Totals) => bigint | undefined, answer: (v: bigint | undefined) => bigint | undefined, out: Attempt[]): void {
  spec.layers.forEach((layer, at) => {
    for (const slip of SLIPS_BY_KIND[layer.kind] ?? []) {
      if (!applies(layer, slip, spec.framework) || (!sized(spec) && SIZE_SLIPS.has(slip))) continue;
      let v: bigint | undefined;
      try {
        v = answer(value(countAll(spec, { at, slip })));
      } catch {
        continue; // a slip that makes the rest uncountable (a kernel larger than its input)
      }
      if (v !== undefined) out.push({ value: v, names: NAMES[slip], layer: at, what: `${slip} in ${layer.kind}` });
    }
  });
}

/** Norm layers by kind, as a student who leaves them all out sees them. */
const NORMS: Readonly<Record<string, readonly string[]>> = {
  ln: ['leftOutAllLayerNormalization', 'leftOutAllLayerNorm'],
  rmsnorm: ['leftOutAllRMSNormalization', 'leftOutAllRMSNorm'],
};

/** Slips of the whole count: a layer left out, every norm of a kind left out, the wrong quantity given. */
function wholeCount(q: Question, spec: Spec, right: Totals, quantity: Quantity, out: Attempt[]): void {
  // the whole count: a layer left out, every bias left out, the wrong quantity given
  const weighted = spec.layers.map((_, i) => ({ i, params: layerParams(spec, i) })).filter((x) => x.params > 0n);
  if (weighted.length >= 2 && q.ask.kind === 'read' && ['params', 'trainable', 'macs'].includes(quantity)) {
    for (const { i } of weighted) {
      const without = leaveOut(spec, i, right);
      if (without !== undefined) out.push({ value: quantityOf(quantity, without)!, names: ['leftOut'], layer: i, what: `left out layer ${i}` });
    }
    for (const [kind, names] of Object.entries(NORMS)) {
      const norms = weighted.filter(({ i }) => spec.layers[i]!.kind === kind);
      if (norms.length >= 2 && norms.length < weighted.length && quantity === 'params')
        out.push({ value: right.params - norms.reduce((a, x) => a + x.params, 0n), names, what: `every ${kind} left out` });
    }
  }
  if (q.ask.kind === 'read') {
    if (quantity === 'params' && right.macs !== right.params && right.macs > 0n) out.push({ value: right.macs, names: ['macsForParams'], what: 'MACs for parameters' });
    if (quantity === 'macs') {
      out.push({ value: right.params, names: ['paramsForMacs'], what: 'parameters for MACs' });
      out.push({ value: 2n * right.macs, names: ['flopsForMacs'], what: 'FLOPs for MACs' });
    }
  }
  if (q.ask.kind === 'saving') {
    out.push({ value: countAll(spec).params, names: ['gaveOwnCount'], what: 'the separable count for the saving' });
    out.push({ value: standard(q), names: ['gaveOtherCount'], what: 'the standard count for the saving' });
  }
}

/** The student's answer to a question it counts (a quantity or bytes); undefined for the others. */
function studentAnswer(q: Question): bigint | undefined {
  const spec = readSpec(q.spec);
  if (q.ask.kind === 'memory') return memoryOf(spec, countAll(spec), q.ask.quantity);
  return q.ask.kind === 'read' ? quantityOf(q.ask.quantity, countAll(spec)) : undefined;
}

/** The saving question's standard convolution, counted by the student. */
const standard = (q: Question) => (q.ask.kind === 'saving' ? countAll(readSpec(q.ask.versus)).params : 0n);

/** One layer's parameters as the student counts them. */
function layerParams(spec: Spec, i: number): bigint {
  const upTo = countAll({ ...spec, layers: spec.layers.slice(0, i + 1) }).params;
  const before = i === 0 ? 0n : countAll({ ...spec, layers: spec.layers.slice(0, i) }).params;
  return upTo - before;
}

/** The count with layer i's parameters (and MACs) left out, its shape kept. */
function leaveOut(spec: Spec, i: number, right: Totals): Totals | undefined {
  const upTo = countAll({ ...spec, layers: spec.layers.slice(0, i + 1) });
  const before = i === 0 ? { params: 0n, trainable: 0n, macs: 0n } : countAll({ ...spec, layers: spec.layers.slice(0, i) });
  return { params: right.params - (upTo.params - before.params), trainable: right.trainable - (upTo.trainable - before.trainable), macs: right.macs - (upTo.macs - before.macs), out: right.out };
}

interface Tally {
  right: number;
  /** Of the right ones, those said beside a shape of the difference (one way to the number, not the cause). */
  hedged: number;
  wrong: number;
  unnamed: number;
  examples: string[];
}
const emptyTally = (): Tally => ({ right: 0, hedged: 0, wrong: 0, unnamed: 0, examples: [] });
const tallies = new Map<Topic, { library: Tally; beyond: Tally; arbitrary: { n: number; sure: number } }>();

const share = (t: Tally) => {
  const n = t.right + t.wrong + t.unnamed;
  const pct = (x: number) => `${((100 * x) / Math.max(n, 1)).toFixed(1)}%`;
  return `${String(n).padStart(5)}: ${pct(t.right)} right (${pct(t.hedged)} as one way), ${pct(t.wrong)} wrong, ${pct(t.unnamed)} not named`;
};

afterAll(() => {
  const sure = (a: { n: number; sure: number }) => `${((100 * a.sure) / Math.max(a.n, 1)).toFixed(2)}% of ${a.n} named for sure`;
  const lines = [...tallies].map(([topic, t]) => `${topic.padEnd(10)} library ${share(t.library)} | beyond ${share(t.beyond)} | arbitrary ${sure(t.arbitrary)}`);
  const sum = (k: 'library' | 'beyond') =>
    [...tallies.values()].reduce(
      (a, t) => ({ right: a.right + t[k].right, hedged: a.hedged + t[k].hedged, wrong: a.wrong + t[k].wrong, unnamed: a.unnamed + t[k].unnamed, examples: [] }),
      emptyTally(),
    );
  const all = [...tallies.values()].reduce((a, t) => ({ n: a.n + t.arbitrary.n, sure: a.sure + t.arbitrary.sure }), { n: 0, sure: 0 });
  console.log(
    [
      "Mistaken answers, per topic (the library's mistakes | mistakes beyond it | arbitrary wrong values):",
      ...lines,
      `${'all'.padEnd(10)} library ${share(sum('library'))} | beyond ${share(sum('beyond'))} | arbitrary ${sure(all)}`,
    ].join('\n'),
  );
});

/** The ask the beyond-the-library student answers: a read quantity, or bytes; undefined for the rest. */
function beyondAsk(q: Question): Parameters<typeof beyondAttempts>[1] | undefined {
  if (q.ask.kind === 'read') return { kind: 'read', quantity: q.ask.quantity };
  if (q.ask.kind === 'memory') return { kind: 'memory', quantity: q.ask.quantity, counted: q.ask.counted };
  return undefined;
}

describe('a wrong answer gets the right name, and never a wrong one', () => {
  for (const topic of TOPICS) {
    it(`${topic}: the library's mistakes at least 95% named right, none wrong; mistakes beyond it under 0.5% wrong`, () => {
      const library = emptyTally();
      const beyond = emptyTally();
      const arbitrary = { n: 0, sure: 0 };
      tallies.set(topic, { library, beyond, arbitrary });
      const random = rng(topic.length);
      for (const level of LEVELS) {
        for (let i = 0; i < PER_CELL; i++) {
          const q = generate(i * 15_485_863 + 7, level, topic);
          const rows = count(q.spec).report.rows.map((r) => r.name);
          // the student's own count must be the engine's answer, or its slips measure nothing
          const own = studentAnswer(q);
          if (own !== undefined && own !== q.answer) expect.fail(`${topic} ${q.template} ${q.spec}: the student counts ${own}, the engine ${q.answer}`);
          for (const a of attempts(q)) {
            const d = diagnose(q, a.value);
            const named = namedMistakes(d);
            const matches = named.some((m) => {
              const [id, layer] = m.id.split('@');
              return a.names.includes(id!) && (a.layer === undefined || layer === undefined || layer === rows[a.layer]);
            });
            // a cause (or a rounding) said that is not the student's is wrong; a true difference said instead is only not named
            if (matches) {
              library.right++;
              if (d.kind === 'possible') library.hedged++;
            } else if (d.kind === 'named' || d.kind === 'possible' || d.kind === 'note') {
              library.wrong++;
              if (library.examples.length < 5) library.examples.push(`${q.template} ${q.spec}: ${a.what} = ${a.value} told ${diagnosisIds(d).join(', ')}`);
            } else {
              library.unnamed++;
              if (library.examples.length < 10) library.examples.push(`${q.template} ${q.spec}: ${a.what} = ${a.value} unnamed`);
              if (process.env.MEASURE_VERBOSE) console.log(`${topic} ${q.template} ${q.spec}: ${a.what} = ${a.value} unnamed; named: ${q.mistakes.map((m) => `${m.id}=${m.value}`).join(' ')}`);
            }
          }
          // arbitrary wrong values, the answer off by a product of two small numbers (a slip of any kind
          // changes it so): how often one lands on a listed mistake and is named for sure by chance
          for (let j = 0; j < ARBITRARY; j++) {
            const off = BigInt(random.int(1, 300)) * BigInt(random.int(1, 40));
            const v = random.next() < 0.5 ? q.answer + off : q.answer - off;
            if (v <= 0n) continue;
            arbitrary.n++;
            if (diagnose(q, v).kind === 'named') arbitrary.sure++;
          }
          const ask = beyondAsk(q);
          if (!ask || q.spec.includes('lora')) continue;
          for (const b of beyondAttempts(readSpec(q.spec), ask)) {
            if (b.value === q.answer || b.value < 0n) continue;
            const d = diagnose(q, b.value);
            // none of these is listed: what the difference equals is right, a cause named for sure or a rounding is wrong
            if (d.kind === 'difference' || d.kind === 'possible') {
              beyond.right++;
              if (d.kind === 'possible') beyond.hedged++;
            } else if (d.kind === 'named' || d.kind === 'note') {
              beyond.wrong++;
              if (beyond.examples.length < 8) beyond.examples.push(`${q.template} ${q.spec}: ${b.what} = ${b.value} told ${diagnosisIds(d).join(', ')}`);
            } else beyond.unnamed++;
          }
        }
      }
      const n = library.right + library.wrong + library.unnamed;
      expect(n).toBeGreaterThan(300);
      expect(library.wrong, library.examples.join('\n')).toBe(0);
      expect(library.right / n, library.examples.join('\n')).toBeGreaterThanOrEqual(0.95);
      const m = beyond.right + beyond.wrong + beyond.unnamed;
      expect(beyond.wrong / Math.max(m, 1), beyond.examples.join('\n')).toBeLessThan(0.005);
      expect(arbitrary.sure / arbitrary.n).toBeLessThan(0.005);
    });
  }
});
