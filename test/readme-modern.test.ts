/**
 * The README's "Modern models" examples run as printed: each `$ npx paramquiz count ...` block is run
 * with the built bin (standard input from an `echo '...' |` in front), and every line shown under it
 * (other than `...`, which stands for lines left out) is a line of what it prints.
 */
import { describe, expect, it } from 'vitest';
import { paramquiz } from './support/bin.js';
import { cliCommand, README, shBlocks } from './support/readme.js';

const blocks = shBlocks(README.slice(README.indexOf('\n## Modern models'), README.indexOf('\n## Pasting a model')));

function command(line: string): { args: string[]; input: string | undefined } {
  return (
    cliCommand(line) ??
    (() => {
      throw new Error(`not a paramquiz command: ${line}`);
    })()
  );
}

describe('README: Modern models', () => {
  it('has its examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });
  it.each(blocks.map((b) => [b[0]!, b.slice(1)] as const))('%s', (first, shown) => {
    const { args, input } = command(first);
    const r = paramquiz(['count', ...args], input === undefined ? {} : { input });
    const printed = `${r.stdout}${r.stderr}`.split('\n');
    for (const line of shown.filter((l) => l !== '...')) {
      // a line may end its own `...` where it is cut: the printed line starts with the part shown
      const cut = line.indexOf(': ...)');
      if (cut >= 0) expect(printed.some((p) => p.startsWith(line.slice(0, cut)) && p.endsWith(line.slice(line.indexOf(')', cut) + 1)))).toBe(true);
      else expect(printed).toContain(line);
    }
  });
});
