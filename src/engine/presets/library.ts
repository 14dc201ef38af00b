/**
 * The library: defs shared by the presets and open to every request (`encoder_layer 512 8`,
 * `bottleneck 64`), written in the /count language in `data/lib/*.pq`. A library file holds defs
 * only; a def may use the defs written before it, in its file or an earlier one.
 */
import type { Def } from '../lang/ast.js';
import { Defs } from '../lang/expand.js';
import { parseProgram } from '../lang/parser.js';
import { readFolder, type DataFile } from './files.js';

function load(files: readonly DataFile[]): { defs: Def[]; origin: Map<string, string> } {
  const defs: Def[] = [];
  const origin = new Map<string, string>();
  for (const file of files) {
    const program = parseProgram(file.read());
    if (program.items.length > 0) throw new Error(`${file.path}: a library file holds defs only`);
    for (const def of program.defs) {
      defs.push(def);
      origin.set(def.name, file.path);
    }
  }
  return { defs, origin };
}

const loaded = load(readFolder('lib'));

export const LIBRARY: Defs = Defs.of(loaded.defs);

/** The library's defs in order, for --help and explain-preset. */
export const LIBRARY_DEFS: readonly Def[] = loaded.defs;

/** Which file a library def is written in. */
export const libraryFile = (name: string): string | undefined => loaded.origin.get(name);
