/** The preset data files as the engine reads them (src/engine/presets/files.ts): the header on its own, the text when parsed. */
import { describe, expect, it } from 'vitest';
import { dataFile, readFolder, textFile } from '../../src/engine/presets/files.js';

describe('a preset file', () => {
  it("head() is the comment lines it starts with, up to the model's first line", () => {
    for (const folder of ['keras', 'pytorch']) {
      for (const file of readFolder(folder)) {
        const text = file.read();
        const head = file.head();
        expect(text.startsWith(head), file.path).toBe(true);
        expect(
          head.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('#')),
          file.path,
        ).toBe(true);
        expect(text.slice(head.length).trimStart().startsWith('input '), file.path).toBe(true);
      }
    }
  });

  it('a header with characters of more than one byte is cut where the text is (bytes and characters agree on line ends)', () => {
    const text = '# preset: x\n# source: 3×3 → 1×1, α\n\n  # aliases: y\ninput 4\n# not the header\nconv 1 1\n';
    expect(textFile('x.pq', text).head()).toBe('# preset: x\n# source: 3×3 → 1×1, α\n\n  # aliases: y\n');
    expect(textFile('x.pq', '# only a header').head()).toBe('# only a header');
    expect(textFile('x.pq', 'input 4').head()).toBe('');
  });

  it('a data file and the same text in memory have the same head', () => {
    const file = dataFile('keras/vgg16.pq');
    expect(file.head()).toBe(textFile(file.path, file.read()).head());
  });
});
