/**
 * The shell's pictures: each answer's picture is a file of its own (the path printed for one answer
 * still shows it after the next), and the folder keeps only the newest KEEP_PICTURES.
 */
import { existsSync, readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEEP_PICTURES, saveFile } from '../../src/platforms/shell/saved-files.js';
import { botEnv, runShell } from '../support/app.js';
import { tempDir } from '../support/quiz.js';

const picture = { kind: 'picture', name: 'vgg16-parameters.png', alt: 'VGG16', bytes: new Uint8Array([1, 2, 3]) } as const;
const NOW = Date.UTC(2020, 11, 7, 5, 15, 0); // before any file written now

describe('pictures written by the shell', () => {
  it('gives every picture a name of its own, with the time it was drawn', () => {
    const dir = tempDir();
    const a = saveFile(dir, picture, NOW);
    const b = saveFile(dir, picture, NOW);
    expect(a).not.toBe(b);
    expect(a).toMatch(/pictures\/vgg16-parameters-20201207T051500Z-\d+\.png$/);
    expect(existsSync(a) && existsSync(b)).toBe(true);
  });

  it(`keeps the newest ${KEEP_PICTURES} pictures and every document`, () => {
    const dir = tempDir();
    const paths: string[] = [];
    for (let i = 0; i < KEEP_PICTURES + 3; i++) {
      const path = saveFile(dir, picture, NOW + i * 1000);
      // Written a second apart, as an afternoon's answers are (a file system's times may be coarse).
      utimesSync(path, new Date(NOW + i * 1000), new Date(NOW + i * 1000));
      paths.push(path);
    }
    const document = { kind: 'document', name: 'grades.csv', alt: 'grades', bytes: new Uint8Array([1]) } as const;
    for (let i = 0; i < KEEP_PICTURES + 1; i++) saveFile(dir, document, NOW);
    expect(readdirSync(join(dir, 'pictures'))).toHaveLength(KEEP_PICTURES);
    expect(paths.slice(0, 3).some(existsSync)).toBe(false);
    expect(paths.slice(3).every(existsSync)).toBe(true);
    expect(readdirSync(join(dir, 'exports'))).toHaveLength(KEEP_PICTURES + 1);
  });

  it('prints a path per answer, each still holding its own picture', async () => {
    const r = runShell(['/count vgg16', '/count resnet50'], await botEnv());
    const paths = [...r.stdout.matchAll(/picture: (\S+\.png)/g)].map((m) => m[1]!);
    expect(paths).toHaveLength(2);
    expect(new Set(paths).size).toBe(2);
    expect(paths.every(existsSync)).toBe(true);
  });
});
