/**
 * A Reply as a Block Kit message: a header for the title, mrkdwn sections for the prose, ``` sections
 * for the code, a fields section, a context block for the footer and an actions block for the
 * buttons. Every piece is kept inside Block Kit's limits, because Slack refuses a whole message
 * for one field that is too long: long prose and code are split at line ends, and what still does
 * not fit in one message is cut with a note.
 */
import type { types } from '@slack/bolt';
import type { Button, Reply } from '../../../commands/types.js';
import { msg, t, type Lang } from '../../i18n/messages.js';
import { encodeButton } from '../dispatch.js';
import { LIMITS } from './limits.js';
import { escapeMrkdwn, splitLines, toMrkdwn, toPlainText, truncate } from './mrkdwn.js';

export type Block = types.KnownBlock;

/** What chat.postMessage, chat.update and respond() take. */
export interface SlackMessage {
  /** The notification and screen-reader text. */
  readonly text: string;
  readonly blocks: Block[];
}

const plain = (text: string, max: number): types.PlainTextElement => ({ type: 'plain_text', text: truncate(toPlainText(text), max), emoji: true });

const section = (mrkdwn: string): types.SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text: mrkdwn } });

/** Slack has no tone colour for blocks; an error gets a sign in front so it is not read as an answer. */
const TONE_MARK: Record<NonNullable<Reply['tone']>, string> = { info: '', success: '', warning: '', error: ':warning: ' };

const FENCE = '```';

export function renderReply(reply: Reply, lang: Lang): SlackMessage {
  const head: Block[] = reply.title ? [{ type: 'header', text: plain(reply.title, LIMITS.headerText) }] : [];
  const body: Block[] = [];
  if (reply.text) {
    const text = `${TONE_MARK[reply.tone ?? 'info']}${reply.text}`;
    body.push(...splitLines(text, LIMITS.sectionText).map((piece) => section(toMrkdwn(piece))));
  }
  body.push(...fieldSections(reply.fields ?? []));
  if (reply.code) {
    const room = LIMITS.sectionText - 2 * (FENCE.length + 1);
    body.push(...splitLines(reply.code, room).map((piece) => section(`${FENCE}\n${escapeMrkdwn(piece)}\n${FENCE}`)));
  }
  const tail: Block[] = [];
  // An ephemeral message cannot carry a file: a private reply's files go to the asker's DMs.
  if (reply.visibility === 'private' && (reply.files?.length ?? 0) > 0)
    tail.push({ type: 'context', elements: [{ type: 'mrkdwn', text: toMrkdwn(t(lang, msg(reply.files?.some((f) => f.kind === 'document') ? 'slack.filesInDm' : 'slack.picturesInDm'))) }] });
  if (reply.footer) tail.push({ type: 'context', elements: [{ type: 'mrkdwn', text: toMrkdwn(firstPiece(reply.footer, LIMITS.contextText)) }] });
  const buttons = buttonElements(reply.buttons ?? []);
  if (buttons.length > 0) tail.push({ type: 'actions', elements: buttons });
  return { text: fallbackText(reply), blocks: fit(head, body, tail, lang) };
}

/** The same message without its buttons: a question once it has closed. */
export const withoutButtons = (message: SlackMessage): SlackMessage => ({ ...message, blocks: message.blocks.filter((b) => b.type !== 'actions') });

function fieldSections(fields: NonNullable<Reply['fields']>): types.SectionBlock[] {
  const texts = fields.map((f) => toMrkdwn(firstPiece(`**${f.label}**\n${f.value}`, LIMITS.fieldText)));
  const sections: types.SectionBlock[] = [];
  for (let i = 0; i < texts.length; i += LIMITS.fieldsPerSection) {
    sections.push({ type: 'section', fields: texts.slice(i, i + LIMITS.fieldsPerSection).map((text) => ({ type: 'mrkdwn', text })) });
  }
  return sections;
}

/**
 * Each button's value carries its whole id (what the click runs); the action_id is the same id
 * when it fits, made unique and short otherwise. A button whose id cannot be carried at all (a
 * share button for an enormous spec) is left out rather than break the message.
 */
function buttonElements(buttons: readonly Button[]): types.Button[] {
  const seen = new Set<string>();
  const elements: types.Button[] = [];
  for (const [i, button] of buttons.entries()) {
    const id = encodeButton(button);
    if (id.length > LIMITS.buttonValue) continue;
    const actionId = id.length <= LIMITS.actionId && !seen.has(id) ? id : `${id.slice(0, LIMITS.actionId - 8)}~${i}`;
    seen.add(actionId);
    const style = button.style === 'primary' || button.style === 'success' ? 'primary' : button.style === 'danger' ? 'danger' : undefined;
    elements.push({ type: 'button', text: plain(button.label, LIMITS.buttonText), action_id: actionId, value: id, ...(style ? { style } : {}) });
  }
  return elements.slice(0, LIMITS.buttonsPerActions);
}

/** At most 50 blocks: the title, footer and buttons always stay; the middle is cut with a note. */
function fit(head: Block[], body: Block[], tail: Block[], lang: Lang): Block[] {
  const room = LIMITS.blocksPerMessage - head.length - tail.length;
  if (body.length <= room) return [...head, ...body, ...tail];
  return [...head, ...body.slice(0, room - 1), section(toMrkdwn(t(lang, msg('slack.truncated')))), ...tail];
}

/** The first piece of text that fits `max` once escaped, marked when something was cut. */
function firstPiece(text: string, max: number): string {
  const [first = ''] = splitLines(text, max - 1);
  return first === text ? text : `${first}…`;
}

/** A notification shows a line or two: the title, or the first line of the prose. */
function fallbackText(reply: Reply): string {
  const text = reply.title ?? reply.text?.split('\n')[0] ?? reply.footer ?? '…';
  return escapeMrkdwn(truncate(toPlainText(text), 300));
}
