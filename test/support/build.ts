/**
 * Vitest global setup: spawned bins run today's code. Builds as `npm run build` does (bins made
 * executable) when a source is newer than the last build, and only then (tools/build.mjs).
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function setup(): void {
  execFileSync(process.execPath, ['tools/build.mjs', '--if-stale'], { cwd: resolve(import.meta.dirname, '../..'), stdio: 'inherit' });
}
