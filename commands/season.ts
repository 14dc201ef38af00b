/** /season start NAME | list (admin): a new season archives the current one; its board stays readable. */
import { msg, t } from '../src/i18n/messages.js';
import { say } from './replies.js';
import type { Command } from './types.js';

export const seasonCommand: Command = {
  name: 'season',
  description: msg('cmd.season'),
  admin: true,
  options: [
    { name: 'action', type: 'string', choices: ['start', 'list'], description: msg('cmdopt.seasonAction') },
    { name: 'name', type: 'string', description: msg('cmdopt.seasonName') },
  ],
  async run(ctx, args) {
    const lang = ctx.lang;
    const { scopes } = ctx.services.quiz;
    if (args.action === 'start') {
      const name = typeof args.name === 'string' ? args.name.trim() : '';
      if (!/^[\p{L}\p{N}._-]{1,40}$/u.test(name)) return say(lang, msg('season.badName', { value: name }), 'error');
      const previous = await scopes.currentSeason(ctx.scopeId);
      const season = await scopes.startSeason(ctx.scopeId, name);
      if (!season) return say(lang, msg('season.taken', { name }), 'error');
      return say(lang, previous ? msg('season.startedAfter', { name, previous: previous.name }) : msg('season.started', { name }), 'success');
    }
    const seasons = await scopes.seasons(ctx.scopeId);
    return {
      visibility: 'private',
      tone: 'info',
      title: t(lang, msg('season.title')),
      text:
        seasons.length > 0
          ? seasons.map((s) => t(lang, msg(s.endedAt === null ? 'season.current' : 'season.archived', { name: s.name, since: ctx.time(s.startedAt) }))).join('\n')
          : t(lang, msg('season.none')),
    };
  },
};
