/** /answer N, and the buttons and form that answer a posted question. */
import { msg, t } from '../src/i18n/messages.js';
import { feedbackReply } from './replies.js';
import type { Action, Command, Context, Reply } from './types.js';

async function answer(ctx: Context, text: string, roundId?: number): Promise<Reply> {
  return feedbackReply(ctx.lang, ctx, await ctx.services.quiz.answer({ scopeId: ctx.scopeId, channelId: ctx.channelId, player: ctx.player, text, roundId }));
}

const roundOf = (param: string | undefined): number => (param !== undefined && /^\d+$/.test(param) ? Number(param) : -1);

/** The form a button opens for a number answer. */
export const answerForm: NonNullable<Action['modal']> = (ctx) => ({
  title: t(ctx.lang, msg('quiz.modalTitle')),
  label: t(ctx.lang, msg('quiz.modalLabel')),
  placeholder: t(ctx.lang, msg('quiz.modalPlaceholder')),
});

export const answerCommand: Command = {
  name: 'answer',
  description: msg('cmd.answer'),
  options: [{ name: 'value', type: 'string', required: true, rest: true, description: msg('cmdopt.value') }],
  run: (ctx, args) => answer(ctx, String(args.value)),
};

/** A multiple-choice button: params [round, letter]. */
export const choiceAction: Action = {
  name: 'choice',
  run: (ctx, [round, letter = '']) => answer(ctx, letter, roundOf(round)),
};

/** The "Answer" button: opens a form with a number field, then records what was typed. */
export const answerAction: Action = {
  name: 'answer',
  modal: answerForm,
  run: (ctx, [round], input = '') => answer(ctx, input, roundOf(round)),
};
