/**
 * Which Store methods ran against PostgreSQL during the test run. Every PostgreSQL store a test
 * opens (openTestStore) is wrapped so that each aggregate method, the first time this worker
 * calls it, is written to a file of the run's folder; test/coverage/postgres-calls.test.ts reads
 * them all once every other suite has finished, and fails for a method that never ran there.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { SqlStore } from '../../src/store/store.js';

const noted = new Set<string>();

function note(call: string): void {
  if (noted.has(call)) return;
  noted.add(call);
  const dir = inject('storeCalls');
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, `${process.pid}.txt`), `${call}\n`);
}

/** The aggregates of a store: its objects other than the driver. */
export const aggregatesOf = (store: SqlStore): string[] => Object.entries(store).flatMap(([k, v]) => (k !== 'db' && typeof v === 'object' && v !== null ? [k] : []));

/** Every method of every aggregate: `rounds.answer`, `boards.view`, ... */
export function storeMethods(store: SqlStore): string[] {
  return aggregatesOf(store).flatMap((name) => {
    const aggregate = (store as unknown as Record<string, object>)[name]!;
    return Object.getOwnPropertyNames(Object.getPrototypeOf(aggregate))
      .filter((m) => m !== 'constructor')
      .map((m) => `${name}.${m}`);
  });
}

/** `store`, its aggregates' calls noted. */
export function recording<S extends SqlStore>(store: S): S {
  const wrapped = new Map<string | symbol, unknown>();
  for (const name of aggregatesOf(store)) {
    const aggregate = (store as unknown as Record<string, object>)[name]!;
    wrapped.set(
      name,
      new Proxy(aggregate, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver) as unknown;
          if (typeof value !== 'function' || typeof key !== 'string') return value;
          return (...args: unknown[]) => {
            note(`${name}.${key}`);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      }),
    );
  }
  return new Proxy(store, { get: (target, key, receiver) => (wrapped.has(key) ? wrapped.get(key) : Reflect.get(target, key, receiver)) });
}

/** Every call noted in the run's folder, by any worker. */
export function notedCalls(dir = inject('storeCalls')): Set<string> {
  const calls = new Set<string>();
  for (const file of readdirSync(dir, { withFileTypes: true }).filter((f) => f.isFile())) {
    for (const line of readFileSync(join(dir, file.name), 'utf8').split('\n')) if (line) calls.add(line);
  }
  return calls;
}
