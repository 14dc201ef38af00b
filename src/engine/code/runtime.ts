/** What the library and the core operations need from the evaluator, without importing it. */
import type { ArrayOps } from './python.js';
import type { Kwargs, OpaqueV, Value } from './values.js';

export interface Runtime {
  /** One step of the budget (LIMITS.steps); `n` for work that costs more. */
  tick(n?: number): void;
  /** Charges for `items` copied into a new list, tuple or string (and checks LIMITS.items). */
  charge(items: number): void;
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
