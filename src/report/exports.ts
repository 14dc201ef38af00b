/**
 * A class's record as CSV, for a gradebook and for analysis: the grades (one row per student, one
 * column per ISO week with the points, then totals and accuracy) and every answer given in the
 * period's rounds. Both are written page by page from the store as the reader takes them, so an
 * export holds one page in memory however large the class.
 */
import { msg, t, type Lang } from '../i18n/messages.js';
import { diagnose } from '../quiz/diagnose.js';
import { diagnosisText } from '../quiz/text.js';
import type { Store } from '../store/store.js';
import { weekBoard } from '../domain/index.js';
import { BOM, csvLine } from './csv.js';
import { periodBoard, periodRange, type ReportPeriod, type Reports } from './report.js';
import { localDate } from '../quiz/week.js';

export const EXPORT_FORMATS = ['grades', 'answers'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Students or answers read per page. */
const PAGE = 2_000;

/** `83.3%`: Excel reads it as the number 0.833 shown as a percentage. */
const percent = (correct: number, answered: number): string => (answered === 0 ? '' : `${(Math.round((1000 * correct) / answered) / 10).toFixed(1)}%`);

export interface ExportFile {
  /** `grades-2026-fall.csv` */
  readonly name: string;
  readonly lines: AsyncIterable<string>;
}

/** The file name for a period: `grades-all.csv`, `answers-2026-fall.csv` (a season's name kept to safe characters). */
export function exportName(format: ExportFormat, period: ReportPeriod): string {
  const label = period.kind === 'all' ? 'all' : period.season.name.replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 60) || 'season';
  return `${format}-${label}.csv`;
}

export function exportFile(o: {
  readonly store: Store;
  readonly reports: Reports;
  readonly scopeId: string;
  readonly period: ReportPeriod;
  readonly format: ExportFormat;
  readonly lang: Lang;
}): ExportFile {
  // Reports.export is the way in; this is its body.
  return { name: exportName(o.format, o.period), lines: o.format === 'grades' ? grades(o) : answers(o) };
}

async function* grades(o: { store: Store; reports: Reports; scopeId: string; period: ReportPeriod; lang: Lang }): AsyncGenerator<string> {
  const { store, lang } = o;
  const scope = await o.reports.scope(o.scopeId);
  const weeks = await o.reports.weeks(scope, o.period);
  const board = periodBoard(o.period);
  yield BOM +
    csvLine([
      t(lang, msg('export.name')),
      t(lang, msg('export.userId')),
      ...weeks,
      t(lang, msg('export.points')),
      t(lang, msg('export.answered')),
      t(lang, msg('export.correct')),
      t(lang, msg('export.accuracy')),
    ]);
  // Board order (points, then right answers): the ranking a teacher grades from.
  for (let offset = 0; ; offset += PAGE) {
    const rows = await store.boards.page(o.scopeId, board, { offset, limit: PAGE });
    if (rows.length === 0) return;
    const cells =
      weeks.length === 0
        ? []
        : await store.boards.cells(
            o.scopeId,
            weeks.map(weekBoard),
            rows.map((r) => r.memberId),
          );
    const points = new Map(cells.map((c) => [`${c.memberId}|${c.board}`, c.points]));
    let chunk = '';
    for (const r of rows) {
      chunk += csvLine([r.name, r.userId, ...weeks.map((w) => points.get(`${r.memberId}|week:${w}`) ?? null), r.points, r.answered, r.correct, percent(r.correct, r.answered)]);
    }
    yield chunk;
    if (rows.length < PAGE) return;
  }
}

/** `2026-11-23 10:00:05`, local to the scope: a date and time Excel reads as one. */
export function localTime(ms: number, timeZone: string): string {
  const { year, month, day } = localDate(ms, timeZone);
  const clock = new Date(ms).toLocaleTimeString('en-GB', { timeZone, hour12: false });
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} ${clock}`;
}

async function* answers(o: { store: Store; reports: Reports; scopeId: string; period: ReportPeriod; lang: Lang }): AsyncGenerator<string> {
  const { store, lang } = o;
  const scope = await o.reports.scope(o.scopeId);
  const range = periodRange(o.period);
  const yes = t(lang, msg('export.yes'));
  const no = t(lang, msg('export.no'));
  yield BOM +
    csvLine([
      t(lang, msg('export.round')),
      t(lang, msg('export.answeredAt', { zone: scope.timezone })),
      t(lang, msg('export.topic')),
      t(lang, msg('export.level')),
      t(lang, msg('export.name')),
      t(lang, msg('export.userId')),
      t(lang, msg('export.value')),
      t(lang, msg('export.rightAnswer')),
      t(lang, msg('export.isCorrect')),
      t(lang, msg('export.mistake')),
      t(lang, msg('export.mistakeWords')),
      t(lang, msg('export.points')),
      t(lang, msg('export.scored')),
      t(lang, msg('export.first')),
    ]);
  let after = null;
  for (;;) {
    const page = await store.reports.answersPage(o.scopeId, range, after, PAGE);
    if (page.length === 0) return;
    let chunk = '';
    for (const a of page) {
      const words = a.mistakes.length === 0 ? null : await mistakeWords(o.reports, a.roundId, a.value, lang);
      chunk += csvLine([
        a.roundId,
        localTime(a.answeredAt, scope.timezone),
        a.topic,
        a.level,
        a.name,
        a.userId,
        a.value,
        a.answer,
        a.correct ? yes : no,
        a.mistakes.join(','),
        words,
        a.points,
        a.scored ? yes : no,
        a.first ? yes : no,
      ]);
    }
    yield chunk;
    if (page.length < PAGE) return;
    const last = page[page.length - 1]!;
    after = { roundId: last.roundId, memberId: last.memberId };
  }
}

/**
 * A recorded mistake in words, in the teacher's language: what the answer was told, worked out
 * again from the round's question (empty for a round of an older generator, whose seed now gives
 * another question).
 */
async function mistakeWords(reports: Reports, roundId: number, value: bigint, lang: Lang): Promise<string | null> {
  const question = await reports.questionOfRound(roundId);
  return question ? diagnosisText(lang, question, diagnose(question, value)) : null;
}

/** An export read whole, up to `maxBytes` of UTF-8, with its rows (the header left out); undefined past it (too large to attach in a chat). */
export async function readExport(file: ExportFile, maxBytes: number): Promise<{ readonly bytes: Uint8Array; readonly rows: number } | undefined> {
  const parts: Buffer[] = [];
  let bytes = 0;
  let lines = 0;
  for await (const chunk of file.lines) {
    const part = Buffer.from(chunk, 'utf8');
    bytes += part.byteLength;
    if (bytes > maxBytes) return undefined;
    parts.push(part);
    // Quoted fields may hold line breaks, but never CRLF: names and ids are one line each.
    lines += chunk.split('\r\n').length - 1;
  }
  return { bytes: new Uint8Array(Buffer.concat(parts)), rows: Math.max(0, lines - 1) };
}
