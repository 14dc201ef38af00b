/** The store's spaced-repetition records, recent questions and accuracies, on both store engines. */
import { describe, expect, it } from 'vitest';
import type { CardReview, CardState, ReviewLogInput } from '../../src/domain/index.js';
import { ENGINES, openTestStore, type Engine } from '../support/quiz.js';

async function withMember(engine: Engine) {
  const { store } = await openTestStore(engine);
  await store.scopes.ensure('s', { timezone: 'Asia/Taipei', language: 'en' });
  const member = await store.scopes.ensureMember('s', { userId: 'U1', name: 'ana' });
  return { store, member };
}

const state = (due: number, reps = 1): CardState => ({ due, stability: 2.5, difficulty: 5.1, elapsedDays: 0, scheduledDays: 1, learningSteps: 0, reps, lapses: 0, state: 1, lastReview: due - 60_000 });
const log = (at: number, rating: ReviewLogInput['rating'], correct: boolean): ReviewLogInput => ({
  rating,
  state: 0,
  due: at,
  stability: 0,
  difficulty: 0,
  elapsedDays: 0,
  lastElapsedDays: 0,
  scheduledDays: 0,
  learningSteps: 0,
  reviewedAt: at,
  durationMs: 12_000,
  correct,
  source: 'practice',
});
const review = (family: CardReview['family'], due: number, at: number, rating: ReviewLogInput['rating']): CardReview => ({ topic: 'conv', family, card: state(due), log: log(at, rating, rating > 1) });

const LEASE = { owner: 'test', until: 1e12 };
const saved = (reviews: CardReview[]) => ({ reviews, applied: [] });

describe.each(ENGINES)('on %s', (engine) => {
  const storeWithMember = () => withMember(engine);

  describe('cards and review logs', () => {
    it('a review creates the card, a later one updates it; every review is logged with its rating, state and time', async () => {
      const { store, member } = await storeWithMember();
      expect(await store.practice.review(member, saved([review('bias', 2_000, 1_000, 1)]))).toBe('saved');
      await store.practice.review(member, saved([review('bias', 9_000, 5_000, 3), review('kernel', 3_000, 5_000, 1)]));
      const { cards } = await store.practice.deck(member);
      expect(cards.map((c) => [c.topic, c.family, c.due, c.reps])).toEqual([
        ['conv', 'kernel', 3_000, 1],
        ['conv', 'bias', 9_000, 1],
      ]);
      expect(cards[0]).toMatchObject({ stability: 2.5, difficulty: 5.1, state: 1, lastReview: 3_000 - 60_000 });
      const logs = await store.practice.reviewLogs(member);
      expect(logs.map((l) => [l.rating, l.reviewedAt, l.correct, l.durationMs, l.source])).toEqual([
        [1, 1_000, false, 12_000, 'practice'],
        [3, 5_000, true, 12_000, 'practice'],
        [1, 5_000, false, 12_000, 'practice'],
      ]);
      expect(new Set(logs.map((l) => l.cardId)).size).toBe(2);
    });

    it('a practice answer, its reviews and clearing the pending question are one transaction, once', async () => {
      const { store, member } = await storeWithMember();
      await store.practice.setPending({ memberId: member, seed: 5, generator: 2, level: 'easy', topic: 'conv', family: 'bias', channelId: 'C1', issuedAt: 100 });
      await store.practice.setPending({ memberId: member, seed: 6, generator: 2, level: 'medium', topic: 'dense', family: 'bias', channelId: 'C2', issuedAt: 200 });
      expect(await store.practice.pending(member)).toMatchObject({ seed: 6, topic: 'dense', channelId: 'C2', issuedAt: 200 });
      const answer = {
        memberId: member,
        seed: 6,
        generator: 2,
        level: 'medium' as const,
        topic: 'dense' as const,
        value: 42n,
        correct: false,
        mistakes: ['forgotBias'],
        questionKey: 'dense|medium|t',
        now: 300,
      };
      expect(await store.practice.record(answer, saved([review('bias', 400, 300, 1)]))).toBe('saved');
      expect(await store.practice.pending(member)).toBeUndefined();
      expect((await store.practice.deck(member)).cards).toHaveLength(1);
      // answered already: nothing more is written
      expect(await store.practice.record(answer, saved([review('kernel', 400, 300, 1)]))).toBe('duplicate');
      expect((await store.practice.deck(member)).cards).toHaveLength(1);
      expect(await store.practice.reviewLogs(member)).toHaveLength(1);
    });

    it('an answer to another question leaves the pending one in place', async () => {
      const { store, member } = await storeWithMember();
      await store.practice.setPending({ memberId: member, seed: 6, generator: 2, level: 'medium', topic: 'dense', family: 'bias', channelId: 'C2', issuedAt: 200 });
      await store.practice.record({ memberId: member, seed: 7, generator: 2, level: 'easy', topic: 'conv', value: 1n, correct: true, mistakes: [], questionKey: 'conv|easy|t', now: 300 }, saved([]));
      expect(await store.practice.pending(member)).toMatchObject({ seed: 6 });
    });
  });

  describe('lapses', () => {
    it("a round's mistake waits as a lapse with its answer; applied once, by whoever saves it first", async () => {
      const { store, member } = await storeWithMember();
      const round = (await store.rounds.open({
        scopeId: 's',
        channelId: 'C1',
        seed: 1,
        generator: 2,
        level: 'easy',
        topic: 'conv',
        questionKey: 'k',
        answer: 5n,
        lang: 'en',
        openedBy: null,
        openedAt: 0,
        closesAt: 1e12,
        scoring: 'scored',
        lease: LEASE,
      }))!;
      await store.rounds.answer({
        roundId: round.id,
        player: { userId: 'U1', name: 'ana' },
        value: 4n,
        correct: false,
        mistakes: ['forgotBias', 'channelsSwapped'],
        lapses: ['bias', 'channels', 'bias'],
        points: 10,
        now: 10,
        week: '1970-W01',
        daily: { cap: 100, from: 0, to: 1 },
      });
      const deck = await store.practice.deck(member);
      expect(deck.cards).toEqual([]);
      expect(deck.lapses.map((l) => [l.topic, l.family, l.at])).toEqual([
        ['conv', 'bias', 10],
        ['conv', 'channels', 10],
      ]);
      const applying = { reviews: [review('bias', 400, 10, 1), review('channels', 400, 10, 1)], applied: deck.lapses };
      expect(await store.practice.review(member, applying)).toBe('saved');
      // a second process that read the same deck finds them applied, and writes nothing
      expect(await store.practice.review(member, applying)).toBe('stale');
      const after = await store.practice.deck(member);
      expect(after.lapses).toEqual([]);
      expect(after.cards.map((c) => c.family).sort()).toEqual(['bias', 'channels']);
      expect(await store.practice.reviewLogs(member)).toHaveLength(2);
    });
  });

  describe('recent questions and accuracy', () => {
    it('the last questions asked in a scope, with their answers', async () => {
      const { store } = await storeWithMember();
      for (let i = 0; i < 5; i++) {
        const r = await store.rounds.open({
          scopeId: 's',
          channelId: `C${i}`,
          seed: i,
          generator: 2,
          level: 'easy',
          topic: 'conv',
          questionKey: `k${i}`,
          answer: BigInt(100 + i),
          lang: 'en',
          openedBy: null,
          openedAt: i,
          closesAt: 1e12,
          scoring: 'scored',
          lease: LEASE,
        });
        await store.rounds.close(r!.id, { now: i, reason: 'admin', bonus: { points: 0, minAnswers: 2 }, lease: LEASE });
      }
      const recent = await store.rounds.recent('s', 3);
      expect([...recent.keys]).toEqual(['k4', 'k3', 'k2']);
      expect([...recent.answers]).toEqual([104n, 103n, 102n]);
    });

    it("a member's last answers (rounds and practice) and a channel's", async () => {
      const { store, member } = await storeWithMember();
      const round = (await store.rounds.open({
        scopeId: 's',
        channelId: 'C1',
        seed: 1,
        generator: 2,
        level: 'easy',
        topic: 'conv',
        questionKey: 'k',
        answer: 5n,
        lang: 'en',
        openedBy: null,
        openedAt: 0,
        closesAt: 1e12,
        scoring: 'scored',
        lease: LEASE,
      }))!;
      const daily = { cap: 100, from: 0, to: 1 };
      await store.rounds.answer({ roundId: round.id, player: { userId: 'U1', name: 'ana' }, value: 5n, correct: true, mistakes: [], lapses: [], points: 10, now: 10, week: '1970-W01', daily });
      await store.rounds.answer({ roundId: round.id, player: { userId: 'U2', name: 'ben' }, value: 4n, correct: false, mistakes: [], lapses: [], points: 10, now: 11, week: '1970-W01', daily });
      for (let i = 0; i < 4; i++)
        await store.practice.record(
          { memberId: member, seed: i, generator: 2, level: 'easy', topic: 'dense', value: 1n, correct: i === 0, mistakes: [], questionKey: 'dense|easy|t', now: 20 + i },
          saved([]),
        );
      expect(await store.reports.recentAccuracy(member, 20)).toEqual({ answered: 5, correct: 2 });
      expect(await store.reports.recentAccuracy(member, 3)).toEqual({ answered: 3, correct: 0 });
      expect(await store.reports.channelAccuracy('s', 'C1', 50)).toEqual({ answered: 2, correct: 1 });
      expect(await store.reports.channelAccuracy('s', 'C9', 50)).toEqual({ answered: 0, correct: 0 });
    });
  });
});
