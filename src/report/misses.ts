/**
 * /export misses: a student's misses as CSV, for them to work through on paper or in a sheet. One
 * row per miss (a skill got wrong: misses.ts), oldest first: when, the topic and level, the question
 * as it was asked, the answer given and the right one, what the answer was told, the worked
 * solution, and how far its review has come (right with new numbers, of the two that clear it).
 */
import { msg, t, type Lang } from '../i18n/messages.js';
import { diagnose } from '../quiz/diagnose.js';
import { missedQuestion, RIGHT_TO_CLEAR, type Miss } from '../quiz/misses.js';
import { diagnosisText, promptText } from '../quiz/text.js';
import { renderWorking } from '../quiz/working.js';
import { BOM, csvLine } from './csv.js';
import { localTime } from './exports.js';

export function missesCsv(o: { readonly lang: Lang; readonly timezone: string; readonly misses: readonly Miss[] }): string {
  const { lang } = o;
  const header = [
    t(lang, msg('export.answeredAt', { zone: o.timezone })),
    t(lang, msg('export.topic')),
    t(lang, msg('export.level')),
    t(lang, msg('misses.question')),
    t(lang, msg('export.value')),
    t(lang, msg('export.rightAnswer')),
    t(lang, msg('export.mistakeWords')),
    t(lang, msg('misses.working')),
    t(lang, msg('misses.progress', { n: String(RIGHT_TO_CLEAR) })),
  ];
  const rows = o.misses.map((m) => {
    const q = missedQuestion(m);
    const cleared = m.clearedAt !== null;
    return csvLine([
      localTime(m.answer.answeredAt, o.timezone),
      t(lang, msg(`topic.${m.skill.topic}`)),
      t(lang, msg(`level.${m.skill.level}`)),
      q ? promptText(lang, q) : null,
      m.answer.value,
      q ? q.answer : null,
      q ? diagnosisText(lang, q, diagnose(q, m.answer.value)) : null,
      // a cell of its own lines: a spreadsheet shows the working as the reveal does
      q ? renderWorking(lang, q.working).join('\n') : null,
      cleared ? t(lang, msg('misses.cleared')) : `${m.rightSince}/${RIGHT_TO_CLEAR}`,
    ]);
  });
  return BOM + csvLine(header) + rows.join('');
}
