/** /duration SECONDS [channel] (admin): changes how long the open question runs, counted from its start. */
import { msg } from '../src/i18n/messages.js';
import { say } from './replies.js';
import type { Command } from './types.js';

export const durationCommand: Command = {
  name: 'duration',
  description: msg('cmd.duration'),
  options: [
    { name: 'seconds', type: 'integer', required: true, min: 5, max: 86_400, description: msg('cmdopt.seconds') },
    { name: 'channel', type: 'channel', description: msg('cmdopt.channel') },
  ],
  admin: true,
  async run(ctx, args) {
    const channelId = typeof args.channel === 'string' ? args.channel : ctx.channelId;
    const open = await ctx.services.quiz.openRound(ctx.scopeId, channelId);
    if (!open) return say(ctx.lang, msg('answer.noRound'), 'warning');
    const round = await ctx.services.quiz.setDuration(open.id, Number(args.seconds));
    if (!round || round.closedAt !== null) return say(ctx.lang, msg('close.done', { id: String(open.id) }), 'success');
    return say(ctx.lang, msg('duration.done', { id: String(round.id), closes: ctx.time(round.closesAt) }), 'success');
  },
};
