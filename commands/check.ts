/**
 * /check model:… table:…: a student's own filled-in summary table for a model, read as they paste
 * it (Keras's model.summary(), torchinfo's, or a column of numbers; messy as OCR of the slides
 * makes it) and graded row by row as a table exercise is. Self-study: nothing is recorded. What
 * the paste has that matches no layer is named, never guessed.
 */
import { joinList, msg, t, type Lang } from '../src/i18n/messages.js';
import { MAX_SPEC_LENGTH } from '../src/engine/spec.js';
import { gradeTable } from '../src/quiz/table/grade.js';
import { tableExercise } from '../src/quiz/table/model.js';
import { parsePasted, type PasteReading } from '../src/quiz/table/parse.js';
import { gradeLines, revealTable } from '../src/quiz/table/render.js';
import { errorReply } from './replies.js';
import { refusal } from './table.js';
import type { Command } from './types.js';

/** What the paste had that was not graded, a line each. */
function notGraded(lang: Lang, r: PasteReading): string[] {
  const lines: string[] = [];
  if (r.unmatched.length > 0) lines.push(t(lang, msg('table.unmatched', { names: joinList(lang, r.unmatched) })));
  if (r.conflicting.length > 0) lines.push(t(lang, msg('table.conflicting', { names: joinList(lang, r.conflicting) })));
  if (r.missing.length > 0) lines.push(t(lang, msg('table.missing', { names: joinList(lang, r.missing) })));
  return lines;
}

export const checkCommand: Command = {
  name: 'check',
  description: msg('cmd.check'),
  standalone: true,
  options: [
    { name: 'model', type: 'string', description: msg('cmdopt.checkModel') },
    { name: 'table', type: 'string', rest: true, description: msg('cmdopt.table') },
  ],
  run(ctx, args) {
    const lang = ctx.lang;
    const model = typeof args.model === 'string' ? args.model.trim() : '';
    const pasted = typeof args.table === 'string' ? args.table : '';
    if (model === '') return errorReply(lang, msg('check.needsModel'));
    if (pasted.trim() === '') return errorReply(lang, msg('check.needsTable'));
    if (model.length > MAX_SPEC_LENGTH) return errorReply(lang, msg('teacher.tooLong', { what: 'model', max: String(MAX_SPEC_LENGTH) }));
    const made = tableExercise({ kind: 'spec', level: 'medium', spec: model });
    if (!made.ok) return errorReply(lang, refusal(made.refused));
    const exercise = made.exercise;
    const read = parsePasted(exercise, pasted);
    if (!read.ok) return errorReply(lang, read.error);
    const grade = gradeTable(exercise, read.value.answer);
    return {
      visibility: 'private',
      tone: grade.whole ? 'success' : 'info',
      title: t(lang, msg('check.title', { model: model.length > 40 ? `${model.slice(0, 40)}…` : model })),
      text: [...notGraded(lang, read.value), ...gradeLines(lang, grade), '', t(lang, msg('table.score', { earned: String(grade.earned), cells: String(grade.cells), points: '0' }))].join('\n'),
      code: revealTable(exercise),
    };
  },
};
