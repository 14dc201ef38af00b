/** Rounds on a real SQLite file: the rules that must hold whatever the timing. */
import { describe, expect, it } from 'vitest';
import { diagnosisIds } from '../../src/quiz/diagnose.js';
import { FIRST_BONUS, POINTS } from '../../src/quiz/scoring.js';
import { LEASE_MS } from '../../src/quiz/service.js';
import { alice, bob, carol, harness, MONDAY_10_TAIPEI, ENGINES, type Harness } from '../support/quiz.js';
import { formatInt } from '../../src/engine/format.js';

const scopeId = 'discord:G1';
const NO_BONUS = { points: 0, minAnswers: 2 };
const NO_CAP = { cap: 1000, from: 0, to: 0 };
const channelId = 'C1';

async function open(h: Harness, extra: { level?: 'easy' | 'medium' | 'hard'; seconds?: number; scope?: string; channel?: string } = {}) {
  const started = await h.quiz.start({
    scopeId: extra.scope ?? scopeId,
    channelId: extra.channel ?? channelId,
    opener: { kind: 'admin', player: alice },
    lang: 'en',
    topics: ['conv'],
    level: extra.level ?? 'medium',
    seconds: extra.seconds,
  });
  if (!started.ok) throw new Error('round did not start');
  return { h, ...started };
}

describe.each(ENGINES)('on %s', (engine) => {
  const fresh = () => harness({ engine });

  describe('a round', () => {
    it('records answers, names the mistake privately, and reveals at its time', async () => {
      const { h, round, question } = await open(await fresh());
      const weightsOnly = question.mistakes.find((m) => m.id === 'forgotBias')!;
      const wrong = await h.quiz.answer({ scopeId, channelId, player: bob, text: formatInt(weightsOnly.value) });
      expect(wrong).toMatchObject({ kind: 'recorded', correct: false, points: 0 });
      expect(wrong.kind === 'recorded' && diagnosisIds(wrong.diagnosis)).toContain('forgotBias');
      const right = await h.quiz.answer({ scopeId, channelId, player: carol, text: String(question.answer) });
      // the first-correct bonus comes when the round closes, once at least two people answered
      expect(right).toMatchObject({ kind: 'recorded', correct: true, first: true, points: POINTS.medium, unscored: null });
      const second = await h.quiz.answer({ scopeId, channelId, player: alice, text: `${question.answer} params` });
      expect(second).toMatchObject({ kind: 'recorded', correct: true, first: false, points: POINTS.medium });

      expect(h.reveals).toHaveLength(0);
      h.clock.advance(59_999);
      expect(h.reveals).toHaveLength(0);
      h.clock.advance(1);
      await h.settle();
      expect(h.reveals).toHaveLength(1);
      const reveal = h.reveals[0]!;
      expect(reveal.round.id).toBe(round.id);
      expect(reveal.round.closeReason).toBe('timeout');
      expect(reveal.answers.map((a) => [a.name, a.correct, a.first, a.points])).toEqual([
        ['bob', false, false, 0],
        ['carol', true, true, POINTS.medium + FIRST_BONUS],
        ['alice', true, false, POINTS.medium],
      ]);
      expect((await h.store.rounds.get(round.id))!.revealedAt).not.toBeNull();
    });

    it('takes one locked answer per user, refusing a second politely', async () => {
      const { h, round, question } = await open(await fresh());
      await h.quiz.answer({ scopeId, channelId, player: bob, text: '12' });
      expect(await h.quiz.answer({ scopeId, channelId, player: bob, text: String(question.answer) })).toMatchObject({ kind: 'duplicate', previous: 12n });
      expect((await h.store.rounds.answers(round.id)).map((a) => a.value)).toEqual([12n]);
    });

    it('records nothing for an unreadable answer', async () => {
      const { h, round } = await open(await fresh());
      expect(await h.quiz.answer({ scopeId, channelId, player: bob, text: 'about two thousand' })).toMatchObject({ kind: 'invalid' });
      expect(await h.store.rounds.answers(round.id)).toHaveLength(0);
    });

    it('refuses answers after its time, even before the timer fires', async () => {
      const { h, round, question } = await open(await fresh());
      h.clock.set(round.closesAt); // the timer runs at this instant; an answer at closesAt is late
      expect(await h.quiz.answer({ scopeId, channelId, player: bob, text: String(question.answer), roundId: round.id })).toMatchObject({ kind: 'closed' });
    });

    it('can be closed by an admin early; closing twice does nothing', async () => {
      const { h, round } = await open(await fresh());
      expect(await h.quiz.close(round.id, 'admin')).toBe(true);
      expect(await h.quiz.close(round.id, 'admin')).toBe(false);
      expect(h.reveals.map((r) => r.round.closeReason)).toEqual(['admin']);
      h.clock.advance(120_000);
      expect(h.reveals).toHaveLength(1);
    });

    it('is one per channel', async () => {
      const { h, round } = await open(await fresh());
      const again = await h.quiz.start({ scopeId, channelId, opener: { kind: 'student', player: bob }, lang: 'en' });
      expect(again).toMatchObject({ ok: false, open: { id: round.id } });
      const elsewhere = await h.quiz.start({ scopeId, channelId: 'C2', opener: { kind: 'student', player: bob }, lang: 'en' });
      expect(elsewhere.ok).toBe(true);
    });

    it('accepts multiple-choice letters for easy questions', async () => {
      const { h, question } = await open(await fresh(), { level: 'easy' });
      const letter = 'ABCD'[question.choices!.indexOf(question.answer)]!;
      expect(await h.quiz.answer({ scopeId, channelId, player: bob, text: letter })).toMatchObject({ kind: 'recorded', correct: true, points: POINTS.easy });
    });
  });

  describe('after a restart', () => {
    it('an open round still closes at its time and keeps every answer', async () => {
      const { h, round, question } = await open(await fresh());
      await h.quiz.answer({ scopeId, channelId, player: bob, text: String(question.answer) });
      h.clock.advance(30_000);
      const after = await h.restart();
      await after.quiz.resume();
      expect(after.reveals).toHaveLength(0);
      await after.quiz.answer({ scopeId, channelId, player: carol, text: '1' });
      after.clock.advance(29_999);
      expect(after.reveals).toHaveLength(0);
      after.clock.advance(1);
      await after.settle();
      expect(after.reveals).toHaveLength(1);
      expect(after.reveals[0]!.answers.map((a) => a.name)).toEqual(['bob', 'carol']);
      expect(after.reveals[0]!.question.answer).toBe(question.answer);
      expect((await after.store.rounds.get(round.id))!.closedAt).toBe(MONDAY_10_TAIPEI + 60_000);
    });

    it('a round whose time passed while the bot was down closes and is revealed at once', async () => {
      const { h } = await open(await fresh());
      h.clock.advance(10_000);
      await h.quiz.stop();
      h.clock.advance(3_600_000);
      const after = await h.restart();
      await after.quiz.resume();
      expect(after.reveals).toHaveLength(1);
    });

    it("a reveal that could not be posted is posted by the next process once the dead one's lease runs out, once", async () => {
      const { h, round } = await open(await fresh());
      // closed, then the process died before posting: its lease on the round still runs
      await h.store.rounds.close(round.id, { now: h.clock.now(), reason: 'timeout', bonus: NO_BONUS, lease: { owner: 'a process that died', until: h.clock.now() + LEASE_MS } });
      const after = await h.restart();
      await after.quiz.resume();
      expect(after.reveals).toEqual([]);
      after.clock.advance(LEASE_MS + 1);
      await after.settle();
      await after.quiz.resume();
      after.clock.advance(LEASE_MS);
      await after.settle();
      expect(after.reveals.map((r) => r.round.id)).toEqual([round.id]);
    });
  });

  describe('scores and boards', () => {
    it('count correct answers by level, with the first-correct bonus once the round closes', async () => {
      const { h, round, question } = await open(await fresh());
      await h.quiz.answer({ scopeId, channelId, player: bob, text: String(question.answer) });
      await h.quiz.answer({ scopeId, channelId, player: carol, text: String(question.answer) });
      await h.quiz.answer({ scopeId, channelId, player: alice, text: '7' });
      expect((await h.quiz.leaderboard({ scopeId, period: 'week', page: 1 }))!.rows.map((r) => r.points)).toEqual([20, 20, 0]);
      await h.quiz.close(round.id, 'admin');
      const board = (await h.quiz.leaderboard({ scopeId, period: 'week', page: 1, asker: alice }))!;
      expect(board.week).toBe('2026-W48');
      expect(board.rows.map((r) => [r.rank, r.name, r.points, r.correct, r.answered])).toEqual([
        [1, 'bob', 25, 1, 1],
        [2, 'carol', 20, 1, 1],
        [3, 'alice', 0, 0, 1],
      ]);
      expect(board.mine).toMatchObject({ rank: 3, points: 0 });
    });

    it('never mix scopes', async () => {
      const h = await harness({ engine });
      const a = await open(h, { scope: 'discord:A' });
      const b = await open(h, { scope: 'slack:B' });
      await h.quiz.answer({ scopeId: 'discord:A', channelId, player: bob, text: String(a.question.answer) });
      await h.quiz.answer({ scopeId: 'slack:B', channelId, player: carol, text: String(b.question.answer) });
      // a button from scope A cannot answer a round of scope B
      expect(await h.quiz.answer({ scopeId: 'discord:A', channelId, player: carol, text: '1', roundId: b.round.id })).toEqual({ kind: 'noRound' });
      expect((await h.quiz.leaderboard({ scopeId: 'discord:A', period: 'all', page: 1 }))!.rows.map((r) => r.name)).toEqual(['bob']);
      expect((await h.quiz.leaderboard({ scopeId: 'slack:B', period: 'all', page: 1 }))!.rows.map((r) => r.name)).toEqual(['carol']);
    });

    it('start a new week board on Monday in the scope time zone', async () => {
      const h = await harness({ engine });
      const first = await open(h);
      await h.quiz.answer({ scopeId, channelId, player: bob, text: String(first.question.answer) });
      h.clock.set(Date.UTC(2026, 10, 29, 16, 30)); // Monday 00:30 in Taipei, still Sunday in UTC
      await h.settle();
      const second = await open(h);
      await h.quiz.answer({ scopeId, channelId, player: carol, text: String(second.question.answer) });
      expect((await h.quiz.leaderboard({ scopeId, period: 'week', page: 1 }))!.rows.map((r) => r.name)).toEqual(['carol']);
      expect((await h.quiz.leaderboard({ scopeId, period: 'week', page: 1 }))!.week).toBe('2026-W49');
      expect((await h.quiz.leaderboard({ scopeId, period: 'all', page: 1 }))!.rows.map((r) => r.name).sort()).toEqual(['bob', 'carol']);
    });

    it('pages 10 at a time and keeps tied players on one rank', async () => {
      const h = await harness({ engine });
      await h.quiz.scope(scopeId);
      const store = h.store;
      const round = (await store.rounds.open({
        scopeId,
        channelId,
        seed: 1,
        generator: 1,
        level: 'easy',
        topic: 'dense',
        questionKey: 'k',
        answer: 5n,
        lang: 'en',
        openedBy: null,
        openedAt: 0,
        closesAt: Number.MAX_SAFE_INTEGER,
        scoring: 'scored',
        lease: { owner: 'test', until: 0 },
      }))!;
      for (let i = 0; i < 25; i++) {
        await store.rounds.answer({
          roundId: round.id,
          player: { userId: `U${i}`, name: `user${i}` },
          value: i % 2 === 0 ? 5n : 4n,
          correct: i % 2 === 0,
          mistakes: [],
          lapses: [],
          points: 10,
          now: 1,
          week: '1970-W01',
          daily: NO_CAP,
        });
      }
      const page1 = (await h.quiz.leaderboard({ scopeId, period: 'all', page: 1 }))!;
      const page3 = (await h.quiz.leaderboard({ scopeId, period: 'all', page: 3 }))!;
      expect(page1.pages).toBe(3);
      expect(page1.rows).toHaveLength(10);
      expect(page1.rows.every((r) => r.rank === 1)).toBe(true); // 13 players tied on 10 points
      expect(page3.rows.map((r) => r.rank)).toEqual([14, 14, 14, 14, 14]);
      expect((await h.quiz.leaderboard({ scopeId, period: 'all', page: 99 }))!.page).toBe(3);
    });
  });

  describe('stats', () => {
    it('per topic accuracy', async () => {
      const { h, question } = await open(await fresh());
      await h.quiz.answer({ scopeId, channelId, player: bob, text: String(question.answer) });
      expect(await h.quiz.stats(scopeId, bob)).toEqual([{ topic: 'conv', answered: 1, correct: 1 }]);
      expect(await h.quiz.stats(scopeId, carol)).toEqual([]);
    });
  });
});
