/**
 * A command's file on Slack, where a slash command carries none: the file is the one the asker
 * shared in the channel just before (files.list), downloaded from Slack's file server with the bot
 * token by the same reader /count file: and /questions import use on every platform.
 */
import { describe, expect, it } from 'vitest';
import { CHANNEL, USERS, startBot, textOf } from './harness.js';

const { teacher, alice } = USERS;

describe('a shared file on Slack', () => {
  it('imports the question set the teacher shared, and counts the model a student shared by name', async () => {
    const bot = await startBot();
    bot.fake.share(teacher, CHANNEL, 'week3.csv', 'spec,ask,level\nconv 3 64 3,total,easy\ndense 512 10,total,medium\n', 'text/csv');
    expect(textOf(await bot.privately(teacher, '/questions action:import set:week3'))).toContain('2 questions imported into `week3`');
    expect(bot.fake.callsTo('files.list')[0]!.args).toMatchObject({ channel: CHANNEL, user: teacher.id });

    // nn.Linear(784, 10): 784·10 + 10 = 7,850 (torch.nn.Linear: weight out×in, bias out).
    bot.fake.share(alice, CHANNEL, 'net.py', 'import torch.nn as nn\nmodel = nn.Sequential(nn.Linear(784, 10))\n', 'text/x-python');
    expect(textOf(await bot.privately(alice, '/count file:net.py'))).toContain('7,850');
    expect(bot.fake.fileReads).toBe(2);
  });

  it('says so when nothing was shared, and refuses a binary file before downloading it', async () => {
    const bot = await startBot();
    expect(textOf(await bot.privately(teacher, '/questions action:import set:week3'))).toContain('No file came with the command');
    bot.fake.share(teacher, CHANNEL, 'grades.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04]), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(textOf(await bot.privately(teacher, '/questions action:import set:week3 file:grades.xlsx'))).toContain('grades.xlsx is not a text file');
    expect(bot.fake.fileReads).toBe(0);
  });
});
