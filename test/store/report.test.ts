/**
 * What the teacher's report reads, on both store engines: the tallies kept in each answer's own
 * transaction (a round's answers and right answers, its named mistakes, the class's answers per
 * topic on the all-time and season boards, practice included), the weeks a class played, a page of
 * the student × week matrix, the per-answer export in pages, question sets, and the link key.
 */
import { describe, expect, it } from 'vitest';
import { ENGINES, alice, bob, carol, harness, type Harness } from '../support/quiz.js';
import { weekBoard, type Player } from '../../src/domain/index.js';
import { isoWeek } from '../../src/quiz/week.js';

const SCOPE = 'discord:G1';
const WEEK_MS = 7 * 86_400_000;

/** Opens a round of a generated question, has each player answer (right or with the question's first named mistake), and closes it. */
async function round(h: Harness, answers: ReadonlyArray<readonly [Player, 'right' | 'wrong' | bigint]>, topic: 'conv' | 'dense' = 'conv') {
  const started = await h.quiz.start({ scopeId: SCOPE, channelId: 'C1', opener: { kind: 'schedule' }, lang: 'en', level: 'hard', topics: [topic] });
  if (!started.ok) throw new Error('no round');
  const mistake = started.question.mistakes[0]!;
  for (const [player, how] of answers) {
    const value = how === 'right' ? started.question.answer : how === 'wrong' ? mistake.value : how;
    await h.quiz.answer({ scopeId: SCOPE, channelId: 'C1', player, text: value.toString() });
  }
  await h.quiz.close(started.round.id, 'admin');
  return { round: started.round, question: started.question, mistake };
}

for (const engine of ENGINES) {
  describe(`the report's reads (${engine})`, () => {
    it("keeps each round's answers, right answers and named mistakes, newest round first", async () => {
      const h = await harness({ engine });
      const first = await round(h, [
        [alice, 'right'],
        [bob, 'wrong'],
        [carol, 'wrong'],
      ]);
      h.clock.advance(60_000);
      const second = await round(
        h,
        [
          [alice, 'wrong'],
          [bob, 'right'],
        ],
        'dense',
      );
      const stats = await h.store.reports.roundStats(SCOPE, { from: 0, to: Number.MAX_SAFE_INTEGER }, 0, 10);
      expect(stats.map((s) => s.round.id)).toEqual([second.round.id, first.round.id]);
      expect(stats[1]).toMatchObject({ answered: 3, correct: 1 });
      // Every mistake that gives the value is named for both wrong answers; the first one is among them.
      expect(stats[1]!.mistakes.find((m) => m.id === first.mistake.id)).toEqual({ id: first.mistake.id, answers: 2 });
      expect(stats[0]).toMatchObject({ answered: 2, correct: 1 });
      expect(await h.store.reports.roundCount(SCOPE, { from: 0, to: Number.MAX_SAFE_INTEGER })).toBe(2);
      expect(await h.store.reports.roundCount(SCOPE, { from: second.round.openedAt, to: Number.MAX_SAFE_INTEGER })).toBe(1);
      expect(await h.store.reports.firstRoundAt(SCOPE)).toBe(first.round.openedAt);
      expect(await h.store.reports.firstRoundAt('discord:nobody')).toBeUndefined();
    });

    it("keeps the class's answers per topic on all time and the season, practice included, and not per week", async () => {
      const h = await harness({ engine });
      await round(h, [
        [alice, 'right'],
        [bob, 'wrong'],
      ]);
      await h.quiz.scopes.startSeason(SCOPE, '2026-fall');
      const season = (await h.quiz.scopes.currentSeason(SCOPE))!;
      await round(
        h,
        [
          [alice, 'right'],
          [carol, 'right'],
        ],
        'dense',
      );
      const member = await h.store.scopes.ensureMember(SCOPE, bob);
      await h.store.practice.record(
        { memberId: member, seed: 5, generator: 2, level: 'easy', topic: 'dense', value: 1n, correct: false, mistakes: [], questionKey: 'dense|easy|t', now: h.clock.now() },
        { reviews: [], applied: [] },
      );
      expect(await h.store.reports.classTopics(SCOPE, 'all')).toEqual([
        { topic: 'conv', answered: 2, correct: 1 },
        { topic: 'dense', answered: 3, correct: 2 },
      ]);
      expect(await h.store.reports.classTopics(SCOPE, `season:${season.id}`)).toEqual([{ topic: 'dense', answered: 3, correct: 2 }]);
      const week = weekBoard(isoWeek(h.clock.now(), 'Asia/Taipei'));
      expect(await h.store.reports.classTopics(SCOPE, week)).toEqual([]);
    });

    it("keeps each answer's question key and named mistakes in a student's history, rounds and practice (what /review misses replays)", async () => {
      const h = await harness({ engine });
      const asked = await round(h, [[bob, 'wrong']]);
      const member = await h.store.scopes.ensureMember(SCOPE, bob);
      await h.store.practice.record(
        { memberId: member, seed: 5, generator: 2, level: 'easy', topic: 'dense', value: 1n, correct: false, mistakes: ['forgotBias', 'swapped'], questionKey: 'dense|easy|t', now: h.clock.now() + 1 },
        { reviews: [], applied: [] },
      );
      const [inRound, inPractice] = await h.store.reports.history(member);
      expect(inRound).toMatchObject({ source: 'round', topic: 'conv', correct: false });
      expect(inRound).toMatchObject({ questionKey: asked.question.key });
      expect(inRound!.mistakes).toContain(asked.mistake.id);
      expect(inPractice).toMatchObject({ source: 'practice', questionKey: 'dense|easy|t', mistakes: ['forgotBias', 'swapped'] });
    });

    it('tells the weeks anyone scored in, and reads a page of the student × week matrix', async () => {
      const h = await harness({ engine });
      await round(h, [
        [alice, 'right'],
        [bob, 'wrong'],
      ]);
      const week1 = weekBoard(isoWeek(h.clock.now(), 'Asia/Taipei'));
      h.clock.advance(2 * WEEK_MS);
      await round(h, [
        [alice, 'right'],
        [carol, 'right'],
      ]);
      const week3 = weekBoard(isoWeek(h.clock.now(), 'Asia/Taipei'));
      const between = weekBoard(`${week1.slice(5, 10)}W99`);
      expect(await h.store.boards.active(SCOPE, [week3, between, week1])).toEqual([week3, week1]);
      const ids = await Promise.all([alice, bob, carol].map((p) => h.store.scopes.memberId(SCOPE, p.userId)));
      const cells = await h.store.boards.cells(SCOPE, [week1, week3], [ids[0]!, ids[1]!]);
      const of = (id: number, board: string) => cells.find((c) => c.memberId === id && c.board === board);
      // 30 for a hard question and the first-correct bonus of 5 (two answered).
      expect(of(ids[0]!, week1)).toMatchObject({ points: 35, correct: 1, answered: 1 });
      expect(of(ids[0]!, week3)).toMatchObject({ points: 35, correct: 1, answered: 1 });
      expect(of(ids[1]!, week1)).toMatchObject({ points: 0, correct: 0, answered: 1 });
      expect(of(ids[1]!, week3)).toBeUndefined();
      expect(cells.some((c) => c.memberId === ids[2])).toBe(false); // carol was not asked for
      // The weeks of a period, oldest first, with only those played.
      expect(await h.reports.weeks(await h.quiz.scope(SCOPE), { kind: 'all' })).toEqual([week1.slice(5), week3.slice(5)]);
    });

    it('exports every answer of the period page by page, in round and member order, none twice', async () => {
      const h = await harness({ engine });
      const players = Array.from({ length: 7 }, (_, i) => ({ userId: `U${i}`, name: `student ${i}` }));
      const a = await round(
        h,
        players.map((p, i) => [p, i % 2 === 0 ? 'right' : 'wrong'] as const),
      );
      const b = await round(
        h,
        players.slice(0, 4).map((p) => [p, 'right'] as const),
      );
      const range = { from: 0, to: Number.MAX_SAFE_INTEGER };
      const seen: string[] = [];
      let after = null;
      for (let page = 0; page < 10; page++) {
        const rows = await h.store.reports.answersPage(SCOPE, range, after, 3);
        if (rows.length === 0) break;
        seen.push(...rows.map((r) => `${r.roundId}:${r.userId}:${r.correct}`));
        after = { roundId: rows.at(-1)!.roundId, memberId: rows.at(-1)!.memberId };
      }
      expect(seen).toHaveLength(11);
      expect(new Set(seen).size).toBe(11);
      expect(seen.slice(0, 7).every((s) => s.startsWith(`${a.round.id}:`))).toBe(true);
      expect(seen.slice(7).every((s) => s.startsWith(`${b.round.id}:`) && s.endsWith(':true'))).toBe(true);
      const [row] = await h.store.reports.answersPage(SCOPE, range, null, 1);
      expect(row).toMatchObject({
        roundId: a.round.id,
        userId: 'U0',
        name: 'student 0',
        topic: 'conv',
        level: 'hard',
        value: a.question.answer,
        answer: a.question.answer,
        correct: true,
        scored: true,
      });
      expect(await h.store.reports.answersPage(SCOPE, { from: b.round.openedAt + 1, to: Number.MAX_SAFE_INTEGER }, null, 100)).toEqual([]);
    });

    it("keeps question sets, adds a file's questions all at once, and removes one without touching the rest", async () => {
      const h = await harness({ engine });
      await h.quiz.scope(SCOPE);
      const base = { scopeId: SCOPE, level: 'medium' as const, wording: null, createdBy: 'T1', createdAt: 1 };
      const added = await h.store.questions.add([
        { ...base, set: 'week3', spec: 'vgg16-lecture', ask: { kind: 'params', layer: 20 } },
        { ...base, set: 'week3', spec: 'conv 3 64 3', ask: { kind: 'total' }, wording: 'How many?' },
        { ...base, set: 'week4', spec: 'dense 512 10', ask: { kind: 'any' } },
      ]);
      expect(added.map((q) => q.set)).toEqual(['week3', 'week3', 'week4']);
      expect((await h.store.questions.list(SCOPE, 'week3')).map((q) => [q.spec, q.ask, q.wording])).toEqual([
        ['vgg16-lecture', { kind: 'params', layer: 20 }, null],
        ['conv 3 64 3', { kind: 'total' }, 'How many?'],
      ]);
      expect(await h.store.questions.remove(SCOPE, added[0]!.id, 2)).toBe(true);
      expect(await h.store.questions.remove(SCOPE, added[0]!.id, 3)).toBe(false);
      expect(await h.store.questions.remove('discord:other', added[1]!.id, 3)).toBe(false);
      expect((await h.store.questions.list(SCOPE)).map((q) => q.spec)).toEqual(['conv 3 64 3', 'dense 512 10']);
    });

    it('keeps the first link key it is given: every process signs with the same one', async () => {
      const h = await harness({ engine });
      expect(await h.store.keys.webSecret('first-key')).toBe('first-key');
      expect(await h.store.keys.webSecret('second-key')).toBe('first-key');
    });
  });
}
