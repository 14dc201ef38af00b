/**
 * Drawing, one picture at a time. A drawing is synchronous CPU work (some 40 ms), so pictures are
 * drawn in turn, each in its own turn of the event loop: acknowledgements of other requests run
 * between two drawings and wait at most one. The queue is bounded: past MAX_PENDING a picture is
 * refused (its reply still goes out), so a burst cannot pile up work or memory.
 */
import { toPng, type Drawing } from './draw.js';

export const MAX_PENDING = 16;

export class QueueFull extends Error {
  constructor() {
    super(`more than ${MAX_PENDING} pictures are waiting to be drawn`);
  }
}

let tail: Promise<unknown> = Promise.resolve();
let pending = 0;

export function drawPng(drawing: Drawing): Promise<Uint8Array> {
  if (pending >= MAX_PENDING) return Promise.reject(new QueueFull());
  pending++;
  const job = tail.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(() => toPng(drawing));
  tail = job.catch(() => undefined);
  return job.finally(() => pending--);
}
