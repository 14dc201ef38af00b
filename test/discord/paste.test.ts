/**
 * Code on Discord, end to end: a string option holds 6,000 characters, too few for a real class,
 * so `/count` also takes a file (read from Discord's CDN, bounded) and, given nothing, opens a form
 * with a paragraph field.
 */
import { describe, expect, it } from 'vitest';
import { CALLBACK, shown } from '../support/fake-discord.js';
import { startBot, visible } from './harness.js';

const MODEL = ['import torch.nn as nn', '', 'model = nn.Sequential(', '    nn.Conv2d(3, 64, 3),', '    nn.ReLU(),', '    nn.Conv2d(64, 64, 3),', ')', ''].join('\n');
// PyTorch: (3·3·3 + 1)·64 + (3·3·64 + 1)·64 = 1,792 + 36,928 = 38,720 (sum of p.numel()).

describe('/count with code on Discord', () => {
  it('given nothing, opens a form with a paragraph field, and counts what is pasted in it', async () => {
    const bot = await startBot();
    const alice = bot.discord.user('alice');
    const ex = await bot.discord.slash(alice, 'count', {});
    expect(ex.callback?.type).toBe(CALLBACK.modal);
    const field = JSON.stringify(ex.modal);
    expect(field).toContain('"style":2'); // TextInputStyle.Paragraph
    expect(field).toContain('"max_length":4000');
    expect(ex.modal).toMatchObject({ title: 'Count a model' });
    const submitted = await bot.discord.submitModal(alice, ex.modal!, MODEL);
    expect(shown(visible(submitted))).toContain('38,720');
  });

  it('counts an attached .py file', async () => {
    const bot = await startBot();
    const ex = await bot.discord.slash(bot.discord.user('bob'), 'count', { file: { file: { name: 'model.py', content: MODEL } } });
    expect(ex.callback?.type).toBe(CALLBACK.message);
    expect(shown(visible(ex))).toContain('38,720');
    expect(bot.discord.cdnReads).toBe(1);
  });

  it('refuses a file that is not text, or too large, in one line and without reading it', async () => {
    const bot = await startBot();
    const carol = bot.discord.user('carol');
    const binary = await bot.discord.slash(carol, 'count', { file: { file: { name: 'weights.pt', content: Buffer.from([0x80, 0x02, 0x8a]), contentType: 'application/octet-stream' } } });
    expect(shown(visible(binary))).toContain('weights.pt is not a text file');
    const huge = await bot.discord.slash(carol, 'count', { file: { file: { name: 'big.py', content: MODEL, size: 10_000_000 } } });
    expect(shown(visible(huge))).toMatch(/big\.py is too large: a command reads at most 400,000 bytes/);
    expect(bot.discord.cdnReads).toBe(0);
  });

  it('refuses a .py file that is not UTF-8 text', async () => {
    const bot = await startBot();
    const ex = await bot.discord.slash(bot.discord.user('dave'), 'count', { file: { file: { name: 'model.py', content: Buffer.from([0xff, 0xfe, 0x00, 0x41]) } } });
    expect(shown(visible(ex))).toContain('model.py is not a text file');
  });

  it('reads a question set attached to /questions import with the same reader, and refuses a file that is not text alike', async () => {
    const bot = await startBot();
    const teacher = bot.discord.user('teacher', { admin: true });
    const csv = 'spec,ask,level\nconv 3 64 3,total,easy\ndense 512 10,total,medium\n';
    const ok = await bot.discord.slash(teacher, 'questions', { action: 'import', set: 'week3', file: { file: { name: 'week3.csv', content: csv, contentType: 'text/csv' } } });
    // Every row is built by the engine in a worker: on a busy machine the reply may be deferred and edited in.
    await bot.discord.until(() => ok.reply, "the import's reply");
    expect(shown(visible(ok))).toContain('2 questions imported into `week3`');
    const binary = await bot.discord.slash(teacher, 'questions', {
      action: 'import',
      set: 'week3',
      file: { file: { name: 'week3.xlsx', content: Buffer.from([0x50, 0x4b, 0x03, 0x04]), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } },
    });
    expect(shown(visible(binary))).toContain('week3.xlsx is not a text file');
    expect(bot.discord.cdnReads).toBe(1);
  });
});
