/**
 * Pictures outside the chat platforms: the CLI's `--chart FILE.png` and the shell, which writes a
 * reply's pictures under the data folder and prints where.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runShell, shellEnv } from '../support/app.js';
import { paramquiz } from '../support/bin.js';
import { decodePng } from '../support/png.js';
import { tempDir } from '../support/quiz.js';

describe('the CLI', () => {
  it('--chart FILE.png writes the parameter chart of a model and prints the count as usual', () => {
    const file = join(tempDir(), 'vgg16.png');
    const r = paramquiz(['count', 'vgg16', '--chart', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('138,357,544');
    const png = decodePng(readFileSync(file));
    expect([png.width, png.height]).toEqual([720, 560]);
  });

  it('refuses --chart without a file name, with one line and exit 2', () => {
    const r = paramquiz(['count', 'vgg16', '--chart']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--chart');
  });
});

describe('the shell', () => {
  it("writes a model count's picture under the data folder and prints its path and alt text", () => {
    const env = shellEnv();
    const r = runShell(['/count resnet50'], env);
    expect(r.status).toBe(0);
    const line = /^picture: (\S+\.png) \((.+)\)$/m.exec(r.stdout);
    expect(line).not.toBeNull();
    const [, path, alt] = line!;
    expect(dirname(path!)).toBe(join(dirname(env.DATABASE_PATH!), 'pictures'));
    expect(alt).toContain('ResNet50');
    expect(existsSync(path!)).toBe(true);
    expect(decodePng(readFileSync(path!)).width).toBeGreaterThan(0);
  });
});
