/**
 * /help: what each command does; /help NAME: one command's options, each with what it takes;
 * /help count (also /count help): a screen's worth on the /count language and its topics;
 * /help count TOPIC (also /count help TOPIC): one topic (every layer kind, the presets, …).
 */
import { closest } from '../src/engine/suggest.js';
import { HELP_TOPICS, isHelpTopic, renderHelpOverview, renderHelpTopic } from '../src/engine/help.js';
import { msg, t, type Lang, type MessageRef } from '../src/i18n/messages.js';
import { DEFAULT_DAILY_CAP, FIRST_BONUS, POINTS } from '../src/quiz/scoring.js';
import { MIN_STUDENT_SECONDS } from '../src/quiz/service.js';
import { say } from './replies.js';
import type { Command, Reply } from './types.js';

/**
 * The /count language's help, as a chat reply: the overview, or the topic asked for. The whole
 * help is some 200 lines, more than a chat should scroll through to find one answer.
 */
export function countHelpReply(lang: Lang, topic = ''): Reply {
  const asked = topic.trim().toLowerCase();
  if (asked === '') return { visibility: 'private', tone: 'info', title: t(lang, msg('help.countOverviewTitle')), code: renderHelpOverview(lang, 'chat') };
  if (!isHelpTopic(asked)) return say(lang, unknownTopic(asked), 'error');
  return { visibility: 'private', tone: 'info', title: t(lang, msg('help.countTopicTitle', { topic: asked })), code: renderHelpTopic(lang, asked, 'chat') };
}

function unknownTopic(topic: string): MessageRef {
  const said = msg('help.unknownTopic', { topic, topics: HELP_TOPICS.join(', ') });
  const near = closest(topic, HELP_TOPICS);
  return near ? msg('args.withHints', { error: said, known: '', nearest: msg('args.nearest', { value: near, option: 'topic' }) }) : said;
}

const usage = (c: Command) => `/${c.name}${c.options.map((o) => (o.required ? ` ${o.name}` : ` [${o.name}]`)).join('')}`;

/** One command: its usage, then each option with what it takes and its choices. */
function commandHelp(lang: Lang, c: Command): Reply {
  const options = c.options.map((o) => `• ${o.name}${o.required ? '' : ` (${t(lang, msg('help.optional'))})`}: ${t(lang, o.description)}${o.choices ? ` [${o.choices.join(', ')}]` : ''}`);
  return { visibility: 'private', tone: 'info', title: usage(c), text: [t(lang, c.description), ...options].join('\n'), footer: t(lang, msg('help.footerCommand', { command: c.name })) };
}

export function helpCommand(all: () => readonly Command[]): Command {
  const self: Command = {
    name: 'help',
    description: msg('cmd.help'),
    standalone: true,
    options: [
      { name: 'command', type: 'string', autocomplete: true, description: msg('cmdopt.helpCommand') },
      { name: 'topic', type: 'string', description: msg('cmdopt.helpTopic') },
    ],
    run(ctx, args) {
      const lang = ctx.lang;
      const asked = typeof args.command === 'string' ? args.command.trim().replace(/^\//, '').toLowerCase() : '';
      const topic = typeof args.topic === 'string' ? args.topic : '';
      if (asked === 'count') return countHelpReply(lang, topic);
      // A topic given to another command is not dropped without a word.
      if (topic.trim() !== '') return say(lang, msg('help.topicOnlyCount', { topic: topic.trim(), command: asked || 'help' }), 'error');
      if (asked !== '') {
        const command = all().find((c) => c.name === asked && (!c.admin || ctx.isAdmin));
        return command ? commandHelp(lang, command) : say(lang, msg('help.unknown', { command: asked }), 'error');
      }
      const lines = all()
        .filter((c) => !c.admin || ctx.isAdmin)
        .map((c) => `${usage(c)} — ${t(lang, c.description)}`);
      const points = t(
        lang,
        msg('help.points', {
          easy: String(POINTS.easy),
          medium: String(POINTS.medium),
          hard: String(POINTS.hard),
          bonus: String(FIRST_BONUS),
          min: String(MIN_STUDENT_SECONDS),
          cap: String(DEFAULT_DAILY_CAP),
        }),
      );
      return { visibility: 'private', tone: 'info', title: t(lang, msg('help.title')), text: [...lines, '', points].join('\n'), footer: t(lang, msg('help.footer')) };
    },
    suggest: (_option, typed) =>
      all()
        .map((c) => c.name)
        .filter((name) => name.startsWith(typed.trim().replace(/^\//, '').toLowerCase())),
  };
  return self;
}
