/**
 * The tree's habits, checked with the tests so that every run keeps them: Biome's linter (and,
 * once the tree is formatted, its formatter) over the whole tree, configured once in biome.jsonc.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIOME = resolve(ROOT, 'node_modules/.bin/biome');

describe('the tree is linted', () => {
  it('biome lint reports nothing', async () => {
    const run = await promisify(execFile)(BIOME, ['lint', '--max-diagnostics=20', '.'], { cwd: ROOT }).catch((e: { stdout: string; stderr: string; code: number }) => e);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/Found \d+ (error|warning)/);
  });
});
