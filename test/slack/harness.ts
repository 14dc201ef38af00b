/**
 * The whole bot as `npm start` assembles it (src/app.ts), with Slack in HTTP or Socket Mode,
 * talking to a FakeSlack on loopback, on a real SQLite file, with a clock the test moves. A
 * Transport sends what Slack would (signed requests, or envelopes on the socket) and returns the
 * bot's ack; the fake records what the bot sends back.
 */
import { PassThrough, Writable } from 'node:stream';
import { join } from 'node:path';
import { pino } from 'pino';
import { expect } from 'vitest';
import { App } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { SlackPlatform } from '../../src/platforms/slack/platform.js';
import {
  APP_TOKEN,
  BOT_TOKEN,
  FakeSlack,
  SIGNING_SECRET,
  blockActions,
  commandBody,
  interactionBody,
  postToBot,
  slashCommand,
  viewSubmission,
  type FakeSocket,
  type FakeUser,
  type Json,
  type ResponsePost,
} from '../support/fake-slack.js';
import { MONDAY_10_TAIPEI, onCleanup, openConfiguredStore, tempDir } from '../support/quiz.js';

export const CHANNEL = 'C0DEEPLEARN';

export const USERS = {
  alice: { id: 'U0ALICE', name: 'alice', displayName: 'Alice Chen' },
  bob: { id: 'U0BOB', name: 'bob', displayName: 'Bob Lin' },
  carol: { id: 'U0CAROL', name: 'carol' },
  /** An admin through ADMIN_USER_IDS. */
  teacher: { id: 'U0TEACHER', name: 'teacher', displayName: 'Prof. Wang' },
  /** A workspace admin per users.info. */
  owner: { id: 'U0OWNER', name: 'owner', isAdmin: true },
} satisfies Record<string, FakeUser>;

/** How Slack's requests reach the bot; each returns the bot's ack (its body, or the envelope ack's payload). */
export interface Transport {
  command(fields: Record<string, string>): Promise<Json>;
  interact(payload: Json): Promise<Json>;
}

export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [key: string]: unknown;
}

export interface Bot {
  readonly fake: FakeSlack;
  readonly app: App;
  readonly slack: SlackPlatform;
  readonly clock: ManualClock;
  readonly transport: Transport;
  readonly logs: LogLine[];
  /**
   * A line as the user types it (`/count input 28x28x1 > dense 10`), sent as Slack sends it (`&gt;`),
   * from a user in a channel; resolves with the ack and the response_url used.
   */
  command(user: FakeUser, line: string, channel?: string): Promise<{ ack: Json; responseUrl: string }>;
  /**
   * A command whose answer is private: the ack carries it (Slack's immediate response) when it is
   * ready within the ack's deadline, else it follows through the response_url (a loaded machine).
   */
  privately(user: FakeUser, line: string, channel?: string): Promise<Json>;
  /** A click on a button the bot posted (as rendered in a recorded message). */
  click(user: FakeUser, button: Json, where?: { channel?: string; messageTs?: string; ephemeral?: boolean }): Promise<{ ack: Json; responseUrl: string }>;
  /** Submits a form the bot opened with views.open, with `text` typed in. */
  submit(user: FakeUser, opened: Json, text: string | readonly string[]): Promise<Json>;
  /** The private (ephemeral) answer posted to a response_url (a button's, a form's, a slow command's). */
  privateReply(responseUrl: string): Promise<Json>;
  stop(): Promise<void>;
}

export async function startBot(options: { mode?: 'http' | 'socket'; env?: Record<string, string>; clock?: ManualClock } = {}): Promise<Bot> {
  const mode = options.mode ?? 'http';
  const fake = await FakeSlack.start();
  for (const user of Object.values(USERS)) fake.addUser(user);
  const env: NodeJS.ProcessEnv = {
    DATABASE_PATH: join(tempDir(), 'slack.db'),
    QUIZ_TIMEZONE: 'Asia/Taipei',
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: fake.apiUrl,
    ADMIN_USER_IDS: USERS.teacher.id,
    ...(mode === 'http' ? { SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: '0' } : { SLACK_APP_TOKEN: APP_TOKEN }),
    ...options.env,
  };
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const clock = options.clock ?? new ManualClock(MONDAY_10_TAIPEI);
  // The configured database, else one of this project's engine (vitest.config.ts runs the suite on each).
  const config = loadConfig(env);
  const store = await openConfiguredStore(config);
  const app = await App.open(config, pino({ level: 'info' }, sink), { input: new PassThrough(), output: new PassThrough() }, clock, store);
  const slack = app.platforms.find((p): p is SlackPlatform => p instanceof SlackPlatform);
  if (!slack) throw new Error('the app started no Slack platform');
  const socketReady = mode === 'socket' ? fake.socket() : undefined;
  await app.start();
  // The bot counts in sandboxes that load the engine at start: a test's first /count must not time their start.
  await app.counter.loaded();
  const transport = mode === 'http' ? httpTransport(`http://127.0.0.1:${slack.address!.port}/slack/events`) : socketTransport(await socketReady!);

  const command: Bot['command'] = async (user, line, channel = CHANNEL) => {
    const [, name = '', typed = ''] = /^(\/\S+)\s*([\s\S]*)$/.exec(line) ?? [];
    const responseUrl = fake.responseUrl();
    return { ack: await transport.command(slashCommand(user, name, slackEscape(typed), { channel, responseUrl })), responseUrl };
  };
  const click: Bot['click'] = async (user, button, where = {}) => {
    const responseUrl = fake.responseUrl();
    const { channel = CHANNEL, ...rest } = where;
    return { ack: await transport.interact(blockActions(user, button, { channel, responseUrl, ...rest })), responseUrl };
  };
  const bot: Bot = {
    fake,
    app,
    slack,
    clock,
    transport,
    logs,
    command,
    privately: async (user, line, channel) => {
      const { ack, responseUrl } = await command(user, line, channel);
      if (Object.keys(ack).length === 0) return bot.privateReply(responseUrl);
      expect(ack).toMatchObject({ response_type: 'ephemeral' });
      return ack;
    },
    click,
    submit: (user, opened, text) => transport.interact(viewSubmission(user, opened, text)),
    privateReply: async (responseUrl) => {
      const posted: ResponsePost = await fake.nextResponse((r) => r.url === responseUrl);
      expect(posted.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      return posted.body;
    },
    stop: async () => {
      await app.stop();
      await fake.close();
    },
  };
  onCleanup(() => bot.stop());
  return bot;
}

function httpTransport(eventsUrl: string): Transport {
  const post = async (body: string): Promise<Json> => {
    const res = await postToBot(eventsUrl, body);
    if (res.status !== 200) throw new Error(`the bot answered ${res.status}: ${res.text}`);
    return res.text === '' ? {} : (JSON.parse(res.text) as Json);
  };
  return { command: (fields) => post(commandBody(fields)), interact: (payload) => post(interactionBody(payload)) };
}

function socketTransport(socket: FakeSocket): Transport {
  return { command: (fields) => socket.deliver('slash_commands', fields), interact: (payload) => socket.deliver('interactive', payload) };
}

/** Slack escapes these three in everything a person types. */
const slackEscape = (typed: string): string => typed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// ── reading what the bot sent ──

/** Everything a person would read in a message: header, sections, fields, code, footer, button labels. */
export function textOf(message: Json): string {
  const texts: string[] = [];
  const text = (o: unknown) => String((o as Json | undefined)?.text ?? '');
  for (const block of (message.blocks as Json[] | undefined) ?? []) {
    if (block.text) texts.push(text(block.text));
    for (const field of (block.fields as Json[] | undefined) ?? []) texts.push(text(field));
    for (const element of (block.elements as Json[] | undefined) ?? []) texts.push(element.type === 'button' ? text(element.text) : text(element));
  }
  return texts.join('\n');
}

export function buttonsOf(message: Json): Json[] {
  return ((message.blocks as Json[] | undefined) ?? []).filter((b) => b.type === 'actions').flatMap((b) => b.elements as Json[]);
}

/** The button whose label starts with `label`. */
export function button(message: Json, label: string): Json {
  const found = buttonsOf(message).find((b) => String((b.text as Json).text).startsWith(label));
  if (!found) throw new Error(`no button "${label}" in ${JSON.stringify(buttonsOf(message).map((b) => (b.text as Json).text))}`);
  return found;
}
