/**
 * Boards on both store engines: every page of a board with many ties, and every member's own row,
 * ranked as the definition says (1 + the rows strictly ahead: more points, or as many points and
 * more correct answers), read through view (one statement), page and rowOf; and the board's rungs
 * (score_counts) always what the rows add up to, through answers, bonuses and removals.
 */
import { describe, expect, it } from 'vitest';
import type { BoardRow } from '../../src/domain/index.js';
import type { Store } from '../../src/store/store.js';
import { ENGINES, openTestStore } from '../support/quiz.js';
import { snapshot } from '../support/snapshot.js';

const NO_CAP = { cap: 1000, from: 0, to: 0 };
const WEEK = '2026-W48';

/** The rungs as kept, and as the rows add them up: they must be the same. */
async function rungs(store: Store): Promise<{ kept: unknown; counted: unknown }> {
  const tables = JSON.parse(await snapshot(store)) as Array<[string, Array<Record<string, unknown>>]>;
  const rows = (name: string) => tables.find(([t]) => t === name)![1];
  const key = (r: Record<string, unknown>) => `${String(r.scope_id)}|${String(r.board)}|${Number(r.points)}|${Number(r.correct)}`;
  const kept = Object.fromEntries(rows('score_counts').map((r) => [key(r), Number(r.members)]));
  const counted: Record<string, number> = {};
  for (const r of rows('scores')) counted[key(r)] = (counted[key(r)] ?? 0) + 1;
  return { kept, counted };
}

describe.each(ENGINES)('boards on %s', (engine) => {
  it('ranks every page and every asker as the definition does, ties across page boundaries included', async () => {
    const { store } = await openTestStore(engine);
    const scopeId = 'boards';
    await store.scopes.ensure(scopeId, { timezone: 'Asia/Taipei', language: 'en' });
    const members = 47;
    for (let r = 0; r < 3; r++) {
      const round = (await store.rounds.open({
        scopeId,
        channelId: `C${r}`,
        seed: r,
        generator: 1,
        level: 'easy',
        topic: 'dense',
        questionKey: `k${r}`,
        answer: 5n,
        lang: 'en',
        openedBy: null,
        openedAt: 0,
        closesAt: Number.MAX_SAFE_INTEGER,
        scoring: 'scored',
        lease: { owner: 'test', until: 0 },
      }))!;
      for (let i = 0; i < members; i++) {
        // Few distinct totals, so that tie groups straddle the pages of 10.
        const correct = (i * 7 + r * 3) % 4 !== 0;
        await store.rounds.answer({
          roundId: round.id,
          player: { userId: `U${i}`, name: `user${i}` },
          value: correct ? 5n : 4n,
          correct,
          mistakes: [],
          lapses: [],
          points: correct ? 10 * ((i + r) % 2) : 0,
          now: 1,
          week: WEEK,
          daily: NO_CAP,
        });
      }
    }
    const all: BoardRow[] = [];
    for (let offset = 0; offset < members; offset += 10) all.push(...(await store.boards.page(scopeId, 'all', { offset, limit: 10 })));
    expect(all).toHaveLength(members);
    const ahead = (a: BoardRow, b: BoardRow) => b.points > a.points || (b.points === a.points && b.correct > a.correct);
    for (const row of all) expect(row.rank).toBe(1 + all.filter((other) => ahead(row, other)).length);
    // In ranking order: points, then correct answers, then member id.
    const sorted = [...all].sort((a, b) => b.points - a.points || b.correct - a.correct || a.memberId - b.memberId);
    expect(all.map((r) => r.memberId)).toEqual(sorted.map((r) => r.memberId));
    expect(new Set(all.map((r) => r.rank)).size).toBeLessThan(12); // the ties are real

    for (const offset of [0, 7, 10, 13, 40, 46, 47, 60]) {
      const asker = `U${offset % members}`;
      const view = await store.boards.view(scopeId, 'all', { offset, limit: 10 }, asker);
      expect(view.size).toBe(members);
      expect(view.rows).toEqual(all.slice(offset, offset + 10));
      expect(view.mine).toEqual(all.find((r) => r.userId === asker));
    }
    for (const row of all) expect(await store.boards.rowOf(scopeId, 'all', row.memberId)).toEqual(row);
    expect(await store.boards.size(scopeId, 'all')).toBe(members);
    // The week's board is the same board: every answer counted on it too.
    expect((await store.boards.view(scopeId, `week:${WEEK}`, { offset: 20, limit: 10 })).rows).toEqual(all.slice(20, 30));
    expect((await store.boards.view(scopeId, 'all', { offset: 0, limit: 10 }, 'nobody')).mine).toBeUndefined();
    expect((await store.boards.view(scopeId, 'all', { offset: 0, limit: 10 })).mine).toBeUndefined();
    expect(await store.boards.view(scopeId, 'week:2026-W01', { offset: 0, limit: 10 }, 'U1')).toEqual({ size: 0, rows: [], mine: undefined });
    expect(await store.boards.rowOf(scopeId, 'week:2026-W01', all[0]!.memberId)).toBeUndefined();
  });

  it('keeps its rungs what the rows add up to, through answers, a bonus and a removal', async () => {
    const { store } = await openTestStore(engine);
    const scopeId = 'rungs';
    await store.scopes.ensure(scopeId, { timezone: 'Asia/Taipei', language: 'en' });
    await store.scopes.startSeason(scopeId, 'fall', 0);
    const round = (await store.rounds.open({
      scopeId,
      channelId: 'C',
      seed: 1,
      generator: 1,
      level: 'easy',
      topic: 'dense',
      questionKey: 'k',
      answer: 5n,
      lang: 'en',
      openedBy: null,
      openedAt: 0,
      closesAt: 100,
      scoring: 'scored',
      lease: { owner: 'test', until: 0 },
    }))!;
    for (let i = 0; i < 6; i++) {
      const correct = i % 3 !== 2;
      await store.rounds.answer({
        roundId: round.id,
        player: { userId: `U${i}`, name: `user${i}` },
        value: correct ? 5n : 4n,
        correct,
        mistakes: [],
        lapses: [],
        points: 10,
        now: 1 + i,
        week: WEEK,
        daily: NO_CAP,
      });
    }
    await store.rounds.close(round.id, { now: 50, reason: 'timeout', lease: { owner: 'test', until: 0 }, bonus: { points: 5, minAnswers: 2 } });
    await store.boards.removeScores(scopeId, (await store.scopes.memberId(scopeId, 'U1'))!);
    const { kept, counted } = await rungs(store);
    expect(kept).toEqual(counted);
    // The first answer's bonus went on every board it counted on: all time, its week, the season.
    const season = (await store.scopes.currentSeason(scopeId))!;
    for (const board of ['all', `week:${WEEK}`, `season:${season.id}`] as const) {
      expect((await store.boards.view(scopeId, board, { offset: 0, limit: 10 })).rows.map((r) => [r.userId, r.points, r.rank])).toEqual([
        ['U0', 15, 1],
        ['U3', 10, 2],
        ['U4', 10, 2],
        ['U2', 0, 4],
        ['U5', 0, 4],
      ]);
    }
  });
});
