/** Reading pastes in tests: the files under pastes/, counted the way /count counts them. */
import { readFileSync } from 'node:fs';
import { count, type CountResult } from '../../../src/engine/count.js';
import type { CodeRow } from '../../../src/engine/code/report.js';
import { SpecError } from '../../../src/engine/errors.js';
import { t } from '../../../src/i18n/messages.js';

/** A paste from test/engine/code/pastes (real Python: verify.py counts them with PyTorch). */
export const paste = (name: string): string => readFileSync(new URL(`./pastes/${name}`, import.meta.url), 'utf8');

/** Counts a paste, with settings typed before it (`in=1x28x28 num_classes=10`). */
export function read(code: string, settings = ''): CountResult {
  return count(settings === '' ? code : `${settings}\n${code}`);
}

export function rows(result: CountResult): readonly CodeRow[] {
  if (!result.code) throw new Error('not a code result');
  return result.code.rows;
}

export function row(result: CountResult, name: string): CodeRow {
  const r = rows(result).find((x) => x.name === name);
  if (!r)
    throw new Error(
      `no row ${name} in ${rows(result)
        .map((x) => x.name)
        .join(', ')}`,
    );
  return r;
}

export const total = (result: CountResult): bigint => result.report.counts.total;

/** The English refusal of a paste (fails the test when it is counted instead). */
export function refusal(code: string, settings = ''): string {
  try {
    read(code, settings);
  } catch (e) {
    if (e instanceof SpecError) return t('en', e.ref);
    throw e;
  }
  throw new Error(`expected the paste to be refused:\n${code.slice(0, 200)}`);
}

/** Every note of a result, in English. */
export const notes = (result: CountResult): string[] => result.report.notes.map((n) => t('en', n));

export function reason(result: CountResult): string {
  const shapes = result.code!.shapes;
  if (shapes.known) throw new Error('shapes are known');
  return t('en', shapes.reason);
}
