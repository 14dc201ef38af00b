/**
 * The preset data files (`data/<framework>/<name>.pq`, shared defs in `data/lib/`): the engine's
 * only I/O, its own files, never a user's. They are found from the package root, so the tests (src/)
 * and the built bin (dist/src/) read the same files. A file is read when the engine loads (its
 * header: names, options, totals) and again when its body is parsed (preset.ts, PARSED); its text is
 * not kept in between: 400 KB of files, two bytes a character for most (a `×` or `→` in a comment),
 * held for good by the bot and by every count sandbox, while a class asks for a few presets.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../paths.js';

export const DATA_DIR = join(PACKAGE_ROOT, 'src', 'engine', 'presets', 'data');

export interface DataFile {
  /** Relative to the data folder: `keras/vgg16.pq`; a config.json's names its text's fingerprint. */
  readonly path: string;
  /** The file's text: read from disk each time for a data file, held for a config.json (it has no file). */
  read(): string;
  /**
   * Its header, the comment lines it starts with (`# preset:`, `# expect:`, ...), decoded on its
   * own: what a preset keeps of it (names, source, totals) are slices of this short text, which
   * would otherwise hold the whole file's text for as long as the preset lives.
   */
  head(): string;
}

/**
 * Where a header ends: at the first line neither blank nor a comment. It looks only at `#`, blanks
 * and line ends, one byte each in UTF-8, so it reads a file's bytes and a text's characters alike.
 */
function headerEnd(at: (i: number) => number, length: number): number {
  let line = 0;
  while (line < length) {
    let i = line;
    while (i < length && (at(i) === 0x20 || at(i) === 0x09 || at(i) === 0x0d)) i++;
    if (i < length && at(i) !== 0x23 && at(i) !== 0x0a) return line;
    while (i < length && at(i) !== 0x0a) i++;
    line = i + 1;
  }
  return length;
}

/** A data file, read when asked. */
export const dataFile = (path: string): DataFile => ({
  path,
  read: () => readFileSync(join(DATA_DIR, path), 'utf8'),
  head: () => {
    const bytes = readFileSync(join(DATA_DIR, path));
    return bytes.toString(
      'utf8',
      0,
      headerEnd((i) => bytes[i]!, bytes.length),
    );
  },
});

/** A file made in memory (a config.json's model). */
export const textFile = (path: string, text: string): DataFile => ({
  path,
  read: () => text,
  head: () =>
    text.slice(
      0,
      headerEnd((i) => text.charCodeAt(i), text.length),
    ),
});

/** Every `.pq` file of a folder, in name order (gpt2 before gpt2-large; a library file may use the defs of those before it). */
export function readFolder(folder: string): DataFile[] {
  const dir = join(DATA_DIR, folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.pq'))
    .sort((a, b) => (a.slice(0, -3) < b.slice(0, -3) ? -1 : 1))
    .map((name) => dataFile(`${folder}/${name}`));
}
