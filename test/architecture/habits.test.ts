/**
 * The tree's habits, checked with the tests so that every run keeps them: Biome's formatter and
 * linter over the whole tree, configured once in biome.jsonc (`npm run format` fixes the format).
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIOME = resolve(ROOT, 'node_modules/.bin/biome');

describe('the tree is formatted and linted', () => {
  it('biome check reports nothing', async () => {
    const run = await promisify(execFile)(BIOME, ['check', '--max-diagnostics=20', '.'], { cwd: ROOT }).catch((e: { stdout: string; stderr: string; code: number }) => e);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/Found \d+ (error|warning)/);
  });
});
