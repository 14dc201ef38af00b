/**
 * A command's line of text read into its options, the same for every platform that sends text
 * (Slack, the terminal): a word that does not fit is told which option it was taken for, what that
 * option takes, the words the command knows, and the nearest of them; quoted values, straight or
 * curly, are one value wherever they stand.
 */
import { describe, expect, it } from 'vitest';
import { parseTextArgs } from '../../commands/args.js';
import { findCommand } from '../../commands/index.js';
import { t, type Lang } from '../../src/i18n/messages.js';
import { botEnv, runShell } from '../support/app.js';

const parse = (command: string, line: string) => parseTextArgs(findCommand(command)!, line);
const errorOf = (command: string, line: string, lang: Lang = 'en'): string => {
  const r = parse(command, line);
  if (r.ok) throw new Error(`${command} ${line} was read: ${JSON.stringify(r.args)}`);
  return t(lang, r.error);
};

describe('a word that fits no option', () => {
  it('/quiz cnn: names the option it was taken for, the topics and levels, and the nearest topic', () => {
    const e = errorOf('quiz', 'cnn');
    expect(e).toContain('`cnn` was taken as the seconds of /quiz');
    expect(e).toContain('a whole number from 5 to 86400');
    expect(e).toContain('level: easy, medium, hard');
    expect(e).toContain('topic: dense, conv, batchnorm');
    expect(e).toMatch(/Did you mean `conv` \(topic\)\?$/);
    expect(errorOf('quiz', 'cnn', 'zh-TW')).toMatch(/^`cnn` 被當成 \/quiz 的 seconds.*你是不是要打 `conv`（topic）？$/);
  });

  it('/leaderboard yesterday: taken as the page; the periods listed', () => {
    const e = errorOf('leaderboard', 'yesterday');
    expect(e).toContain('`yesterday` was taken as the page of /leaderboard');
    expect(e).toContain('period: week, all, season');
  });

  it("lists the values only the running bot knows, /leaderboard's seasons, with the nearest", async () => {
    const r = runShell(['/season action:start name:2026-fall', '/leaderboard 2026-fal', '/leaderboard yesterday'], await botEnv());
    expect(r.stdout).toContain('`2026-fal` was taken as the page of /leaderboard');
    expect(r.stdout).toMatch(/Here \/leaderboard also knows: season: 2026-fall\. Did you mean `2026-fall` \(season\)\?/);
    expect(r.stdout).toMatch(/`yesterday` was taken as the page of \/leaderboard.*period: week, all, season\. Here \/leaderboard also knows: season: 2026-fall\./);
  });

  it('a misspelt choice given by name gets the nearest too', () => {
    expect(errorOf('quiz', 'topic:dens')).toBe(
      '`dens` is not a valid topic: expected one of dense, conv, batchnorm, pooling, separable, recurrent, model, macs, attention, llm, modern. Did you mean `dense` (topic)?',
    );
    expect(errorOf('quiz', 'hadr')).toMatch(/Did you mean `hard` \(level\)\?$/);
  });

  it('still reads what fits: choices by themselves, numbers by position', () => {
    expect(parse('quiz', 'hard conv 30')).toEqual({ ok: true, args: { level: 'hard', topic: 'conv', seconds: 30 } });
  });
});

describe('quoted values', () => {
  const MODEL = 'input 32x32x3 > conv 3 16 3 > bn 16';
  it.each([
    [`model:"${MODEL}" ask:trainable`],
    [`model:“${MODEL}” ask:trainable`],
    [`ask:trainable model:"${MODEL}"`],
    [`ask:trainable model:${MODEL}`],
    [`level:hard model:“${MODEL}” ask:trainable`],
  ])('/quiz %s: the model is one value and the options around it are read', (line) => {
    const r = parse('quiz', line);
    expect(r).toMatchObject({ ok: true, args: { model: MODEL, ask: 'trainable' } });
  });

  it("runs the README's teacher example in the shell", async () => {
    const r = runShell([`/quiz model:"${MODEL}" ask:trainable`, `/quiz model:“${MODEL}” ask:trainable`], await botEnv());
    expect(r.stdout).not.toMatch(/is not a layer kind/);
    expect(r.stdout).toMatch(/trainable/i);
    expect(r.stdout).toContain('is still open in this channel'); // the second, curly-quoted, was read too: one question per channel
  });
});
