/**
 * slack/manifest.json is the one static list of the app's slash commands (Slack routes only the
 * commands a manifest declares): it must name every command in COMMANDS, and nothing else.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { t } from '../../src/i18n/messages.js';
import { TOPICS } from '../../src/domain/index.js';

interface Manifest {
  features: { slash_commands: Array<{ command: string; description: string; usage_hint?: string; should_escape: boolean; url?: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
}

const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../slack/manifest.json'), 'utf8')) as Manifest;

describe('the Slack app manifest', () => {
  it('declares every command with its English description, and no other', () => {
    const declared = manifest.features.slash_commands.map((c) => [c.command, c.description]);
    expect(declared).toEqual(COMMANDS.map((c) => [`/${c.name}`, t('en', c.description)]));
  });

  it("/quiz's usage hint lists every topic, in the order /quiz offers them", () => {
    const quiz = manifest.features.slash_commands.find((c) => c.command === '/quiz')!;
    expect(quiz.usage_hint).toContain(`[${TOPICS.join('|')}]`);
  });

  it('has Slack escape mentions and channels, so /close #quiz and /remove-scores @bob arrive as ids', () => {
    for (const command of manifest.features.slash_commands) expect(command.should_escape, command.command).toBe(true);
  });

  it('asks for the scopes the bot uses, with interactivity and Socket Mode on', () => {
    // files:write uploads pictures and exports; im:write opens a DM for the files of a private reply (an ephemeral message cannot carry a file);
    // files:read finds the question set a teacher shared before /questions import.
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(['chat:write', 'chat:write.public', 'commands', 'files:read', 'files:write', 'im:write', 'users:read']);
    expect(manifest.settings).toMatchObject({ interactivity: { is_enabled: true }, socket_mode_enabled: true });
  });
});
