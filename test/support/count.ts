/** Shorthands for engine tests: count a spec and read the numbers off the report. */
import { count, type CountResult } from '../../src/engine/count.js';
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
