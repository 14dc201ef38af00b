/** A Reply as terminal text: bold titles when the terminal takes colour, plain text when piped. */
import type { Reply } from '../../../commands/types.js';
import { t, msg, type Lang } from '../../i18n/messages.js';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
}

export const PLAIN: Style = { bold: (s) => s, dim: (s) => s };
export const ANSI: Style = { bold: (s) => `\u001b[1m${s}\u001b[22m`, dim: (s) => `\u001b[2m${s}\u001b[22m` };

const TONE_MARK: Record<NonNullable<Reply['tone']>, string> = { info: '', success: '', warning: '', error: '✗ ' };

/** A terminal cannot click: buttons are numbered for /press N; sharing means nothing here. */
export const pressable = (reply: Reply) => (reply.buttons ?? []).filter((b) => b.action !== 'share');

export function renderReply(reply: Reply, lang: Lang, style: Style): string {
  const lines: string[] = [];
  const who = reply.visibility === 'private' ? style.dim(`${t(lang, msg('shell.onlyYou'))} `) : '';
  const inline = (text: string) => text.replace(/\*\*(.+?)\*\*/g, (_m, b: string) => style.bold(b));
  if (reply.title) lines.push(`${who}${style.bold(`── ${reply.title} ──`)}`);
  if (reply.text) {
    const [first = '', ...rest] = inline(reply.text).split('\n');
    lines.push(reply.title ? first : `${who}${TONE_MARK[reply.tone ?? 'info']}${first}`, ...rest);
  }
  for (const f of reply.fields ?? []) lines.push(`${style.bold(t(lang, msg('shell.field', { label: f.label })))} ${inline(f.value)}`);
  if (reply.code) lines.push(...reply.code.split('\n').map((l) => `  ${l}`));
  const buttons = pressable(reply);
  if (buttons.length > 0) lines.push(`${buttons.map((b, i) => `[${i + 1}] ${b.label}`).join('   ')}   ${style.dim(t(lang, msg('shell.press')))}`);
  if (reply.footer) lines.push(style.dim(inline(reply.footer)));
  if (lines.length === 0) lines.push(who.trim());
  return lines.join('\n');
}
