/**
 * Discord sharding (required from 2,500 servers): with DISCORD_SHARDS=auto|N this process becomes
 * discord.js's ShardingManager and runs each shard as a bot process of its own (`node
 * dist/src/main.js` with SHARDS and SHARD_COUNT set, which the discord.js Client reads), every one
 * on the same store, so the quiz behaves as one bot: a round's timer and reveal follow its lease,
 * and any shard can post anywhere through REST. Slack does not run in shard processes (it would
 * bind the same port once per shard): run it as a process of its own on the same database.
 */
import { fileURLToPath } from 'node:url';
import { BOT_NODE_FLAGS } from '../../node-flags.js';
import { REST, Routes, ShardingManager } from 'discord.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';

/** Discord lets `max_concurrency` shards identify at once, then one bucket per 5 s (its gateway docs). */
const IDENTIFY_WINDOW_MS = 5_500;

/** GET /gateway/bot: the shard count Discord recommends and how many may identify at once. */
async function gatewayBot(config: Config): Promise<{ shards: number; maxConcurrency: number }> {
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(config.DISCORD_TOKEN!);
  const data = (await rest.get(Routes.gatewayBot())) as { shards: number; session_start_limit: { max_concurrency: number } };
  return { shards: data.shards, maxConcurrency: data.session_start_limit.max_concurrency };
}

/** Runs the shard processes until a signal stops them; resolves with the exit code. */
export async function runShards(config: Config, log: Logger): Promise<number> {
  const gateway = await gatewayBot(config);
  const total = config.DISCORD_SHARDS === 'auto' ? gateway.shards : config.DISCORD_SHARDS!;
  const main = fileURLToPath(new URL('../../main.js', import.meta.url));
  const manager = new ShardingManager(main, { token: config.DISCORD_TOKEN!, totalShards: total, mode: 'process', respawn: true, execArgv: [...BOT_NODE_FLAGS] });
  manager.on('shardCreate', (shard) => {
    log.info({ shard: shard.id, of: total }, 'discord shard started');
    shard.on('death', (child) => log.warn({ shard: shard.id, exitCode: 'exitCode' in child ? child.exitCode : undefined }, 'discord shard stopped; it is started again'));
  });
  const stopped = new Promise<number>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        log.info({ signal }, 'stopping the shards');
        for (const shard of manager.shards.values()) shard.kill();
        resolve(0);
      });
    }
  });
  await manager.spawn({ amount: total, delay: gateway.maxConcurrency >= total ? 0 : IDENTIFY_WINDOW_MS, timeout: 60_000 });
  log.info({ shards: total }, 'discord shards running');
  return stopped;
}
