/** /quiz [level] [topic] [seconds] [seed] [channel]: posts a generated question in a channel. */
import { msg, t } from '../src/i18n/messages.js';
import { MIN_STUDENT_SECONDS } from '../src/quiz/service.js';
import { LEVELS, TOPICS, isLevel, isTopic } from '../src/quiz/types.js';
import { questionReply, refusedChannel, say } from './replies.js';
import type { Command } from './types.js';

export const quizCommand: Command = {
  name: 'quiz',
  description: msg('cmd.quiz'),
  options: [
    { name: 'level', type: 'string', choices: LEVELS, description: msg('cmdopt.level') },
    { name: 'topic', type: 'string', choices: TOPICS, description: msg('cmdopt.topic') },
    { name: 'seconds', type: 'integer', min: 5, max: 86_400, description: msg('cmdopt.seconds') },
    { name: 'seed', type: 'integer', min: 0, max: 2_147_483_646, description: msg('cmdopt.seed') },
    { name: 'channel', type: 'channel', description: msg('cmdopt.channel') },
  ],
  async run(ctx, args) {
    const lang = ctx.lang;
    const elsewhere = typeof args.channel === 'string' && args.channel !== ctx.channelId ? args.channel : undefined;
    if ((args.seed !== undefined || elsewhere !== undefined) && !ctx.isAdmin) return say(lang, msg('quiz.adminOption'), 'error');
    if (typeof args.seconds === 'number' && args.seconds < MIN_STUDENT_SECONDS && !ctx.isAdmin) return say(lang, msg('quiz.tooShort', { min: String(MIN_STUDENT_SECONDS) }), 'error');
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
    });
    if (!result.ok) {
      if ('open' in result) return say(lang, msg('quiz.alreadyOpen', { id: String(result.open.id), closes: ctx.time(result.open.closesAt) }), 'warning');
      return say(lang, msg(result.refused.what === 'level' ? 'quiz.levelOff' : 'quiz.topicOff', { value: result.refused.value, allowed: result.refused.allowed.join(', ') }), 'warning');
    }
    const post = (view: typeof ctx) => questionReply({ view, lang, round: result.round, question: result.question, quiz });
    if (elsewhere === undefined) return post(ctx);
    await ctx.services.post({ scopeId: ctx.scopeId, channelId }, (view) => post({ ...ctx, ...view }));
    return say(lang, msg('quiz.postedElsewhere', { id: String(result.round.id), channel: ctx.channel(channelId) }), 'success');
  },
};
