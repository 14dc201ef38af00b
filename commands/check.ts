/**
 * /check model:… table:…: a student's own filled-in summary table for a model, read as they paste
 * it (Keras's model.summary(), torchinfo's, or a column of numbers; messy as OCR of the slides
 * makes it) and graded row by row as a table exercise is (quiz/table/check.ts), in a worker with a
 * deadline as every untrusted count is. Nothing is recorded. What the paste has that matches no layer is named, never guessed.
 */
import { msg, t } from '../src/i18n/messages.js';
import { errorReply } from './replies.js';
import type { Command } from './types.js';

export const checkCommand: Command = {
  name: 'check',
  description: msg('cmd.check'),
  standalone: true,
  options: [
    { name: 'model', type: 'string', description: msg('cmdopt.checkModel') },
    { name: 'table', type: 'string', rest: true, description: msg('cmdopt.table') },
  ],
  async run(ctx, args) {
    const lang = ctx.lang;
    const model = typeof args.model === 'string' ? args.model : '';
    const result = await ctx.services.tableChecks.check({ lang, model, pasted: typeof args.table === 'string' ? args.table : '' });
    if (!result.ok) return errorReply(lang, result.error);
    const { grade, lines, table, exercise } = result.checked;
    return {
      visibility: 'private',
      tone: grade.whole ? 'success' : 'info',
      title: t(lang, msg('check.title', { model: model.length > 40 ? `${model.slice(0, 40)}…` : model.trim() })),
      text: lines.join('\n'),
      code: table,
      footer: t(lang, msg(exercise.framework === 'pytorch' ? 'check.answerTitleTorch' : 'check.answerTitle')),
    };
  },
};
