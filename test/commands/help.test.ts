/**
 * /help count is a screen, not 200 lines: an overview that names its topics, and each topic on its
 * own (/help count layers, /count help memory), in both languages; the CLI's --help keeps it all.
 */
import { describe, expect, it } from 'vitest';
import { countHelpReply } from '../../commands/help.js';
import { HELP_TOPICS, renderHelp } from '../../src/engine/help.js';
import { LANGS, t } from '../../src/i18n/messages.js';
import { botEnv, runShell } from '../support/app.js';

const lines = (code: string | undefined) => (code ?? '').split('\n').length;

describe('/help count', () => {
  it.each(LANGS)('in %s: an overview of at most 30 lines naming every topic', (lang) => {
    const reply = countHelpReply(lang);
    expect(lines(reply.code)).toBeLessThanOrEqual(30);
    for (const topic of HELP_TOPICS) expect(reply.code).toContain(`/help count ${topic}`);
  });

  it.each(LANGS)('in %s: every topic is part of the whole help, and the topics together are all of it', (lang) => {
    const whole = renderHelp(lang, 'chat');
    let covered = 0;
    for (const topic of HELP_TOPICS) {
      const body = countHelpReply(lang, topic).code!.split('\n').slice(2).join('\n'); // after the usage line
      expect(whole).toContain(body);
      covered += lines(body);
    }
    expect(covered).toBeGreaterThan(lines(whole) - 15); // the usage line, the language paragraph, a blank line after each topic
  });

  it.each(LANGS)('in %s: /help count flags and --help name --depth beside the other flags', (lang) => {
    const flags = countHelpReply(lang, 'flags').code!;
    expect(flags).toMatch(/--depth N\s+\S/);
    expect(flags).toContain('summary(depth=N)');
    expect(flags).toContain('summary(expand_nested=True)');
    expect(renderHelp(lang)).toContain('--depth N');
  });

  it('a topic misspelt is refused with the nearest', () => {
    const reply = countHelpReply('en', 'layrs');
    expect(reply.tone).toBe('error');
    expect(reply.text).toMatch(/`layrs` is not a topic of \/help count.*Did you mean `layers` \(topic\)\?/);
  });

  it('in the shell: /help count models, /count help memory, in Chinese too, and a topic given to another command is said', async () => {
    const r = runShell(['/help count models', '/count help memory', '/help quiz layers'], await botEnv({ PARAMQUIZ_LANG: 'zh-TW' }));
    expect(r.stdout).toContain('── /count 說明：models ──');
    expect(r.stdout).toContain('residual { main }');
    expect(r.stdout).toContain('── /count 說明：memory ──');
    expect(r.stdout).toContain('lora r=8');
    expect(r.stdout).toContain('`layers` 是 /help count 的主題；/help quiz 沒有主題可選。');
    expect(t('en', { key: 'help.countOverviewTitle' })).toBe('/count: what it counts, and where to read more');
  });
});
