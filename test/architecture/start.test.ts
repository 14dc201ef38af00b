/**
 * `npm start` runs the bot with the V8 flags its shards and the benchmarks use (src/node-flags.ts),
 * and Node takes them: tools/start.mjs checks the build and runs dist/src/main.js in its own process.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { BOT_NODE_FLAGS } from '../../src/node-flags.js';

it('npm start runs dist/src/main.js with BOT_NODE_FLAGS, flags Node accepts', () => {
  const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { scripts: Record<string, string> };
  expect(pkg.scripts.start).toBe(`node ${BOT_NODE_FLAGS.join(' ')} tools/start.mjs`);
  expect(readFileSync(resolve(import.meta.dirname, '../../tools/start.mjs'), 'utf8')).toMatch(/^await import\('\.\.\/dist\/src\/main\.js'\);$/m);
  const r = spawnSync(process.execPath, [...BOT_NODE_FLAGS, '-e', 'process.exit(0)'], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});
