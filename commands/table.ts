/**
 * The table exercise: `/quiz table [level] [model:…]` posts a model and its summary table with
 * the blanks; the "Fill in the table" button opens a form of one field per row (on Discord a page
 * of five at a time, the earlier pages kept until the last is sent; on Slack all rows in one
 * form; in a terminal one line), or `/answer 1792, 36928, 0, …` answers the table posted in the
 * channel. The student is graded row by row, privately; "Show the filled table" reveals it.
 */
import { formatInt } from '../src/engine/format.js';
import { msg, t, type Lang, type MessageRef } from '../src/i18n/messages.js';
import type { Level } from '../src/domain/index.js';
import { allowedLevel } from '../src/quiz/level.js';
import { TOTALS } from '../src/quiz/table/grade.js';
import { refusal } from '../src/quiz/table/check.js';
import { tableExercise, type TableExercise, type TableSource } from '../src/quiz/table/model.js';
import { checkPage, isTableLine, parseFields, parseLine, type Parsed } from '../src/quiz/table/parse.js';
import { blankTable, drawing, FOOTER, gradeLines, revealTable } from '../src/quiz/table/render.js';
import type { TableAnswer } from '../src/quiz/table/grade.js';
import { POSTERS, type PostedBy, type TableOutcome } from '../src/quiz/table/desk.js';
import { TABLE_BONUS } from '../src/quiz/scoring.js';
import { errorReply } from './replies.js';
import { FIELDS_PER_FORM, type Action, type Context, type Form, type Reply } from './types.js';

/** The exercise a button's parameters name; undefined for parameters this version did not write. */
function exerciseOf(ctx: Context, params: readonly string[]): { exercise: TableExercise; page: number; by: PostedBy } | undefined {
  const [encoded = '', page = '0', by = 'student'] = params;
  const source = ctx.services.quiz.tables.sourceOf(encoded);
  const made = source && tableExercise(source);
  if (!made?.ok || !/^\d{1,3}$/.test(page) || !(POSTERS as readonly string[]).includes(by)) return undefined;
  return { exercise: made.exercise, page: Number(page), by: by as PostedBy };
}

/** The cells a form asks, the rows then the three totals, and the pages they take on a platform. */
const cellCount = (exercise: TableExercise) => exercise.rows.length + TOTALS.length;
const pagesOf = (exercise: TableExercise, perPage: number) => Math.ceil(cellCount(exercise) / perPage);

function tableForm(ctx: Context, params: readonly string[]): Form {
  const found = exerciseOf(ctx, params);
  const lang = ctx.lang;
  if (!found) return { title: t(lang, msg('table.fillButton')), label: t(lang, msg('table.fillButton')), placeholder: '' };
  const { exercise, page } = found;
  const perPage = FIELDS_PER_FORM[ctx.platform];
  const n = exercise.rows.length;
  const from = Number.isFinite(perPage) ? page * perPage : 0;
  const to = Math.min(cellCount(exercise), Number.isFinite(perPage) ? from + perPage : cellCount(exercise));
  const rowPlaceholder = t(lang, msg(exercise.blanks.shapes ? 'table.modalShapePlaceholder' : 'table.modalPlaceholder'));
  const fields = Array.from({ length: to - from }, (_, k) => {
    const i = from + k;
    const row = exercise.rows[i];
    return row ? { label: `${i + 1}. ${row.name} (${row.typeName})`, placeholder: rowPlaceholder } : { label: FOOTER[TOTALS[i - n]!], placeholder: '0' };
  });
  return {
    title: t(lang, msg('table.modalTitle', { from: String(from + 1), to: String(to), of: String(cellCount(exercise)) })),
    label: t(lang, msg('table.fillButton')),
    placeholder: t(lang, msg('table.modalTotalsPlaceholder')),
    fields,
  };
}

const fillButton = (ctx: Context, source: TableSource, page: number, by: PostedBy, label: MessageRef) => ({
  action: tableAction.name,
  params: [ctx.services.quiz.tables.sourceRef(source), String(page), by],
  label: t(ctx.lang, label),
  style: 'primary' as const,
});

/** The table posted in the channel: the model as the lecture draws it, the blank summary, how to answer. */
export function tableReply(ctx: Context, source: TableSource, by: PostedBy): Reply {
  const lang = ctx.lang;
  const made = tableExercise(source);
  if (!made.ok) return errorReply(lang, refusal(made.refused));
  const exercise = made.exercise;
  ctx.services.quiz.tables.post(ctx.scopeId, ctx.channelId, { source, by });
  const rows = String(exercise.rows.length);
  return {
    visibility: 'public',
    tone: 'info',
    title: t(lang, msg('table.title', { level: t(lang, msg(`level.${source.level}`)) })),
    text: `${t(lang, msg('table.lead'))}\n${t(lang, msg(exercise.blanks.shapes ? 'table.askShapes' : 'table.ask', { rows }))}`,
    code: `${drawing(exercise)}\n\n${blankTable(exercise)}`,
    buttons: [fillButton(ctx, source, 0, by, msg('table.fillButton'))],
  };
}

/** The graded table: a line per row and the totals, the points, and the button that reveals the table. */
async function graded(ctx: Context, exercise: TableExercise, parsed: Parsed<TableAnswer>, by: PostedBy): Promise<Reply> {
  const lang = ctx.lang;
  if (!parsed.ok) return errorReply(lang, parsed.error);
  const outcome = await ctx.services.quiz.tables.answer({ scopeId: ctx.scopeId, player: ctx.player, exercise, answer: parsed.value, postedBy: by });
  if ('refused' in outcome) return errorReply(lang, outcome.refused);
  return {
    visibility: 'private',
    tone: outcome.grade.whole ? 'success' : 'info',
    title: t(lang, msg('table.title', { level: t(lang, msg(`level.${exercise.source.level}`)) })),
    text: [...gradeLines(lang, outcome.grade), '', scoreLine(lang, outcome)].join('\n'),
    buttons: [{ action: tableRevealAction.name, params: [ctx.services.quiz.tables.sourceRef(exercise.source)], label: t(lang, msg('table.revealButton')), style: 'secondary' }],
  };
}

function scoreLine(lang: Lang, o: TableOutcome): string {
  const g = o.grade;
  if (o.again) return t(lang, msg('table.again', { earned: String(g.earned), cells: String(g.cells), points: formatInt(o.points) }));
  const score = t(lang, msg('table.score', { earned: String(g.earned), cells: String(g.cells), points: formatInt(o.points) }));
  const bonus = g.whole && !o.practice ? ` ${t(lang, msg('table.whole', { bonus: String(TABLE_BONUS) }))}` : '';
  const note = o.practice ? ` ${t(lang, msg('table.practice'))}` : '';
  return `${score}${bonus}${note}`;
}

/** "Fill in the table" and its later pages: params [source, page, posted by]. */
export const tableAction: Action = {
  name: 'table',
  modal: tableForm,
  async run(ctx, params, input = '') {
    const found = exerciseOf(ctx, params);
    if (!found) return errorReply(ctx.lang, msg('table.noRound'));
    const { exercise, page, by } = found;
    const perPage = FIELDS_PER_FORM[ctx.platform];
    const pages = Number.isFinite(perPage) ? pagesOf(exercise, perPage) : 1;
    // A whole table in one line (a terminal, or a form's one field typed as a line).
    if (pages === 1 && !input.includes('\n')) return graded(ctx, exercise, parseLine(exercise, input), by);
    const cells = input.split('\n');
    const key = { scopeId: ctx.scopeId, userId: ctx.player.userId, source: exercise.source };
    if (page < pages - 1) {
      // The page's cells are read now, so a mistake is retyped in the form it was made in.
      const from = page * perPage;
      const refused = checkPage(exercise, from, cells);
      if (refused) return errorReply(ctx.lang, refused);
      ctx.services.quiz.tables.keepPage(key, page, cells);
      const next = (page + 1) * perPage;
      return {
        visibility: 'private',
        tone: 'info',
        text: t(ctx.lang, msg('table.pageKept', { from: String(from + 1), to: String(next), next: String(next + 1) })),
        buttons: [fillButton(ctx, exercise.source, page + 1, by, msg('table.nextButton', { from: String(next + 1), to: String(Math.min(cellCount(exercise), next + perPage)) }))],
      };
    }
    const before = ctx.services.quiz.tables.pagesBefore(key, page);
    if (before === undefined) return errorReply(ctx.lang, msg('table.draftLost'));
    return graded(ctx, exercise, parseFields(exercise, [...before, ...cells]), by);
  },
};

/** "Show the filled table": the table as Keras (or torchinfo) prints it, with each row's formula. */
export const tableRevealAction: Action = {
  name: 'tableReveal',
  run(ctx, params) {
    const found = exerciseOf(ctx, params);
    if (!found) return errorReply(ctx.lang, msg('table.noRound'));
    const title = found.exercise.framework === 'pytorch' ? 'check.answerTitleTorch' : 'check.answerTitle';
    return { visibility: 'private', tone: 'info', title: t(ctx.lang, msg(title)), code: revealTable(found.exercise) };
  },
};

/** `/answer 1792, 36928, 0, …` in a channel with a table posted and no open round: that table, or undefined when there is none. */
export async function answerPostedTable(ctx: Context, text: string): Promise<Reply | undefined> {
  const posted = ctx.services.quiz.tables.postedIn(ctx.scopeId, ctx.channelId);
  if (!posted || !isTableLine(text)) return undefined;
  const made = tableExercise(posted.source);
  if (!made.ok) return undefined;
  return graded(ctx, made.exercise, parseLine(made.exercise, text), posted.by);
}

/**
 * `/quiz table …`: a generated table at the level asked, or a teacher's model (a spec, pasted code
 * or a preset). The scope's levels apply as to questions: a level turned off is refused, and with
 * none asked the one nearest to medium is used.
 */
export async function startTable(ctx: Context, o: { level: Level | undefined; seed: number | undefined; model: string | undefined }): Promise<Reply> {
  const allowed = (await ctx.services.quiz.scope(ctx.scopeId)).levels;
  if (o.level && allowed.length > 0 && !allowed.includes(o.level)) return errorReply(ctx.lang, msg('quiz.levelOff', { value: o.level, allowed: allowed.join(', ') }));
  const level = o.level ?? allowedLevel('medium', allowed);
  const by: PostedBy = ctx.isAdmin ? 'admin' : 'student';
  const source: TableSource = o.model ? { kind: 'spec', level, spec: o.model } : { kind: 'generated', level, seed: o.seed ?? ctx.services.quiz.newSeed() };
  return tableReply(ctx, source, by);
}
