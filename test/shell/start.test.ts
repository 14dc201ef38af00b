/**
 * `npm start` runs what `npm ci` built: the build happens at install time (prepare), and start only
 * checks, in a few milliseconds, that no source is newer than the build (tools/build.mjs).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROMPT, spawnInTerminal } from '../../bench/terminal.js';
import { isCurrent, sourceState, writeStamp } from '../../tools/build.mjs';
import { shellEnv } from '../support/app.js';
import { onCleanup } from '../support/quiz.js';
import { watch } from '../support/watch.js';

const ROOT = resolve(import.meta.dirname, '../..');

describe('the build is made at install time, not at every start', () => {
  it('prepare builds; start builds only when a source is newer than the build, then runs the bot', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.prepare).toBe('npm run build');
    expect(pkg.scripts.build).toBe('node tools/build.mjs');
    expect(pkg.scripts.prestart).toBeUndefined();
    expect(pkg.scripts.start).toMatch(/ tools\/start\.mjs$/);
  });

  const trees: string[] = [];
  afterEach(() => trees.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** A project tree with one source, a build of it and its stamp. */
  function built(): string {
    const root = mkdtempSync(join(tmpdir(), 'paramquiz-build-'));
    trees.push(root);
    for (const dir of ['src/engine', 'dist/src']) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, 'src/engine/count.ts'), 'export {};\n');
    writeFileSync(join(root, 'src/engine/old.ts'), 'export {};\n');
    for (const bin of ['dist/src/cli.js', 'dist/src/main.js']) writeFileSync(join(root, bin), '');
    writeStamp(sourceState(root), root);
    return root;
  }
  const later = (path: string) => {
    const t = new Date(statSync(path).mtimeMs + 5_000);
    utimesSync(path, t, t);
  };

  it('is current until a source changes', () => {
    const root = built();
    expect(isCurrent(root)).toBe(true);
    later(join(root, 'src/engine/count.ts'));
    expect(isCurrent(root)).toBe(false);
  });

  it('sees a deleted source and a missing build, and not data the build does not read', () => {
    const data = built();
    mkdirSync(join(data, 'bench'));
    writeFileSync(join(data, 'bench/results.json'), '{}\n'); // what `npm run bench` writes
    expect(isCurrent(data)).toBe(true);
    const root = built();
    rmSync(join(root, 'src/engine/old.ts'));
    expect(isCurrent(root)).toBe(false);
    const other = built();
    rmSync(join(other, 'dist/src/main.js'));
    expect(isCurrent(other)).toBe(false);
  });

  it('npm start opens the prompt without building again', async () => {
    const stamp = join(ROOT, 'dist/.build-stamp');
    const before = statSync(stamp).mtimeMs;
    const child = spawnInTerminal(['npm', 'start', '--silent'], { cwd: ROOT, env: shellEnv() });
    onCleanup(() => void child.kill('SIGKILL'));
    const screen = watch(child.stdout);
    await screen.waitFor(PROMPT);
    child.stdin.write('/quit\n');
    await new Promise((done) => child.once('exit', done));
    expect(statSync(stamp).mtimeMs).toBe(before);
  });
});
