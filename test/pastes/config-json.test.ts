/**
 * A Hugging Face config.json reaches the counter every way a model does: the CLI's standard input,
 * a paste or a file in the shell, an attached file on Discord, a shared file on Slack. The config is
 * GPT-2's, written from its published architecture (openai-community/gpt2: 12 layers of 768, 12
 * heads, 1,024 positions, 50,257 tokens, the head tied to the token embedding): 124,439,808.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shown } from '../support/fake-discord.js';
import { paramquiz } from '../support/bin.js';
import { runShell, shellEnv } from '../support/app.js';
import { tempDir } from '../support/quiz.js';
import { startBot as startDiscord, visible } from '../discord/harness.js';
import { CHANNEL, USERS, startBot as startSlack, textOf } from '../slack/harness.js';
import { GPT2 as GPT2_CONFIG } from '../support/hf-configs.js';

const GPT2 = JSON.stringify(GPT2_CONFIG, null, 2);
const TOTAL = '124,439,808';

describe('the CLI reads a config.json on standard input', () => {
  it('counts it, with flags on the command line', () => {
    const r = paramquiz(['count', '--memory'], { input: GPT2 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('GPT2LMHeadModel, read from config.json (model_type gpt2)');
    expect(r.stdout).toContain(`Total params: ${TOTAL}`);
    expect(r.stdout).toContain('Memory');
    const json = JSON.parse(paramquiz(['count', '--json'], { input: GPT2 }).stdout) as { total: number; config: { modelType: string } };
    expect([json.total, json.config.modelType]).toEqual([124_439_808, 'gpt2']);
  });
  it('refuses a config it cannot count in one line, exit code 2', () => {
    const r = paramquiz(['count'], { input: GPT2.replace('"gpt2"', '"mamba"') });
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^config\.json: model_type `mamba` is not one this reads; it reads llama, /);
    const broken = paramquiz(['count'], { input: GPT2.replace('"n_head": 12', '"n_head": 12,') });
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/^That looks like a config\.json but is not valid JSON/);
  });
});

describe('the shell', () => {
  it('counts a pasted config.json, with /count in front or without, and a file by its path', () => {
    const file = join(tempDir(), 'config.json');
    writeFileSync(file, GPT2);
    const r = runShell(['/count', ...GPT2.split('\n'), '/count dense 784 10', ...GPT2.split('\n'), `/count file:${file}`], shellEnv());
    expect(r.status).toBe(0);
    expect(r.stdout.split(`Total params: ${TOTAL}`)).toHaveLength(4);
    expect(r.stdout).not.toContain('Commands start with /');
  });
});

describe('Discord and Slack', () => {
  it('Discord: /count file: with a config.json attached', async () => {
    const bot = await startDiscord();
    const ex = await bot.discord.slash(bot.discord.user('bob'), 'count', { file: { file: { name: 'config.json', content: GPT2, contentType: 'application/json' } } });
    expect(shown(visible(ex))).toContain(TOTAL);
    expect(shown(visible(ex))).toContain('read from config.json');
  });
  it('Slack: the config.json a student shared, by name', async () => {
    const bot = await startSlack();
    bot.fake.share(USERS.alice, CHANNEL, 'config.json', GPT2, 'application/json');
    expect(textOf(await bot.privately(USERS.alice, '/count file:config.json'))).toContain(TOTAL);
  });
});
