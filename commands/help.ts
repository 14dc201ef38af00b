/** /help: what each command does. */
import { msg, t } from '../src/i18n/messages.js';
import { DEFAULT_DAILY_CAP, FIRST_BONUS, POINTS } from '../src/quiz/scoring.js';
import { MIN_STUDENT_SECONDS } from '../src/quiz/service.js';
import type { Command } from './types.js';

export function helpCommand(all: () => readonly Command[]): Command {
  return {
    name: 'help',
    description: msg('cmd.help'),
    standalone: true,
    options: [],
    run(ctx) {
      const lines = all()
        .filter((c) => !c.admin || ctx.isAdmin)
        .map((c) => `/${c.name}${c.options.map((o) => (o.required ? ` ${o.name}` : ` [${o.name}]`)).join('')} — ${t(ctx.lang, c.description)}`);
      const points = t(ctx.lang, msg('help.points', { easy: String(POINTS.easy), medium: String(POINTS.medium), hard: String(POINTS.hard), bonus: String(FIRST_BONUS), min: String(MIN_STUDENT_SECONDS), cap: String(DEFAULT_DAILY_CAP) }));
      return { visibility: 'private', tone: 'info', title: t(ctx.lang, msg('help.title')), text: [...lines, '', points].join('\n'), footer: t(ctx.lang, msg('help.footer')) };
    },
  };
}
