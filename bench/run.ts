/**
 * `npm run bench`: runs every benchmark, prints its figures and merges them into
 * bench/results.json (figures from earlier runs of other benchmarks are kept).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { benchAbuse } from './abuse.js';
import { benchBoards } from './boards.js';
import { benchCharts } from './charts.js';
import { benchDiscord } from './discord.js';
import { benchEngine } from './engine.js';
import { benchImports } from './imports.js';
import { benchPostgres } from './postgres.js';
import { benchQuiz } from './quiz.js';
import { benchSlack } from './slack.js';
import { benchSlowClients } from './slow-clients.js';
import { benchStart } from './start.js';
import { benchTrust } from './trust.js';
import { benchWeb } from './web.js';
import type { Figures } from './lib.js';

const BENCHMARKS: Record<string, () => Figures | Promise<Figures>> = {
  engine: benchEngine,
  trust: benchTrust,
  imports: benchImports,
  abuse: benchAbuse,
  quiz: benchQuiz,
  postgres: benchPostgres,
  boards: benchBoards,
  discord: benchDiscord,
  slack: benchSlack,
  charts: benchCharts,
  web: benchWeb,
  slowClients: benchSlowClients,
  start: benchStart,
};

const RESULTS = resolve(import.meta.dirname, '../../bench/results.json');

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  let results: Record<string, unknown> = {};
  try {
    results = JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>;
  } catch {
    // first run: no results yet
  }
  for (const [name, bench] of Object.entries(BENCHMARKS)) {
    if (only.length > 0 && !only.includes(name)) continue;
    process.stdout.write(`${name}…\n`);
    const figures = await bench();
    for (const [key, value] of Object.entries(figures)) process.stdout.write(`  ${key}: ${value}\n`);
    Object.assign(results, figures);
  }
  results.machine = `${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`;
  results.measured_at = new Date().toISOString();
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`wrote ${RESULTS}\n`);
}

await main();
