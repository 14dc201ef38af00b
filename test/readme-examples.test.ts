/**
 * Every chat command the README shows runs as printed, in the shell, with no error reply: the
 * examples a reader copies first (test/support/readme.ts says which lines count as examples; the
 * CLI's `$ npx paramquiz` blocks are checked, output and all, by readme-modern.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { botEnv, runShell } from './support/app.js';
import { chatExamples } from './support/readme.js';

/** Between two examples, a command whose reply marks where the next one's output starts. */
const mark = (i: number) => `/as readme-${i}`;
const MARKED = /^\(only you\) You are now readme-(\d+)\.?$|^You are now readme-(\d+)\.?$/m;

describe('README: the chat examples', () => {
  const examples = chatExamples();

  it('finds them: the quick start script, the /count cheat sheet, the command tables', () => {
    expect(examples).toContain('/count conv 3 64 3');
    expect(examples).toContain('/quiz model:"input 32x32x3 > conv 3 16 3 > bn 16" ask:trainable');
    expect(examples.filter((e) => e.startsWith('/count ')).length).toBeGreaterThan(40);
  });

  it('each runs in the shell without an error reply', async () => {
    const script = examples.flatMap((example, i) => [mark(i), example]);
    const r = runShell([...script, mark(examples.length)], await botEnv());
    expect(r.status).toBe(0);
    const failed: string[] = [];
    const parts = r.stdout.split(/^.*You are now readme-(\d+)\.?\s*$/m);
    // split with a capture: [before, i, output of example i, i+1, ...]
    for (let k = 1; k + 1 < parts.length; k += 2) {
      const i = Number(parts[k]);
      const out = parts[k + 1]!;
      if (i < examples.length && /^(\(only you\) )?✗/m.test(out)) failed.push(`${examples[i]}\n    ${out.trim().split('\n')[0]}`);
    }
    expect(failed).toEqual([]);
    expect(MARKED.test(r.stdout)).toBe(true);
  });
});
