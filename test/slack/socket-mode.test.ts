/**
 * Socket Mode: the real app asks the fake's apps.connections.open for a WebSocket URL with its app
 * token, connects on loopback, is told hello, and acks the envelopes it is sent: a slash command,
 * a button click, a form submission. Also `npm start` itself (the built bot in its own process).
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { botEnv, MAIN } from '../support/app.js';
import { APP_TOKEN, BOT_TOKEN, FakeSlack, slashCommand } from '../support/fake-slack.js';
import { onCleanup } from '../support/quiz.js';
import { CHANNEL, USERS, button, startBot, textOf } from './harness.js';

const { alice, bob, teacher } = USERS;

describe('Slack in Socket Mode', () => {
  it('connects through apps.connections.open with the app token', async () => {
    const bot = await startBot({ mode: 'socket' });
    expect(bot.fake.callsTo('apps.connections.open').map((c) => c.token)).toEqual([APP_TOKEN]);
    expect(bot.slack.address).toBeUndefined();
  });

  it('acks a slash-command envelope with the private answer as its payload', async () => {
    const bot = await startBot({ mode: 'socket' });
    const reply = await bot.privately(alice, '/count conv 3 64 3');
    expect(reply.text).toBe('Conv2D: 1,792 parameters');
    expect(textOf(reply)).toContain('= (3×3×3 + 1)×64');
  });

  it('acks a public command empty and posts it with the Web API', async () => {
    const bot = await startBot({ mode: 'socket' });
    const { ack } = await bot.command(alice, '/leaderboard all');
    expect(ack).toEqual({});
    expect((await bot.fake.nextCall('chat.postMessage')).args).toMatchObject({ channel: CHANNEL, text: 'Leaderboard: all time' });
  });

  it('acks interactive envelopes: a click that opens the form, and its submission', async () => {
    const bot = await startBot({ mode: 'socket' });
    await bot.command(teacher, '/quiz level:medium topic:conv seed:42');
    const question = (await bot.fake.nextCall('chat.postMessage')).args;
    const click = await bot.click(bob, button(question, 'Answer'));
    expect(click.ack).toEqual({});
    const form = (await bot.fake.nextCall('views.open')).args.view as Record<string, unknown>;
    expect(await bot.submit(bob, form, 'about a thousand')).toMatchObject({ response_action: 'errors', errors: { input: expect.stringContaining('about a thousand') } });
    expect(await bot.submit(bob, form, '1,216')).toEqual({});
    expect(textOf(await bot.privateReply(click.responseUrl))).toMatch(/Correct, and first|is not it/);
    expect(await bot.app.store.rounds.answers(1)).toHaveLength(1);
  });
});

describe('npm start with SLACK_BOT_TOKEN and SLACK_APP_TOKEN', () => {
  it('runs in Socket Mode and answers /count', async () => {
    const fake = await FakeSlack.start();
    onCleanup(() => fake.close());
    fake.addUser(alice);
    // On this project's engine: a PostgreSQL database when the suite runs there.
    const env: NodeJS.ProcessEnv = {
      ...(await botEnv()),
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: fake.apiUrl,
      LOG_LEVEL: 'warn',
    };
    const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    onCleanup(() => {
      child.kill('SIGKILL');
    });
    const socket = await fake.socket(10_000).catch((err: Error) => {
      throw new Error(`${err.message}\nbot stderr:\n${stderr}`);
    });
    const ack = await socket.deliver('slash_commands', slashCommand(alice, '/count', 'conv 3 64 3', { channel: CHANNEL, responseUrl: fake.responseUrl() }));
    expect(ack).toMatchObject({ response_type: 'ephemeral', text: 'Conv2D: 1,792 parameters' });
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });
});
