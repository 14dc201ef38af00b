/**
 * Progress: a student's accuracy per topic beside their points per week (/stats), and the week's
 * final standings as a card. Both are small bar charts; names are clipped, rows bounded.
 */
import { msg, t, type Lang } from '../i18n/messages.js';
import type { Drawing } from './draw.js';
import { COLOUR, fit, SIZE, TITLE } from './theme.js';

/** Weeks shown on /stats: a term's worth. */
export const MAX_WEEKS = 16;
/** Rows of a standings card: the post's own top ten. */
export const MAX_STANDINGS = 10;

export interface TopicBar {
  readonly label: string;
  readonly correct: number;
  readonly answered: number;
}

export interface WeekBar {
  /** ISO week, `2026-W48`. */
  readonly week: string;
  readonly points: number;
}

const percent = (correct: number, answered: number): number => (answered === 0 ? 0 : Math.round((100 * correct) / answered));

export function statsDrawing(o: { readonly name: string; readonly topics: readonly TopicBar[]; readonly weeks: readonly WeekBar[]; readonly lang: Lang }): Drawing {
  const { lang } = o;
  const weeks = o.weeks.slice(-MAX_WEEKS);
  const topics = o.topics.slice(0, 16);
  const height = Math.max(360, 120 + 30 * topics.length);
  return {
    name: 'stats.png',
    alt: t(
      lang,
      msg('chart.stats.alt', {
        name: o.name,
        topics: topics.map((s) => `${s.label} ${percent(s.correct, s.answered)}%`).join(lang === 'en' ? ', ' : '、'),
        weeks: weeks.map((w) => `${w.week} ${w.points}`).join(lang === 'en' ? ', ' : '、') || '-',
      }),
    ),
    width: 960,
    height,
    option: {
      title: [
        { ...TITLE, text: t(lang, msg('chart.stats.title', { name: fit(o.name, 32) })) },
        { text: t(lang, msg('chart.stats.accuracy')), left: 16, top: 56, textStyle: { fontSize: SIZE.subtitle, color: COLOUR.muted, fontWeight: 'normal' } },
        { text: t(lang, msg('chart.stats.weekly')), left: 520, top: 56, textStyle: { fontSize: SIZE.subtitle, color: COLOUR.muted, fontWeight: 'normal' } },
      ],
      grid: [
        { left: 150, width: 300, top: 90, bottom: 40 },
        { left: 560, right: 32, top: 90, bottom: 56 },
      ],
      xAxis: [
        { gridIndex: 0, type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%', fontSize: SIZE.small, color: COLOUR.muted }, splitLine: { lineStyle: { color: COLOUR.grid } } },
        {
          gridIndex: 1,
          type: 'category',
          data: weeks.map((w) => w.week.replace(/^\d{4}-/, '')),
          axisLabel: { fontSize: SIZE.small, color: COLOUR.text, interval: 0, rotate: weeks.length > 8 ? 40 : 0 },
        },
      ],
      yAxis: [
        { gridIndex: 0, type: 'category', inverse: true, data: topics.map((s) => s.label), axisLabel: { fontSize: SIZE.label, color: COLOUR.text } },
        { gridIndex: 1, type: 'value', minInterval: 1, axisLabel: { fontSize: SIZE.small, color: COLOUR.muted }, splitLine: { lineStyle: { color: COLOUR.grid } } },
      ],
      series: [
        {
          type: 'bar',
          xAxisIndex: 0,
          yAxisIndex: 0,
          barMaxWidth: 22,
          data: topics.map((s) => ({ value: percent(s.correct, s.answered), itemStyle: { color: s.correct * 2 >= s.answered ? COLOUR.good : COLOUR.bad } })),
          label: { show: true, position: 'right', fontSize: SIZE.small, formatter: (p: { dataIndex: number }) => `${topics[p.dataIndex]!.correct}/${topics[p.dataIndex]!.answered}` },
        },
        {
          type: 'bar',
          xAxisIndex: 1,
          yAxisIndex: 1,
          barMaxWidth: 36,
          itemStyle: { color: COLOUR.trainable },
          data: weeks.map((w) => w.points),
          label: { show: true, position: 'top', fontSize: SIZE.small },
        },
      ],
    },
  };
}

export interface StandingRow {
  readonly rank: number;
  readonly name: string;
  readonly points: number;
  readonly correct: number;
  readonly answered: number;
}

export function standingsDrawing(o: { readonly week: string; readonly rows: readonly StandingRow[]; readonly players: number; readonly lang: Lang }): Drawing {
  const { lang } = o;
  const rows = o.rows.slice(0, MAX_STANDINGS);
  const label = (r: StandingRow) => `${r.rank}. ${fit(r.name, 18)}`;
  return {
    name: `standings-${o.week}.png`,
    alt: t(
      lang,
      msg('chart.standings.alt', {
        week: o.week,
        rows: rows.map((r) => `${r.rank}. ${r.name} ${r.points}`).join(lang === 'en' ? ', ' : '、'),
      }),
    ),
    width: 900,
    height: 140 + 40 * Math.max(rows.length, 1),
    option: {
      title: { ...TITLE, text: t(lang, msg('chart.standings.title', { week: o.week })), subtext: t(lang, msg('chart.standings.subtitle', { players: String(o.players) })) },
      grid: { left: 200, right: 190, top: 90, bottom: 30 },
      xAxis: { type: 'value', show: false, max: (v: { max: number }) => Math.max(1, v.max) },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map(label),
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: { fontSize: SIZE.subtitle + 1, color: COLOUR.text, fontWeight: 'bold' },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 26,
          data: rows.map((r) => ({ value: r.points, itemStyle: { color: r.rank === 1 ? '#d4a017' : r.rank === 2 ? '#9ea7b0' : r.rank === 3 ? '#b0703c' : COLOUR.trainable } })),
          label: {
            show: true,
            position: 'right',
            fontSize: SIZE.label,
            color: COLOUR.text,
            formatter: (p: { dataIndex: number }) => {
              const r = rows[p.dataIndex]!;
              return t(lang, msg('chart.standings.row', { points: String(r.points), correct: String(r.correct), answered: String(r.answered), accuracy: `${percent(r.correct, r.answered)}%` }));
            },
          },
        },
      ],
    },
  };
}

/** The class's accuracy per topic (the teacher's report): one bar per topic, weakest first, coloured right or wrong by half. */
export function masteryDrawing(o: { readonly topics: readonly TopicBar[]; readonly lang: Lang }): Drawing {
  const { lang } = o;
  const topics = [...o.topics].sort((a, b) => percent(a.correct, a.answered) - percent(b.correct, b.answered)).slice(0, 16);
  return {
    name: 'mastery.png',
    alt: t(lang, msg('chart.mastery.alt', { topics: topics.map((s) => `${s.label} ${percent(s.correct, s.answered)}%`).join(lang === 'en' ? ', ' : '、') })),
    width: 640,
    height: 90 + 34 * Math.max(topics.length, 1),
    option: {
      title: { ...TITLE, text: t(lang, msg('chart.stats.accuracy')), textStyle: { ...TITLE.textStyle, fontSize: SIZE.subtitle + 2 } },
      grid: { left: 150, right: 70, top: 50, bottom: 30 },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%', fontSize: SIZE.small, color: COLOUR.muted }, splitLine: { lineStyle: { color: COLOUR.grid } } },
      yAxis: { type: 'category', inverse: true, data: topics.map((s) => s.label), axisLabel: { fontSize: SIZE.label, color: COLOUR.text } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 22,
          data: topics.map((s) => ({ value: percent(s.correct, s.answered), itemStyle: { color: s.correct * 2 >= s.answered ? COLOUR.good : COLOUR.bad } })),
          label: { show: true, position: 'right', fontSize: SIZE.small, formatter: (p: { dataIndex: number }) => `${topics[p.dataIndex]!.correct}/${topics[p.dataIndex]!.answered}` },
        },
      ],
    },
  };
}
