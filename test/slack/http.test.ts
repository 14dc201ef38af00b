/**
 * HTTP mode: the real Bolt HTTPReceiver on 127.0.0.1, correctly signed slash commands, button
 * clicks and form submissions; respond() caught by the fake's response_url endpoints and Web API
 * calls by its fake API. Requests that are not Slack's get 401 and change nothing.
 */
import { describe, expect, it } from 'vitest';
import { snapshotCount } from '../support/snapshot.js';
import { generate } from '../../src/quiz/generator.js';
import { SIGNING_SECRET, commandBody, postToBot, signatureHeaders, slashCommand } from '../support/fake-slack.js';
import { gate } from '../support/gate.js';
import { CHANNEL, USERS, button, buttonsOf, startBot, textOf } from './harness.js';

const { alice, bob, teacher } = USERS;
/** Slack shows an error if the ack takes longer (the bot acks by 2 s; the rest is room for a loaded machine). */
const SLACK_WAITS_MS = 3_000;

describe('Slack over HTTP', () => {
  it('answers a signed /count in the ack itself: 1,792 with the formula, privately, with a share button', async () => {
    const bot = await startBot();
    await bot.app.counter.answer('conv 1 1 1', 'en'); // the counting sandbox is up: a count takes milliseconds
    const started = performance.now();
    const { ack } = await bot.command(alice, '/count conv 3 64 3');
    expect(performance.now() - started).toBeLessThan(SLACK_WAITS_MS);
    expect(ack).toMatchObject({ response_type: 'ephemeral', text: 'Conv2D: 1,792 parameters' });
    expect(textOf(ack)).toContain('Conv2D (conv 3 64 3): 1,792 parameters');
    expect(textOf(ack)).toContain('= (3×3×3 + 1)×64');
    expect(buttonsOf(ack).map((b) => [(b.text as { text: string }).text, b.value])).toEqual([['Share in channel', 'share:conv%203%2064%203']]);
    await bot.slack.idle(); // the request handled to its end: nothing else was sent
    expect(bot.fake.responses).toHaveLength(0);
    expect(bot.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('acks a slow command empty within the deadline and answers through the response_url', async () => {
    const bot = await startBot();
    await bot.command(teacher, '/quiz topic:dense');
    await bot.fake.nextCall('chat.postMessage');
    // Starting the round waits until the ack is in: slow for as long as it takes, on any machine.
    const slow = gate();
    const start = bot.app.quiz.start.bind(bot.app.quiz);
    bot.app.quiz.start = async (req) => slow.promise.then(() => start(req));
    const started = performance.now();
    const { ack, responseUrl } = await bot.command(alice, '/quiz');
    expect(ack).toEqual({});
    expect(performance.now() - started).toBeLessThan(SLACK_WAITS_MS);
    slow.open();
    expect(textOf(await bot.privateReply(responseUrl))).toMatch(/^Question #1 is still open in this channel/);
  });

  it('shares a count in the channel when its button is clicked, naming who shared it', async () => {
    const bot = await startBot();
    const reply = await bot.privately(alice, '/count input 28x28x1 > flatten > dense 10');
    expect(textOf(reply)).toContain('7,850 parameters in total');
    const shared = await bot.click(bob, button(reply, 'Share'), { ephemeral: true });
    expect(shared.ack).toEqual({});
    const posted = await bot.fake.nextCall('chat.postMessage');
    expect(posted.args.channel).toBe(CHANNEL);
    expect(textOf(posted.args)).toContain('7,850 parameters');
    expect(textOf(posted.args)).toContain('Shared by <@U0BOB> · /count input 28x28x1 &gt; flatten &gt; dense 10');
    expect(buttonsOf(posted.args)).toEqual([]);
  });

  it('opens a form for a number answer and records what is typed; a typo stays in the form', async () => {
    const bot = await startBot();
    const q = generate(42, 'medium', 'conv');
    await bot.command(teacher, '/quiz level:medium topic:conv seed:42');
    const question = (await bot.fake.nextCall('chat.postMessage')).args;
    expect(textOf(question)).toContain('Question #1 · convolution · medium (20 points)');

    const { ack, responseUrl } = await bot.click(alice, button(question, 'Answer'), { messageTs: '1.000001' });
    expect(ack).toEqual({});
    const opened = await bot.fake.nextCall('views.open');
    const form = opened.args.view as Record<string, unknown>;
    expect(form).toMatchObject({ type: 'modal', title: { text: 'Your answer' }, submit: { text: 'Submit' } });
    expect(JSON.parse(String(form.private_metadata))).toEqual({ button: 'answer:1', channelId: CHANNEL, responseUrl });

    expect(await bot.submit(alice, form, 'twelve')).toEqual({
      response_action: 'errors',
      errors: { input: expect.stringMatching(/^twelve is not a count: answer with a whole number/) },
    });
    expect(await bot.app.store.rounds.answers(1)).toHaveLength(0);

    expect(await bot.submit(alice, form, q.answer.toString())).toEqual({});
    const feedback = await bot.privateReply(responseUrl);
    expect(textOf(feedback)).toContain('Correct, and first');
    expect((await bot.app.store.rounds.answers(1)).map((a) => [a.name, a.correct])).toEqual([['Alice Chen', true]]);
  });
});

describe('requests that are not from Slack get 401 and change nothing', () => {
  const quiz = (responseUrl: string) => commandBody(slashCommand(teacher, '/quiz', 'topic:dense', { channel: CHANNEL, responseUrl }));
  const now = () => Math.floor(Date.now() / 1000);
  const cases: ReadonlyArray<readonly [string, (body: string) => Record<string, string>]> = [
    ['a bad signature', (body) => ({ ...signatureHeaders(body, SIGNING_SECRET), 'x-slack-signature': `v0=${'0'.repeat(64)}` })],
    ['a signature made with the wrong secret', (body) => signatureHeaders(body, 'not-the-signing-secret')],
    ['a signature of another body', (body) => signatureHeaders(`${body}&text=forged`, SIGNING_SECRET)],
    ['no signature headers', () => ({})],
    ['no timestamp header', (body) => ({ 'x-slack-signature': signatureHeaders(body, SIGNING_SECRET)['x-slack-signature']! })],
    ['no signature header', (_body) => ({ 'x-slack-request-timestamp': String(now()) })],
    [
      'an unknown signature version',
      (body) => ({ ...signatureHeaders(body, SIGNING_SECRET), 'x-slack-signature': signatureHeaders(body, SIGNING_SECRET)['x-slack-signature']!.replace('v0=', 'v1=') }),
    ],
    ['a timestamp older than five minutes', (body) => signatureHeaders(body, SIGNING_SECRET, now() - 5 * 60 - 30)],
    ['a timestamp more than five minutes ahead', (body) => signatureHeaders(body, SIGNING_SECRET, now() + 5 * 60 + 30)],
  ];

  it.each(cases)('%s', async (_what, headersFor) => {
    const bot = await startBot();
    const url = `http://127.0.0.1:${bot.slack.address!.port}/slack/events`;
    const body = quiz(bot.fake.responseUrl());
    const atStart = bot.fake.calls.length;
    const res = await postToBot(url, body, headersFor(body));
    expect(res.status).toBe(401);
    await bot.slack.idle();
    expect(bot.fake.calls.slice(atStart)).toEqual([]);
    expect(bot.fake.responses).toHaveLength(0);
    expect(await snapshotCount(bot.app.store, 'SELECT COUNT(*) AS n FROM rounds')).toBe(0);
    // The same request, correctly signed, is accepted: the refusal was the signature's doing.
    expect((await postToBot(url, body)).status).toBe(200);
    await bot.fake.nextCall('chat.postMessage');
    expect(await snapshotCount(bot.app.store, 'SELECT COUNT(*) AS n FROM rounds')).toBe(1);
  });
});
