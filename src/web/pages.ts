/**
 * The pages: the class board, a student's own page and the teacher's report, as HTML from the
 * report's data. Every name, prompt and mistake is escaped by `html`; the only markup taken as it
 * is, is the chart library's SVG of the page's own numbers. Pages link only to themselves (other
 * periods, pages, the language) and to the report's downloads: nothing on them writes.
 */
import { formatInt } from '../engine/format.js';
import { msg, t, type Lang } from '../i18n/messages.js';
import type { Question } from '../quiz/question.js';
import type { Leaderboard } from '../quiz/service.js';
import { diagnosisText, isCode } from '../quiz/text.js';
import { renderWorking } from '../quiz/working.js';
import { decodeSource } from '../quiz/table/model.js';
import type { ClassReport, StudentPage } from '../report/report.js';
import type { Season, TopicStat } from '../domain/index.js';
import { html, trusted, type Html } from './html.js';
import { href, int, localTime, page, pager, percent } from './page.js';

/** A drawn chart for a page: its SVG and what it shows in words; undefined when it could not be drawn. */
export interface PageChart {
  readonly svg: string;
  readonly alt: string;
}

type Query = Readonly<Record<string, string | number | undefined>>;

const topicName = (lang: Lang, topic: string) => t(lang, msg(`topic.${topic}` as 'topic.conv'));

/** Chat text (`**bold**`, `` `code` ``) as escaped inline markup: the markers are read after escaping, so nothing else can become a tag. */
function inline(text: string): Html {
  const escaped = html`${text}`.value;
  return trusted(escaped.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>').replace(/`([^`]+)`/g, '<code>$1</code>'));
}

/** A question's prompt: its sentences, and the code it shows as a block of its own. */
function prompt(lang: Lang, question: Question): Html {
  return html`<div class="prompt">${question.prompt.map((part) => (isCode(part) ? html`<pre><code>${part.params.code}</code></pre>` : html`<p>${inline(t(lang, part))}</p>`))}</div>`;
}

function chart(lang: Lang, drawn: PageChart | undefined | 'none'): Html {
  if (drawn === 'none') return html``;
  if (!drawn) return html`<p class="note">${t(lang, msg('web.chartMissing'))}</p>`;
  return html`<figure class="chart" role="img" aria-label="${drawn.alt}">${trusted(drawn.svg)}</figure>`;
}

function seasonLabel(lang: Lang, season: Season): string {
  return t(lang, msg(season.endedAt === null ? 'web.season' : 'web.seasonArchived', { name: season.name }));
}

function topicsTable(lang: Lang, topics: readonly TopicStat[]): Html {
  const rows = [...topics].sort((a, b) => a.correct / Math.max(1, a.answered) - b.correct / Math.max(1, b.answered));
  return html`<table><thead><tr><th>${t(lang, msg('web.col.topic'))}</th><th class="num">${t(lang, msg('web.col.answered'))}</th><th class="num">${t(lang, msg('web.col.correct'))}</th><th class="num">${t(lang, msg('web.col.accuracy'))}</th></tr></thead><tbody>${rows.map(
    (s) =>
      html`<tr><td>${topicName(lang, s.topic)}</td><td class="num">${int(s.answered)}</td><td class="num">${int(s.correct)}</td><td class="num ${s.correct * 2 >= s.answered ? 'good' : 'bad'}">${percent(s.correct, s.answered)}<span class="bar" style="width:${Math.round((60 * s.correct) / Math.max(1, s.answered))}px"></span></td></tr>`,
  )}</tbody></table>`;
}

// ── the class board ──

export function boardPage(o: {
  readonly lang: Lang;
  readonly path: string;
  readonly query: Query;
  readonly board: Leaderboard;
  readonly seasons: readonly Season[];
  readonly now: number;
  readonly timeZone: string;
  readonly week: string;
}): string {
  const { lang, board } = o;
  const base = { lang: o.query.lang };
  const current = board.season ? `season:${board.season.id}` : board.period;
  const tab = (key: string, label: string, query: Query) => (key === current ? html`<strong>${label}</strong>` : html`<a href="${href(o.path, { ...base, ...query })}">${label}</a>`);
  const tabs = [
    tab('week', t(lang, msg('web.thisWeek', { week: o.week })), { period: 'week' }),
    tab('all', t(lang, msg('web.allTime')), { period: 'all' }),
    ...o.seasons.map((s) => tab(`season:${s.id}`, seasonLabel(lang, s), { period: 'season', season: s.name })),
  ];
  const title = t(lang, msg('web.board.title'));
  return page(
    { lang, title, path: o.path, query: o.query, asOf: { now: o.now, timeZone: o.timeZone } },
    html`<h1>${title}</h1>
<nav class="tabs">${tabs}</nav>
${
  board.rows.length === 0
    ? html`<p>${t(lang, msg('web.board.empty'))}</p>`
    : html`<p class="sub">${t(lang, msg('web.board.players', { n: int(board.players) }))}</p>
<table><thead><tr><th class="num">${t(lang, msg('web.col.rank'))}</th><th>${t(lang, msg('web.col.name'))}</th><th class="num">${t(lang, msg('web.col.points'))}</th><th class="num">${t(lang, msg('web.col.correct'))}</th><th class="num">${t(lang, msg('web.col.accuracy'))}</th></tr></thead>
<tbody>${board.rows.map((r) => html`<tr><td class="num">${r.rank}</td><td class="name">${r.name}</td><td class="num">${int(r.points)}</td><td class="num">${r.correct}/${r.answered}</td><td class="num">${percent(r.correct, r.answered)}</td></tr>`)}</tbody></table>
${pager(lang, { page: board.page, pages: board.pages, path: o.path, query: o.query, param: 'page' })}`
}`,
  );
}

// ── a student's own page ──

export function studentPage(o: {
  readonly lang: Lang;
  readonly path: string;
  readonly query: Query;
  readonly me: StudentPage;
  readonly chart: PageChart | undefined;
  readonly now: number;
  readonly players: number;
}): string {
  const { lang, me } = o;
  const title = t(lang, msg('web.me.title', { name: me.member.name }));
  const answered = me.topics.reduce((a, s) => a + s.answered, 0);
  const correct = me.topics.reduce((a, s) => a + s.correct, 0);
  const skills = me.skills.slice(0, 12);
  return page(
    { lang, title, path: o.path, query: o.query, asOf: { now: o.now, timeZone: me.scope.timezone } },
    html`<h1>${title}</h1>
<div class="cards">
<div class="card"><div class="label">${t(lang, msg('web.me.points'))}</div><div class="value">${int(me.allTime?.points ?? 0)}</div>${me.allTime ? html`<div class="detail">${t(lang, msg('web.me.rank', { rank: String(me.allTime.rank), players: String(o.players) }))}</div>` : ''}</div>
<div class="card"><div class="label">${t(lang, msg('web.me.accuracy'))}</div><div class="value">${percent(correct, answered)}</div><div class="detail">${correct}/${answered}</div></div>
<div class="card"><div class="label">${t(lang, msg('web.me.streak'))}</div><div class="value">${me.streaks.current}</div><div class="detail">${t(lang, msg('web.me.streakValue', { current: String(me.streaks.current), best: String(me.streaks.best) }))}</div></div>
</div>
${chart(lang, o.chart)}
<h2>${t(lang, msg('web.me.weeks'))}</h2>
${
  me.weeks.length === 0
    ? html`<p>${t(lang, msg('web.me.noWeeks'))}</p>`
    : html`<table><thead><tr><th>${t(lang, msg('web.col.week'))}</th><th class="num">${t(lang, msg('web.col.points'))}</th><th class="num">${t(lang, msg('web.col.correct'))}</th><th class="num">${t(lang, msg('web.col.accuracy'))}</th></tr></thead><tbody>${me.weeks.map(
        (w) =>
          html`<tr><td>${w.board.slice('week:'.length)}</td><td class="num">${int(w.points)}</td><td class="num">${w.correct}/${w.answered}</td><td class="num">${percent(w.correct, w.answered)}</td></tr>`,
      )}</tbody></table>`
}
<h2>${t(lang, msg('web.me.topics'))}</h2>
${topicsTable(lang, me.topics)}
<h2>${t(lang, msg('web.me.skills'))}</h2>
${
  skills.length === 0
    ? html`<p>${t(lang, msg('web.me.noSkills'))}</p>`
    : html`<ul class="skills">${skills.map(
        (c) =>
          html`<li>${topicName(lang, c.topic)} · ${t(lang, msg(`skill.${c.family}`))}: <span class="${c.isDue ? 'bad' : ''}">${c.isDue ? t(lang, msg('web.me.due')) : t(lang, msg('web.me.later', { when: localTime(c.due, me.scope.timezone, lang) }))}</span></li>`,
      )}</ul>`
}
<h2>${t(lang, msg('web.me.misses'))}</h2>
${
  me.misses.length === 0
    ? html`<p>${t(lang, msg('web.me.noMisses'))}</p>`
    : me.misses.map(
        ({
          item,
          question,
        }) => html`<div class="miss"><p class="sub">${localTime(item.answeredAt, me.scope.timezone, lang)} · ${topicName(lang, item.topic)}${item.source === 'practice' ? html` · ${t(lang, msg('web.me.practice'))}` : ''}</p>
<div class="question">${prompt(lang, question)}</div>
<p>${t(lang, msg('web.me.missLine', { yours: formatInt(item.value), answer: formatInt(question.answer) }))}</p>
<pre class="work">${renderWorking(lang, question.working).join('\n')}</pre></div>`,
      )
}`,
  );
}

// ── the teacher's report ──

export function reportPage(o: {
  readonly lang: Lang;
  readonly path: string;
  readonly query: Query;
  readonly report: ClassReport;
  readonly chart: PageChart | undefined;
  readonly now: number;
}): string {
  const { lang, report } = o;
  const { scope, students, questions } = report;
  const title = t(lang, msg('web.report.title'));
  const seasonName = report.period.kind === 'season' ? report.period.season.name : undefined;
  const base = { lang: o.query.lang, season: seasonName };
  const tab = (label: string, season: string | undefined) => (season === seasonName ? html`<strong>${label}</strong>` : html`<a href="${href(o.path, { lang: o.query.lang, season })}">${label}</a>`);
  const download = (file: string, label: string) => html`<a href="${href(`${o.path}/${file}`, { season: seasonName, lang: o.query.lang })}" download>${label}</a>`;
  return page(
    { lang, title, path: o.path, query: o.query, asOf: { now: o.now, timeZone: scope.timezone } },
    html`<h1>${title}</h1>
<nav class="tabs">${[tab(t(lang, msg('web.allTime')), undefined), ...report.seasons.map((s) => tab(seasonLabel(lang, s), s.name))]}</nav>
<p class="sub">${t(lang, msg('web.report.summary', { students: int(students.total), rounds: int(report.totals.rounds), answered: int(report.totals.answered), accuracy: percent(report.totals.correct, report.totals.answered) }))}</p>
<p class="downloads">${t(lang, msg('web.report.downloads'))} ${download('grades.csv', t(lang, msg('web.report.gradesCsv')))} ${download('answers.csv', t(lang, msg('web.report.answersCsv')))}</p>

<h2>${t(lang, msg('web.report.matrix'))}</h2>
<p class="note">${t(lang, msg('web.report.matrixNote'))}</p>
${
  students.rows.length === 0
    ? html`<p>${t(lang, msg('web.report.noStudents'))}</p>`
    : html`<div class="scroll"><table class="matrix"><thead><tr><th class="num">${t(lang, msg('web.col.rank'))}</th><th>${t(lang, msg('web.col.name'))}</th>${report.weeks.map((w) => html`<th class="num">${w.replace(/^\d{4}-/, '')}</th>`)}<th class="num">${t(lang, msg('web.col.total'))}</th><th class="num">${t(lang, msg('web.col.accuracy'))}</th></tr></thead>
<tbody>${students.rows.map(
        (r) =>
          html`<tr><td class="num">${r.rank}</td><td class="name" title="${r.userId}">${r.name}</td>${report.weeks.map((w) => {
            const cell = r.weeks.get(w);
            return cell
              ? html`<td class="cell">${int(cell.points)}<small>${t(lang, msg('web.cell', { correct: String(cell.correct), answered: String(cell.answered) }))}</small></td>`
              : html`<td class="cell">${t(lang, msg('web.none'))}</td>`;
          })}<td class="cell"><strong>${int(r.points)}</strong><small>${t(lang, msg('web.cell', { correct: String(r.correct), answered: String(r.answered) }))}</small></td><td class="num">${percent(r.correct, r.answered)}</td></tr>`,
      )}</tbody></table></div>
${pager(lang, { page: students.page, pages: students.pages, path: o.path, query: { ...base, questions: o.query.questions }, param: 'students' })}`
}

<h2>${t(lang, msg('web.report.mastery'))}</h2>
<p class="note">${t(lang, msg('web.report.masteryNote'))}</p>
${report.topics.length === 0 ? html`<p>${t(lang, msg('web.report.noTopics'))}</p>` : html`${chart(lang, o.chart)}${topicsTable(lang, report.topics)}`}

<h2>${t(lang, msg('web.report.questions'))}</h2>
<p class="note">${t(lang, msg('web.report.questionsNote'))}</p>
${
  questions.rows.length === 0
    ? html`<p>${t(lang, msg('web.report.noQuestions'))}</p>`
    : html`<table><thead><tr><th class="num">#</th><th>${t(lang, msg('web.report.col.when'))}</th><th>${t(lang, msg('web.report.col.question'))}</th><th class="num">${t(lang, msg('web.col.answered'))}</th><th class="num">${t(lang, msg('web.report.col.right'))}</th><th>${t(lang, msg('web.report.col.common'))}</th></tr></thead>
<tbody>${questions.rows.map(
        (
          q,
        ) => html`<tr><td class="num">${q.round.id}</td><td>${localTime(q.round.openedAt, scope.timezone, lang)}<small>${topicName(lang, q.round.topic)} · ${t(lang, msg(`level.${q.round.level}`))}</small></td>
<td class="question">${q.question ? prompt(lang, q.question) : t(lang, msg('web.report.oldQuestion'))}<small>${t(lang, msg('web.report.answer', { answer: formatInt(q.round.answer) }))}</small></td>
<td class="num">${q.answered}</td><td class="num ${q.correct * 2 >= q.answered ? 'good' : 'bad'}">${percent(q.correct, q.answered)}</td>
<td class="common">${q.common && q.question ? inline(t(lang, msg('web.report.commonValue', { n: String(q.common.answers), value: formatInt(q.common.value), share: percent(q.common.answers, q.answered), why: diagnosisText(lang, q.question, q.common.diagnosis) }))) : html`<small>${t(lang, msg('web.report.noCommon'))}</small>`}</td></tr>`,
      )}</tbody></table>
${pager(lang, { page: questions.page, pages: questions.pages, path: o.path, query: { ...base, students: o.query.students }, param: 'questions' })}`
}
${report.tableRows.length === 0 ? '' : tableRowsSection(lang, report.tableRows)}`,
  );
}

/** The rows of the class's summary tables most often wrong: what to work through again on the board. */
function tableRowsSection(lang: Lang, rows: ClassReport['tableRows']): Html {
  return html`<h2>${t(lang, msg('web.report.tableRows'))}</h2>
<p class="note">${t(lang, msg('web.report.tableRowsNote'))}</p>
<table><thead><tr><th>${t(lang, msg('web.report.col.table'))}</th><th class="num">#</th><th>${t(lang, msg('web.report.col.layer'))}</th><th class="num">${t(lang, msg('web.report.col.wrong'))}</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td>${tableName(lang, r.exercise)}</td><td class="num">${r.index + 1}</td><td>${r.layer}</td><td class="num bad">${t(lang, msg('web.report.wrongOf', { wrong: String(r.wrong), answered: String(r.answered) }))}</td></tr>`)}</tbody></table>`;
}

/** A table by its source: a teacher's model by its text, a generated one by its level and seed. */
function tableName(lang: Lang, exercise: string): string {
  const source = decodeSource(exercise);
  if (!source) return exercise;
  return source.kind === 'spec' ? source.spec.slice(0, 60) : t(lang, msg('web.report.generatedTable', { level: t(lang, msg(`level.${source.level}`)), seed: String(source.seed) }));
}
