#!/usr/bin/env node
/**
 * `npm start`: reads the configuration, opens the SQLite file and starts the platforms that are
 * configured (the terminal shell when no chat tokens are set). SIGINT/SIGTERM close cleanly.
 */
import { App, StartupError } from './app.js';
import { ConfigError, loadConfig, loadDotEnv } from './config.js';
import { createLogger } from './log.js';

async function main(): Promise<number> {
  loadDotEnv();
  let config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`paramquiz: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const chat = config.DISCORD_TOKEN !== undefined || config.SLACK_BOT_TOKEN !== undefined;
  const log = createLogger(config.LOG_LEVEL ?? (chat ? 'info' : 'warn'));
  // DISCORD_SHARDS: this process runs the shard processes (each a bot of its own) and nothing else.
  if (config.DISCORD_TOKEN && config.DISCORD_SHARDS !== undefined && config.SHARDING_MANAGER === undefined) {
    const { runShards } = await import('./platforms/discord/shards.js');
    return runShards(config, log);
  }
  let app: App;
  try {
    app = await App.open(config, log, { input: process.stdin, output: process.stdout });
  } catch (e) {
    if (e instanceof StartupError) {
      process.stderr.write(`paramquiz: ${e.message}\n`);
      return 1;
    }
    throw e;
  }

  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= app.stop());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'stopping');
      void stop().then(() => process.exit(0));
    });
  }
  const failed = app.failure.then((error) => error);
  await Promise.race([app.start(), failed]);
  const outcome = await Promise.race([app.done.then(() => undefined), failed]);
  await stop();
  if (outcome) {
    process.stderr.write(`paramquiz: ${outcome.message}\n`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`paramquiz: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
