/**
 * Nothing acknowledged is lost: the bot records a burst of answers and is killed with SIGKILL in
 * the middle. Every answer a user was told about is in the file after the restart, and the open
 * round still closes at its time.
 */
import { describe, expect, it } from 'vitest';
import { botEnv, startShell, storeOf } from '../support/app.js';
import { ENGINE } from '../support/quiz.js';

describe(`SIGKILL mid-burst on ${ENGINE}`, () => {
  it('keeps every acknowledged answer and still closes the round', async () => {
    const env = await botEnv({ QUIZ_ROUND_SECONDS: '60' });
    const bot = startShell(env);
    const burst = ['/quiz level:medium topic:dense seed:11'];
    for (let i = 0; i < 3000; i++) burst.push(`/as user${i}`, `/answer ${1000 + i}`);
    bot.child.stdin.write(`${burst.join('\n')}\n`);
    await bot.waitForCount(/\(only you\) (?:❌|✅)/, 150);
    bot.child.kill('SIGKILL');
    await new Promise((r) => bot.child.once('exit', r));

    // An answer is acknowledged when its feedback line was printed after "You are now userN."
    const acknowledged = [...bot.output().matchAll(/You are now (user\d+)\.\n\(only you\) (?:❌|✅)/g)].map((m) => m[1]!);
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);
    expect(acknowledged.length).toBeLessThan(3000); // it really died mid-burst

    const store = await storeOf(env);
    const recorded = new Set((await store.rounds.answers(1)).map((a) => a.userId));
    for (const user of acknowledged) expect(recorded.has(user), `${user} was acknowledged`).toBe(true);
    expect((await store.rounds.get(1))!.closedAt).toBeNull();
    // The round was long enough for the burst on a slow machine; it ends soon after the restart.
    await store.rounds.setDeadline(1, Date.now() + 1_500);

    // Restart with nothing to say: the open round closes at its time and its reveal is posted.
    const again = startShell(env);
    await again.waitFor(/Question #1: the answer is [\d,]+/, 10_000);
    again.child.stdin.end();
    await new Promise((r) => again.child.once('exit', r));
    const after = await storeOf(env);
    const round = (await after.rounds.get(1))!;
    expect(round.closeReason).toBe('timeout');
    expect(round.closedAt).toBeGreaterThanOrEqual(round.closesAt);
    expect(round.revealedAt).not.toBeNull();
    expect((await after.rounds.answers(1)).length).toBeGreaterThanOrEqual(acknowledged.length);
  });
});
