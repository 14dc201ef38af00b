/**
 * Code on Slack, end to end: a slash command's text is one line, so `/count` with nothing after it
 * opens a form with a multi-line field (from the command's trigger), and what is pasted there is
 * counted and answered privately in the channel.
 */
import { describe, expect, it } from 'vitest';
import { startBot, textOf, USERS } from './harness.js';

const MODEL = ['model = nn.Sequential(', '    nn.Conv2d(3, 64, 3),', '    nn.ReLU(),', '    nn.Conv2d(64, 64, 3),', ')'].join('\n');
// PyTorch: 1,792 + 36,928 = 38,720 (sum of p.numel()).

describe('/count with code on Slack', () => {
  it('opens a multi-line form for /count alone and counts what is pasted', async () => {
    const bot = await startBot();
    const { ack, responseUrl } = await bot.command(USERS.alice, '/count');
    expect(ack).toEqual({});
    const form = (await bot.fake.nextCall('views.open')).args.view as Record<string, unknown>;
    expect(JSON.stringify(form)).toContain('"multiline":true');
    expect(JSON.stringify(form)).toContain('"max_length":3000');
    expect(JSON.parse(String(form.private_metadata))).toMatchObject({ button: 'paste', responseUrl });
    expect(await bot.submit(USERS.alice, form, MODEL)).toEqual({});
    expect(textOf(await bot.privateReply(responseUrl))).toContain('38,720');
  });

  it('keeps the form open with the line that is wrong when the paste cannot be read', async () => {
    const bot = await startBot();
    await bot.command(USERS.alice, '/count');
    const form = (await bot.fake.nextCall('views.open')).args.view as Record<string, unknown>;
    expect(await bot.submit(USERS.alice, form, 'model = nn.Sequential(\n    nn.Conv2d(3, 64),\n)')).toMatchObject({ response_action: 'errors' });
  });
});
