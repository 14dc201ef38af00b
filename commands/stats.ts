/** /stats: the asker's accuracy per topic, streaks, weakest topics and latest misses (private). */
import { formatInt } from '../src/engine/format.js';
import { table } from '../src/engine/render.js';
import { msg, t } from '../src/i18n/messages.js';
import { generate } from '../src/quiz/generator.js';
import { recentMisses, streaks } from '../src/quiz/stats.js';
import { MAX_WEEKS, statsDrawing } from '../src/charts/progress.js';
import { picture } from './pictures.js';
import type { Command } from './types.js';

const percent = (correct: number, answered: number) => (answered === 0 ? '-' : `${Math.round((100 * correct) / answered)}%`);

export const statsCommand: Command = {
  name: 'stats',
  description: msg('cmd.stats'),
  options: [],
  async run(ctx) {
    const lang = ctx.lang;
    const { quiz } = ctx.services;
    const stats = await quiz.stats(ctx.scopeId, ctx.player);
    if (stats.length === 0) return { visibility: 'private', tone: 'info', text: t(lang, msg('stats.none')) };
    const history = await quiz.history(ctx.scopeId, ctx.player);
    const answered = stats.reduce((a, s) => a + s.answered, 0);
    const correct = stats.reduce((a, s) => a + s.correct, 0);
    const rows = [...stats].sort((a, b) => a.correct / a.answered - b.correct / b.answered || b.answered - a.answered);
    const weakest = rows.filter((s) => s.correct < s.answered).slice(0, 2);
    const streak = streaks(history);
    const misses = recentMisses(history, 3).map((miss) => {
      const q = generate(miss.seed, miss.level, miss.topic);
      return [
        `• ${t(lang, q.prompt)}`,
        `  ${t(lang, msg('stats.missLine', { yours: formatInt(miss.value), answer: formatInt(q.answer) }))}`,
        ...q.working.map((w) => `  ${w}`),
      ].join('\n');
    });
    const drawing = statsDrawing({
      name: ctx.player.name,
      topics: rows.map((s) => ({ label: t(lang, msg(`topic.${s.topic}`)), correct: s.correct, answered: s.answered })),
      weeks: await quiz.weeklyPoints(ctx.scopeId, ctx.player, MAX_WEEKS),
      lang,
    });
    return {
      visibility: 'private',
      tone: 'info',
      pictures: [picture(drawing)],
      title: t(lang, msg('stats.title', { name: ctx.player.name })),
      text: [
        t(lang, msg('stats.overall', { correct: String(correct), answered: String(answered), percent: percent(correct, answered) })),
        t(lang, msg('stats.streaks', { current: String(streak.current), best: String(streak.best) })),
        ...(misses.length > 0 ? ['', t(lang, msg('stats.misses')), ...misses] : []),
      ].join('\n'),
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
