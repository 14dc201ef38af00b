/**
 * The README's pictures of /quiz table (npm run shots, tools/discord-shots.ts) are drawn from what
 * the bot sends Discord: the capture they are drawn from, without the browser.
 */
import { describe, expect, it } from 'vitest';
import { exerciseOf } from '../support/table-student.js';
import { shown } from '../support/fake-discord.js';
import { captureTable, modalInputs, SHOT_TABLE } from '../../tools/discord-capture.js';
import { startBot } from './harness.js';

/** Discord's most components in a modal. */
const MODAL_MAX_INPUTS = 5;

describe("the README's pictures of /quiz table", () => {
  it('capture the posted table and the modal of its first rows, one text input per row, in both languages', async () => {
    const { discord } = await startBot();
    const ex = exerciseOf({ kind: 'generated', ...SHOT_TABLE });
    const cells = ex.rows.length + 3;
    for (const lang of ['en', 'zh-TW'] as const) {
      const { question, modal } = await captureTable(discord, lang);
      expect(question.embeds).toHaveLength(1);
      expect(String(question.embeds[0]!.description)).toContain('```');
      expect(shown(question)).toContain(`${ex.rows[0]!.name} (`);
      expect(typeof modal.title).toBe('string');
      expect(String(modal.title)).toContain(String(cells));
      const inputs = modalInputs(modal);
      expect(inputs).toHaveLength(Math.min(cells, MODAL_MAX_INPUTS));
      expect(inputs.map((i) => i.label)).toEqual(ex.rows.slice(0, MODAL_MAX_INPUTS).map((r, i) => `${i + 1}. ${r.name} (${r.typeName})`));
      for (const input of inputs) expect(input.placeholder).toBeTruthy();
    }
  });
});
