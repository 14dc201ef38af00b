/** /stats: the asker's accuracy per topic and their weakest topics (private). */
import { table } from '../src/engine/render.js';
import { msg, t } from '../src/i18n/messages.js';
import type { Command } from './types.js';

const percent = (correct: number, answered: number) => (answered === 0 ? '-' : `${Math.round((100 * correct) / answered)}%`);

export const statsCommand: Command = {
  name: 'stats',
  description: msg('cmd.stats'),
  options: [],
  run(ctx) {
    const lang = ctx.lang;
    const stats = ctx.services.quiz.stats(ctx.scopeId, ctx.player);
    if (stats.length === 0) return { visibility: 'private', tone: 'info', text: t(lang, msg('stats.none')) };
    const answered = stats.reduce((a, s) => a + s.answered, 0);
    const correct = stats.reduce((a, s) => a + s.correct, 0);
    const rows = [...stats].sort((a, b) => a.correct / a.answered - b.correct / b.answered || b.answered - a.answered);
    const weakest = rows.filter((s) => s.correct < s.answered).slice(0, 2);
    return {
      visibility: 'private',
      tone: 'info',
      title: t(lang, msg('stats.title', { name: ctx.player.name })),
      text: t(lang, msg('stats.overall', { correct: String(correct), answered: String(answered), percent: percent(correct, answered) })),
      code: table(
        [t(lang, msg('stats.topic')), t(lang, msg('stats.answered')), t(lang, msg('stats.correct')), t(lang, msg('stats.accuracy'))],
        rows.map((s) => [t(lang, msg(`topic.${s.topic}`)), String(s.answered), String(s.correct), percent(s.correct, s.answered)]),
        new Set([1, 2, 3]),
      ).join('\n'),
      footer:
        weakest.length > 0
          ? t(lang, msg('stats.weakest', { topics: weakest.map((s) => t(lang, msg(`topic.${s.topic}`))).join(', '), topic: weakest[0]!.topic }))
          : t(lang, msg('stats.noWeakness')),
    };
  },
};
