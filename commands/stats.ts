/** /stats: the asker's accuracy per topic, streaks, weakest topics and latest misses (private). */
import { formatInt } from '../src/engine/format.js';
import { table } from '../src/engine/render.js';
import { joinList, msg, t } from '../src/i18n/messages.js';
import { GENERATOR_VERSION } from '../src/quiz/generator.js';
import { replay } from '../src/quiz/replay.js';
import { recentMisses, streaks } from '../src/quiz/stats.js';
import { promptText } from '../src/quiz/text.js';
import { renderWorking } from '../src/quiz/working.js';
import { MAX_WEEKS } from '../src/charts/progress.js';
import { askerOf, picture } from './files.js';
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
    // A miss from an older generator would regenerate as another question: only those still replayed as asked are shown.
    const misses = recentMisses(
      history.filter((h) => h.custom !== null || h.generator === GENERATOR_VERSION),
      3,
    ).map((miss) => {
      const q = replay(miss)!;
      return [
        `• ${promptText(lang, q)}`,
        `  ${t(lang, msg('stats.missLine', { yours: formatInt(miss.value), answer: formatInt(q.answer) }))}`,
        ...renderWorking(lang, q.working).map((w) => `  ${w}`),
      ].join('\n');
    });
    const skills = (await ctx.services.practice.skills(ctx.scopeId, ctx.player)).slice(0, 6).map((card) =>
      t(
        lang,
        msg(card.isDue ? 'stats.skillDue' : 'stats.skillLater', {
          topic: t(lang, msg(`topic.${card.topic}`)),
          skill: t(lang, msg(`skill.${card.family}`)),
          when: ctx.time(card.due),
        }),
      ),
    );
    const drawing = picture(
      ctx.services.pictures,
      {
        kind: 'stats',
        input: {
          name: ctx.player.name,
          topics: rows.map((s) => ({ label: t(lang, msg(`topic.${s.topic}`)), correct: s.correct, answered: s.answered })),
          weeks: await quiz.weeklyPoints(ctx.scopeId, ctx.player, MAX_WEEKS),
          lang,
        },
      },
      askerOf(ctx),
    );
    return {
      visibility: 'private',
      tone: 'info',
      files: [drawing],
      title: t(lang, msg('stats.title', { name: ctx.player.name })),
      text: [
        t(lang, msg('stats.overall', { correct: String(correct), answered: String(answered), percent: percent(correct, answered) })),
        t(lang, msg('stats.streaks', { current: String(streak.current), best: String(streak.best) })),
        ...(skills.length > 0 ? ['', t(lang, msg('stats.skills')), ...skills] : []),
        ...(misses.length > 0 ? ['', t(lang, msg('stats.misses')), ...misses] : []),
      ].join('\n'),
      code: table(
        [t(lang, msg('stats.topic')), t(lang, msg('stats.answered')), t(lang, msg('stats.correct')), t(lang, msg('stats.accuracy'))],
        rows.map((s) => [t(lang, msg(`topic.${s.topic}`)), String(s.answered), String(s.correct), percent(s.correct, s.answered)]),
        new Set([1, 2, 3]),
      ).join('\n'),
      footer:
        weakest.length > 0
          ? t(
              lang,
              msg('stats.weakest', {
                topics: joinList(
                  lang,
                  weakest.map((s) => t(lang, msg(`topic.${s.topic}`))),
                ),
                topic: weakest[0]!.topic,
              }),
            )
          : t(lang, msg('stats.noWeakness')),
    };
  },
};
