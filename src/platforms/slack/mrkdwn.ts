/**
 * Text in and out of Slack. Slack escapes `&`, `<` and `>` in what it sends and expects the same
 * in what it is sent, because `<...>` is its own markup (mentions, dates, links). Replies carry
 * both user text (a /count spec such as `input 28x28x1 > dense 10`) and markup the adapter made
 * on purpose (`<@U1>` from View.mention, `<#C1>` from View.channel, `<!date^...>` from View.time):
 * only the latter survives.
 */

/** The markup the adapter itself writes; anything else that looks like markup is user text. */
const OWN_MARKUP = /<@[UW][A-Z0-9]+>|<#[CGD][A-Z0-9]+>|<!date\^\d+\^[^|>]*\|[^>]*>/g;

const escapeText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Escapes user text for mrkdwn, keeping the mentions and dates the adapter wrote. */
export function escapeMrkdwn(text: string): string {
  if (!/[&<>]/.test(text)) return text;
  let out = '';
  let last = 0;
  for (const m of text.matchAll(OWN_MARKUP)) {
    out += escapeText(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + escapeText(text.slice(last));
}

/** Reply prose (`**bold**`, `` `code` ``) as mrkdwn (`*bold*`). */
export const toMrkdwn = (text: string): string => escapeMrkdwn(text).replace(/\*\*(.+?)\*\*/g, '*$1*');

/** What a person typed, as Slack sent it (`a &gt; b`), back to what they typed (`a > b`). */
export const fromSlackText = (text: string): string => text.replace(/&(amp|lt|gt);/g, (_m, name: string) => (name === 'amp' ? '&' : name === 'lt' ? '<' : '>'));

/** Prose for a plain_text field (headers, buttons, modal errors): no markup at all. */
export const toPlainText = (text: string): string => text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/`([^`]*)`/g, '$1');

/** Cuts to `max` characters (code points, so an emoji or a CJK character is never split). */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The length of text once escaped for mrkdwn, which is what Slack's limits count. */
export const mrkdwnLength = (text: string): number => escapeMrkdwn(text).length;

/**
 * Splits text into pieces whose escaped length is at most `max`, at line ends where possible, so
 * a long table keeps whole rows in each piece; a single longer line is cut between characters.
 */
export function splitLines(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current: string[] = [];
  // Escaping works line by line (no markup spans lines), so a piece's length is the sum of its lines'.
  let size = -1;
  const flush = () => {
    if (current.length > 0) pieces.push(current.join('\n'));
    current = [];
    size = -1;
  };
  for (let line of text.split('\n')) {
    let lineSize = mrkdwnLength(line);
    if (size + 1 + lineSize > max) flush();
    while (lineSize > max) {
      const [head, rest] = cut(line, max);
      pieces.push(head);
      line = rest;
      lineSize = mrkdwnLength(line);
    }
    current.push(line);
    size += 1 + lineSize;
  }
  flush();
  return pieces.length > 0 ? pieces : [''];
}

/** The longest head of `line` whose escaped length fits `max`, and the rest. */
function cut(line: string, max: number): [string, string] {
  let size = 0;
  let end = 0;
  for (const ch of line) {
    size += escapeText(ch).length;
    if (size > max) break;
    end += ch.length;
  }
  return [line.slice(0, end), line.slice(end)];
}
