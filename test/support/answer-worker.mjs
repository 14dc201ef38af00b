// A worker thread with its own connection (a SQLite file, a PostgreSQL pool) and QuizService, answering for its share of users
// as soon as the shared barrier opens: real concurrency against one database file.
import { parentPort, workerData } from 'node:worker_threads';
import { systemClock } from '../../dist/src/clock.js';
import { QuizService } from '../../dist/src/quiz/service.js';
import { openPostgres, openSqlite } from '../../dist/src/store/store.js';

const { engine, location, scopeId, channelId, users, barrier } = workerData;
const store = engine === 'sqlite' ? openSqlite(location) : await openPostgres(location, { max: 4 });
const quiz = new QuizService({
  store,
  clock: systemClock,
  settings: { roundSeconds: 600, timezone: 'Asia/Taipei', language: 'en' },
  events: { roundClosed: async () => {} },
});
const gate = new Int32Array(barrier);
parentPort.postMessage('ready');
Atomics.wait(gate, 0, 0); // wait for go
const results = [];
for (const { userId, text } of users) {
  const r = await quiz.answer({ scopeId, channelId, player: { userId, name: userId }, text });
  results.push({ userId, kind: r.kind, correct: r.correct ?? null, first: r.first ?? null, points: r.points ?? null });
}
await quiz.stop();
await store.close();
parentPort.postMessage(results);
