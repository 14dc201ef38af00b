/**
 * The shell at a real terminal (a pseudo-terminal held by `script`, bench/terminal.ts): what a
 * person sees, escape codes and all. A bracketed paste is one entry and nothing of its marks is
 * echoed; /quit ends the session at once, after everything before it is written.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PROMPT, spawnInTerminal } from '../../bench/terminal.js';
import { botEnv, MAIN } from '../support/app.js';
import { onCleanup, tempDir } from '../support/quiz.js';
import { watch } from '../support/watch.js';

const MODEL = ['model = nn.Sequential(', '    nn.Conv2d(3, 64, 3),', '    nn.ReLU(),', '', '    nn.Conv2d(64, 64, 3),', ')'];
// PyTorch: (3·3·3 + 1)·64 + (3·3·64 + 1)·64 = 1,792 + 36,928 = 38,720 (sum of p.numel()).

async function terminal() {
  const child = spawnInTerminal([process.execPath, MAIN], { cwd: tempDir(), env: await botEnv() });
  onCleanup(() => void child.kill('SIGKILL'));
  const exited = new Promise<number | null>((done) => child.once('exit', done));
  const screen = watch(child.stdout);
  await screen.waitFor(PROMPT);
  return { type: (text: string) => child.stdin.write(text), screen, exited };
}

describe('the shell in a terminal', () => {
  it('reads a bracketed paste as one entry and echoes none of its marks', async () => {
    const { type, screen, exited } = await terminal();
    type(`\x1b[200~/count ${MODEL.join('\n')}\n\x1b[201~`);
    await screen.waitFor(/38,720 parameters in total/);
    type('/quit\r');
    expect(await exited).toBe(0);
    expect(screen.text()).not.toContain('^[[');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the paste marks begin with ESC
    expect(screen.text()).not.toMatch(/\x1b\[20[01]~/);
    expect(screen.text()).not.toContain('Commands start with /'); // no line of the paste was read on its own
  });

  it('/quit ends the session at once, after the replies and pictures before it are written', async () => {
    const { type, screen, exited } = await terminal();
    type('/count vgg16\r/quit\r'); // typed ahead: /quit waits its turn
    expect(await exited).toBe(0);
    expect(screen.text()).toContain('138,357,544');
    expect(screen.text()).toMatch(/picture: \S+\.png/);
  });

  it('Ctrl-C stops the bot and gives the terminal back, bracketed paste switched off', async () => {
    const { type, screen, exited } = await terminal();
    type('\x03'); // what the key sends; the terminal is in raw mode, so it reaches the bot as a key
    expect(await exited).toBe(0);
    expect(screen.text()).toContain('\x1b[?2004l');
  });

  it('/quit ends a piped session whose input stays open', async () => {
    const child = spawn(process.execPath, [MAIN], { cwd: tempDir(), env: await botEnv() });
    onCleanup(() => void child.kill('SIGKILL'));
    const out = watch(child.stdout);
    child.stdin.write('/count conv 3 64 3\n/quit\n'); // and no end of input
    expect(await new Promise((done) => child.once('exit', done))).toBe(0);
    expect(out.text()).toContain('1,792 parameters');
  });
});
