/** What the library and the core operations need from the evaluator, without importing it. */
import type { ArrayOps } from './python.js';
import type { Kwargs, OpaqueV, Value } from './values.js';

/**
 * The reader's accounting, in one place: every operation a paste can make cost more than a
 * constant pays for it BEFORE doing it, so the budgets bound the work and the memory, not the
 * statements. Steps are the one currency, priced by what they cost (measured: a step of each
 * kind takes about the time of a plain statement, some 50 ns), so LIMITS.steps bounds both the
 * time of a paste and everything it can allocate in all:
 *  - `tick(n)`: n steps: a statement, an expression, a call, and each Python-level operation on
 *    an item (an == of two items in `x in l`, a comparison in a sort, a node visited by == or repr);
 *  - `scan(n)`: n characters or slots gone over by a memory-speed loop (a string searched, a
 *    list shifted), ITEMS_PER_STEP a step;
 *  - `charge(n)`: a new value of n items about to be made (a string's characters, a container's
 *    slots): refused past LIMITS.items, and paid for like a scan.
 */
export interface Runtime {
  tick(n?: number): void;
  scan(items: number): void;
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
