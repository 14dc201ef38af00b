/**
 * What keeps the bot answering: handlers that throw, Discord refusing a payload, replies slower
 * than Discord's three seconds allow, a dropped gateway connection, and a clean stop on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { botEnv, MAIN, storeOf } from '../support/app.js';
import { snapshotCount } from '../support/snapshot.js';
import { INTERACTION_DEADLINE_MS, isEphemeral, shown } from '../support/fake-discord.js';
import { gate } from '../support/gate.js';
import { messageRefOf, onCleanup } from '../support/quiz.js';
import { discordEnv, override, startBot, startFake, visible } from './harness.js';

const SORRY = 'Sorry, something went wrong on our side; it has been logged. Please try again.';

describe('failures', () => {
  it('answers a handler that throws with a polite private error and a log line, and keeps running', async () => {
    const bot = await startBot({
      services: (real) => ({
        ...real,
        quiz: override(real.quiz, {
          leaderboard: () => {
            throw new Error('disk on fire');
          },
        }),
      }),
    });
    const { discord } = bot;
    const alice = discord.user('alice');

    const failed = await discord.slash(alice, 'leaderboard');
    expect(isEphemeral(visible(failed))).toBe(true);
    expect(shown(visible(failed))).toBe(SORRY);
    const line = bot.logs.find((l) => l.msg === 'handler failed');
    expect(line).toMatchObject({ level: 50, command: 'leaderboard', platform: 'discord', user: alice.id, err: { message: 'disk on fire' } });

    expect(shown(visible(await discord.slash(alice, 'count', { spec: 'conv 3 64 3' })))).toContain('1,792');
  });

  it('still tells the user when Discord refuses the reply itself', async () => {
    const bot = await startBot();
    const { discord } = bot;
    discord.intercept('POST', /\/callback$/, { status: 400, body: { message: 'Invalid Form Body', code: 50035 } });
    const ex = await discord.slash(discord.user('alice'), 'count', { spec: 'conv 3 64 3' });
    await discord.until(() => ex.reply, 'the apology');
    expect(shown(visible(ex))).toBe(SORRY);
    expect(bot.logs.find((l) => l.msg === 'discord interaction failed')).toMatchObject({ level: 50, err: { message: 'Invalid Form Body' } });
  });
});

describe('slow replies', () => {
  it('defers a slow private reply and edits it in', async () => {
    // /close waits for the reveal to be posted; here the channel takes its time to accept it.
    const bot = await startBot({ platform: { deferAfterMs: 100 } });
    const { discord } = bot;
    const teacher = discord.user('teacher', { admin: true });
    await discord.slash(teacher, 'quiz', { topic: 'dense', level: 'easy', seed: 3 });
    // The reveal's post is held until the close has been deferred: slow for as long as it takes.
    const slowChannel = gate();
    discord.intercept('POST', /^\/channels\/\d+\/messages$/, { hold: slowChannel.promise });
    discord.awaitDeferred = false; // the deferral itself is what is looked at

    const closed = await discord.slash(teacher, 'close');
    expect(closed.deferred).toBe(true);
    expect(closed.latencyMs).toBeLessThan(INTERACTION_DEADLINE_MS);
    slowChannel.open();
    const reply = await discord.replied(closed);
    expect(isEphemeral(reply)).toBe(true);
    expect(shown(reply)).toBe('Question #1 closed.');
    expect(closed.edits).toBe(1);
  });

  it('defers a slow public reply, then posts it for everyone and remembers its message', async () => {
    // Starting the round waits until the command has been deferred: slow for as long as it takes.
    const slowStart = gate();
    const bot = await startBot({
      platform: { deferAfterMs: 50 },
      services: (real) => ({
        ...real,
        quiz: override(real.quiz, { start: async (req) => slowStart.promise.then(() => real.quiz.start(req)) }),
      }),
    });
    const { discord, app } = bot;
    discord.awaitDeferred = false; // the deferral itself is what is looked at
    const started = await discord.slash(discord.user('teacher', { admin: true }), 'quiz', { topic: 'conv', level: 'medium', seed: 9 });
    expect(started.deferred).toBe(true);
    slowStart.open();
    const question = await discord.replied(started);
    expect(isEphemeral(question)).toBe(false);
    expect(shown(question)).toContain('Question #1');
    expect(started.original?.deleted).toBe(true);
    expect(await messageRefOf(app.store, 1)).toBe(question.id);
  });
});

describe('the gateway', () => {
  it('identifies with the Guilds intent only and keeps its heartbeat acknowledged', async () => {
    const { discord } = await startBot({ fake: { heartbeatIntervalMs: 150 } });
    const identify = discord.frames.find((f) => f.op === 2)!.d as { intents: number; token: string };
    expect(identify).toMatchObject({ intents: 1, token: discord.token });
    await discord.until(() => (discord.frames.filter((f) => f.op === 1).length >= 2 ? true : undefined), 'two heartbeats');
    expect(discord.connections).toHaveLength(1); // every beat acknowledged: no zombie reconnect
  });

  it('resumes after a dropped connection and answers what was sent meanwhile', async () => {
    const { discord } = await startBot();
    const alice = discord.user('alice');
    await discord.slash(alice, 'count', { spec: 'dense 4 4' });

    discord.disconnect(4000);
    const meanwhile = discord.createInteraction(alice, discord.here, 2, { id: '1', name: 'count', type: 1, options: [{ name: 'spec', type: 3, value: 'conv 3 64 3' }] });
    await discord.until(() => meanwhile.callback, 'the replayed interaction to be answered');
    expect(shown(visible(meanwhile))).toContain('1,792');

    const resume = discord.frames.find((f) => f.op === 6)!;
    const ready = discord.frames.find((f) => f.op === 2)!;
    expect(resume.connection).toBe(2);
    expect(ready.connection).toBe(1);
    expect(resume.d).toMatchObject({ token: discord.token, session_id: expect.stringMatching(/^session-/), seq: expect.any(Number) });
    expect(discord.connections[1]!.url).toMatch(/^\/resume\?v=10&encoding=json/);
    expect(discord.frames.filter((f) => f.op === 2)).toHaveLength(1); // resumed, not identified again

    discord.requestReconnect();
    await discord.until(() => (discord.frames.filter((f) => f.op === 6).length === 2 ? true : undefined), 'a second RESUME after op 7');
    expect(shown(visible(await discord.slash(alice, 'count', { spec: 'bn 8' })))).toContain('32 parameters');
  });
});

describe('npm start', () => {
  it('connects with DISCORD_TOKEN, answers, and on SIGTERM closes the gateway and the database cleanly', async () => {
    const discord = await startFake();
    const env: NodeJS.ProcessEnv = { ...(await botEnv()), ...discordEnv(discord), LOG_LEVEL: 'info' };
    const bot = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    onCleanup(() => void bot.kill('SIGKILL'));
    let stderr = '';
    bot.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    await discord.ready(10_000);

    const ex = await discord.slash(discord.user('alice', { admin: true }), 'quiz', { topic: 'dense', level: 'easy', seed: 2 });
    expect(shown(visible(ex))).toContain('Question #1');

    bot.kill('SIGTERM');
    const [code] = (await once(bot, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(discord.connections[0]!.closeCode).toBe(1000);
    expect(stderr).toMatch(/"msg":"discord connected"/);
    expect(stderr).not.toMatch(/"level":50/);
    const store = await storeOf(env);
    expect(await snapshotCount(store, 'SELECT COUNT(*) AS n FROM rounds WHERE closed_at IS NULL')).toBe(1); // still open: it resumes on the next start
  });
});
