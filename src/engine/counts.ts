/** Totals, derived from tensors in exactly one place. */
import type { ParamTensor } from './types.js';

export interface Counts {
  readonly total: bigint;
  readonly trainable: bigint;
  readonly nonTrainable: bigint;
}

export const ZERO: Counts = { total: 0n, trainable: 0n, nonTrainable: 0n };

export function tensorSize(t: ParamTensor): bigint {
  return t.shape.reduce((acc, d) => acc * BigInt(d), 1n);
}

export function countTensors(tensors: readonly ParamTensor[]): Counts {
  let trainable = 0n;
  let nonTrainable = 0n;
  for (const t of tensors) {
    if (t.trainable) trainable += tensorSize(t);
    else nonTrainable += tensorSize(t);
  }
  return { total: trainable + nonTrainable, trainable, nonTrainable };
}

export function addCounts(a: Counts, b: Counts): Counts {
  return {
    total: a.total + b.total,
    trainable: a.trainable + b.trainable,
    nonTrainable: a.nonTrainable + b.nonTrainable,
  };
}
