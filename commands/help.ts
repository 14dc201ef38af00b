/** /help: what each command does. */
import { msg, t } from '../src/i18n/messages.js';
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
      return { visibility: 'private', tone: 'info', title: t(ctx.lang, msg('help.title')), text: lines.join('\n'), footer: t(ctx.lang, msg('help.footer')) };
    },
  };
}
