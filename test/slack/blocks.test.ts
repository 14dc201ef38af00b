/** Replies as Block Kit, and text in and out of Slack: the pure parts of the adapter. */
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../commands/types.js';
import { renderReply, withoutButtons } from '../../src/platforms/slack/blocks.js';
import { fallbackDates, slackDate } from '../../src/platforms/slack/context.js';
import { formView, readSubmission } from '../../src/platforms/slack/modal.js';
import { escapeMrkdwn, fromSlackText, splitLines, toMrkdwn } from '../../src/platforms/slack/mrkdwn.js';
import { blockProblems, type Json } from '../support/fake-slack.js';

const reply = (r: Partial<Reply>): Reply => ({ visibility: 'private', ...r });
const render = (r: Partial<Reply>) => renderReply(reply(r), 'en');
const texts = (blocks: readonly unknown[]) => (blocks as Json[]).map((b) => String((b.text as Json | undefined)?.text ?? ''));

describe('mrkdwn', () => {
  it('turns **bold** into *bold* and escapes what a person typed', () => {
    expect(toMrkdwn('**1,792** for `conv 3 64 3`')).toBe('*1,792* for `conv 3 64 3`');
    expect(toMrkdwn('input 28x28x1 > dense 10 & <b>')).toBe('input 28x28x1 &gt; dense 10 &amp; &lt;b&gt;');
  });

  it('keeps the mentions, channel links and dates the adapter wrote, and nothing else that looks like markup', () => {
    const date = slackDate(Date.UTC(2026, 10, 23, 2, 1), Date.UTC(2026, 10, 23, 2, 0), fallbackDates('Asia/Taipei'));
    expect(date).toBe('<!date^1795399260^{time}|23 Nov 2026, 10:01 GMT+8>');
    expect(escapeMrkdwn(`<@U0ALICE> in <#C0DEEP> closes ${date} <!channel> <https://x.test|x>`)).toBe(`<@U0ALICE> in <#C0DEEP> closes ${date} &lt;!channel&gt; &lt;https://x.test|x&gt;`);
  });

  it('shows the date too for a deadline more than half a day away', () => {
    expect(slackDate(Date.UTC(2026, 10, 30), Date.UTC(2026, 10, 23), fallbackDates('UTC'))).toMatch(/^<!date\^\d+\^\{date_short_pretty\} \{time\}\|30 Nov 2026, 00:00 UTC>$/);
  });

  it('reads what Slack sends back to what was typed', () => {
    expect(fromSlackText('input 28x28x1 &gt; dense 10 &amp;&amp; &lt;x&gt; &amp;gt;')).toBe('input 28x28x1 > dense 10 && <x> &gt;');
  });

  it('splits at line ends, each piece within the limit once escaped, cutting only a line too long for one piece', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `row ${i} ${'>'.repeat(20)}`);
    const pieces = splitLines(lines.join('\n'), 500);
    expect(pieces.join('\n')).toBe(lines.join('\n'));
    for (const p of pieces) expect(escapeMrkdwn(p).length).toBeLessThanOrEqual(500);
    expect(pieces.every((p) => p.split('\n').every((l) => lines.includes(l)))).toBe(true);
    const long = splitLines('x'.repeat(1200), 500);
    expect(long.map((p) => p.length)).toEqual([500, 500, 200]);
  });
});

describe('renderReply', () => {
  it('a header for the title, prose, fields, code in a fence, a footer and buttons', () => {
    const message = render({
      tone: 'error',
      title: 'Question #1',
      text: 'How many **parameters**?',
      fields: [{ label: 'Choices', value: '**A** 1,792' }],
      code: 'x > y',
      footer: 'Closes soon',
      buttons: [{ action: 'choice', params: ['1', 'A'], label: 'A · 1,792', style: 'success' }],
    });
    expect(message.text).toBe('Question #1');
    expect(message.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Question #1', emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: ':warning: How many *parameters*?' } },
      { type: 'section', fields: [{ type: 'mrkdwn', text: '*Choices*\n*A* 1,792' }] },
      { type: 'section', text: { type: 'mrkdwn', text: '```\nx &gt; y\n```' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Closes soon' }] },
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'A · 1,792', emoji: true }, action_id: 'choice:1:A', value: 'choice:1:A', style: 'primary' }] },
    ]);
    expect(withoutButtons(message).blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'context']);
  });

  it('stays inside every Block Kit limit, however long the parts', () => {
    const message = render({
      title: 'T'.repeat(400),
      text: Array.from({ length: 500 }, (_, i) => `line ${i} ${'&'.repeat(30)}`).join('\n'),
      fields: Array.from({ length: 13 }, (_, i) => ({ label: `f${i}`, value: 'v'.repeat(2500) })),
      code: Array.from({ length: 4000 }, (_, i) => `| layer ${i} | ${'<'.repeat(40)} |`).join('\n'),
      footer: 'F'.repeat(5000),
      buttons: [
        { action: 'share', params: ['s'.repeat(300)], label: 'L'.repeat(100) },
        { action: 'share', params: ['s'.repeat(300)], label: 'twin' },
        { action: 'share', params: ['s'.repeat(2500)], label: 'too big to carry' },
      ],
    });
    expect(blockProblems(message.blocks as unknown as Json[])).toEqual([]);
    expect(message.blocks).toHaveLength(50);
    expect(texts(message.blocks).at(-3)).toBe('… the rest does not fit in one Slack message.');
    expect(message.blocks.slice(-2).map((b) => b.type)).toEqual(['context', 'actions']);
    const buttons = (message.blocks.at(-1) as unknown as Json).elements as Json[];
    expect(buttons.map((b) => (b.value as string).length)).toEqual([306, 306]);
    expect(new Set(buttons.map((b) => b.action_id)).size).toBe(2);
  });

  it('a reply with only text is one section', () => {
    expect(render({ text: 'Question #1 closed.' }).blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'Question #1 closed.' } }]);
  });
});

describe('the answer form', () => {
  const origin = { button: 'answer:7', channelId: 'C0DEEP', responseUrl: 'https://hooks.slack.com/actions/T0/1/abc' };

  it('is a modal with one text field within Slack limits, carrying where it came from', () => {
    const view = formView({ title: 'A title much longer than twenty-four', label: 'Number', placeholder: 'e.g. 1,792' }, origin, 'en');
    expect(view.title.text).toHaveLength(24);
    expect(JSON.parse(view.private_metadata!)).toEqual(origin);
    const submitted = { ...view, state: { values: { input: { text: { type: 'plain_text_input', value: '1792' } } } } };
    expect(readSubmission(submitted as never)).toEqual({ origin, text: '1792', errorBlock: 'input' });
  });

  it("with several fields (a table's rows) has an optional input block each, and gives their values one per line, in order", () => {
    const fields = Array.from({ length: 12 }, (_, i) => ({ label: `${i + 1}. row`, placeholder: '1792' }));
    const view = formView({ title: 'Rows 1–12 of 12', label: 'Fill in', placeholder: '', fields }, origin, 'en');
    expect(view.blocks.map((b) => [b.type, (b as { block_id?: string }).block_id, (b as { optional?: boolean }).optional])).toEqual(fields.map((_, i) => ['input', `field.${i}`, true]));
    const values = Object.fromEntries(fields.map((_, i) => [`field.${i}`, { text: { type: 'plain_text_input', value: i === 3 ? null : String(i) } }]));
    expect(readSubmission({ ...view, state: { values } } as never)).toEqual({ origin, text: ['0', '1', '2', '', '4', '5', '6', '7', '8', '9', '10', '11'].join('\n'), errorBlock: 'field.0' });
  });

  it('refuses a submission whose metadata it did not write', () => {
    for (const private_metadata of ['', 'not json', '{"button":"answer:7"}', JSON.stringify({ ...origin, responseUrl: 'javascript:alert(1)' })]) {
      expect(readSubmission({ private_metadata, state: { values: {} } } as never)).toBeUndefined();
    }
  });
});
