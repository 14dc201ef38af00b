/** /schedule add|list|remove (admin): weekly quizzes, e.g. Mondays 10:00 Asia/Taipei, 5 questions 10 minutes apart. */
import { msg, t, type Lang } from '../src/i18n/messages.js';
import { LEVELS, TOPICS, isLevel, isTopic, type Level, type Topic } from '../src/domain/index.js';
import { isValidTimeZone } from '../src/quiz/zones/offsets.js';
import { setName } from './questions.js';
import type { Schedule } from '../src/domain/index.js';
import { refusedChannel, say } from './replies.js';
import type { Command, Context } from './types.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function describe(lang: Lang, ctx: Context, s: Schedule): string {
  return t(
    lang,
    msg('schedule.line', {
      id: String(s.id),
      day: t(lang, msg(`day.${DAYS[s.weekday - 1]!}`)),
      time: s.time,
      timezone: s.timezone,
      questions: String(s.questions),
      spacing: String(s.spacingMinutes),
      level: t(lang, msg(`level.${s.level}`)),
      topics:
        s.questionSet !== null
          ? t(lang, msg('schedule.fromSet', { set: s.questionSet }))
          : s.topics.length > 0
            ? s.topics.map((x) => t(lang, msg(`topic.${x}`))).join(' + ')
            : t(lang, msg('settings.all')),
      missed: s.missed,
      channel: ctx.channel(s.channelId),
      next: ctx.time(ctx.services.scheduler.nextRun(s)),
    }),
  );
}

export const scheduleCommand: Command = {
  name: 'schedule',
  description: msg('cmd.schedule'),
  admin: true,
  options: [
    { name: 'action', type: 'string', choices: ['add', 'list', 'remove'], description: msg('cmdopt.scheduleAction') },
    { name: 'day', type: 'string', choices: DAYS, description: msg('cmdopt.day') },
    { name: 'time', type: 'string', description: msg('cmdopt.time') },
    { name: 'questions', type: 'integer', min: 1, max: 20, description: msg('cmdopt.questions') },
    { name: 'spacing', type: 'integer', min: 1, max: 1440, description: msg('cmdopt.spacing') },
    { name: 'level', type: 'string', choices: LEVELS, description: msg('cmdopt.level') },
    { name: 'topics', type: 'string', description: msg('cmdopt.topics') },
    { name: 'missed', type: 'string', choices: ['late', 'skip'], description: msg('cmdopt.missed') },
    { name: 'timezone', type: 'string', description: msg('cmdopt.timezone') },
    { name: 'channel', type: 'channel', description: msg('cmdopt.channel') },
    { name: 'id', type: 'integer', min: 1, description: msg('cmdopt.scheduleId') },
    { name: 'set', type: 'string', description: msg('cmdopt.scheduleSet') },
  ],
  async run(ctx, args) {
    const lang = ctx.lang;
    const { scheduler, quiz } = ctx.services;
    const action = args.action ?? 'list';
    if (action === 'list') {
      const schedules = await scheduler.list(ctx.scopeId);
      return {
        visibility: 'private',
        tone: 'info',
        title: t(lang, msg('schedule.title')),
        text: schedules.length > 0 ? schedules.map((s) => describe(lang, ctx, s)).join('\n') : t(lang, msg('schedule.none')),
      };
    }
    if (action === 'remove') {
      if (typeof args.id !== 'number') return say(lang, msg('args.missing', { option: 'id', command: 'schedule remove' }), 'error');
      return (await scheduler.remove(args.id, ctx.scopeId))
        ? say(lang, msg('schedule.removed', { id: String(args.id) }), 'success')
        : say(lang, msg('schedule.unknown', { id: String(args.id) }), 'error');
    }
    if (typeof args.day !== 'string') return say(lang, msg('args.missing', { option: 'day', command: 'schedule add' }), 'error');
    const time = typeof args.time === 'string' ? args.time.trim() : '';
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return say(lang, msg('schedule.badTime', { value: time }), 'error');
    const timezone = typeof args.timezone === 'string' ? args.timezone : (await quiz.scope(ctx.scopeId)).timezone;
    if (!isValidTimeZone(timezone)) return say(lang, msg('settings.badTimezone', { value: timezone }), 'error');
    const topics = typeof args.topics === 'string' && args.topics.trim().toLowerCase() !== 'all' ? args.topics.split(/[,\s+]+/).filter((x) => x !== '') : [];
    const badTopic = topics.find((x) => !isTopic(x));
    if (badTopic !== undefined) return say(lang, msg('args.notAChoice', { option: 'topics', value: badTopic, choices: `${TOPICS.join(', ')}, all` }), 'error');
    const set = typeof args.set === 'string' ? setName(args.set) : undefined;
    if (set && 'error' in set) return say(lang, set.error, 'error');
    if (set && (await quiz.questionSets.list(ctx.scopeId, set.set)).length === 0) return say(lang, msg('teacher.emptySet', { set: set.set }), 'error');
    const channelId = typeof args.channel === 'string' ? args.channel : ctx.channelId;
    const refused = await refusedChannel(ctx, channelId);
    if (refused) return refused;
    const schedule = await scheduler.add({
      scopeId: ctx.scopeId,
      channelId,
      weekday: DAYS.indexOf(args.day as (typeof DAYS)[number]) + 1,
      time,
      timezone,
      questions: typeof args.questions === 'number' ? args.questions : 5,
      spacingMinutes: typeof args.spacing === 'number' ? args.spacing : 10,
      level: typeof args.level === 'string' && isLevel(args.level) ? (args.level as Level) : 'medium',
      topics: topics as Topic[],
      missed: args.missed === 'skip' ? 'skip' : 'late',
      questionSet: set?.set ?? null,
    });
    return { visibility: 'private', tone: 'success', title: t(lang, msg('schedule.added')), text: describe(lang, ctx, schedule) };
  },
};
