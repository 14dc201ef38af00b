/** Shorthands for engine tests: count a spec and read the numbers off the report. */
import { describe, expect, it } from 'vitest';
import { count, type CountResult } from '../../src/engine/count.js';
import { renderNumbers } from '../../src/engine/expr.js';
import { SpecError } from '../../src/engine/errors.js';
import { t } from '../../src/i18n/messages.js';

export function total(spec: string): bigint {
  return count(spec).report.counts.total;
}

export function counts(spec: string) {
  return count(spec).report.counts;
}

export function only(spec: string) {
  const result: CountResult = count(spec);
  if (result.report.rows.length !== 1) throw new Error(`expected one layer in ${spec}`);
  return result.report.rows[0]!;
}

/** The English message of the SpecError a spec raises (fails the test if it raises none). */
export function errorOf(spec: string): string {
  try {
    count(spec);
  } catch (e) {
    if (e instanceof SpecError) return t('en', e.ref);
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(spec)} to be refused`);
}

/** A worked example: [spec, total, the formula with its numbers, what it is]. */
export type WorkedExample = readonly [spec: string, total: number, formula: string, what: string];

/** One test per example: its count and worked formula, the same under Keras and PyTorch conventions. */
export function describeConventionFree(cases: readonly WorkedExample[]): void {
  describe.each(cases)('%s', (spec, expected, formula, what) => {
    it(`${expected.toLocaleString('en-US')} (${what}), the same under both conventions`, () => {
      for (const framework of ['keras', 'pytorch'] as const) {
        const row = only(`${spec} --framework ${framework}`);
        expect(row.counts.total).toBe(BigInt(expected));
        expect(renderNumbers(row.record.formula())).toBe(formula);
        expect(row.record.conventionSensitive).toBe(false);
      }
    });
  });
}
