/** /remove-scores USER (admin): takes one person off every board (a test account), after a confirmation. */
import { msg, t } from '../src/i18n/messages.js';
import { say } from './replies.js';
import type { Action, Command } from './types.js';

export const removeScoresCommand: Command = {
  name: 'remove-scores',
  description: msg('cmd.removeScores'),
  admin: true,
  options: [{ name: 'user', type: 'user', required: true, description: msg('cmdopt.user') }],
  async run(ctx, args) {
    const lang = ctx.lang;
    const member = await ctx.services.quiz.findMember(ctx.scopeId, String(args.user));
    if (!member) return say(lang, msg('remove.unknown', { user: String(args.user) }), 'error');
    const who = ctx.mention(member.userId, member.name);
    return {
      visibility: 'private',
      tone: 'warning',
      text: t(lang, msg('remove.confirm', { user: who })),
      buttons: [
        { action: 'removeScores', params: [String(member.id), member.userId], label: t(lang, msg('remove.yes')), style: 'danger' },
        { action: 'cancel', params: [], label: t(lang, msg('remove.no')), style: 'secondary' },
      ],
    };
  },
};

/** The confirmation: params [member id, user id] (the user id guards against a stale button). */
export const removeScoresAction: Action = {
  name: 'removeScores',
  admin: true,
  async run(ctx, [memberId = '', userId = '']) {
    const member = await ctx.services.quiz.findMember(ctx.scopeId, userId);
    if (!member || String(member.id) !== memberId) return say(ctx.lang, msg('remove.unknown', { user: userId }), 'error');
    const boards = await ctx.services.quiz.removeScores(ctx.scopeId, member.id);
    return say(ctx.lang, msg('remove.done', { user: ctx.mention(member.userId, member.name), boards: String(boards) }), 'success');
  },
};

export const cancelAction: Action = {
  name: 'cancel',
  run: (ctx) => say(ctx.lang, msg('remove.cancelled')),
};
