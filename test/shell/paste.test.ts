/**
 * Pasting a model into the shell: a multi-line paste is one entry, counted whole, with or without
 * `/count` in front; piped scripts of one-line commands read as before; in a terminal, a bracketed
 * paste (or one burst of input) is one piece, and lines typed one by one stay separate commands.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ShellInput, type Entry } from '../../src/platforms/shell/input.js';
import { botEnv, runShell } from '../support/app.js';

const MODEL = ['model = nn.Sequential(', '    nn.Conv2d(3, 64, 3),', '    nn.ReLU(),', '', '    nn.Conv2d(64, 64, 3),', ')'];
// PyTorch: (3·3·3 + 1)·64 + (3·3·64 + 1)·64 = 1,792 + 36,928 = 38,720 (sum of p.numel()).

describe('pasting code into the shell (piped)', () => {
  it('counts `/count` and the lines of code after it as one model, then goes on with the next command', async () => {
    const r = runShell(['/count', ...MODEL, '/count dense 784 10'], await botEnv());
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('38,720 parameters in total');
    expect(r.stdout).toMatch(/^\s+2\s+Conv2d\s+36,928$/m); // the module's name as named_modules() gives it
    expect(r.stdout).toContain('(dense 784 10): 7,850 parameters');
    expect(r.stdout).not.toContain('Commands start with /');
  });

  it('counts code pasted without /count in front', async () => {
    const r = runShell(MODEL, await botEnv());
    expect(r.stdout).toContain('38,720 parameters in total');
  });

  it('still says a line of prose is not a command', async () => {
    const r = runShell(['hello there', '/count conv 3 64 3'], await botEnv());
    expect(r.stdout).toContain('Commands start with /');
    expect(r.stdout).toContain('1,792 parameters');
  });
});

/**
 * Entries read from a stream fed `chunks`, each written in its own turn, as typed: the next only
 * once the reader has made an entry of the last (each chunk here makes at least one).
 */
async function entries(chunks: readonly string[], interactive: boolean): Promise<Entry[]> {
  const stream = new PassThrough();
  const input = new ShellInput(stream, interactive ? { output: new PassThrough(), prompt: '> ' } : undefined);
  const out: Entry[] = [];
  let entered: (() => void) | undefined;
  const reading = (async () => {
    for (let e = await input.next(); e !== undefined; e = await input.next()) {
      out.push(e);
      entered?.();
    }
  })();
  for (const chunk of chunks) {
    const before = out.length;
    stream.write(chunk);
    while (out.length === before) await new Promise<void>((resolve) => (entered = resolve));
  }
  stream.end();
  await reading;
  return out;
}

describe('pasting code into the shell (a terminal)', () => {
  it('reads a bracketed paste as one entry, blank lines and all', async () => {
    const paste = `\x1b[200~${MODEL.join('\n')}\n\x1b[201~`;
    const got = await entries(['/count\n', paste, '/help\n'], true);
    expect(got.map((e) => e.text)).toEqual(['/count', MODEL.join('\n'), '/help']);
  });

  it('ends a paste without a last newline when its last line is entered', async () => {
    const paste = `\x1b[200~/count ${MODEL.join('\n')}\x1b[201~`;
    const got = await entries([`${paste}\n`, '/help\n'], true); // Enter after the paste
    expect(got.map((e) => e.text)).toEqual([`/count ${MODEL.join('\n')}`, '/help']);
  });

  it('reads a paste within one line as typing: the marks are gone, the line is a command', async () => {
    const got = await entries(['/count \x1b[200~conv 3 64 3\x1b[201~ in=32x32\n', '/quit\n'], true);
    expect(got.map((e) => e.text)).toEqual(['/count conv 3 64 3 in=32x32', '/quit']);
  });

  it('reads one burst of lines (a terminal without bracketed paste) as one entry', async () => {
    const got = await entries([`/count ${MODEL.join('\n')}\n`], true);
    expect(got).toEqual([{ text: `/count ${MODEL.join('\n')}`, lines: MODEL.length }]);
  });

  it('keeps lines typed one at a time as separate commands', async () => {
    const got = await entries(['/count\n', 'conv 3 64 3\n', '/quit\n'], true);
    expect(got.map((e) => e.text)).toEqual(['/count', 'conv 3 64 3', '/quit']);
  });
});
