/** /close (admin): ends the channel's open question now and posts the reveal. */
import { msg, t } from '../src/i18n/messages.js';
import type { Command } from './types.js';

export const closeCommand: Command = {
  name: 'close',
  description: msg('cmd.close'),
  options: [],
  admin: true,
  async run(ctx) {
    const round = ctx.services.quiz.openRound(ctx.scopeId, ctx.channelId);
    if (!round) return { visibility: 'private', tone: 'warning', text: t(ctx.lang, msg('answer.noRound')) };
    await ctx.services.quiz.close(round.id, 'admin');
    return { visibility: 'private', tone: 'success', text: t(ctx.lang, msg('close.done', { id: String(round.id) })) };
  },
};
