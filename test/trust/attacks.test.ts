/**
 * Trust II through the real bot: pastes that once took the whole bot down for every server (a
 * padded string flattened into 100 MB, a repr that multiplies, work one step hides) are refused in
 * one line on Discord and Slack while everyone else keeps being answered; and a sandbox that ends
 * in the middle of a job (as V8's fatal out-of-memory ends it) costs only that job.
 */
import { describe, expect, it } from 'vitest';
import { shown } from '../support/fake-discord.js';
import { startBot as startDiscord, visible } from '../discord/harness.js';
import { startBot as startSlack, USERS } from '../slack/harness.js';

/** One paste of each class, each a whole model file with its attack inside. */
const model = (attack: string) => ['import torch.nn as nn', attack, 'net = nn.Linear(4, 2)', ''].join('\n');
const ATTACKS = [
  "s = 'a'.zfill(100_000_000).upper()",
  "t = 'x'.rjust(100_000_000, '-').split('-')",
  "s = 'x' * 100_000\nd = {i: s for i in range(5300)}\nr = repr(d)",
  'import itertools\nl = list(itertools.product(range(1000), repeat=5))',
  'l = [0] * 100_000\nfor i in range(100_000):\n    l.count(1)',
  't = ()\nu = ()\nfor i in range(100):\n    t = (t, t)\n    u = (u, u)\nx = t == u',
  "x = int('9' * 99_000)",
  'x = chr(0x110000)',
].map(model);

describe('on Discord', () => {
  it('refuses each attack in one line, and answers another student meanwhile', async () => {
    const bot = await startDiscord();
    const mallory = bot.discord.user('mallory');
    const alice = bot.discord.user('alice');
    // One after another (four at once from one student would be told "busy" past the fourth).
    const attacks = (async () => {
      const texts: string[] = [];
      for (const [i, code] of ATTACKS.entries()) texts.push(shown(visible(await bot.discord.slash(mallory, 'count', { file: { file: { name: `attack${i}.py`, content: code } } }))));
      return texts;
    })();
    const answer = await bot.discord.slash(alice, 'count', { spec: 'conv 3 64 3' });
    expect(shown(visible(answer))).toContain('1,792');
    // Refused by the limit it reaches (test/trust/paste-attacks.test.ts names which), or, on a
    // machine loaded past what the deadline allows, by the deadline: one line either way.
    for (const text of await attacks) expect(text).toMatch(/goes past a limit of the reader|Python would stop here with ValueError|takes more than 1000 ms/);
    expect(bot.logs.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('tells the asker when the sandbox counting for them ends mid-job, and counts the next one in a fresh sandbox', async () => {
    const bot = await startDiscord();
    const counter = bot.app.counter;
    counter.warm();
    while (counter.pids.length < 2 || !(await counter.answer('dense 1 1', 'en')).ok) await new Promise((r) => setImmediate(r));
    const before = counter.pids;
    // Frozen, each sandbox holds the job it is given; then it aborts, as V8's fatal out-of-memory does.
    for (const pid of before) process.kill(pid, 'SIGSTOP');
    const alice = bot.discord.user('alice');
    const pending = bot.discord.slash(alice, 'count', { spec: 'dense 123 45' });
    while (counter.busy === 0) await new Promise((r) => setImmediate(r)); // the job is with a frozen sandbox
    for (const pid of before) {
      process.kill(pid, 'SIGABRT');
      process.kill(pid, 'SIGCONT');
    }
    const told = shown(visible(await pending));
    expect(told).toMatch(/ended the separate process it ran in|takes more than 1000 ms/);
    // Both aborted sandboxes are replaced once their ends are heard: then bob counts in a fresh one.
    while (counter.pids.some((pid) => before.includes(pid))) await new Promise((r) => setImmediate(r));
    await counter.loaded();
    const bob = await bot.discord.slash(bot.discord.user('bob'), 'count', { spec: 'dense 512 10' });
    expect(shown(visible(bob))).toContain('5,130');
    expect(counter.pids.some((pid) => before.includes(pid))).toBe(false);
    expect(bot.logs.some((l) => l.msg === 'sandbox replaced')).toBe(true);
  });
});

describe('on Slack', () => {
  it('refuses an attack pasted in the /count form in one line, and answers another student meanwhile', async () => {
    const bot = await startSlack();
    const opened = await bot.command(USERS.alice, '/count');
    const form = (await bot.fake.nextCall('views.open')).args.view as Record<string, unknown>;
    const refused = await bot.submit(USERS.alice, form, ATTACKS[0]!);
    const other = await bot.privately(USERS.bob, '/count dense 512 10');
    expect(JSON.stringify(other)).toContain('5,130');
    const reply = JSON.stringify(refused).includes('goes past a limit') ? refused : await bot.privateReply(opened.responseUrl);
    expect(JSON.stringify(reply)).toMatch(/goes past a limit of the reader|takes more than 1000 ms/);
    expect(bot.logs.filter((l) => l.level >= 50)).toEqual([]);
  });
});
