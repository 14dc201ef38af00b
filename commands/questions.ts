/**
 * /questions (admins): a teacher's question sets. `add` a spec (or pasted code) with what to ask of
 * it, `list`, `remove`, or `import` a CSV or YAML file of them. Each question is built by the
 * engine when it is added (a spec it cannot count, or a layer the model does not have, is refused
 * then, with the row named), and again whenever it is asked: its answer is never typed by hand.
 * A file is read off the event loop, within bounds (src/imports).
 */
import { formatInt } from '../src/engine/format.js';
import { LIMITS } from '../src/engine/limits.js';
import { msg, t, type MessageRef } from '../src/i18n/messages.js';
import { MAX_IMPORT_ROWS } from '../src/imports/rows.js';
import { encodeAsk, parseAsk, type TeacherAsk } from '../src/domain/index.js';
import { MAX_WORDING } from '../src/quiz/teacher.js';
import { LEVELS, isLevel, type Level } from '../src/domain/index.js';
import type { NewQuestion, TeacherQuestion } from '../src/domain/index.js';
import { say } from './replies.js';
import type { Args, Command, Context, Reply } from './types.js';

/** The longest model a question takes: what /count takes. */
export const MAX_SPEC_LENGTH = LIMITS.specChars;
/** Checking a whole file (every row built by the engine) stops past this. */
const IMPORT_BUDGET_MS = 10_000;
/** Questions a list shows. */
const LISTED = 50;

/** A set's name, lower-cased: `week3`, `vgg16-lecture`. */
export function setName(text: string): { readonly set: string } | { readonly error: MessageRef } {
  const name = text.trim().toLowerCase();
  return /^[\p{L}\p{N}._-]{1,40}$/u.test(name) ? { set: name } : { error: msg('teacher.badSet', { value: text }) };
}

/** One question as typed or as a file's row: checked fields, not yet built. */
function questionOf(fields: { spec?: unknown; ask?: unknown; level?: unknown; wording?: unknown }): TeacherQuestion | { readonly error: MessageRef } {
  const spec = typeof fields.spec === 'string' ? fields.spec.trim() : typeof fields.spec === 'number' ? String(fields.spec) : '';
  if (spec === '') return { error: msg('teacher.needsModel') };
  if (spec.length > MAX_SPEC_LENGTH) return { error: msg('teacher.tooLong', { what: 'spec', max: String(MAX_SPEC_LENGTH) }) };
  let ask: TeacherAsk = { kind: 'any' };
  const askText = fields.ask === undefined || fields.ask === null ? '' : String(fields.ask).trim();
  if (askText !== '') {
    const parsed = parseAsk(askText);
    if (!parsed) return { error: msg('teacher.badAsk', { value: askText }) };
    ask = parsed;
  }
  const levelText = fields.level === undefined || fields.level === null ? '' : String(fields.level).trim().toLowerCase();
  if (levelText !== '' && !isLevel(levelText)) return { error: msg('args.notAChoice', { option: 'level', value: levelText, choices: LEVELS.join(', ') }) };
  const wording = fields.wording === undefined || fields.wording === null ? '' : String(fields.wording).trim();
  if (wording.length > MAX_WORDING) return { error: msg('teacher.tooLong', { what: 'wording', max: String(MAX_WORDING) }) };
  return { spec, ask, level: (levelText || 'medium') as Level, wording: wording === '' ? null : wording };
}

/** Builds each question once, as it would be asked: the first that cannot be is the refusal, with its row. */
async function checked(ctx: Context, set: string, defs: ReadonlyArray<TeacherQuestion | { error: MessageRef }>, rowOffset: number): Promise<{ questions: NewQuestion[]; answers: bigint[] } | Reply> {
  const lang = ctx.lang;
  const started = Date.now();
  const questions: NewQuestion[] = [];
  const answers: bigint[] = [];
  for (const [i, def] of defs.entries()) {
    const row = (error: MessageRef) =>
      defs.length === 1 && rowOffset === 0 ? say(lang, error, 'error') : say(lang, msg('teacher.rowError', { row: String(i + rowOffset), error: t(lang, error) }), 'error');
    if ('error' in def) return row(def.error);
    if (Date.now() - started > IMPORT_BUDGET_MS) return say(lang, msg('teacher.fileSlow'), 'error');
    const built = await ctx.services.quiz.buildTeacher(def, 1);
    if (!built.ok) return row(built.error);
    questions.push({ ...def, scopeId: ctx.scopeId, set, createdBy: ctx.player.userId, createdAt: Date.now() });
    answers.push(built.question.answer);
  }
  return { questions, answers };
}

async function add(ctx: Context, args: Args, set: string): Promise<Reply> {
  const def = questionOf({ spec: args.model, ask: args.ask, level: args.level, wording: args.wording });
  const result = await checked(ctx, set, [def], 0);
  if (!('questions' in result)) return result;
  const [stored] = await ctx.services.quiz.questionSets.add(result.questions);
  return say(ctx.lang, msg('teacher.added', { id: String(stored!.id), set, ask: encodeAsk(stored!.ask), answer: formatInt(result.answers[0]!) }), 'success');
}

async function importFile(ctx: Context, args: Args, set: string): Promise<Reply> {
  const lang = ctx.lang;
  if (!ctx.upload) return say(lang, msg('teacher.noFile'), 'error');
  const upload = await ctx.upload(typeof args.file === 'string' ? args.file : undefined);
  if (!upload.ok) return say(lang, upload.error, 'error');
  // Read in a worker with a deadline: a file built to be slow to read stalls nobody else.
  const read = await ctx.services.questionFiles.read({ name: upload.name, text: upload.text }, `${ctx.scopeId}/${ctx.player.userId}`);
  if (!read.ok) return say(lang, read.error, 'error');
  if (read.rows.length === 0) return say(lang, msg('teacher.fileEmpty'), 'error');
  if (read.rows.length > MAX_IMPORT_ROWS) return say(lang, msg('teacher.fileRows', { max: String(MAX_IMPORT_ROWS) }), 'error');
  const result = await checked(
    ctx,
    set,
    read.rows.map((r) => questionOf({ spec: r.spec ?? r.model, ask: r.ask, level: r.level, wording: r.wording })),
    read.first,
  );
  if (!('questions' in result)) return result;
  await ctx.services.quiz.questionSets.add(result.questions);
  return say(lang, msg('teacher.imported', { n: String(result.questions.length), set }), 'success');
}

async function list(ctx: Context, set: string | undefined): Promise<Reply> {
  const lang = ctx.lang;
  const all = await ctx.services.quiz.questionSets.list(ctx.scopeId, set);
  const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 59).replace(/\s+/g, ' ')}…` : s.replace(/\s+/g, ' '));
  return {
    visibility: 'private',
    tone: 'info',
    title: t(lang, msg('teacher.listTitle')),
    text:
      all.length === 0
        ? t(lang, msg('teacher.none'))
        : all
            .slice(0, LISTED)
            .map((q) => t(lang, msg('teacher.line', { id: String(q.id), set: q.set, ask: encodeAsk(q.ask), level: q.level, spec: `\`${clip(q.spec)}\`` })))
            .join('\n'),
    footer: t(lang, msg('teacher.listFooter')),
  };
}

export const questionsCommand: Command = {
  name: 'questions',
  description: msg('cmd.questions'),
  admin: true,
  options: [
    { name: 'action', type: 'string', choices: ['add', 'list', 'remove', 'import'], description: msg('cmdopt.questionsAction') },
    { name: 'set', type: 'string', description: msg('cmdopt.set') },
    { name: 'ask', type: 'string', description: msg('cmdopt.ask') },
    { name: 'level', type: 'string', choices: LEVELS, description: msg('cmdopt.level') },
    { name: 'wording', type: 'string', description: msg('cmdopt.wording') },
    { name: 'id', type: 'integer', min: 1, description: msg('cmdopt.questionId') },
    { name: 'file', type: 'attachment', description: msg('cmdopt.file') },
    { name: 'model', type: 'string', rest: true, description: msg('cmdopt.model') },
  ],
  async run(ctx, args) {
    const lang = ctx.lang;
    const named = typeof args.set === 'string' ? setName(args.set) : undefined;
    if (named && 'error' in named) return say(lang, named.error, 'error');
    const set = named?.set;
    switch (args.action) {
      case 'add':
      case 'import':
        if (set === undefined) return say(lang, msg('teacher.needsSet'), 'error');
        return args.action === 'add' ? add(ctx, args, set) : importFile(ctx, args, set);
      case 'remove': {
        if (typeof args.id !== 'number') return say(lang, msg('args.missing', { option: 'id', command: 'questions' }), 'error');
        const removed = await ctx.services.quiz.questionSets.remove(ctx.scopeId, args.id);
        return say(lang, msg(removed ? 'teacher.removed' : 'teacher.unknown', { id: String(args.id) }), removed ? 'success' : 'warning');
      }
      default:
        return list(ctx, set);
    }
  },
};
