/**
 * Discord sharding through the real `npm start` with DISCORD_SHARDS=2: the manager starts two
 * shard processes against the fake Discord, each identifies as its shard and hears only its own
 * servers' events, and the two act as one bot on one PostgreSQL database.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { MAIN } from '../support/app.js';
import { buttons, shardOf, shown, type FakeGuild } from '../support/fake-discord.js';
import { freshDatabase } from '../support/postgres.js';
import { onCleanup } from '../support/quiz.js';
import { discordEnv, startFake, visible, waitPosts } from '../discord/harness.js';

/** Two servers, one on each shard of two (Discord's rule: (guild_id >> 22) % shards). */
function twoGuilds(): FakeGuild[] {
  const guilds: FakeGuild[] = [];
  for (let n = 1n; guilds.length < 2; n++) {
    const id = String((n << 22n) | 1n);
    if (guilds.some((g) => shardOf(g.id, 2) === shardOf(id, 2))) continue;
    guilds.push({ id, name: `Class ${guilds.length + 1}`, channels: [{ id: String(900000000000000000n + n), name: 'quiz' }] });
  }
  return guilds;
}

describe('two Discord shard processes', () => {
  it('each serve their own servers, as one bot on one database', async () => {
    const guilds = twoGuilds();
    const discord = await startFake({ shards: 2, guilds });
    const database = await freshDatabase();
    const env = { ...discordEnv(discord), DATABASE_URL: database, DISCORD_SHARDS: '2', PATH: process.env.PATH, LOG_LEVEL: 'info' };
    const manager = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    onCleanup(() => void manager.kill('SIGKILL'));
    let logs = '';
    manager.stderr.setEncoding('utf8').on('data', (chunk: string) => (logs += chunk));
    await discord.ready(30_000);

    const teacher = discord.user('teacher', { admin: true });
    for (const guild of guilds) {
      const where = { guild, channel: guild.channels[0]! };
      const counted = await discord.slash(discord.user(`student-${guild.id}`), 'count', { spec: 'conv 3 64 3' }, where, 10_000);
      expect(shown(visible(counted))).toContain('1,792');
      expect(discord.dispatchedTo.get(counted.id)).toBe(shardOf(guild.id, 2)); // only its shard heard it
    }

    // A round opened on one shard, answered there, closed and revealed once.
    const guild = guilds[1]!;
    const where = { guild, channel: guild.channels[0]! };
    const question = visible(await discord.slash(teacher, 'quiz', { level: 'easy', topic: 'dense', seed: 5 }, where, 10_000));
    const alice = discord.user('alice');
    await discord.click(alice, question, buttons(question)[0]!.customId, where);
    await discord.slash(teacher, 'close', {}, where, 10_000);
    const [reveal] = await waitPosts({ discord } as never, 'Question #1: the answer is');
    expect(reveal!.channel_id).toBe(guild.channels[0]!.id);

    const client = new pg.Client({ connectionString: database });
    await client.connect();
    const rounds = (await client.query<{ scope_id: string; revealed: boolean }>('SELECT scope_id, revealed_at IS NOT NULL AS revealed FROM rounds')).rows;
    await client.end();
    expect(rounds).toEqual([{ scope_id: `discord:${guild.id}`, revealed: true }]);
    expect(logs).toMatch(/"msg":"discord shards running"/);

    manager.kill('SIGTERM');
    const [code] = (await once(manager, 'exit')) as [number | null];
    expect(code).toBe(0);
  });
});
