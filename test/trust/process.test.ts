/**
 * Trust, through the real `npm start` process: a start-up it cannot complete exits non-zero with
 * one line naming the cause and the variable (never a half-started bot); a Discord gateway that
 * will not take the bot back stops it non-zero; an unreachable Slack API is reported at once and
 * retried with a logged backoff, never silently.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MAIN, shellEnv } from '../support/app.js';
import { shown } from '../support/fake-discord.js';
import { onCleanup, tempDir } from '../support/quiz.js';
import { watch } from '../support/watch.js';
import { discordEnv, startFake, visible } from '../discord/harness.js';

/** `npm start` with nothing on standard input: the shell would answer nothing and exit 0. */
function start(env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, [MAIN], { env, input: '', encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.trim() };
}

describe('a start-up that cannot complete', () => {
  const cases: Array<[string, () => string, RegExp]> = [
    ['a directory', () => '/', /^paramquiz: DATABASE_PATH=\/: cannot open the database \(.+\)\.$/],
    ['a path under a file', () => '/etc/passwd/x.db', /^paramquiz: DATABASE_PATH=\/etc\/passwd\/x\.db: cannot open the database \(.+\)\.$/],
    [
      'a file that is not a database',
      () => {
        const path = join(tempDir(), 'garbage.db');
        writeFileSync(path, 'this is not a SQLite file, it only has its name'.repeat(200));
        return path;
      },
      /^paramquiz: DATABASE_PATH=.+garbage\.db: cannot open the database \(file is not a database\)\.$/,
    ],
    [
      'a migration that fails',
      () => {
        const path = join(tempDir(), 'foreign.db');
        const db = new Database(path);
        db.exec('CREATE TABLE scopes (something_else INTEGER)'); // a file made by something else
        db.close();
        return path;
      },
      /^paramquiz: DATABASE_PATH=.+foreign\.db: cannot open the database \(table scopes already exists\)\.$/,
    ],
  ];

  it.each(cases)('%s: exits non-zero with one line naming DATABASE_PATH', (_what, path, line) => {
    const r = start(shellEnv({ DATABASE_PATH: path() }));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(''); // the shell never started
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(line);
  });
});

describe('a Discord gateway that will not take the bot back', () => {
  it('stops the bot with a non-zero exit and one line saying what to fix', async () => {
    const discord = await startFake();
    const env = { ...discordEnv(discord), PATH: process.env.PATH };
    const bot = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    onCleanup(() => void bot.kill('SIGKILL'));
    let stderr = '';
    bot.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    await discord.ready(10_000);
    expect(shown(visible(await discord.slash(discord.user('alice'), 'count', { spec: 'dense 4 2' })))).toContain('10 parameters');

    discord.disconnect(4004); // the token was reset in the Developer Portal
    const [code] = (await once(bot, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(stderr.trim().split('\n').at(-1)).toBe(
      'paramquiz: Discord closed the gateway connection with code 4004 and will not take it back: the token was refused: DISCORD_TOKEN is not valid (reset it in the Developer Portal, Bot page).',
    );
  });
});

describe('a Slack API that cannot be reached at start', () => {
  it('is reported at once and retried with a logged backoff; the bot does not sit silent', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const env = {
      ...shellEnv(),
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'secret',
      PORT: '0',
      SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
      LOG_LEVEL: 'warn',
    };
    const bot = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    onCleanup(() => void bot.kill('SIGKILL'));
    const stderr = watch(bot.stderr);
    await stderr.waitForCount(/slack API unreachable; trying again/, 2);
    const lines = stderr
      .text()
      .split('\n')
      .filter((l) => l.includes('slack API unreachable'));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 40, retryInMs: 1000, api: `http://127.0.0.1:${port}/api/` });
    expect(JSON.parse(lines[1]!)).toMatchObject({ retryInMs: 2000 });
    expect(bot.exitCode).toBeNull(); // still trying
  });
});
