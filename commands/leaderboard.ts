/** /leaderboard [week|all] [page]: the scope's board, with a line for the asker's own rank. */
import { msg, t } from '../src/i18n/messages.js';
import type { Period } from '../src/quiz/service.js';
import type { Command } from './types.js';

export const leaderboardCommand: Command = {
  name: 'leaderboard',
  description: msg('cmd.leaderboard'),
  options: [
    { name: 'period', type: 'string', choices: ['week', 'all'], description: msg('cmdopt.period') },
    { name: 'page', type: 'integer', min: 1, max: 100_000, description: msg('cmdopt.page') },
  ],
  run(ctx, args) {
    const period: Period = args.period === 'all' ? 'all' : 'week';
    const board = ctx.services.quiz.leaderboard({ scopeId: ctx.scopeId, period, page: typeof args.page === 'number' ? args.page : 1, asker: ctx.player });
    const lang = ctx.lang;
    const title = board.week ? t(lang, msg('board.titleWeek', { week: board.week })) : t(lang, msg('board.titleAll'));
    const lines = board.rows.map((r) =>
      t(lang, msg('board.row', { rank: String(r.rank), name: ctx.mention(r.userId, r.name), points: String(r.points), correct: String(r.correct), answered: String(r.answered) })),
    );
    const mine = board.mine
      ? t(lang, msg('board.mine', { rank: String(board.mine.rank), players: String(board.players), points: String(board.mine.points), correct: String(board.mine.correct), answered: String(board.mine.answered) }))
      : t(lang, msg('board.mineNone'));
    return {
      visibility: 'public',
      tone: 'info',
      title,
      text: [...(lines.length > 0 ? lines : [t(lang, msg('board.empty'))]), '', mine].join('\n'),
      footer: t(lang, msg('board.footer', { page: String(board.page), pages: String(board.pages), period, next: String(Math.min(board.page + 1, board.pages)) })),
    };
  },
};
