/**
 * Trust: the boards mean what the teacher wants. Rounds students start score for at most a daily
 * number of questions (scoring=capped, the default), or all (scoring=all), or never
 * (scoring=scheduled); scheduled and admin rounds always score; the first-correct bonus needs a
 * second person answering; only admins start rounds shorter than 15 s.
 */
import { describe, expect, it } from 'vitest';
import { context, run } from '../support/context.js';
import { alice, bob, carol, harness, ENGINES, type Harness } from '../support/quiz.js';
import { DEFAULT_DAILY_CAP, POINTS } from '../../src/quiz/scoring.js';
import type { Opener } from '../../src/quiz/service.js';

const scopeId = 'discord:G1';
const channelId = 'C1';

async function round(h: Harness, opener: Opener) {
  const started = await h.quiz.start({ scopeId, channelId, opener, lang: 'en', level: 'medium', topics: ['dense'] });
  if (!started.ok) throw new Error('no round');
  return started;
}

/** `who` opens a round, `answerer` answers it right, the round closes. */
async function answeredRight(h: Harness, opener: Opener, answerer = bob) {
  const { round: r, question } = await round(h, opener);
  const outcome = await h.quiz.answer({ scopeId, channelId, player: answerer, text: String(question.answer) });
  await h.quiz.close(r.id, 'admin');
  return outcome;
}

const weekPoints = async (h: Harness, userId: string) => (await h.quiz.leaderboard({ scopeId, period: 'week', page: 1 }))!.rows.find((r) => r.userId === userId)?.points ?? 0;

describe.each(ENGINES)('on %s', (engine) => {
  describe('scoring: capped (the default)', () => {
    it(`scores a student's first ${DEFAULT_DAILY_CAP} questions a day from students' rounds, then counts the rest as practice`, async () => {
      const h = await harness({ engine });
      const student: Opener = { kind: 'student', player: alice };
      for (let i = 0; i < DEFAULT_DAILY_CAP; i++) expect(await answeredRight(h, student)).toMatchObject({ kind: 'recorded', correct: true, unscored: null });
      const over = await answeredRight(h, student);
      expect(over).toMatchObject({ kind: 'recorded', correct: true, points: 0, unscored: 'cap', dailyCap: DEFAULT_DAILY_CAP });
      expect(await weekPoints(h, bob.userId)).toBe(DEFAULT_DAILY_CAP * POINTS.medium);
      // still counted in /stats, as practice
      expect(await h.quiz.stats(scopeId, bob)).toEqual([{ topic: 'dense', answered: DEFAULT_DAILY_CAP + 1, correct: DEFAULT_DAILY_CAP + 1 }]);
      // admin-started and scheduled rounds still score
      expect(await answeredRight(h, { kind: 'admin', player: carol })).toMatchObject({ unscored: null, points: POINTS.medium });
      expect(await answeredRight(h, { kind: 'schedule' })).toMatchObject({ unscored: null, points: POINTS.medium });
      // a new local day resets the cap (Asia/Taipei midnight)
      h.clock.advance(24 * 3_600_000);
      await h.settle();
      expect(await answeredRight(h, student)).toMatchObject({ unscored: null });
    });

    it('follows the cap an admin sets', async () => {
      const h = await harness({ engine });
      await run(context(h, alice, { isAdmin: true }), 'settings cap:1');
      const student: Opener = { kind: 'student', player: alice };
      expect(await answeredRight(h, student)).toMatchObject({ unscored: null });
      expect(await answeredRight(h, student)).toMatchObject({ unscored: 'cap', dailyCap: 1 });
    });
  });

  describe('scoring: all and scheduled', () => {
    it('all: every round scores', async () => {
      const h = await harness({ engine });
      await run(context(h, alice, { isAdmin: true }), 'settings scoring:all');
      for (let i = 0; i < DEFAULT_DAILY_CAP + 2; i++) expect(await answeredRight(h, { kind: 'student', player: alice })).toMatchObject({ unscored: null });
    });

    it('scheduled: rounds students start are practice, and their question says so', async () => {
      const h = await harness({ engine });
      await run(context(h, alice, { isAdmin: true }), 'settings scoring:scheduled');
      const posted = await run(context(h, bob), 'quiz topic:dense');
      expect(posted.footer).toContain('Practice round: rounds students start do not score in this server.');
      const open = (await h.quiz.openRound(scopeId, channelId))!;
      const reply = await run(context(h, carol), `answer ${open.answer}`);
      expect(reply.text).toContain('Rounds students start do not score in this server');
      expect(await weekPoints(h, carol.userId)).toBe(0);
      await h.quiz.close(open.id, 'admin');
      expect(await answeredRight(h, { kind: 'admin', player: alice })).toMatchObject({ unscored: null });
    });
  });

  describe('the first-correct bonus', () => {
    it('needs at least two people answering, and comes when the round closes', async () => {
      const h = await harness({ engine });
      const alone = await answeredRight(h, { kind: 'admin', player: alice });
      expect(alone).toMatchObject({ first: true, points: POINTS.medium });
      expect(await weekPoints(h, bob.userId)).toBe(POINTS.medium);

      const { round: r, question } = await round(h, { kind: 'admin', player: alice });
      await h.quiz.answer({ scopeId, channelId, player: bob, text: String(question.answer) });
      await h.quiz.answer({ scopeId, channelId, player: carol, text: '1' });
      expect(await weekPoints(h, bob.userId)).toBe(2 * POINTS.medium);
      await h.quiz.close(r.id, 'admin');
      expect(await weekPoints(h, bob.userId)).toBe(2 * POINTS.medium + 5);
      expect(h.reveals.at(-1)!.answers.find((a) => a.userId === bob.userId)).toMatchObject({ first: true, bonus: 5, points: POINTS.medium + 5 });
    });
  });

  describe('short rounds', () => {
    it('are for admins only', async () => {
      const h = await harness({ engine });
      expect((await run(context(h, bob), 'quiz topic:dense seconds:5')).text).toBe('Only admins can start a question shorter than 15 seconds.');
      expect(await h.quiz.openRound(scopeId, channelId)).toBeUndefined();
      expect((await run(context(h, bob), 'quiz topic:dense seconds:15')).visibility).toBe('public');
      await h.quiz.close((await h.quiz.openRound(scopeId, channelId))!.id, 'admin');
      expect((await run(context(h, alice, { isAdmin: true }), 'quiz topic:dense seconds:5')).visibility).toBe('public');
    });
  });

  describe('a round answered from another channel', () => {
    it('is refused for a button of a round posted elsewhere, and nothing is recorded', async () => {
      const h = await harness({ engine });
      const { round: r, question } = await round(h, { kind: 'admin', player: alice });
      const outcome = await h.quiz.answer({ scopeId, channelId: 'C2', player: bob, text: String(question.answer), roundId: r.id });
      expect(outcome).toMatchObject({ kind: 'elsewhere' });
      expect(await h.store.rounds.answers(r.id)).toEqual([]);
    });
  });
});
