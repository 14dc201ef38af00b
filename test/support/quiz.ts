/** A real QuizService on a real SQLite file in a temporary directory, with a clock the test moves. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { QuizService, type Reveal } from '../../src/quiz/service.js';
import { Store } from '../../src/store/store.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

/** Runs `fn` after the current test (kill a child process, close a server). */
export function onCleanup(fn: () => void): void {
  cleanups.push(fn);
}

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'paramquiz-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** 2026-11-23 is a Monday; 10:00 in Taipei is 02:00 UTC. */
export const MONDAY_10_TAIPEI = Date.UTC(2026, 10, 23, 2, 0, 0);

export interface Harness {
  readonly store: Store;
  readonly quiz: QuizService;
  readonly clock: ManualClock;
  readonly reveals: Reveal[];
  readonly path: string;
  /** A second service on the same file, as after a restart. */
  restart(): Harness;
}

export function harness(options: { path?: string; clock?: ManualClock; timezone?: string; seed?: number } = {}): Harness {
  const path = options.path ?? join(tempDir(), 'quiz.db');
  const clock = options.clock ?? new ManualClock(MONDAY_10_TAIPEI);
  const store = new Store(path);
  cleanups.unshift(() => store.close());
  const reveals: Reveal[] = [];
  let next = options.seed ?? 1;
  const quiz = new QuizService({
    store,
    clock,
    settings: { roundSeconds: 60, timezone: options.timezone ?? 'Asia/Taipei', language: 'en' },
    events: {
      roundClosed: async (reveal) => {
        reveals.push(reveal);
      },
    },
    seeds: () => next++,
  });
  cleanups.unshift(() => quiz.stop());
  return {
    store,
    quiz,
    clock,
    reveals,
    path,
    restart: () => {
      quiz.stop();
      store.close();
      return harness({ ...options, path, clock });
    },
  };
}

export const alice = { userId: 'U_ALICE', name: 'alice' };
export const bob = { userId: 'U_BOB', name: 'bob' };
export const carol = { userId: 'U_CAROL', name: 'carol' };
