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

/**
 * Summed as numbers while the sums stay safe integers (then every step was exact), made bigints
 * once: a model counts every row's tensors, and a bigint at every step was most of that garbage.
 */
export function countTensors(tensors: readonly ParamTensor[]): Counts {
  if (tensors.length === 0) return ZERO;
  let trainable = 0;
  let nonTrainable = 0;
  for (const t of tensors) {
    let size = 1;
    for (const d of t.shape) size *= d;
    if (t.trainable) trainable += size;
    else nonTrainable += size;
  }
  if (!Number.isSafeInteger(trainable + nonTrainable)) return bigCounts(tensors);
  const bigTrainable = BigInt(trainable);
  const bigNonTrainable = nonTrainable === 0 ? 0n : BigInt(nonTrainable);
  return { total: nonTrainable === 0 ? bigTrainable : BigInt(trainable + nonTrainable), trainable: bigTrainable, nonTrainable: bigNonTrainable };
}

function bigCounts(tensors: readonly ParamTensor[]): Counts {
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
