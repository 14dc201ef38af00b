/** What the library and the core operations need from the evaluator, without importing it. */
import type { ArrayOps } from './python.js';
import type { Kwargs, OpaqueV, Value } from './values.js';

/**
 * The reader's accounting, in one place: every operation a paste can make cost more than a
 * constant pays for it BEFORE doing it, so the budgets bound the work and the memory, not the
 * statements.
 *  - `tick`: one step (a statement, an expression, a call, a node visited by ==, hash or repr);
 *  - `work(n)`: n items gone over without making anything (a scan, a comparison of strings);
 *  - `charge(n)`: a new value of n items about to be made (a string's characters, a container's
 *    slots): refused past LIMITS.items, and paid for like work.
 * Steps are the one currency (ITEMS_PER_STEP items a step), so LIMITS.steps bounds both the time
 * of a paste and everything it can allocate in all.
 */
export interface Runtime {
  tick(n?: number): void;
  work(items: number): void;
  charge(items: number): void;
  /** Equal tuples' hash keys, kept short (see python.ts hashKey). */
  readonly tupleKeys: TupleKeys;
  call(fn: Value, args: Value[], kwargs?: Kwargs): Value;
  getattr(obj: Value, name: string): Value;
  /** A special method (`__len__`, `__getitem__`, ...) of an instance's class, bound; undefined when absent. */
  special(obj: Value, name: string): Value | undefined;
  /** A value that stands for what the reader does not compute, from the current line. */
  opaque(origin: string): OpaqueV;
  /** Operations of the libraries' array types (tensors, Keras tensors). */
  readonly arrays: ArrayOps[];
  /** The pasted line running now (for notes). */
  readonly line: number;
}

/**
 * Hash keys of tuples, interned: a tuple's key names its items' keys through a short id, so a
 * tuple nested in itself a hundred times over has a key of a few characters rather than 2^100.
 */
export class TupleKeys {
  readonly memo = new WeakMap<object, string>();
  readonly ids = new Map<string, string>();
}
