/**
 * Loading the bot makes no locale formatter. Node's ICU data is built into its binary and paged in
 * the first time a formatter is made: a formatter made when a module loads (`new Intl.NumberFormat`
 * at the top level, a `toLocaleString` in a constant) keeps about 5 MB of it resident in the bot's
 * main process for its whole life (bench/discord.ts: discord_rss_vs_bare_idle), where nothing is
 * formatted by locale. A formatter made at its first use costs only the processes that use it.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

it('no module of the bot makes a locale formatter when it loads', () => {
  const run = spawnSync(process.execPath, [resolve(ROOT, 'test/support/locale-spy.mjs'), ROOT], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  expect(run.status, run.stderr).toBe(0);
  const { modules, calls } = JSON.parse(run.stdout) as { modules: number; calls: string[] };
  expect(modules).toBeGreaterThan(200);
  expect(calls).toEqual([]);
});
