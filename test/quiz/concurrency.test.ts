/**
 * 200 users answer one round at the same moment from four threads, each with its own connection to
 * the same database (a SQLite file, a PostgreSQL server): exactly one is first, every answer is
 * recorded exactly once, and the first-correct bonus is given once when the round closes.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { QuizService } from '../../src/quiz/service.js';
import { ENGINES, openTestStore } from '../support/quiz.js';
import { snapshotCount } from '../support/snapshot.js';

const WORKERS = 4;
const USERS = 200;

describe.each(ENGINES)('200 concurrent answers on %s', (engine) => {
  it('exactly one first correct answer, every answer recorded once', async () => {
    const { store, location } = await openTestStore(engine);
    const quiz = new QuizService({ store, clock: systemClock, settings: { roundSeconds: 600, timezone: 'Asia/Taipei', language: 'en' }, events: { roundClosed: async () => {} } });
    const started = await quiz.start({ scopeId: 'slack:T1', channelId: 'C1', opener: { kind: 'admin', player: { userId: 'host', name: 'host' } }, lang: 'en', level: 'hard', topics: ['conv'] });
    if (!started.ok) throw new Error('no round');
    const answer = started.question.answer;
    // Two in three answer right; the rest give a named mistake.
    const users = Array.from({ length: USERS }, (_, i) => ({ userId: `U${i}`, text: i % 3 === 2 ? String(started.question.mistakes[0]!.value) : answer.toLocaleString('en-US') }));
    const barrier = new SharedArrayBuffer(8);
    const gate = new Int32Array(barrier);
    const workers = Array.from(
      { length: WORKERS },
      (_, w) =>
        new Worker(new URL('../support/answer-worker.mjs', import.meta.url), {
          workerData: { engine, location, scopeId: 'slack:T1', channelId: 'C1', users: users.filter((_, i) => i % WORKERS === w), barrier },
        }),
    );
    // Each worker says when it is ready (its connection open); all ready, they are let go at once.
    const ready: Array<Promise<void>> = [];
    const results = workers.map((worker) => {
      ready.push(new Promise<void>((resolve) => worker.once('message', () => resolve())));
      return new Promise<Array<{ userId: string; kind: string; correct: boolean; first: boolean; points: number }>>((resolve, reject) => {
        worker.on('message', (m: unknown) => m !== 'ready' && resolve(m as never));
        worker.once('error', reject);
      });
    });
    await Promise.all(ready);
    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
    const outcomes = (await Promise.all(results)).flat();

    expect(outcomes).toHaveLength(USERS);
    expect(outcomes.every((o) => o.kind === 'recorded')).toBe(true);
    expect(outcomes.filter((o) => o.first)).toHaveLength(1);
    const rows = await store.rounds.answers(started.round.id);
    expect(rows).toHaveLength(USERS);
    expect(new Set(rows.map((r) => r.userId)).size).toBe(USERS);
    expect(rows.filter((r) => r.first)).toHaveLength(1);
    expect(rows.filter((r) => r.correct)).toHaveLength(outcomes.filter((o) => o.correct).length);
    // the boards hold exactly what the answers earned
    const board = (await quiz.leaderboard({ scopeId: 'slack:T1', period: 'all', page: 1 }))!;
    expect(board.players).toBe(USERS);
    const total = rows.reduce((a, r) => a + r.points, 0);
    const onBoard = () => snapshotCount(store, "SELECT SUM(points) AS n FROM scores WHERE scope_id = 'slack:T1' AND board = 'all'");
    expect(await onBoard()).toBe(total);
    // closing gives the first correct answer its bonus, once, on the answer and on the board
    expect(await quiz.close(started.round.id, 'admin')).toBe(true);
    const closed = await store.rounds.answers(started.round.id);
    expect(closed.filter((r) => r.bonus > 0).map((r) => [r.first, r.bonus])).toEqual([[true, 5]]);
    expect(await onBoard()).toBe(total + 5);
    await quiz.stop();
    await store.close();
  });
});
