/**
 * The PostgreSQL store on a real server: migrations applied in order, once, also when two
 * processes start together, and rolled back when one fails; a server restarted under load makes
 * the bot answer "busy" for those seconds and recover by itself, with nothing lost or duplicated.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { QuizService } from '../../src/quiz/service.js';
import { migrations } from '../../src/store/migrations.js';
import { migrate } from '../../src/store/postgres.js';
import { openPostgres } from '../../src/store/store.js';
import { StoreBusyError } from '../../src/domain/index.js';
import { freshDatabase, testPool } from '../support/postgres.js';
import { startCluster } from '../support/postgres-server.js';
import { withDatabase } from '../support/postgres-setup.js';
import { onCleanup } from '../support/quiz.js';

async function emptyDatabase(): Promise<string> {
  const url = await freshDatabase();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  await client.end();
  return url;
}

const tablesOf = async (pool: pg.Pool) =>
  (await pool.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")).rows.map((r) => r.table_name);

describe('PostgreSQL migrations', () => {
  it('are applied in order and recorded, once, also by two processes starting together', async () => {
    const url = await emptyDatabase();
    const pools = [testPool(url), testPool(url)];
    // PostgreSQL's own files from before the store was written once, then the ones both engines share.
    const files = migrations('postgres').map((m) => m.name);
    expect(files).toEqual([
      '001_init.sql',
      '002_review.sql',
      '003_web_report.sql',
      '004_record_answer.sql',
      '007_store_written_once.sql',
      '008_practice_question_key.sql',
      '009_table_answers.sql',
      '010_score_rungs_on_change.sql',
      '011_answer_with_less_work.sql',
      '012_checks_as_domains.sql',
      '013_answer_references_held_by_locks.sql',
      '014_round_locked_by_its_tally.sql',
    ]);
    const [a, b] = await Promise.all(pools.map((p) => migrate(p)));
    // each applied by one of the two, the other found it done
    expect([...a!, ...b!].sort((x, y) => x - y)).toEqual(files.map((f) => Number(f.slice(0, 3))));
    expect(await tablesOf(pools[0]!)).toEqual(
      expect.arrayContaining(['answers', 'cards', 'lapses', 'practice_pending', 'review_logs', 'rounds', 'schema_migrations', 'score_counts', 'scores', 'seen_requests']),
    );
    expect((await pools[0]!.query('SELECT version, name FROM schema_migrations ORDER BY version')).rows).toEqual(files.map((name) => ({ version: Number(name.slice(0, 3)), name })));
    expect(await migrate(pools[1]!)).toEqual([]);
  });

  it('roll a failing migration back whole, and say why', async () => {
    const url = await emptyDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'paramquiz-pg-migrations-'));
    writeFileSync(join(dir, '001_good.sql'), 'CREATE TABLE kept (x INTEGER)');
    writeFileSync(join(dir, '002_bad.sql'), 'CREATE TABLE dropped (x INTEGER); INSERT INTO nowhere VALUES (1)');
    const pool = testPool(url);
    await expect(migrate(pool, [dir])).rejects.toThrow(/relation "nowhere" does not exist/);
    expect(await tablesOf(pool)).toEqual(['kept', 'schema_migrations']);
    expect((await pool.query('SELECT version FROM schema_migrations')).rows).toEqual([{ version: 1 }]);
  });

  it("hold a round's and a rung's values to their checks, kept as domains (schema 12)", async () => {
    const pool = testPool(await freshDatabase());
    await pool.query("INSERT INTO scopes (id, timezone, language, created_at) VALUES ('s', 'UTC', 'en', 0)");
    const round = (level: string, scoring: string) =>
      pool.query(
        `INSERT INTO rounds (scope_id, channel_id, seed, generator, level, topic, question_key, answer, lang, opened_at, closes_at, scoring)
         VALUES ('s', 'c', 1, 1, $1, 't', 'k', '1', 'en', 0, 1, $2) RETURNING id`,
        [level, scoring],
      );
    const violation = expect.objectContaining({ code: '23514' });
    await expect(round('impossible', 'scored')).rejects.toEqual(violation);
    await expect(round('easy', 'sometimes')).rejects.toEqual(violation);
    const { id } = (await round('easy', 'scored')).rows[0] as { id: string };
    await expect(pool.query("UPDATE rounds SET close_reason = 'bored' WHERE id = $1", [id])).rejects.toEqual(violation);
    await pool.query("UPDATE rounds SET close_reason = 'admin', answered = answered + 1 WHERE id = $1", [id]);
    await expect(pool.query("INSERT INTO score_counts (scope_id, board, points, correct, members) VALUES ('s', 'all', 0, 0, 0)")).rejects.toEqual(violation);
  });

  it("refuse to delete an answered round or member, or change a member's id, with their foreign keys' error (schema 13)", async () => {
    const pool = testPool(await freshDatabase());
    await pool.query("INSERT INTO scopes (id, timezone, language, created_at) VALUES ('s', 'UTC', 'en', 0)");
    const round = (
      await pool.query<{ id: string }>(
        "INSERT INTO rounds (scope_id, channel_id, seed, generator, level, topic, question_key, answer, lang, opened_at, closes_at, scoring) VALUES ('s', 'c', 1, 1, 'easy', 't', 'k', '1', 'en', 0, 9, 'practice') RETURNING id",
      )
    ).rows[0]!.id;
    // A practice answer goes on no board: only the answer refers to the member (scores keep their key).
    const answered = await pool.query<{ status: string }>("SELECT status FROM record_answer($1, 'u', 'u', '2', FALSE, 'forgotBias', 20, 1, '2026-W48', 0, 9, 10, '[]')", [round]);
    expect(answered.rows).toEqual([{ status: 'recorded' }]);
    const violation = expect.objectContaining({ code: '23503' });
    await expect(pool.query('DELETE FROM rounds WHERE id = $1', [round])).rejects.toEqual(violation);
    await expect(pool.query("DELETE FROM members WHERE user_id = 'u'")).rejects.toEqual(violation);
    await expect(pool.query('UPDATE members SET id = id + 1')).rejects.toEqual(violation);
    // What the bot does to a member, renaming them, is no id change.
    await pool.query("INSERT INTO members (scope_id, user_id, display_name) VALUES ('s', 'u', 'renamed') ON CONFLICT (scope_id, user_id) DO UPDATE SET display_name = EXCLUDED.display_name");
  });
});

describe('a PostgreSQL server restarted under load', () => {
  it('answers "busy" while it is away, recovers by itself, and loses or doubles nothing acknowledged', async () => {
    const cluster = await startCluster();
    onCleanup(() => cluster.stop());
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE quiz');
    await admin.end();
    const store = await openPostgres(withDatabase(cluster.url, 'quiz'), { max: 4 });
    onCleanup(() => store.close());
    const quiz = new QuizService({ store, clock: systemClock, settings: { roundSeconds: 3600, timezone: 'Asia/Taipei', language: 'en' }, events: { roundClosed: async () => {} } });
    onCleanup(() => quiz.stop());
    const started = await quiz.start({ scopeId: 'slack:T1', channelId: 'C1', opener: { kind: 'schedule' }, lang: 'en', level: 'medium', topics: ['dense'] });
    if (!started.ok) throw new Error('no round');

    const acknowledged: string[] = [];
    let busy = 0;
    let n = 0;
    let stopping = false;
    const progress = new EventEmitter();
    /** Resolves once `test` holds, looked at after each answer. */
    const until = (test: () => boolean) =>
      new Promise<void>((resolve) => {
        const check = () => test() && (progress.off('answered', check), resolve());
        progress.on('answered', check);
        check();
      });
    const load = (async () => {
      while (!stopping) {
        const userId = `U${n++}`;
        try {
          const outcome = await quiz.answer({ scopeId: 'slack:T1', channelId: 'C1', player: { userId, name: userId }, text: String(1000 + n) });
          if (outcome.kind === 'recorded') acknowledged.push(userId);
        } catch (e) {
          if (!(e instanceof StoreBusyError)) throw e; // anything else would crash the bot
          busy++;
        }
        progress.emit('answered');
      }
    })();
    await until(() => acknowledged.length >= 50);
    cluster.down();
    // Away until a request has waited its 2 s and been told "busy", however long a loaded machine takes.
    await until(() => busy > 0);
    cluster.up();
    const afterRestart = acknowledged.length;
    await until(() => acknowledged.length >= afterRestart + 50);
    stopping = true;
    await load;

    expect(busy).toBeGreaterThan(0); // some answers met the server away and were told to try again
    const recorded = (await store.rounds.answers(started.round.id)).map((a) => a.userId);
    expect(new Set(recorded).size).toBe(recorded.length); // nothing twice
    for (const userId of acknowledged) expect(recorded).toContain(userId); // nothing acknowledged lost
  });
});
