/**
 * A database kept before the store was written once opens, migrates forward, and keeps its data.
 * SQLite: test/fixtures/sqlite-schema6.db is a class as the bot before schema 7 kept it (made by
 * that bot's own code: three closed rounds with named mistakes and a first-correct bonus, practice
 * with its cards and review logs, a pending question, a question set, a schedule, posted
 * standings, the link key, a season, and a round still open with two right answers). PostgreSQL:
 * a database migrated to its schema 4, written by its record_answer of then.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DB_DIR } from '../../src/store/migrations.js';
import { migrate } from '../../src/store/postgres.js';
import { openPostgres, openSqlite, type Store } from '../../src/store/store.js';
import { freshDatabase, testPool } from '../support/postgres.js';
import { onCleanup, tempDir } from '../support/quiz.js';
import { snapshot } from '../support/snapshot.js';

const SCOPE = 'discord:G1';
const LEASE = { owner: 'new-bot', until: 0 };
const BONUS = { points: 5, minAnswers: 2 };

/** The rungs as kept and as the rows add them up. */
async function rungsHold(store: Store): Promise<void> {
  const tables = JSON.parse(await snapshot(store)) as Array<[string, Array<Record<string, unknown>>]>;
  const rows = (name: string) => tables.find(([t]) => t === name)![1];
  const key = (r: Record<string, unknown>) => `${String(r.scope_id)}|${String(r.board)}|${Number(r.points)}|${Number(r.correct)}`;
  const counted: Record<string, number> = {};
  for (const r of rows('scores')) counted[key(r)] = (counted[key(r)] ?? 0) + 1;
  expect(Object.fromEntries(rows('score_counts').map((r) => [key(r), Number(r.members)]))).toEqual(counted);
}

/** The open round's first right answer gets its bonus, after the upgrade, on the boards it counted on. */
async function bonusAfterUpgrade(store: Store, roundId: number, week: string): Promise<void> {
  const ana = (await store.scopes.memberId(SCOPE, 'U_ANA'))!;
  const season = (await store.scopes.currentSeason(SCOPE))!;
  const boards = ['all', `week:${week}`, `season:${season.id}`] as const;
  const before = await Promise.all(boards.map((b) => store.boards.rowOf(SCOPE, b, ana)));
  expect(await store.rounds.close(roundId, { now: Date.UTC(2026, 10, 23, 9), reason: 'admin', lease: LEASE, bonus: BONUS })).toMatchObject({ id: roundId });
  const after = await Promise.all(boards.map((b) => store.boards.rowOf(SCOPE, b, ana)));
  expect(after.map((r, i) => r!.points - before[i]!.points)).toEqual([5, 5, 5]);
  await rungsHold(store);
}

describe('an SQLite file from before schema 7', () => {
  it('opens, migrates forward and keeps every record', async () => {
    const path = join(tempDir(), 'class.db');
    copyFileSync(join(import.meta.dirname, '../fixtures/sqlite-schema6.db'), path);
    const store = openSqlite(path);
    onCleanup(() => store.close());
    expect(store.db.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    await rungsHold(store);

    const board = await store.boards.view(SCOPE, 'all', { offset: 0, limit: 10 }, 'U_BEN');
    expect(board.rows.map((r) => [r.name, r.rank, r.correct, r.answered])).toEqual([
      ['ana', 1, 4, 4],
      ['ben', 2, 2, 4],
      ['cai', 3, 0, 3],
    ]);
    expect(board.mine).toMatchObject({ name: 'ben', rank: 2 });
    const [ana, cai] = [(await store.scopes.memberId(SCOPE, 'U_ANA'))!, (await store.scopes.memberId(SCOPE, 'U_CAI'))!];
    expect(await store.scopes.member(SCOPE, ana)).toEqual({ id: ana, userId: 'U_ANA', name: 'ana' });
    expect((await store.reports.history(ana)).map((h) => [h.source, h.correct])).toEqual([
      ['round', true],
      ['round', true],
      ['round', true],
      ['round', true],
    ]);
    expect((await store.reports.history(cai)).map((h) => h.source)).toEqual(['round', 'round', 'round', 'practice']);
    const stats = await store.reports.roundStats(SCOPE, { from: 0, to: Number.MAX_SAFE_INTEGER }, 0, 10);
    expect(stats.map((s) => [s.answered, s.correct])).toEqual([
      [2, 2],
      [3, 2],
      [3, 1],
      [3, 1],
    ]);
    expect(stats[3]!.mistakes.length).toBeGreaterThan(0);
    expect((await store.rounds.answers(1)).find((a) => a.userId === 'U_BEN')!.mistakes.length).toBeGreaterThan(0);
    const deck = await store.practice.deck(cai);
    expect(deck.cards.length).toBeGreaterThan(0);
    expect(deck.lapses).toEqual([]);
    expect((await store.practice.reviewLogs(cai)).length).toBeGreaterThan(1);
    expect(await store.practice.pending(ana)).toMatchObject({ channelId: 'C1' });
    expect((await store.questions.list(SCOPE, 'week1')).map((q) => [q.spec, q.ask])).toEqual([['conv 3 64 3', { kind: 'total' }]]);
    expect((await store.schedules.list(SCOPE)).map((s) => [s.weekday, s.time, s.topics])).toEqual([[1, '10:00', ['dense']]]);
    expect(await store.schedules.standingsPosted(SCOPE, '2026-W47')).toBe(true);
    expect(await store.keys.webSecret('a-new-key')).toBe('the-old-key');
    expect(await store.scopes.get(SCOPE)).toMatchObject({ quizChannel: 'C1', dailyCap: 5 });

    // The round open at the upgrade still takes answers, and closes with its bonus where it counted.
    const open = (await store.rounds.openIn(SCOPE, 'C2'))!;
    const now = open.openedAt + 1_000;
    expect(
      await store.rounds.answer({
        roundId: open.id,
        player: { userId: 'U_CAI', name: 'cai' },
        value: open.answer + 1n,
        correct: false,
        mistakes: [],
        lapses: ['bias'],
        points: 30,
        now,
        week: '2026-W48',
        daily: { cap: 5, from: 0, to: 1 },
      }),
    ).toMatchObject({ status: 'recorded' });
    await bonusAfterUpgrade(store, open.id, '2026-W48');
  });
});

describe('a PostgreSQL database from before schema 7', () => {
  it('migrates forward and keeps every record', async () => {
    const url = await freshDatabase();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    onCleanup(() => admin.end());
    await admin.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    const legacy = testPool(url, { max: 1 });
    expect(await migrate(legacy, [join(DB_DIR, 'postgres')])).toEqual([1, 2, 3, 4]);
    await legacy.end();
    // A class as the bot of schema 4 wrote it: a season, a closed round, and an open one answered by its record_answer.
    await admin.query(`INSERT INTO scopes (id, timezone, language, created_at) VALUES ('${SCOPE}', 'Asia/Taipei', 'en', 0)`);
    await admin.query(`INSERT INTO seasons (scope_id, name, started_at) VALUES ('${SCOPE}', 'fall', 0)`);
    const { rows } = await admin.query<{ id: string }>(
      `INSERT INTO rounds (scope_id, channel_id, seed, generator, level, topic, question_key, answer, lang, opened_at, closes_at, scoring)
       VALUES ('${SCOPE}', 'C1', 1, 1, 'easy', 'dense', 'k1', '5', 'en', 0, 100000, 'scored'), ('${SCOPE}', 'C2', 2, 1, 'easy', 'dense', 'k2', '7', 'en', 0, 100000, 'scored') RETURNING id`,
    );
    const [closed, open] = rows.map((r) => Number(r.id));
    const season = (await admin.query<{ id: string }>('SELECT id FROM seasons')).rows[0]!.id;
    const boards = ['all', 'week:2026-W48', `season:${season}`];
    const old = (round: number, user: string, value: string, correct: boolean, mistake: string | null) =>
      admin.query('SELECT * FROM record_answer($1, $2, $2, $3, $4, $5, 20, 10, $6, 0, 1, 10, $7, $8)', [
        round,
        user,
        value,
        correct,
        mistake,
        boards,
        mistake ? [mistake] : [],
        ['all', `season:${season}`],
      ]);
    await old(closed!, 'U_ANA', '5', true, null);
    await old(closed!, 'U_BEN', '4', false, 'forgotBias');
    await admin.query('UPDATE rounds SET closed_at = 50 WHERE id = $1', [closed]);
    await old(open!, 'U_ANA', '7', true, null);
    await old(open!, 'U_BEN', '7', true, null);

    const store = await openPostgres(url, { max: 2 });
    onCleanup(() => store.close());
    expect((await admin.query('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version)).toEqual([1, 2, 3, 4, 7, 8, 9, 10, 11, 12, 13, 14]);
    await rungsHold(store);
    expect((await store.boards.view(SCOPE, 'all', { offset: 0, limit: 10 }, 'U_BEN')).rows.map((r) => [r.userId, r.points, r.rank])).toEqual([
      ['U_ANA', 40, 1],
      ['U_BEN', 20, 2],
    ]);
    expect((await store.rounds.answers(closed!)).map((a) => a.mistakes)).toEqual([[], ['forgotBias']]);
    expect(
      await store.rounds.answer({
        roundId: open!,
        player: { userId: 'U_CAI', name: 'cai' },
        value: 6n,
        correct: false,
        mistakes: ['x'],
        lapses: ['bias'],
        points: 20,
        now: 20,
        week: '2026-W48',
        daily: { cap: 10, from: 0, to: 1 },
      }),
    ).toEqual({ status: 'recorded', first: false, points: 0, unscored: null });
    await bonusAfterUpgrade(store, open!, '2026-W48');
  });
});
