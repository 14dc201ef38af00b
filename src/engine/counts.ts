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

const safe = Number.isSafeInteger;

/**
 * Counts summed over a model's rows (summarize) or its layers' tensors (the other framework's
 * totals, evaluated for them alone).
 */
export class Tally {
  /**
   * Summed as numbers while the sums stay safe integers (then every sum was exact), as bigints from
   * there: a bigint made at every addition was garbage but for the last.
   */
  private total = 0;
  private trainable = 0;
  private nonTrainable = 0;
  private big: { total: bigint; trainable: bigint; nonTrainable: bigint } | undefined;
  /** One layer's sizes, written by tensorSizes. */
  private readonly layer: Sizes = { trainable: 0, nonTrainable: 0 };

  add(c: Counts): void {
    if (c.total === 0n && c.trainable === 0n && c.nonTrainable === 0n) return;
    const t = Number(c.total);
    const tr = Number(c.trainable);
    const nt = Number(c.nonTrainable);
    if (safe(t) && safe(tr) && safe(nt)) this.addNumbers(t, tr, nt);
    else this.addBig(c.total, c.trainable, c.nonTrainable);
  }

  /** A layer's own tensors, counted without a Counts made for them (the other framework's totals). */
  addTensors(tensors: readonly ParamTensor[]): void {
    if (tensors.length === 0) return;
    if (tensorSizes(tensors, this.layer)) this.addNumbers(this.layer.trainable + this.layer.nonTrainable, this.layer.trainable, this.layer.nonTrainable);
    else this.add(countTensors(tensors));
  }

  get counts(): Counts {
    return this.big ?? { total: BigInt(this.total), trainable: BigInt(this.trainable), nonTrainable: BigInt(this.nonTrainable) };
  }

  private addNumbers(t: number, tr: number, nt: number): void {
    if (this.big === undefined) {
      const total = this.total + t;
      const trainable = this.trainable + tr;
      const nonTrainable = this.nonTrainable + nt;
      if (safe(total) && safe(trainable) && safe(nonTrainable)) {
        this.total = total;
        this.trainable = trainable;
        this.nonTrainable = nonTrainable;
        return;
      }
    }
    this.addBig(BigInt(t), BigInt(tr), BigInt(nt));
  }

  private addBig(t: bigint, tr: bigint, nt: bigint): void {
    this.big ??= { total: BigInt(this.total), trainable: BigInt(this.trainable), nonTrainable: BigInt(this.nonTrainable) };
    this.big.total += t;
    this.big.trainable += tr;
    this.big.nonTrainable += nt;
  }
}

/**
 * A sum of bigints, unknown (null) once a part is: added as numbers while the sum stays a safe
 * integer (then every addition was exact), as a bigint from there, as Tally does. A model's MACs
 * summed as bigints made one at every row, garbage but for the last.
 */
export class KnownSum {
  private small = 0;
  private big: bigint | undefined;
  private unknown = false;

  add(part: bigint | null): void {
    if (this.unknown || part === 0n) return;
    if (part === null) {
      this.unknown = true;
      return;
    }
    if (this.big === undefined) {
      const n = Number(part);
      const sum = this.small + n;
      if (safe(n) && safe(sum)) {
        this.small = sum;
        return;
      }
      this.big = BigInt(this.small);
    }
    this.big += part;
  }

  get value(): bigint | null {
    return this.unknown ? null : (this.big ?? BigInt(this.small));
  }
}
