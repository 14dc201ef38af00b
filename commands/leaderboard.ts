/** /leaderboard [week|all|season] [season:NAME] [page]: a board of this scope, with the asker's own rank. */
import { msg, t } from '../src/i18n/messages.js';
import type { Period } from '../src/quiz/service.js';
import { boardLines, say } from './replies.js';
import type { Command, Context } from './types.js';

const PERIODS: readonly Period[] = ['week', 'all', 'season'];

/** The board's web address, when the class made its board public and the pages are on. */
async function publicLink(ctx: Context): Promise<string[]> {
  const web = ctx.services.web;
  if (!web || !(await ctx.services.quiz.scope(ctx.scopeId)).publicBoard) return [];
  return [t(ctx.lang, msg('board.link', { url: web.url({ kind: 'board', scopeId: ctx.scopeId }) }))];
}

export const leaderboardCommand: Command = {
  name: 'leaderboard',
  description: msg('cmd.leaderboard'),
  options: [
    { name: 'period', type: 'string', choices: PERIODS, description: msg('cmdopt.period') },
    { name: 'page', type: 'integer', min: 1, max: 100_000, description: msg('cmdopt.page') },
    { name: 'season', type: 'string', autocomplete: true, description: msg('cmdopt.seasonName') },
  ],
  async run(ctx, args) {
    const lang = ctx.lang;
    const season = typeof args.season === 'string' ? args.season.trim() : undefined;
    const period = (PERIODS.find((p) => p === args.period) ?? 'week') as Period;
    const board = await ctx.services.quiz.leaderboard({ scopeId: ctx.scopeId, period, season, page: typeof args.page === 'number' ? args.page : 1, asker: ctx.player });
    if (!board) return say(lang, season ? msg('season.unknown', { name: season }) : msg('season.none'), 'warning');
    const title = board.season
      ? t(lang, msg(board.season.endedAt === null ? 'board.titleSeason' : 'board.titleSeasonArchived', { name: board.season.name }))
      : board.week
        ? t(lang, msg('board.titleWeek', { week: board.week }))
        : t(lang, msg('board.titleAll'));
    const lines = boardLines(lang, ctx, board);
    const mine = board.mine
      ? t(
          lang,
          msg('board.mine', {
            rank: String(board.mine.rank),
            players: String(board.players),
            points: String(board.mine.points),
            correct: String(board.mine.correct),
            answered: String(board.mine.answered),
          }),
        )
      : t(lang, msg('board.mineNone'));
    const again = board.season ? `season:${board.season.name}` : board.period;
    return {
      visibility: 'public',
      tone: 'info',
      title,
      text: [...(lines.length > 0 ? lines : [t(lang, msg('board.empty'))]), '', mine].join('\n'),
      footer: [
        t(lang, msg('board.footer', { page: String(board.page), pages: String(board.pages), period: again, next: String(Math.min(board.page + 1, board.pages)) })),
        ...(await publicLink(ctx)),
      ].join('\n'),
    };
  },
  suggest: async (_option, typed, ctx) =>
    ctx
      ? (await ctx.services.quiz.scopes.seasons(ctx.scopeId))
          .map((s) => s.name)
          .filter((name) => name.toLowerCase().startsWith(typed.trim().toLowerCase()))
          .slice(0, 25)
      : [],
};
