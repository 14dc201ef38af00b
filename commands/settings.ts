/** /settings (admin): the scope's time zone, language, quiz channel, levels, topics and round length. */
import { joinList, LANGS, msg, t, type Lang } from '../src/i18n/messages.js';
import { LEVELS, TOPICS, isLevel, isTopic, type Level, type Topic } from '../src/domain/index.js';
import { isValidTimeZone } from '../src/quiz/zones/offsets.js';
import { SCORING_MODES, type ScopeSettings, type ScoringMode } from '../src/domain/index.js';
import { refusedChannel, say } from './replies.js';
import type { Command, Context, Reply } from './types.js';

/** `conv,batchnorm` or `all` to a checked list; undefined names the bad entry. */
function listOf<T extends string>(text: string, valid: (v: string) => v is T): { ok: true; values: T[] } | { ok: false; bad: string } {
  if (text.trim().toLowerCase() === 'all') return { ok: true, values: [] };
  const values = text
    .split(/[,\s+]+/)
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v !== '');
  const bad = values.find((v) => !valid(v));
  return bad === undefined && values.length > 0 ? { ok: true, values: [...new Set(values)] as T[] } : { ok: false, bad: bad ?? text };
}

/** Whether the board is public and, when it is and the pages are on, where. */
function publicBoard(ctx: Context, lang: Lang, on: boolean): string {
  if (!on) return t(lang, msg('settings.publicOff'));
  const url = ctx.services.web?.url({ kind: 'board', scopeId: ctx.scopeId });
  return t(lang, url ? msg('settings.publicOn', { url }) : msg('settings.publicOnNoWeb'));
}

/** A level or topic by its name in `lang`, with the id an option takes where the two differ: 簡單（easy）. */
const withId = (lang: Lang, name: string, id: string) => (name === id ? id : lang === 'zh-TW' ? `${name}（${id}）` : `${name} (${id})`);

/**
 * The scope's settings, in `lang`. The labels are the options' names, typed as they are in any
 * language; every value is said in `lang` (a level, a topic, a language by its name).
 */
async function show(ctx: Context, lang: Lang): Promise<Reply> {
  const scope = await ctx.services.quiz.scope(ctx.scopeId);
  const all = t(lang, msg('settings.all'));
  return {
    visibility: 'private',
    tone: 'info',
    lang,
    title: t(lang, msg('settings.title')),
    fields: [
      { label: 'timezone', value: scope.timezone },
      { label: 'language', value: t(lang, msg('settings.languageName', { lang: scope.language })) },
      { label: 'channel', value: scope.quizChannel === null ? t(lang, msg('settings.noChannel')) : ctx.channel(scope.quizChannel) },
      {
        label: 'levels',
        value:
          joinList(
            lang,
            scope.levels.map((l) => withId(lang, t(lang, msg(`level.${l}`)), l)),
          ) || all,
      },
      {
        label: 'topics',
        value:
          joinList(
            lang,
            scope.topics.map((x) => withId(lang, t(lang, msg(`topic.${x}`)), x)),
          ) || all,
      },
      { label: 'seconds', value: String(scope.roundSeconds ?? t(lang, msg('settings.defaultSeconds'))) },
      { label: 'scoring', value: t(lang, msg(`scoring.${scope.scoring}`, { cap: String(scope.dailyCap) })) },
      { label: 'public-board', value: publicBoard(ctx, lang, scope.publicBoard) },
    ],
    footer: t(lang, msg('settings.footer')),
  };
}

export const settingsCommand: Command = {
  name: 'settings',
  description: msg('cmd.settings'),
  admin: true,
  options: [
    { name: 'timezone', type: 'string', description: msg('cmdopt.timezone') },
    { name: 'language', type: 'string', choices: LANGS, description: msg('cmdopt.language') },
    { name: 'here', type: 'boolean', description: msg('cmdopt.here') },
    { name: 'channel', type: 'channel', description: msg('cmdopt.quizChannel') },
    { name: 'levels', type: 'string', description: msg('cmdopt.levels') },
    { name: 'topics', type: 'string', description: msg('cmdopt.topics') },
    { name: 'seconds', type: 'integer', min: 5, max: 86_400, description: msg('cmdopt.seconds') },
    { name: 'scoring', type: 'string', choices: SCORING_MODES, description: msg('cmdopt.scoring') },
    { name: 'cap', type: 'integer', min: 0, max: 1000, description: msg('cmdopt.cap') },
    { name: 'public-board', type: 'boolean', description: msg('cmdopt.publicBoard') },
  ],
  async run(ctx, args) {
    const lang = ctx.lang;
    const patch: { -readonly [K in keyof ScopeSettings]: ScopeSettings[K] } = {};
    if (typeof args.timezone === 'string') {
      if (!isValidTimeZone(args.timezone)) return say(lang, msg('settings.badTimezone', { value: args.timezone }), 'error');
      patch.timezone = args.timezone;
    }
    if (typeof args.language === 'string') patch.language = args.language as Lang;
    if (args.here === true) patch.quizChannel = ctx.channelId;
    if (typeof args.channel === 'string') {
      const refused = await refusedChannel(ctx, args.channel);
      if (refused) return refused;
      patch.quizChannel = args.channel;
    }
    if (typeof args.levels === 'string') {
      const levels = listOf<Level>(args.levels, isLevel);
      if (!levels.ok) return say(lang, msg('args.notAChoice', { option: 'levels', value: levels.bad, choices: `${LEVELS.join(', ')}, all` }), 'error');
      patch.levels = levels.values;
    }
    if (typeof args.topics === 'string') {
      const topics = listOf<Topic>(args.topics, isTopic);
      if (!topics.ok) return say(lang, msg('args.notAChoice', { option: 'topics', value: topics.bad, choices: `${TOPICS.join(', ')}, all` }), 'error');
      patch.topics = topics.values;
    }
    if (typeof args.seconds === 'number') patch.roundSeconds = args.seconds;
    if (typeof args.scoring === 'string') patch.scoring = args.scoring as ScoringMode;
    if (typeof args.cap === 'number') patch.dailyCap = args.cap;
    if (typeof args['public-board'] === 'boolean') patch.publicBoard = args['public-board'];
    if (Object.keys(patch).length === 0) return show(ctx, lang);
    await ctx.services.quiz.scopes.update(ctx.scopeId, patch);
    // The standings post follows the quiz channel and the time zone.
    if (patch.quizChannel !== undefined || patch.timezone !== undefined) await ctx.services.scheduler.armStandings(ctx.scopeId);
    // Where replies follow the scope's language, the change is answered in the new one, every word of it.
    const answer = patch.language !== undefined && ctx.langFromScope ? patch.language : lang;
    return { ...(await show(ctx, answer)), tone: 'success', text: t(answer, msg('settings.saved')) };
  },
};
