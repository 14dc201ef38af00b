/**
 * /answer N, and the buttons and form that answer a posted question. The channel's open round comes
 * first; with none, /answer answers the asker's pending practice question (the last /review they
 * were given in this server), from any channel.
 */
import { msg } from '../src/i18n/messages.js';
import { answerForm, feedbackReply } from './replies.js';
import { practiceReply } from './review.js';
import { answerPostedTable } from './table.js';
import type { Action, Command, Context, Reply } from './types.js';

async function answer(ctx: Context, text: string, roundId?: number): Promise<Reply> {
  const outcome = await ctx.services.quiz.answer({ scopeId: ctx.scopeId, channelId: ctx.channelId, player: ctx.player, text, roundId });
  if (outcome.kind === 'noRound' && roundId === undefined) {
    // A line of counts answers the table posted in the channel (/quiz table).
    const table = await answerPostedTable(ctx, text);
    if (table) return table;
    const practice = await ctx.services.practice.answer({ scopeId: ctx.scopeId, player: ctx.player, text });
    if (practice) return practiceReply(ctx, practice);
  }
  return feedbackReply(ctx.lang, ctx, outcome);
}

const roundOf = (param: string | undefined): number => (param !== undefined && /^\d+$/.test(param) ? Number(param) : -1);

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
