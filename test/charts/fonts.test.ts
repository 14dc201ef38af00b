/**
 * The fonts pictures are drawn with cover what the pictures say: the pictures' own strings are in
 * the core faces (else run `npm run fonts`), every Chinese character of the catalogues is in the
 * core or the common face, fonts/core.txt is exactly what the core maps, and text the core lacks
 * (a student's name) brings in the common face.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Blob, Face } from 'harfbuzzjs';
import { describe, expect, it } from 'vitest';
import { coreCharacters, fontFilesFor } from '../../src/charts/fonts.js';
import { PACKAGE_ROOT } from '../../src/paths.js';

const fonts = join(PACKAGE_ROOT, 'fonts');
const mapped = (file: string): Set<string> => new Set([...new Face(new Blob(readFileSync(join(fonts, file)))).collectUnicodes()].map((c) => String.fromCodePoint(c)));

describe('fonts', () => {
  it('the core faces map exactly the characters core.txt lists, in both weights', () => {
    const listed = coreCharacters();
    for (const face of ['NotoSansTC-Core-Regular.ttf', 'NotoSansTC-Core-Bold.ttf']) {
      const inFace = mapped(face);
      expect([...listed].filter((c) => !inFace.has(c))).toEqual([]);
    }
  });

  it("draws every character the catalogues can put on a picture: the pictures' own in the core, the rest in core or common", () => {
    const read = (lang: string, only?: string) => {
      const dir = join(PACKAGE_ROOT, 'src', 'i18n', lang);
      return readdirSync(dir)
        .filter((f) => only === undefined || f === only)
        .map((f) => readFileSync(join(dir, f), 'utf8'))
        .join('');
    };
    const core = coreCharacters();
    const common = mapped('NotoSansTC-Common-Regular.ttf');
    // The pictures' own catalogue is on every picture: in the core (else `npm run fonts`), so a
    // picture needs the larger common face only for a name.
    const pictures = [...(read('en', 'charts.ts') + read('zh-TW', 'charts.ts'))].filter((c) => c.charCodeAt(0) >= 0x20);
    expect([...new Set(pictures)].filter((c) => !core.has(c))).toEqual([]);
    // Every Chinese character anywhere (topic names, framework words) draws as a glyph, never a box.
    // Emoji in chat text are never drawn.
    const chinese = [...(read('en') + read('zh-TW'))].filter((c) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/u.test(c));
    expect([...new Set(chinese)].filter((c) => !core.has(c) && !common.has(c))).toEqual([]);
  });

  it('adds the common face only for text the core lacks', () => {
    expect(fontFilesFor('參數 VGG16 74%')).toHaveLength(2);
    const withName = fontFilesFor('1. 林怡君');
    expect(withName).toHaveLength(3);
    // Taiwan's everyday characters (Big5 level 1) are in the common face.
    const common = mapped('NotoSansTC-Common-Regular.ttf');
    expect([...'林怡君陳冠宇'].every((c) => common.has(c) || coreCharacters().has(c))).toBe(true);
  });
});
