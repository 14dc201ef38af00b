/**
 * Boards on both store engines: every page of a board with many ties, and every member's own row,
 * ranked as the definition says (1 + the rows strictly ahead: more points, or as many points and
 * more correct answers), read through boardView (one statement on PostgreSQL) and board().
 */
import { describe, expect, it } from 'vitest';
import type { BoardRow } from '../../src/store/store.js';
import { ENGINES, openTestStore } from '../support/quiz.js';

const NO_CAP = { cap: 1000, from: 0, to: 0 };

describe.each(ENGINES)('boards on %s', (engine) => {
  it('ranks every page and every asker as the definition does, ties across page boundaries included', async () => {
    const { store } = await openTestStore(engine);
    const scopeId = 'boards';
    await store.ensureScope(scopeId, { timezone: 'Asia/Taipei', language: 'en' });
    const members = 47;
    for (let r = 0; r < 3; r++) {
      const round = (await store.insertRound({ scopeId, channelId: `C${r}`, seed: r, generator: 1, level: 'easy', topic: 'dense', questionKey: `k${r}`, answer: 5n, lang: 'en', openedBy: null, openedAt: 0, closesAt: Number.MAX_SAFE_INTEGER, scoring: 'scored', lease: { owner: 'test', until: 0 } }))!;
      for (let i = 0; i < members; i++) {
        // Few distinct totals, so that tie groups straddle the pages of 10.
        const correct = (i * 7 + r * 3) % 4 !== 0;
        await store.recordAnswer({ roundId: round.id, member: { userId: `U${i}`, name: `user${i}` }, value: correct ? 5n : 4n, correct, mistake: null, points: correct ? 10 * ((i + r) % 2) : 0, now: 1, boards: ['all'], daily: NO_CAP });
      }
    }
    const all: BoardRow[] = [];
    for (let offset = 0; offset < members; offset += 10) all.push(...(await store.board(scopeId, 'all', offset, 10)));
    expect(all).toHaveLength(members);
    const ahead = (a: BoardRow, b: BoardRow) => b.points > a.points || (b.points === a.points && b.correct > a.correct);
    for (const row of all) expect(row.rank).toBe(1 + all.filter((other) => ahead(row, other)).length);
    // In ranking order: points, then correct answers, then member id.
    const sorted = [...all].sort((a, b) => b.points - a.points || b.correct - a.correct || a.memberId - b.memberId);
    expect(all.map((r) => r.memberId)).toEqual(sorted.map((r) => r.memberId));
    expect(new Set(all.map((r) => r.rank)).size).toBeLessThan(12); // the ties are real

    for (const offset of [0, 7, 10, 13, 40, 46, 47, 60]) {
      const asker = `U${offset % members}`;
      const view = await store.boardView(scopeId, 'all', { offset, limit: 10 }, asker);
      expect(view.size).toBe(members);
      expect(view.rows).toEqual(all.slice(offset, offset + 10));
      expect(view.mine).toEqual(all.find((r) => r.userId === asker));
    }
    expect((await store.boardView(scopeId, 'all', { offset: 0, limit: 10 }, 'nobody')).mine).toBeUndefined();
    expect((await store.boardView(scopeId, 'all', { offset: 0, limit: 10 })).mine).toBeUndefined();
    expect(await store.boardView(scopeId, 'week:2026-W01', { offset: 0, limit: 10 }, 'U1')).toEqual({ size: 0, rows: [], mine: undefined });
  });
});
