/**
 * The scoring rule, as one table of cases both engines are held to: SQLite decides an answer in
 * statements of one transaction (src/store/rounds.ts), PostgreSQL in one call of its routine
 * (db/007). Each case sets a round up, records what was given before, records one answer, and
 * checks what the store says and what it wrote: the points on every board the answer counts on
 * (all time, its week, the season), the round's tallies and named mistakes, the class's mastery,
 * the lapses; and, when the answer is refused, that nothing at all was written.
 */
import { describe, expect, it } from 'vitest';
import type { AnswerInput, AnswerResult, MistakeFamily, RoundScoring } from '../../src/domain/index.js';
import { sql } from '../../src/store/sql.js';
import type { SqlStore, Store } from '../../src/store/store.js';
import { ENGINES, openTestStore } from '../support/quiz.js';
import { snapshot } from '../support/snapshot.js';

const SCOPE = 'discord:G1';
const WEEK = '2026-W48';
const DAY = { from: 1_000, to: 2_000 };
const NOW = 1_500;
const POINTS = 20;

interface Given {
  /** Who answered before, in another round of the same scoring unless `sameRound`. */
  readonly user: string;
  readonly correct: boolean;
  readonly sameRound?: boolean;
  readonly at?: number;
}

interface Case {
  readonly name: string;
  readonly scoring?: RoundScoring;
  readonly cap?: number;
  /** The round's state when the answer comes. */
  readonly round?: 'open' | 'closed' | 'timeUp' | 'missing';
  readonly given?: readonly Given[];
  readonly correct: boolean;
  readonly mistakes?: readonly string[];
  readonly lapses?: readonly MistakeFamily[];
  readonly result: AnswerResult;
  /** The answerer's row on each board after it, or null for none. */
  readonly board?: { readonly points: number; readonly correct: number; readonly answered: number } | null;
}

const CASES: readonly Case[] = [
  { name: 'the first right answer', correct: true, result: { status: 'recorded', first: true, points: POINTS, unscored: null }, board: { points: POINTS, correct: 1, answered: 1 } },
  {
    name: 'a right answer after someone else was right first',
    given: [{ user: 'U_OTHER', correct: true, sameRound: true }],
    correct: true,
    result: { status: 'recorded', first: false, points: POINTS, unscored: null },
    board: { points: POINTS, correct: 1, answered: 1 },
  },
  {
    name: 'a right answer after only wrong ones is still the first',
    given: [{ user: 'U_OTHER', correct: false, sameRound: true }],
    correct: true,
    result: { status: 'recorded', first: true, points: POINTS, unscored: null },
    board: { points: POINTS, correct: 1, answered: 1 },
  },
  {
    name: 'a wrong answer naming two mistakes of two skills',
    correct: false,
    mistakes: ['forgotBias', 'swappedChannels'],
    lapses: ['bias', 'channels'],
    result: { status: 'recorded', first: false, points: 0, unscored: null },
    board: { points: 0, correct: 0, answered: 1 },
  },
  { name: 'a practice round scores nothing', scoring: 'practice', correct: true, result: { status: 'recorded', first: true, points: 0, unscored: 'practice' }, board: null },
  {
    name: "a capped round under the day's cap",
    scoring: 'capped',
    cap: 2,
    given: [{ user: 'U_ME', correct: true }],
    correct: true,
    result: { status: 'recorded', first: true, points: POINTS, unscored: null },
    board: { points: 2 * POINTS, correct: 2, answered: 2 },
  },
  {
    name: "a capped round at the day's cap",
    scoring: 'capped',
    cap: 1,
    given: [{ user: 'U_ME', correct: true }],
    correct: true,
    result: { status: 'recorded', first: true, points: 0, unscored: 'cap' },
    board: { points: POINTS, correct: 1, answered: 1 },
  },
  {
    name: "a capped round: yesterday's answers leave today's cap alone",
    scoring: 'capped',
    cap: 1,
    given: [{ user: 'U_ME', correct: true, at: DAY.from - 1 }],
    correct: true,
    result: { status: 'recorded', first: true, points: POINTS, unscored: null },
    board: { points: 2 * POINTS, correct: 2, answered: 2 },
  },
  {
    name: 'a scored round ignores the cap',
    scoring: 'scored',
    cap: 0,
    correct: true,
    result: { status: 'recorded', first: true, points: POINTS, unscored: null },
    board: { points: POINTS, correct: 1, answered: 1 },
  },
  { name: 'a second answer by the same member', given: [{ user: 'U_ME', correct: false, sameRound: true }], correct: true, result: { status: 'duplicate', previous: 4n } },
  { name: 'a round closed', round: 'closed', correct: true, result: { status: 'closed' } },
  { name: 'a round whose time is up', round: 'timeUp', correct: true, result: { status: 'closed' } },
  { name: 'no such round', round: 'missing', correct: true, result: { status: 'missing' } },
];

const LEASE = { owner: 'test', until: 0 };
let rounds = 0;

async function openRound(store: Store, scoring: RoundScoring, closesAt = 10_000): Promise<number> {
  const n = ++rounds;
  const round = await store.rounds.open({
    scopeId: SCOPE,
    channelId: `C${n}`,
    seed: n,
    generator: 1,
    level: 'medium',
    topic: 'conv',
    questionKey: `k${n}`,
    answer: 5n,
    lang: 'en',
    openedBy: null,
    openedAt: 0,
    closesAt,
    scoring,
    lease: LEASE,
  });
  return round!.id;
}

const input = (roundId: number, user: string, correct: boolean, c: Partial<Case> & { at?: number }): AnswerInput => ({
  roundId,
  player: { userId: user, name: user },
  value: correct ? 5n : 4n,
  correct,
  mistakes: c.mistakes ?? [],
  lapses: c.lapses ?? [],
  points: POINTS,
  now: c.at ?? NOW,
  week: WEEK,
  daily: { cap: c.cap ?? 10, ...DAY },
});

describe.each(ENGINES)('the scoring rule on %s', (engine) => {
  it.each(CASES)('$name', async (c) => {
    const { store } = await openTestStore(engine);
    await store.scopes.ensure(SCOPE, { timezone: 'Asia/Taipei', language: 'en' });
    const season = (await store.scopes.startSeason(SCOPE, 'fall', 0))!;
    const scoring = c.scoring ?? 'scored';
    const roundId = await openRound(store, scoring, c.round === 'timeUp' ? NOW : 10_000);
    for (const g of c.given ?? []) {
      const where = g.sameRound ? roundId : await openRound(store, scoring);
      expect((await store.rounds.answer(input(where, g.user, g.correct, { cap: c.cap ?? 10, ...(g.at !== undefined && { at: g.at }) }))).status).toBe('recorded');
    }
    if (c.round === 'closed') await store.rounds.close(roundId, { now: NOW - 1, reason: 'admin', lease: LEASE, bonus: { points: 5, minAnswers: 2 } });
    const before = await snapshot(store);

    const result = await store.rounds.answer(input(c.round === 'missing' ? 999_999 : roundId, 'U_ME', c.correct, c));
    expect(result).toEqual(c.result);

    if (result.status !== 'recorded') {
      expect(await snapshot(store)).toBe(before); // refused: nothing written, not even the member
      return;
    }
    const me = (await store.scopes.memberId(SCOPE, 'U_ME'))!;
    for (const board of ['all', `week:${WEEK}`, `season:${season.id}`] as const) {
      const row = await store.boards.rowOf(SCOPE, board, me);
      expect(row === undefined ? null : { points: row.points, correct: row.correct, answered: row.answered }, board).toEqual(c.board);
    }
    const [stat] = await store.reports.roundStats(SCOPE, { from: 0, to: 1 }, 0, 100).then((all) => all.filter((s) => s.round.id === roundId));
    const earlier = (c.given ?? []).filter((g) => g.sameRound);
    expect(stat).toMatchObject({ answered: earlier.length + 1, correct: earlier.filter((g) => g.correct).length + (c.correct ? 1 : 0) });
    expect(stat!.mistakes).toEqual([...(c.mistakes ?? [])].sort().map((id) => ({ id, answers: 1 })));
    expect((await store.rounds.answers(roundId)).find((a) => a.userId === 'U_ME')).toMatchObject({
      mistakes: c.mistakes ?? [],
      first: result.first,
      points: result.points,
      scored: result.unscored === null,
    });
    // The class's mastery counts every answer, scored or not, on all time and the season, never the week.
    const answeredHere = 1 + (c.given ?? []).length;
    for (const board of ['all', `season:${season.id}`] as const) expect((await store.reports.classTopics(SCOPE, board))[0]?.answered).toBe(answeredHere);
    expect(await store.reports.classTopics(SCOPE, `week:${WEEK}`)).toEqual([]);
    expect((await store.practice.deck(me)).lapses.map((l) => [l.topic, l.family, l.at])).toEqual((c.lapses ?? []).map((f) => ['conv', f, NOW]));
  });
});

const DELETE_ROUND = sql`DELETE FROM rounds WHERE id = :id`;
const DELETE_MEMBER = sql`DELETE FROM members WHERE id = :id`;
const NEW_ROUND_ID = sql`UPDATE rounds SET id = id + 1000 WHERE id = :id`;
const NEW_MEMBER_ID = sql`UPDATE members SET id = id + 1000 WHERE id = :id`;

/**
 * An answer refers to its round and its member. SQLite keeps that with foreign keys; PostgreSQL's
 * record_answer holds both rows locked while it writes the answer, and triggers refuse what the
 * keys refused to anyone else (db/013): deleting, or giving another id to, a round or a member
 * that has answers.
 */
describe.each(ENGINES)("an answer's round and member on %s", (engine) => {
  it('are neither deleted nor given another id while the answer is there', async () => {
    const { store } = await openTestStore(engine);
    const { db } = store as SqlStore;
    await store.scopes.ensure(SCOPE, { timezone: 'Asia/Taipei', language: 'en' });
    // A practice round's wrong answer naming a mistake and lapsing no skill: the member's only row elsewhere is the answer.
    const roundId = await openRound(store, 'practice');
    expect((await store.rounds.answer(input(roundId, 'U_ME', false, { mistakes: ['forgotBias'] }))).status).toBe('recorded');
    const member = (await store.scopes.memberId(SCOPE, 'U_ME'))!;
    const before = await snapshot(store);
    await expect(db.run(DELETE_ROUND, { id: roundId })).rejects.toThrow();
    await expect(db.run(DELETE_MEMBER, { id: member })).rejects.toThrow();
    await expect(db.run(NEW_ROUND_ID, { id: roundId })).rejects.toThrow();
    await expect(db.run(NEW_MEMBER_ID, { id: member })).rejects.toThrow();
    expect(await snapshot(store)).toBe(before);
    // A round nobody answered and a member who never answered go as before.
    expect(await db.run(DELETE_ROUND, { id: await openRound(store, 'scored') })).toBe(1);
    expect(await db.run(DELETE_MEMBER, { id: await store.scopes.ensureMember(SCOPE, { userId: 'U_NEW', name: 'new' }) })).toBe(1);
  });
});
