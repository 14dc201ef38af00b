/**
 * The slash commands as Discord receives them: every command in COMMANDS (also those added later)
 * must pass Discord's rules, and `npm run register` must PUT exactly that JSON.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { t } from '../../src/i18n/messages.js';
import { registrationBody } from '../../src/platforms/discord/commands.js';
import { discordEnv, startFake } from './harness.js';

const REGISTER = resolve(import.meta.dirname, '../../dist/src/platforms/discord/register.js');
const NAME = /^[-_'\p{L}\p{N}]{1,32}$/u;

describe('registration JSON', () => {
  const body = registrationBody();

  it("follows Discord's rules for every command, in both languages, without clipping", () => {
    expect(body.map((c) => c.name)).toEqual(COMMANDS.map((c) => c.name));
    for (const [i, command] of body.entries()) {
      expect(command.name).toMatch(NAME);
      expect(command.name).toBe(command.name.toLowerCase());
      for (const lang of ['en', 'zh-TW'] as const) expect(t(lang, COMMANDS[i]!.description).length, `${command.name} (${lang})`).toBeLessThanOrEqual(100);
      const options = command.options ?? [];
      expect(options.length).toBeLessThanOrEqual(25);
      const required = options.map((o) => o.required === true);
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
      for (const [j, option] of options.entries()) {
        expect(option.name).toMatch(NAME);
        const spec = COMMANDS[i]!.options.find((o) => o.name === option.name)!;
        for (const lang of ['en', 'zh-TW'] as const) expect(t(lang, spec.description).length, `${command.name} ${option.name} (${lang})`).toBeLessThanOrEqual(100);
        if ('choices' in option && option.choices) {
          expect(option.choices.length, `${command.name} ${j}`).toBeLessThanOrEqual(25);
          expect(option).not.toHaveProperty('autocomplete', true);
        }
      }
    }
  });

  it('types options and localizes descriptions and choices', () => {
    const byName = new Map(body.map((c) => [c.name, c]));
    const count = byName.get('count')!;
    expect(count.options).toEqual([
      // spec is optional: /count alone (or with a file) asks for the code in a form.
      expect.objectContaining({ name: 'spec', type: 3, required: false, autocomplete: true }),
      expect.objectContaining({ name: 'file', type: 11, required: false }),
      expect.objectContaining({ name: 'share', type: 5, required: false }),
    ]);
    expect(count.description_localizations?.['zh-TW']).toMatch(/\p{Script=Han}/u);
    const quiz = byName.get('quiz')!;
    expect(quiz.options).toContainEqual(expect.objectContaining({ name: 'seconds', type: 4, min_value: 5, max_value: 86_400 }));
    const level = quiz.options!.find((o) => o.name === 'level')!;
    expect(level).toMatchObject({ type: 3, choices: [{ name: 'easy', value: 'easy', name_localizations: { 'zh-TW': '簡單 (easy)' } }, { value: 'medium' }, { value: 'hard' }] });
    expect(byName.get('leaderboard')!.options).toContainEqual(expect.objectContaining({ name: 'period', choices: expect.arrayContaining([expect.objectContaining({ value: 'all' })]) }));
  });

  it('hides admin commands from members without Manage Server, and keeps them out of DMs', () => {
    for (const [i, command] of body.entries()) {
      if (COMMANDS[i]!.admin) {
        expect(command.default_member_permissions, command.name).toBe('32');
        expect(command.contexts).toEqual([0]);
      } else {
        expect(command).not.toHaveProperty('default_member_permissions');
        expect(command.contexts).toEqual([0, 1]);
      }
    }
    expect(body.find((c) => c.name === 'close')?.default_member_permissions).toBe('32');
  });
});

describe('npm run register', () => {
  async function register(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, [REGISTER], { env: { PATH: process.env.PATH, ...env }, cwd: import.meta.dirname, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const [code] = (await once(child, 'exit')) as [number | null];
    return { code, stdout, stderr };
  }

  it('PUTs every command to the class server when DISCORD_GUILD_ID is set', async () => {
    const discord = await startFake();
    const guild = discord.guilds[0]!.id;
    const r = await register(discordEnv(discord, { DISCORD_GUILD_ID: guild }));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Registered ${COMMANDS.length} commands in server ${guild}: /count /quiz /answer`));
    const put = discord.requests.find((q) => q.method === 'PUT')!;
    expect(put.path).toBe(`/applications/${discord.applicationId}/guilds/${guild}/commands`);
    expect(put.headers.authorization).toBe(`Bot ${discord.token}`);
    expect(put.body).toEqual(JSON.parse(JSON.stringify(registrationBody())));
  });

  it('registers globally without a server, and names what is missing', async () => {
    const discord = await startFake();
    const global = await register(discordEnv(discord));
    expect(global.stdout).toMatch(/^Registered \d+ commands globally/);
    expect(discord.registrations).toEqual([{ guildId: undefined, commands: expect.any(Array) }]);

    const missing = await register({ ...discordEnv(discord), DISCORD_APPLICATION_ID: '' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('paramquiz register: DISCORD_TOKEN and DISCORD_APPLICATION_ID must be set to register the commands.\n');

    const refused = await register({ ...discordEnv(discord), DISCORD_TOKEN: 'wrong' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('paramquiz register: 401: Unauthorized\n');
  });
});
