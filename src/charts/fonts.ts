/**
 * The fonts pictures are drawn with: subsets of Noto Sans TC made by `npm run fonts` (see
 * tools/subset-fonts.ts and fonts/OFL.txt). The core faces (Latin, chart symbols, every character
 * of the catalogues) serve every picture; the common face (Taiwan's everyday characters, for names)
 * is added only when a picture's text needs a character the core lacks, because resvg reads every
 * loaded font file again for each run of text and the common face is seven times the size.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';

export const FONT_FAMILY = 'Noto Sans TC';

const DIR = join(PACKAGE_ROOT, 'fonts');
const CORE = [join(DIR, 'NotoSansTC-Core-Regular.ttf'), join(DIR, 'NotoSansTC-Core-Bold.ttf')] as const;
const COMMON = join(DIR, 'NotoSansTC-Common-Regular.ttf');

let core: ReadonlySet<string> | undefined;

/** The characters the core faces cover (fonts/core.txt, written with them). */
export function coreCharacters(): ReadonlySet<string> {
  core ??= new Set([...readFileSync(join(DIR, 'core.txt'), 'utf8').trimEnd()]);
  return core;
}

/** The font files that draw `text`: the core faces, and the common face if the core lacks a character. */
export function fontFilesFor(text: string): string[] {
  const covered = coreCharacters();
  for (const ch of text) {
    if (ch.charCodeAt(0) >= 0x80 && !covered.has(ch)) return [...CORE, COMMON];
  }
  return [...CORE];
}
