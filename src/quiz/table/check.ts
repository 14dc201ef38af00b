/**
 * Checking a student's own filled-in table (/check in a chat, `paramquiz check` in a terminal): the
 * model's exercise, the paste read against it, every row graded, and what the paste had that was
 * not graded said first. Self-study: nothing is recorded.
 */
import { joinList, msg, t, type Lang, type MessageRef } from '../../i18n/messages.js';
import { MAX_SPEC_LENGTH } from '../../engine/spec.js';
import { gradeTable, type TableAnswer, type TableGrade } from './grade.js';
import { MAX_TABLE_ROWS, tableExercise, type TableExercise, type TableRefusal, type TableSource } from './model.js';
import { parsePasted, type PasteReading } from './parse.js';
import { gradeLines, revealTable } from './render.js';

export interface Checked {
  readonly exercise: TableExercise;
  readonly grade: TableGrade;
  /** The notes on what was not graded, the graded rows, the score: one line each. */
  readonly lines: readonly string[];
  /** The table as the framework prints it, with each row's formula. */
  readonly table: string;
}

/** Why a source gives no table, in one message. */
export function refusal(r: TableRefusal): MessageRef {
  switch (r.why) {
    case 'count':
      return r.error.ref;
    case 'single':
      return msg('table.single');
    case 'rows':
      return msg('table.tooManyRows', { rows: String(r.rows), max: String(MAX_TABLE_ROWS) });
  }
}

/** What the paste had that was not graded, a line each. */
function notGraded(lang: Lang, r: PasteReading): string[] {
  const lines: string[] = [];
  if (r.unmatched.length > 0) lines.push(t(lang, msg('table.unmatched', { names: joinList(lang, r.unmatched) })));
  if (r.conflicting.length > 0) lines.push(t(lang, msg('table.conflicting', { names: joinList(lang, r.conflicting) })));
  if (r.missing.length > 0) lines.push(t(lang, msg('table.missing', { names: joinList(lang, r.missing) })));
  return lines;
}

export type CheckResult = { readonly ok: true; readonly checked: Checked } | { readonly ok: false; readonly error: MessageRef };

/** The check of `pasted` against `model`, or the one message that says why there is none (nothing graded). */
export function checkTable(lang: Lang, model: string, pasted: string): CheckResult {
  if (model.trim() === '') return { ok: false, error: msg('check.needsModel') };
  if (pasted.trim() === '') return { ok: false, error: msg('check.needsTable') };
  if (model.length > MAX_SPEC_LENGTH) return { ok: false, error: msg('teacher.tooLong', { what: 'model', max: String(MAX_SPEC_LENGTH) }) };
  const made = tableExercise({ kind: 'spec', level: 'medium', spec: model.trim() });
  if (!made.ok) return { ok: false, error: refusal(made.refused) };
  const exercise = made.exercise;
  const read = parsePasted(exercise, pasted);
  if (!read.ok) return read;
  const grade = gradeTable(exercise, read.value.answer);
  const score = t(lang, msg('table.checked', { earned: String(grade.earned), cells: String(grade.cells) }));
  return { ok: true, checked: { exercise, grade, lines: [...notGraded(lang, read.value), ...gradeLines(lang, grade), '', score], table: revealTable(exercise) } };
}

export interface GradeJob {
  readonly source: TableSource;
  readonly answer: TableAnswer;
}

export type GradeResult = { readonly ok: true; readonly grade: TableGrade } | { readonly ok: false; readonly error: MessageRef };

/**
 * A table answer graded against its source's exercise: every wrong row is diagnosed on the model
 * (a few hundred milliseconds for the lecture's VGG16 all wrong), so the bot does it in a worker.
 */
export function gradeSource(job: GradeJob): GradeResult {
  const made = tableExercise(job.source);
  return made.ok ? { ok: true, grade: gradeTable(made.exercise, job.answer) } : { ok: false, error: refusal(made.refused) };
}
