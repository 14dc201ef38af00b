/**
 * Pictures on Slack, end to end through Bolt: Slack's external upload flow (getUploadURLExternal,
 * the bytes to the upload URL, completeUploadExternal) as the fake Slack checks it. A public reply
 * is one message, its blocks and the picture; a private one keeps its text in the ack and sends
 * the picture to the asker's direct messages.
 */
import { describe, expect, it } from 'vitest';
import { msg, t } from '../../src/i18n/messages.js';
import { decodePng } from '../support/png.js';
import { CHANNEL, USERS, button, startBot, textOf } from './harness.js';

const { alice } = USERS;

describe('Slack pictures', () => {
  it('/count vgg16, shared: uploaded, completed into the channel with the reply blocks', async () => {
    const bot = await startBot();
    const ack = await bot.privately(alice, '/count vgg16');
    await bot.fake.nextCall('files.completeUploadExternal'); // the private answer's picture, in the DM
    await bot.click(alice, button(ack, 'Share in channel'));
    const asked = await bot.fake.nextCall('files.getUploadURLExternal');
    expect(asked.args).toMatchObject({ filename: 'vgg16-parameters.png' });
    expect(String(asked.args.alt_text)).toContain('102,764,544');
    const completed = await bot.fake.nextCall('files.completeUploadExternal');
    expect(completed.args.channel_id).toBe(CHANNEL);
    expect(textOf(completed.args)).toContain('138,357,544');
    const file = bot.fake.files.get(String(asked.args.file_id ?? (completed.args.files as Array<{ id: string }>)[0]!.id))!;
    expect(file.shared?.channel).toBe(CHANNEL);
    expect(decodePng(file.bytes!).width).toBe(720);
    expect(bot.fake.callsTo('chat.postMessage')).toEqual([]);
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
