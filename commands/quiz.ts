/** /quiz [level] [topic] [seconds] [seed]: posts a generated question in the channel. */
import { msg, t } from '../src/i18n/messages.js';
import { LEVELS, TOPICS, isLevel, isTopic } from '../src/quiz/types.js';
import { questionReply } from './replies.js';
import type { Command } from './types.js';

export const quizCommand: Command = {
  name: 'quiz',
  description: msg('cmd.quiz'),
  options: [
    { name: 'level', type: 'string', choices: LEVELS, description: msg('cmdopt.level') },
    { name: 'topic', type: 'string', choices: TOPICS, description: msg('cmdopt.topic') },
    { name: 'seconds', type: 'integer', min: 5, max: 86_400, description: msg('cmdopt.seconds') },
    { name: 'seed', type: 'integer', min: 0, max: 2_147_483_646, description: msg('cmdopt.seed') },
  ],
  async run(ctx, args) {
    const level = typeof args.level === 'string' && isLevel(args.level) ? args.level : undefined;
    const topic = typeof args.topic === 'string' && isTopic(args.topic) ? args.topic : undefined;
    if (args.seed !== undefined && !ctx.isAdmin) return { visibility: 'private', tone: 'error', text: t(ctx.lang, msg('quiz.seedAdminOnly')) };
    const result = await ctx.services.quiz.start({
      scopeId: ctx.scopeId,
      channelId: ctx.channelId,
      player: ctx.player,
      lang: ctx.lang,
      level,
      topics: topic ? [topic] : undefined,
      seed: typeof args.seed === 'number' ? args.seed : undefined,
      seconds: typeof args.seconds === 'number' ? args.seconds : undefined,
    });
    if (!result.ok) {
      return { visibility: 'private', tone: 'warning', text: t(ctx.lang, msg('quiz.alreadyOpen', { id: String(result.open.id), closes: ctx.time(result.open.closesAt) })) };
    }
    return questionReply(ctx, result.round, result.question);
  },
};
