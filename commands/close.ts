/** /close [channel] (admin): ends a channel's open question now and posts the reveal. */
import { msg } from '../src/i18n/messages.js';
import { say } from './replies.js';
import type { Command } from './types.js';

export const closeCommand: Command = {
  name: 'close',
  description: msg('cmd.close'),
  options: [{ name: 'channel', type: 'channel', description: msg('cmdopt.channel') }],
  admin: true,
  async run(ctx, args) {
    const channelId = typeof args.channel === 'string' ? args.channel : ctx.channelId;
    const round = await ctx.services.quiz.openRound(ctx.scopeId, channelId);
    if (!round) return say(ctx.lang, msg('answer.noRound'), 'warning');
    await ctx.services.quiz.close(round.id, 'admin');
    return say(ctx.lang, msg('close.done', { id: String(round.id) }), 'success');
  },
};
