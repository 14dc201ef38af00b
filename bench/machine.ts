/**
 * What the machine was doing while a database figure was measured: a database figure is a few
 * fsyncs and a load, so it is reported beside the fsync latency of the disk it ran on and the
 * machine's load average (other work on a shared machine shows in both).
 */
import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median, round, type Figures } from './lib.js';

/** Median microseconds of a 4 KB write and its fsync, in `dir` (the database's own disk). */
export function fsyncMicros(dir: string, times = 200): number {
  const path = join(dir, 'fsync-probe');
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(4096, 7);
  const samples: number[] = [];
  try {
    for (let i = 0; i < times; i++) {
      const t0 = performance.now();
      writeSync(fd, block, 0, block.length, 0);
      fsyncSync(fd);
      samples.push((performance.now() - t0) * 1000);
    }
  } finally {
    closeSync(fd);
    rmSync(path, { force: true });
  }
  return median(samples);
}

/** `${prefix}_fsync_us` and `${prefix}_load_1m`: the machine beside a database figure. */
export function machine(prefix: string, dir: string): Figures {
  return { [`${prefix}_fsync_us`]: round(fsyncMicros(dir), 1), [`${prefix}_load_1m`]: round(loadavg()[0]!, 2) };
}
