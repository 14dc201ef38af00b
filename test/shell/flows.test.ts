/**
 * Whole quiz flows through shell mode, the real bot on a real SQLite file: a question, answers
 * from several users, the named mistake, the reveal, the board. `seed:` replays a known question.
 */
import { describe, expect, it } from 'vitest';
import { formatInt } from '../../src/engine/format.js';
import { generate } from '../../src/quiz/generator.js';
import { renderWorking } from '../../src/quiz/working.js';
import { botEnv, runShell, startShell, storeOf } from '../support/app.js';
import { snapshotCount } from '../support/snapshot.js';

describe('shell mode', () => {
  it('answers /count from piped input and exits at end of input', async () => {
    const r = runShell(['/count conv 3 64 3'], await botEnv());
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Conv2D (conv 3 64 3): 1,792 parameters');
    expect(r.stdout).toContain('(3×3×3 + 1)×64');
    expect(r.stderr).toBe('');
  });

  it('plays a whole round: question, answers, mistake, reveal, leaderboard, stats', async () => {
    const q = generate(42, 'medium', 'conv');
    const forgotBias = q.mistakes.find((m) => m.id === 'forgotBias')!;
    const env = await botEnv();
    const r = runShell(
      [
        '/quiz level:medium topic:conv seed:42',
        '/as bob',
        `/answer ${formatInt(q.answer)}`,
        '/as carol',
        `/answer ${forgotBias.value}`,
        '/as dave',
        `/answer ${q.answer} params`,
        '/answer 1',
        '/as teacher',
        '/close',
        '/leaderboard',
        '/as carol',
        '/stats',
      ],
      env,
    );
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toContain('Question #1 · convolution · medium (20 points)');
    expect(out).toContain(`✅ Correct, and first: ${formatInt(q.answer)}. +20 points, and +5 more when the question closes if someone else answers too.`);
    expect(out).toContain(`❌ ${formatInt(forgotBias.value)} is not it: that is the weights without the`);
    expect(out).toContain(`✅ Correct: ${formatInt(q.answer)}. +20 points.`);
    expect(out).toContain(`You already answered this question (${formatInt(q.answer)})`);
    expect(out).toContain(`Question #1: the answer is ${formatInt(q.answer)}`);
    expect(out).toContain('Right (2 of 3): bob, dave');
    expect(out).toContain('First: bob (+5)');
    // the reveal shows the working: symbols, numbers, weights apart from biases
    for (const line of renderWorking('en', q.working)) expect(out).toContain(line);
    expect(out).toContain('(k_h×k_w×C_in + 1)×C_out');
    expect(out).toMatch(/= [\d,]+ weights \+ [\d,]+ biases/);
    expect(out).toMatch(/1\. bob: 25 pts \(1\/1 right, 100%\)\n2\. dave: 20 pts \(1\/1 right, 100%\)\n3\. carol: 0 pts \(0\/1 right, 0%\)/);
    expect(out).toContain('Stats for carol');
    expect(out).toContain('Weakest: convolution');

    const store = await storeOf(env);
    expect((await store.rounds.answers(1)).map((a) => [a.name, a.correct, a.first, a.points])).toEqual([
      ['bob', true, true, 25],
      ['carol', false, false, 0],
      ['dave', true, false, 20],
    ]);
    expect(await store.rounds.get(1)).toMatchObject({ closeReason: 'admin', seed: 42 });
  });

  it('practice: /review, then /answer outside a round gets the worked solution at once and when the skill comes back', async () => {
    const env = await botEnv({ PARAMQUIZ_SEED: '5' });
    const r = runShell(['/as student', '/review', '/answer 1', '/stats'], env);
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/── Practice · .+ · easy ──/);
    expect(out).toMatch(/from your weakest topic/);
    expect(out).toMatch(/❌ 1 is not it: .+ The answer is [\d,]+\./);
    expect(out).toMatch(/comes back for review \d\d:\d\d:\d\d \(in \d+ s\)/);
    // the worked solution, right under the verdict
    expect(out).toMatch(/The answer is [\d,]+\.[\s\S]*\n\s+.*= [\d,]+/);
    expect(out).toContain('Skills for review (spaced repetition):');
    const store = await storeOf(env);
    const member = (await store.scopes.memberId('shell:local', 'student'))!;
    expect((await store.practice.reviewLogs(member)).map((l) => [l.rating, l.correct, l.source])).toEqual([[1, false, 'practice']]);
  });

  it('/settings language:zh-TW changes the replies, the times included', async () => {
    const r = runShell(['/settings language:zh-TW', '/count conv 3 64 3', '/quiz topic:dense seed:1'], await botEnv());
    // the change itself is answered wholly in the new language: no English title, verdict or value beside the Chinese frame
    const saved = r.stdout.slice(0, r.stdout.indexOf('修改方式'));
    expect(saved).toContain('── 設定 ──');
    expect(saved).toContain('已儲存。');
    expect(saved).toContain('繁體中文（zh-TW）');
    expect(saved).not.toMatch(/Settings|Saved|none \(set one|default/);
    expect(r.stdout).toContain('Conv2D（conv 3 64 3）：1,792 個參數');
    expect(r.stdout).toMatch(/\d\d:\d\d:\d\d（\d+ 秒後）截止/);
    expect(r.stdout).not.toMatch(/\(in \d+ s\)/);
  });

  it('help that exists where the user is: /help count, /count help, /explain alone, and errors point at them', async () => {
    const r = runShell(['/help count', '/count help', '/help count layers', '/count help options', '/explain', '/count frobnicate 3', '/quiz colour:red'], await botEnv());
    const out = r.stdout;
    expect(out.match(/── \/count: what it counts, and where to read more ──/g)).toHaveLength(2);
    expect(out).toContain('/help count layers');
    expect(out).toContain('── /count help: layers ──');
    expect(out).toContain('conv CIN COUT K');
    expect(out).toContain('stride=S or SxT');
    expect(out).toContain('/count conv 3 64 3');
    expect(out).toContain('── Layer kinds ──');
    expect(out).toContain('`frobnicate` is not a layer kind');
    expect(out).toContain('(see /help count)');
    expect(out).toContain('(see /help quiz)');
  });

  it('speaks Traditional Chinese', async () => {
    const r = runShell(['/count bn 64', '/quiz topic:dense seed:1'], await botEnv({ PARAMQUIZ_LANG: 'zh-TW' }));
    expect(r.stdout).toContain('BatchNormalization（bn 64）：256 個參數');
    expect(r.stdout).toContain('第 1 題 · 全連接層 · 簡單（10 分）');
  });

  it('closes a round when its time runs out and prints the reveal', async () => {
    const bot = startShell(await botEnv({ QUIZ_ROUND_SECONDS: '1' }));
    bot.child.stdin.write('/quiz topic:dense seed:3\n/as bob\n/answer 1\n');
    await bot.waitFor(/is not it/);
    expect(bot.output()).not.toContain('the answer is');
    await bot.waitFor(/Question #1: the answer is [\d,]+/);
    expect(bot.output()).toContain('Nobody got it this time (1 answer).');
    bot.child.stdin.end();
    await new Promise((r) => bot.child.once('exit', r));
  });
});

describe('bad answers and bad commands: one clear line each, nothing recorded', () => {
  const cases: ReadonlyArray<readonly [string, RegExp]> = [
    ['/answer', /\/answer needs `value`\./],
    ['/answer twelve', /`twelve` is not a count: answer with a whole number/],
    ['/answer 1.5', /`1.5` is not a whole number of parameters/],
    ['/answer 1.2345k', /`1.2345k` is not a whole number/],
    ['/answer E', /`E` is not a count/],
    ['/answer -3', /`-3` is not a count/],
    ['/quiz level:impossible', /`impossible` is not a valid level: expected one of easy, medium, hard/],
    ['/quiz seconds:2', /`2` is not a valid seconds: expected 5 to 86400/],
    ['/quiz colour:red', /`colour` is not an option of \/quiz/],
    ['/leaderboard forever', /`forever` was taken as the page of \/leaderboard .*period: week, all, season/],
    ['/leaderboard week 0', /`0` was taken as the page of \/leaderboard .*a whole number from 1 to 100000/],
    ['/frobnicate', /`\/frobnicate` is not a command: try \/help/],
    ['/count conv 3 64', /`conv` on its own takes every number of `conv CIN COUT K`; with 2, K \(the last\) is missing/],
    ['/explain convolution9', /`convolution9` is not a layer kind/],
    ['/as', /`` is not a user name here/],
    ['hello', /Commands start with \//],
  ];

  it.each(cases)('%s', async (line, message) => {
    const env = await botEnv();
    // an open easy round, so answers have somewhere to go
    const r = runShell(['/quiz topic:conv seed:7 level:medium', '/as student', line], env);
    expect(r.status).toBe(0);
    const reply = r.stdout
      .split('\n')
      .slice(r.stdout.split('\n').findIndex((l) => l.startsWith('You are now student')) + 1)
      .join('\n')
      .trim();
    expect(reply).toMatch(message);
    expect(reply.split('\n')).toHaveLength(1);
    const store = await storeOf(env);
    expect(await store.rounds.answers(1)).toHaveLength(0);
    expect(await snapshotCount(store, 'SELECT COUNT(*) AS n FROM scores')).toBe(0);
  });
});
