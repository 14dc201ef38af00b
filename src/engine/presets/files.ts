/**
 * The preset data files (`data/<framework>/<name>.pq`, shared defs in `data/lib/`), read once when
 * the engine is loaded: the only I/O of the engine, and never at evaluation time. They are found
 * from the package root, so the tests (src/) and the built bin (dist/src/) read the same files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../paths.js';

export const DATA_DIR = join(PACKAGE_ROOT, 'src', 'engine', 'presets', 'data');

export interface DataFile {
  /** Relative to the data folder: `keras/vgg16.pq`. */
  readonly path: string;
  readonly text: string;
}

/** Every `.pq` file of a folder, in name order (gpt2 before gpt2-large; a library file may use the defs of those before it). */
export function readFolder(folder: string): DataFile[] {
  const dir = join(DATA_DIR, folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.pq'))
    .sort((a, b) => (a.slice(0, -3) < b.slice(0, -3) ? -1 : 1))
    .map((name) => ({ path: `${folder}/${name}`, text: readFileSync(join(dir, name), 'utf8') }));
}
