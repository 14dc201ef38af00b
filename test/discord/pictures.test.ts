/**
 * Pictures on Discord, end to end: the reply goes out at once, then is edited to attach the PNG
 * (multipart) and show it in the embed through `attachment://`, with the alt text as the
 * attachment's description, in the user's language.
 */
import { describe, expect, it } from 'vitest';
import { msg, t } from '../../src/i18n/messages.js';
import { CALLBACK, isEphemeral, type Exchange, type FakeMessage } from '../support/fake-discord.js';
import { decodePng } from '../support/png.js';
import { startBot, waitPosts, type Bot } from './harness.js';

/** The reply once its picture has been edited in. */
function withPicture(bot: Bot, exchange: Exchange, name: string): Promise<FakeMessage> {
  return bot.discord.until(() => (exchange.reply?.bytes.has(name) ? exchange.reply : undefined), `the picture ${name}`);
}

describe('Discord pictures', () => {
  it('/count vgg16: the answer at once, then the chart attached and shown in its embed', async () => {
    const bot = await startBot();
    await bot.app.pictures.loaded(); // ECharts, resvg and the fonts loaded: a picture's time is its drawing
    const alice = bot.discord.user('alice');
    const ex = await bot.discord.slash(alice, 'count', { spec: 'vgg16' });
    expect(ex.callback?.type).toBe(CALLBACK.message);
    const reply = await withPicture(bot, ex, 'vgg16-parameters.png');
    expect(isEphemeral(reply)).toBe(true);
    expect(reply.embeds[0]?.image).toEqual({ url: 'attachment://vgg16-parameters.png' });
    const attachment = reply.attachments.find((a) => a.filename === 'vgg16-parameters.png')!;
    expect(attachment.content_type).toBe('image/png');
    expect(String(attachment.description)).toContain('102,764,544');
    const png = decodePng(reply.bytes.get('vgg16-parameters.png')!);
    expect([png.width, png.height]).toEqual([720, 560]);
  });

  it('/explain conv in Traditional Chinese: the kernel drawn, alt text in Chinese', async () => {
    const bot = await startBot();
    await bot.app.pictures.loaded(); // ECharts, resvg and the fonts loaded: a picture's time is its drawing
    const mei = bot.discord.user('mei', { locale: 'zh-TW' });
    const ex = await bot.discord.slash(mei, 'explain', { kind: 'conv' });
    const reply = await withPicture(bot, ex, 'conv-drawn.png');
    const attachment = reply.attachments.find((a) => a.filename === 'conv-drawn.png')!;
    expect(String(attachment.description)).toContain('權重的圖解');
    expect(decodePng(reply.bytes.get('conv-drawn.png')!).width).toBe(1000);
  });

  it('a picture drawn before goes out with the response itself: one request, no edit', async () => {
    const bot = await startBot();
    await bot.app.pictures.loaded(); // ECharts, resvg and the fonts loaded: a picture's time is its drawing
    const first = await bot.discord.slash(bot.discord.user('alice'), 'explain', { kind: 'lstm' });
    await withPicture(bot, first, 'lstm-drawn.png');
    expect(first.edits).toBe(1);
    const again = await bot.discord.slash(bot.discord.user('bob'), 'explain', { kind: 'lstm' });
    expect(again.callback?.type).toBe(CALLBACK.message);
    expect(again.reply?.bytes.has('lstm-drawn.png')).toBe(true);
    expect(again.reply?.embeds[0]?.image).toEqual({ url: 'attachment://lstm-drawn.png' });
    await bot.discord.heartbeatRoundTrip();
    expect(again.edits).toBe(0);
  });

  it("a reveal goes out at once and its question's picture is edited in", async () => {
    const bot = await startBot();
    await bot.app.pictures.loaded(); // ECharts, resvg and the fonts loaded: a picture's time is its drawing
    const teacher = bot.discord.user('teacher', { admin: true });
    await bot.discord.slash(teacher, 'quiz', { level: 'easy', topic: 'conv', seed: 3 });
    const closed = await bot.discord.slash(teacher, 'close');
    expect(closed.callback?.type).toBe(CALLBACK.message); // not deferred: the close did not wait for a drawing
    const [reveal] = await waitPosts(bot, 'the answer is');
    const name = await bot.discord.until(() => [...reveal!.bytes.keys()].find((n) => n.endsWith('.png')), 'the reveal picture');
    expect(reveal!.embeds[0]?.image).toEqual({ url: `attachment://${name}` });
    expect(decodePng(reveal!.bytes.get(name)!).width).toBeGreaterThan(0);
  });

  it('/compare, shared in the channel: the accuracy chart attached', async () => {
    const bot = await startBot();
    await bot.app.pictures.loaded(); // ECharts, resvg and the fonts loaded: a picture's time is its drawing
    const ex = await bot.discord.slash(bot.discord.user('bob'), 'compare', { models: 'vgg16 resnet50 mobilenetv2', share: true });
    const reply = await withPicture(bot, ex, 'accuracy-vs-macs.png');
    expect(isEphemeral(reply)).toBe(false);
    expect(reply.embeds[0]?.title).toBe(t('en', msg('compare.title', { n: '3' })));
    expect(decodePng(reply.bytes.get('accuracy-vs-macs.png')!).width).toBe(960);
  });
});
