/**
 * A teacher's question file can cost its sender a refusal and nobody else anything: it is read
 * in a worker with a deadline, and measured before any object is built from it (pieces of syntax,
 * values, keys per mapping, nesting, aliases, documents, columns). Each class of file built to be slow or huge gets one line
 * naming its bound, in English and in Chinese, and nothing is imported.
 */
import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/messages.js';
import { QuestionFilePool } from '../../src/imports/pool.js';
import { FILE_LIMITS, readQuestionFile } from '../../src/imports/read.js';
import type { FileRead } from '../../src/imports/rows.js';
import { isEphemeral, shown } from '../support/fake-discord.js';
import { cpuMs } from '../support/cpu.js';
import { onCleanup } from '../support/quiz.js';
import { startBot, visible } from '../discord/harness.js';

/** The attack's file: a 399 KB mapping of about 50,000 keys (23 s of CPU on the event loop before). */
const KEYS = Array.from({ length: 50_000 }, (_, i) => `k${i}: v\n`)
  .join('')
  .slice(0, 399_000);
/** 100 good questions, then comment lines up to the bound on pieces of syntax: a slow file within bounds. */
const ROWS = Array.from({ length: 100 }, (_, i) => `- spec: dense 3 ${i + 1}\n  ask: total\n  level: easy\n`).join('');
const WORST_ACCEPTED = ROWS + '# a comment, in a file read no further than its bound on pieces of syntax\n'.repeat(18_000);

const BOMBS: ReadonlyArray<readonly [string, string, string, RegExp]> = [
  ['a mapping of 50,000 keys', 'keys.yaml', KEYS, /has more than 40,000 pieces of YAML/],
  ['a mapping of 17 keys', 'keys.yaml', Array.from({ length: 17 }, (_, i) => `k${i}: v\n`).join(''), /line 1: a mapping with more than 16 keys/],
  ['a list of 100,000 values', 'list.yaml', '- a\n'.repeat(100_000), /has more than 40,000 pieces of YAML/],
  ['a list of 4,001 values', 'list.yaml', '- a\n'.repeat(4_001), /holds more than 4,000 values/],
  ['flow lists nested 399,000 deep', 'deep.yaml', '['.repeat(399_000), /has more than 40,000 pieces of YAML/],
  ['flow lists nested 9 deep', 'deep.yaml', `- spec: dense 3 4\n- ${'['.repeat(9)}`, /line 2: nested more than 8 levels deep/],
  ['mappings nested 800 deep', 'deep.yaml', Array.from({ length: 800 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'), /line 9: nested more than 8 levels deep/],
  [
    'a billion laughs',
    'lol.yaml',
    'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n',
    /line 3: aliases \(\*name\) are not read/,
  ],
  ['a single alias', 'one.yaml', '- spec: &m dense 3 4\n- spec: *m\n', /line 2: aliases/],
  ['1,000 documents', 'docs.yaml', '---\n- spec: dense 3 4\n'.repeat(1_000), /one YAML document, and this one has several/],
  ['a CSV header of 50,000 columns', 'wide.csv', `${Array.from({ length: 50_000 }, (_, i) => `c${i}`).join(',')}\n1,2\n`, /has more than 16 columns/],
];

const text = (read: FileRead, lang: 'en' | 'zh-TW' = 'en') => (read.ok ? `${read.rows.length} rows` : t(lang, read.error));

describe('a question file is measured before it is built', () => {
  it.each(BOMBS)('refuses %s in one line naming the bound', (_what, name, file, refusal) => {
    const read = readQuestionFile({ name, text: file });
    expect(read.ok).toBe(false);
    expect(text(read)).toMatch(refusal);
    expect(text(read)).toMatch(/Nothing was imported\.$|cannot be read/);
    expect(text(read, 'zh-TW')).toMatch(/沒有匯入任何題目。$|無法讀取/);
    expect(text(read).split('\n')).toHaveLength(1);
  });

  it('reads a good file whole, however it is laid out, and only the fields a question has', () => {
    expect(text(readQuestionFile({ name: 'worst.yaml', text: WORST_ACCEPTED }))).toBe('100 rows');
    const flow = readQuestionFile({ name: 'flow.yml', text: '{questions: [{spec: dense 3 4, ask: total}, conv 3 8 3]}' });
    expect(flow).toEqual({ ok: true, first: 1, rows: [{ spec: 'dense 3 4', ask: 'total' }, { spec: 'conv 3 8 3' }] });
    const odd = readQuestionFile({ name: 'odd.yaml', text: '- __proto__: {spec: conv 3 16 3}\n  constructor: x\n  model: dense 3 4\n  ask: {params: 2}\n' });
    expect(odd).toEqual({ ok: true, first: 1, rows: [{ model: 'dense 3 4', ask: '{"params":2}' }] });
    const csv = readQuestionFile({ name: 'q.CSV', text: '__proto__,Spec,ask\nx,dense 3 4,total\n' });
    expect(csv).toEqual({ ok: true, first: 2, rows: [{ spec: 'dense 3 4', ask: 'total' }] });
    expect(FILE_LIMITS.keys).toBeGreaterThanOrEqual(5); // spec (or model), ask, level, wording
  });
});

describe('reading off the event loop', () => {
  it('reads the worst accepted file in its sandbox, costing this process next to nothing', async () => {
    const pool = new QuestionFilePool();
    onCleanup(() => pool.close());
    await pool.read({ name: 'warm.yaml', text: ROWS }); // the sandbox started and its code compiled
    // What reading it here costs this process (CPU time: the same on an idle or a loaded machine):
    const inline = cpuMs(() => readQuestionFile({ name: 'worst.yaml', text: WORST_ACCEPTED })).ms;
    const before = process.cpuUsage();
    const read = await pool.read({ name: 'worst.yaml', text: WORST_ACCEPTED });
    const spent = process.cpuUsage(before);
    expect(text(read)).toBe('100 rows');
    expect((spent.user + spent.system) / 1_000).toBeLessThan(inline / 4);
  });

  it('stops a file past its deadline with one line, and caches the refusal', async () => {
    const pool = new QuestionFilePool({ deadlineMs: 1 });
    onCleanup(() => pool.close());
    const read = await pool.read({ name: 'worst.yaml', text: WORST_ACCEPTED });
    expect(text(read)).toBe('That file takes more than 0.001 s to read, so reading it was stopped (nobody else was slowed down): split it into smaller files. Nothing was imported.');
    expect(text(read, 'zh-TW')).toContain('沒有匯入任何題目。');
    expect(await pool.read({ name: 'worst.yaml', text: WORST_ACCEPTED })).toEqual(read);
  });
});

const GUILDS = [
  { id: '100000000000000001', name: 'Deep Learning 101', channels: [{ id: '200000000000000001', name: 'quiz' }] },
  { id: '100000000000000009', name: 'Another class', channels: [{ id: '200000000000000009', name: 'lab' }] },
];

describe('/questions import on Discord', () => {
  it('refuses the 50,000-key file in one line (English, Chinese), imports nothing, and holds up no other server', async () => {
    const bot = await startBot({ fake: { guilds: GUILDS } });
    const { discord } = bot;
    const here = { guild: GUILDS[0]!, channel: GUILDS[0]!.channels[0]! };
    const there = { guild: GUILDS[1]!, channel: GUILDS[1]!.channels[0]! };
    const teacher = discord.user('teacher', { admin: true });
    const 老師 = discord.user('laoshi', { admin: true, locale: 'zh-TW' });
    const student = discord.user('student');
    const file = { file: { name: 'week3.yaml', content: KEYS, contentType: 'text/yaml' } };

    const before = process.cpuUsage();
    const imported = await discord.slash(teacher, 'questions', { action: 'import', set: 'week3', file }, here);
    const counted = await discord.slash(student, 'count', { spec: 'conv 3 64 3' }, there);
    expect(shown(await discord.replied(counted, 10_000))).toContain('1,792');
    expect(shown(await discord.replied(imported, 10_000))).toBe(
      '`week3.yaml` has more than 40,000 pieces of YAML (values, colons, line breaks, comments); a file of 100 questions has a few thousand. Nothing was imported.',
    );
    // The bot's own process (and the fake Discord in it): 23 s of CPU before, the file read on
    // this thread; now it is read in a sandbox. CPU time, so a loaded machine does not change it.
    const spent = process.cpuUsage(before);
    expect((spent.user + spent.system) / 1_000).toBeLessThan(2_000);

    const 匯入 = await discord.slash(老師, 'questions', { action: 'import', set: 'week3', file }, here);
    expect(shown(await discord.replied(匯入, 10_000))).toBe('`week3.yaml` 含有超過 40,000 個 YAML 語法單位（值、冒號、換行、註解）；100 題的檔案只有幾千個。沒有匯入任何題目。');
    expect(await bot.app.store.questions.list(`discord:${GUILDS[0]!.id}`)).toEqual([]);
    expect(bot.logs.filter((l) => l.level >= 50)).toEqual([]);
    expect(isEphemeral(visible(imported))).toBe(true); // to the teacher only
  });
});
