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

/** The sizes of one layer's tensors, trainable and not, as numbers. */
export interface Sizes {
  trainable: number;
  nonTrainable: number;
}

/**
 * Writes the sizes of `tensors` into `into`, summed as numbers; false when the sum is past the safe
 * integers (then a step may have been inexact: count them as bigints). Numbers while exact: a
 * model counts every row's tensors, and a bigint made at every step was most of that garbage.
 */
export function tensorSizes(tensors: readonly ParamTensor[], into: Sizes): boolean {
  let trainable = 0;
  let nonTrainable = 0;
  for (const t of tensors) {
    let size = 1;
    for (const d of t.shape) size *= d;
    if (t.trainable) trainable += size;
    else nonTrainable += size;
  }
  into.trainable = trainable;
  into.nonTrainable = nonTrainable;
  return Number.isSafeInteger(trainable + nonTrainable);
}

const counted: Sizes = { trainable: 0, nonTrainable: 0 };

export function countTensors(tensors: readonly ParamTensor[]): Counts {
  if (tensors.length === 0) return ZERO;
  if (!tensorSizes(tensors, counted)) return bigCounts(tensors);
  const { trainable, nonTrainable } = counted;
  const bigTrainable = BigInt(trainable);
  const bigNonTrainable = nonTrainable === 0 ? 0n : BigInt(nonTrainable);
  return { total: nonTrainable === 0 ? bigTrainable : BigInt(trainable + nonTrainable), trainable: bigTrainable, nonTrainable: bigNonTrainable };
}

/** The total size of `tensors`: a number while exact (a formula's total is only written out), else a bigint. */
export function totalSize(tensors: readonly ParamTensor[]): number | bigint {
  return tensorSizes(tensors, counted) ? counted.trainable + counted.nonTrainable : bigCounts(tensors).total;
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
