/**
 * Where the shell puts a reply's files: a terminal shows no pictures and takes no attachments, so
 * each is written under the data folder and its path printed. Every file gets a name of its own
 * (`vgg16-parameters-20261207T051500Z-3.png`): the path printed for one answer must still show that
 * answer's picture after the next, and two shells on one data folder must not write over each other.
 * Pictures are made again by asking again, so only the newest KEEP_PICTURES are kept; documents
 * (exports) were asked for one by one and are never removed.
 */
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { MadeFile } from '../../reply.js';

/** How many pictures the folder holds at most: a class session's worth, a few MB. */
export const KEEP_PICTURES = 50;

const FOLDER: Readonly<Record<MadeFile['kind'], string>> = { picture: 'pictures', document: 'exports' };

/** Files written by this process so far: the sequence number in each name. */
let written = 0;

/** `2026-12-07T05:15:00.123Z` → `20261207T051500Z` */
const stampOf = (ms: number): string => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');

/** Writes `file` under `dataDir` with a name no other file there has; its path. */
export function saveFile(dataDir: string, file: MadeFile, now: number): string {
  const dir = join(dataDir, FOLDER[file.kind]);
  mkdirSync(dir, { recursive: true });
  const ext = extname(file.name);
  const stem = file.name.slice(0, file.name.length - ext.length);
  for (;;) {
    const path = join(dir, `${stem}-${stampOf(now)}-${++written}${ext}`);
    try {
      // `wx`: never over a file that is there (another shell's, on the same data folder).
      writeFileSync(path, file.bytes, { flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw e;
    }
    if (file.kind === 'picture') prune(dir, KEEP_PICTURES);
    return path;
  }
}

/** Removes all but the newest `keep` files of `dir` (by modification time, then name). */
export function prune(dir: string, keep: number): void {
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => ({ path: join(dir, e.name), name: e.name, at: statSync(join(dir, e.name), { throwIfNoEntry: false })?.mtimeMs ?? 0 }));
  if (files.length <= keep) return;
  files.sort((a, b) => b.at - a.at || b.name.localeCompare(a.name, 'en', { numeric: true }));
  for (const old of files.slice(keep)) rmSync(old.path, { force: true });
}
