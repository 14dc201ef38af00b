/**
 * Pictures on Slack, end to end through Bolt: Slack's external upload flow (getUploadURLExternal,
 * the bytes to the upload URL, completeUploadExternal) as the fake Slack checks it. A public reply
 * is posted as text first, its picture shared in the same channel after it; a private one keeps
 * its text in the ack and sends the picture to the asker's direct messages. A failed upload
 * leaves the text as it is.
 */
import { describe, expect, it } from 'vitest';
import { msg, t } from '../../src/i18n/messages.js';
import { decodePng } from '../support/png.js';
import { CHANNEL, USERS, button, startBot, textOf } from './harness.js';

const { alice } = USERS;

describe('Slack pictures', () => {
  it('/count vgg16, shared: the text posted, then the picture uploaded into the same channel', async () => {
    const bot = await startBot();
    await bot.app.pictures.loaded(); // ECharts, resvg and the fonts loaded: a picture's time is its drawing
    const ack = await bot.privately(alice, '/count vgg16');
    await bot.fake.nextCall('files.completeUploadExternal'); // the private answer's picture, in the DM
    await bot.click(alice, button(ack, 'Share in channel'));
    const posted = await bot.fake.nextCall('chat.postMessage');
    expect(textOf(posted.args)).toContain('138,357,544');
    const asked = await bot.fake.nextCall('files.getUploadURLExternal', (args) => args.filename === 'vgg16-parameters.png' && bot.fake.callsTo('chat.postMessage').length === 1);
    expect(asked.args).toMatchObject({ filename: 'vgg16-parameters.png' });
    expect(String(asked.args.alt_text)).toContain('102,764,544');
    const completed = await bot.fake.nextCall('files.completeUploadExternal');
    expect(completed.args.channel_id).toBe(CHANNEL);
    const file = bot.fake.files.get((completed.args.files as Array<{ id: string }>)[0]!.id)!;
    expect(file.filename).toBe('vgg16-parameters.png');
    expect(file.shared?.channel).toBe(CHANNEL);
    expect(decodePng(file.bytes!).width).toBe(720);
  });

  it('keeps a shared count whose picture cannot be uploaded (an installation without files:write), posted once', async () => {
    const bot = await startBot();
    await bot.app.pictures.loaded(); // ECharts, resvg and the fonts loaded: a picture's time is its drawing
    const ack = await bot.privately(alice, '/count vgg16');
    await bot.fake.nextCall('files.completeUploadExternal'); // the private answer's picture, in the DM
    bot.fake.failNext('files.getUploadURLExternal', 'missing_scope');
    await bot.click(alice, button(ack, 'Share in channel'));
    const posted = await bot.fake.nextCall('chat.postMessage');
    expect(textOf(posted.args)).toContain('138,357,544');
    await bot.fake.nextCall('files.getUploadURLExternal');
    await bot.slack.idle(); // the click handled to its end
    expect(bot.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(bot.logs.some((l) => l.msg === 'pictures not shared on Slack; the reply went out without them')).toBe(true);
  });

  it('a private /count in zh-TW: the text in the ack, the picture in the DM', async () => {
    const bot = await startBot({ env: { QUIZ_LANGUAGE: 'zh-TW' } });
    const ack = await bot.privately(alice, '/count resnet50');
    expect(textOf(ack)).toContain(t('zh-TW', msg('slack.picturesInDm')));
    const opened = await bot.fake.nextCall('conversations.open');
    expect(opened.args.users).toBe(alice.id);
    const completed = await bot.fake.nextCall('files.completeUploadExternal');
    expect(completed.args.channel_id).toBe(`D0${alice.id.slice(1)}`);
    const id = (completed.args.files as Array<{ id: string }>)[0]!.id;
    const file = bot.fake.files.get(id)!;
    expect(file.altText).toContain('參數');
    expect(decodePng(file.bytes!).height).toBe(560);
  });
});
