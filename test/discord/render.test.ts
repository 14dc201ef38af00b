/** A Reply as a Discord message, within Discord's limits (disabling buttons is seen end to end in flows.test.ts). */
import { ButtonStyle } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { Button } from '../../commands/types.js';
import { CODE_FILE, renderReply } from '../../src/platforms/discord/render.js';

describe('renderReply', () => {
  it('puts text, the code block and the footer in one embed coloured by tone', () => {
    const m = renderReply({ visibility: 'private', tone: 'error', title: 'T', text: '**bold** stays', code: 'a = 1\n```', footer: 'closes <t:1:R>' });
    expect(m.embeds).toEqual([{ color: 0xed4245, title: 'T', description: '**bold** stays\n```\na = 1\n`\u200b``\n```\n-# closes <t:1:R>' }]);
    expect(m.files).toEqual([]);
    expect(m.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });

  it('moves a code block too long for the embed to a .txt attachment', () => {
    const code = Array.from({ length: 200 }, (_, i) => `layer_${i}  (None, 7, 7, 512)  2,359,808`).join('\n');
    const m = renderReply({ visibility: 'public', title: 'VGG', text: 'summary', code, footer: 'f' });
    expect(m.embeds[0]?.description).toBe('summary\n-# f');
    expect(m.files).toHaveLength(1);
    expect(m.files[0]?.name).toBe(CODE_FILE);
    expect(String(m.files[0]?.attachment)).toBe(`${code}\n`);
  });

  it('clips text past the embed limits', () => {
    const m = renderReply({ visibility: 'private', text: 'x'.repeat(5000), fields: [{ label: 'l'.repeat(300), value: 'v'.repeat(2000) }] });
    const embed = m.embeds[0]!;
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    expect(embed.description!.endsWith('…')).toBe(true);
    expect(embed.fields![0]!.name.length).toBe(256);
    expect(embed.fields![0]!.value.length).toBe(1024);
    const total = (embed.title?.length ?? 0) + embed.description!.length + embed.fields!.reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(6000);
  });

  it('lays buttons out five a row and leaves out one whose id passes 100 characters', () => {
    const buttons: Button[] = Array.from({ length: 7 }, (_, i) => ({ action: 'choice', params: ['1', String(i)], label: `B${i}`, style: 'primary' }));
    buttons.push({ action: 'share', params: ['conv 3 64 3 > '.repeat(10)], label: 'Share' });
    const rows = renderReply({ visibility: 'public', text: 'q', buttons }).components;
    expect(rows.map((r) => r.components.map((b) => b.custom_id))).toEqual([
      ['choice:1:0', 'choice:1:1', 'choice:1:2', 'choice:1:3', 'choice:1:4'],
      ['choice:1:5', 'choice:1:6'],
    ]);
    expect(rows[0]!.components[0]).toMatchObject({ type: 2, style: ButtonStyle.Primary, label: 'B0' });
  });

  it('sends no empty embed', () => {
    expect(renderReply({ visibility: 'private' }).embeds).toEqual([]);
  });
});
