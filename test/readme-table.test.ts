/**
 * The README's `paramquiz check` example runs as printed: the `printf … | npx paramquiz check MODEL`
 * block is run with the built bin, and every line shown under it is a line of what it prints.
 */
import { describe, expect, it } from 'vitest';
import { paramquiz } from './support/bin.js';
import { README, shBlocks } from './support/readme.js';

// The chat lines of the section run with the other chat examples (readme-examples.test.ts).
const blocks = shBlocks(README.slice(README.indexOf('\n### A whole summary table'), README.indexOf('\nRounds, answers and boards live in SQLite'))).filter((b) => b[0]!.startsWith('$ '));

describe('README: /quiz table and /check', () => {
  it.each(blocks.map((b) => [b[0]!, b.slice(1)] as const))('%s', (first, shown) => {
    const m = /^\$ printf '(.*)' \| npx paramquiz check "(.*)"$/.exec(first);
    expect(m).not.toBeNull();
    const input = m![1]!.replace(/\\n/g, '\n');
    const r = paramquiz(['check', m![2]!], { input });
    expect(r.status).toBe(0);
    const printed = r.stdout.split('\n');
    for (const line of shown) expect(printed).toContain(line);
  });
});
