/**
 * `npm run fonts`: makes the fonts the pictures are drawn with (fonts/), from Noto Sans TC as the
 * npm package @expo-google-fonts/noto-sans-tc ships it (TrueType, SIL OFL 1.1). The package is
 * 39 MB and each face 7 MB, far more than a chart needs, and resvg reads a font file again for
 * every run of text it lays out, so a render with a 7 MB face costs some 200 ms. Two subsets:
 *
 * - core (Regular and Bold): Latin, the punctuation and symbols the charts use, and every
 *   character of the message catalogues. Every picture loads it; `core.txt` lists what it covers.
 * - common (Regular): the 5,401 common characters of Big5 level 1 (Taiwan's everyday
 *   characters) and Big5's symbols, for names and typed text the catalogues do not contain.
 *   A picture loads it only when its text needs it.
 *
 * Run it again after a catalogue gains a character (test/charts/fonts.test.ts says which).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Blob, Face } from 'harfbuzzjs';
import subsetFont from 'subset-font';
import { PACKAGE_ROOT } from '../src/paths.js';

const SOURCE = '@expo-google-fonts/noto-sans-tc@0.4.3';
const OUT = join(PACKAGE_ROOT, 'fonts');

const range = (from: number, to: number): string => String.fromCodePoint(...Array.from({ length: to - from + 1 }, (_, i) => from + i));

/** Latin and the symbols of formulas and charts: × ÷ · ∝ ≈ ≤ → … arrows, sub- and superscripts, Greek. */
const LATIN = [
  range(0x20, 0x7e),
  range(0xa0, 0xff),
  range(0x2010, 0x2027),
  range(0x2030, 0x203a),
  range(0x2070, 0x209c),
  range(0x2190, 0x2199),
  range(0x391, 0x3c9),
  '−∑√∞∝∼≈≠≤≥⋅∙■□▲△▶►●○◆◇★☆✓✔✗✘',
].join('');

/** Every character of the catalogues, both languages. */
function catalogueCharacters(): string {
  const dirs = ['en', 'zh-TW'].map((lang) => join(PACKAGE_ROOT, 'src', 'i18n', lang));
  return dirs
    .flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.ts'))
        .map((f) => readFileSync(join(dir, f), 'utf8')),
    )
    .join('');
}

/** Big5 level 1 (0xA440–0xC67E) and its symbols (0xA140–0xA3BF), decoded by the platform's Big5 table. */
function big5Common(): string {
  const bytes: number[] = [];
  for (let lead = 0xa1; lead <= 0xc6; lead++) {
    for (const trail of [...Array.from({ length: 0x3f }, (_, i) => 0x40 + i), ...Array.from({ length: 0x5e }, (_, i) => 0xa1 + i)]) {
      const code = (lead << 8) | trail;
      if ((code >= 0xa140 && code <= 0xa3bf) || (code >= 0xa440 && code <= 0xc67e)) bytes.push(lead, trail);
    }
  }
  return [...new TextDecoder('big5').decode(Uint8Array.from(bytes))].filter((c) => c !== '\ufffd').join('');
}

/** Each character once, in code point order, without controls. */
const distinct = (text: string): string[] => [...new Set([...text])].filter((c) => c.codePointAt(0)! >= 0x20 && !/\p{Cc}|\p{Cs}/u.test(c)).sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'paramquiz-fonts-'));
  try {
    execFileSync('npm', ['pack', SOURCE, '--silent', '--pack-destination', work], { stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
    execFileSync('tar', ['-xzf', join(work, tarball), '-C', work]);
    const face = (weight: string) => readFileSync(join(work, 'package', weight, `NotoSansTC_${weight}.ttf`));

    const core = distinct(LATIN + catalogueCharacters());
    const inCore = new Set(core);
    const common = distinct(big5Common()).filter((c) => !inCore.has(c));
    /** Writes a subset; returns the characters it really maps (those the source font has). */
    const write = async (name: string, weight: string, chars: readonly string[]): Promise<string[]> => {
      const font = await subsetFont(face(weight), chars.join(''), { targetFormat: 'truetype' });
      writeFileSync(join(OUT, name), font);
      const mapped = new Set([...new Face(new Blob(font)).collectUnicodes()].map((c) => String.fromCodePoint(c)));
      process.stdout.write(`fonts/${name}: ${mapped.size} characters, ${Math.round(font.length / 1024)} KB\n`);
      return chars.filter((c) => mapped.has(c));
    };
    const regular = await write('NotoSansTC-Core-Regular.ttf', '400Regular', core);
    const bold = new Set(await write('NotoSansTC-Core-Bold.ttf', '700Bold', core));
    await write('NotoSansTC-Common-Regular.ttf', '400Regular', common);
    writeFileSync(join(OUT, 'core.txt'), `${regular.filter((c) => bold.has(c)).join('')}\n`);
    writeFileSync(join(OUT, 'OFL.txt'), readFileSync(join(work, 'package', 'LICENSE_FONT')));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
