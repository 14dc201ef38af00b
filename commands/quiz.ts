/**
 * /quiz [level] [topic] [seconds] [seed] [channel]: posts a generated question in a channel; with
 * model: (a spec or pasted code) or set: (admins), a teacher's own question instead.
 */
import { msg, type MessageRef } from '../src/i18n/messages.js';
import { parseAsk, type TeacherAsk } from '../src/domain/index.js';
import { MIN_STUDENT_SECONDS, type QuestionSource } from '../src/quiz/service.js';
import { LEVELS, TOPICS, isLevel, isTopic, type Level } from '../src/domain/index.js';
import { MAX_SPEC_LENGTH, setName } from './questions.js';
import { questionReply, refusedChannel, say } from './replies.js';
import { startTable } from './table.js';
import type { Args, Command } from './types.js';

export const quizCommand: Command = {
  name: 'quiz',
  description: msg('cmd.quiz'),
  options: [
    { name: 'level', type: 'string', choices: LEVELS, description: msg('cmdopt.level') },
    { name: 'topic', type: 'string', choices: TOPICS, description: msg('cmdopt.topic') },
    { name: 'seconds', type: 'integer', min: 5, max: 86_400, description: msg('cmdopt.seconds') },
    { name: 'seed', type: 'integer', min: 0, max: 2_147_483_646, description: msg('cmdopt.seed') },
    { name: 'channel', type: 'channel', description: msg('cmdopt.channel') },
    { name: 'ask', type: 'string', description: msg('cmdopt.ask') },
    { name: 'set', type: 'string', description: msg('cmdopt.set') },
    { name: 'kind', type: 'string', choices: ['table'], description: msg('cmdopt.kind') },
    { name: 'model', type: 'string', rest: true, description: msg('cmdopt.model') },
  ],
  async run(ctx, args) {
    const lang = ctx.lang;
    const elsewhere = typeof args.channel === 'string' && args.channel !== ctx.channelId ? args.channel : undefined;
    if ((args.seed !== undefined || elsewhere !== undefined) && !ctx.isAdmin) return say(lang, msg('quiz.adminOption'), 'error');
    if (typeof args.seconds === 'number' && args.seconds < MIN_STUDENT_SECONDS && !ctx.isAdmin) return say(lang, msg('quiz.tooShort', { min: String(MIN_STUDENT_SECONDS) }), 'error');
    if (args.kind === 'table') return table(ctx, args);
    const source = teacherSource(args);
    if (source !== undefined && 'error' in source) return say(lang, source.error, 'error');
    if (source && !ctx.isAdmin) return say(lang, msg('teacher.modelAdmin'), 'error');
    const refused = elsewhere === undefined ? undefined : await refusedChannel(ctx, elsewhere);
    if (refused) return refused;
    const quiz = ctx.services.quiz;
    const channelId = elsewhere ?? ctx.channelId;
    const result = await quiz.start({
      scopeId: ctx.scopeId,
      channelId,
      opener: ctx.isAdmin ? { kind: 'admin', player: ctx.player } : { kind: 'student', player: ctx.player },
      lang,
      level: typeof args.level === 'string' && isLevel(args.level) ? args.level : undefined,
      topics: typeof args.topic === 'string' && isTopic(args.topic) ? [args.topic] : undefined,
      seed: typeof args.seed === 'number' ? args.seed : undefined,
      seconds: typeof args.seconds === 'number' ? args.seconds : undefined,
      source,
    });
    if (!result.ok) {
      if ('open' in result) return say(lang, msg('quiz.alreadyOpen', { id: String(result.open.id), closes: ctx.time(result.open.closesAt) }), 'warning');
      if ('invalid' in result) return say(lang, result.invalid, 'error');
      return say(lang, msg(result.refused.what === 'level' ? 'quiz.levelOff' : 'quiz.topicOff', { value: result.refused.value, allowed: result.refused.allowed.join(', ') }), 'warning');
    }
    const post = (view: typeof ctx) => questionReply({ view, lang, round: result.round, question: result.question, quiz });
    if (elsewhere === undefined) return post(ctx);
    await ctx.services.post({ scopeId: ctx.scopeId, channelId }, (view) => post({ ...ctx, ...view }));
    return say(lang, msg('quiz.postedElsewhere', { id: String(result.round.id), channel: ctx.channel(channelId) }), 'success');
  },
};

/** `/quiz table [level] [model:…]`: a whole summary table to fill in (a teacher's model: admins, as for questions). */
function table(ctx: Parameters<Command['run']>[0], args: Args) {
  const model = typeof args.model === 'string' && args.model.trim() !== '' ? args.model.trim() : undefined;
  if (model && !ctx.isAdmin) return say(ctx.lang, msg('teacher.modelAdmin'), 'error');
  if (model && model.length > MAX_SPEC_LENGTH) return say(ctx.lang, msg('teacher.tooLong', { what: 'model', max: String(MAX_SPEC_LENGTH) }), 'error');
  return startTable(ctx, {
    level: typeof args.level === 'string' && isLevel(args.level) ? args.level : undefined,
    seed: typeof args.seed === 'number' ? args.seed : undefined,
    model,
  });
}

/** A teacher's question asked with model: or set:, the one the arguments name; undefined for a generated one. */
function teacherSource(args: Args): QuestionSource | { readonly error: MessageRef } | undefined {
  const model = typeof args.model === 'string' ? args.model.trim() : '';
  const set = typeof args.set === 'string' ? args.set : undefined;
  if (model === '' && set === undefined) return typeof args.ask === 'string' ? { error: msg('teacher.needsModel') } : undefined;
  if (set !== undefined) {
    const name = setName(set);
    return 'error' in name ? name : { kind: 'set', set: name.set };
  }
  if (model.length > MAX_SPEC_LENGTH) return { error: msg('teacher.tooLong', { what: 'model', max: String(MAX_SPEC_LENGTH) }) };
  let ask: TeacherAsk = { kind: 'any' };
  if (typeof args.ask === 'string') {
    const parsed = parseAsk(args.ask);
    if (!parsed) return { error: msg('teacher.badAsk', { value: args.ask }) };
    ask = parsed;
  }
  const level: Level = typeof args.level === 'string' && isLevel(args.level) ? args.level : 'medium';
  return { kind: 'teacher', question: { spec: model, ask, level, wording: null } };
}
