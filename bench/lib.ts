/** Timing helpers for the benchmarks: medians over repeated runs, never a single timing. */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** The live heap in MB after full collections: what a process keeps, not what it has yet to collect. */
export function liveHeapMb(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1_048_576;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Operations per second of `op`, as the median of `runs` runs of about `ms` milliseconds each. */
export function opsPerSecond(op: (i: number) => void, { runs = 7, ms = 250 } = {}): number {
  for (let i = 0; i < 1000; i++) op(i); // warm up the JIT
  const rates: number[] = [];
  for (let r = 0; r < runs; r++) {
    let n = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ms) {
      for (let k = 0; k < 100; k++) op(n++);
      now = performance.now();
    }
    rates.push((n * 1000) / (now - start));
  }
  return median(rates);
}

/** Median wall time of one call, in microseconds, over `iterations` calls timed one by one. */
export function medianMicros(op: () => void, iterations = 2000): number {
  for (let i = 0; i < 200; i++) op();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    op();
    times.push((performance.now() - start) * 1000);
  }
  return median(times);
}

export const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

export type Figures = Record<string, number | string>;
