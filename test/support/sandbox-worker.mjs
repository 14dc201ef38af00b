// A sandbox script for the pool's tests: each job asks for a way to end (or not).
//  - echo: answers its value;
//  - abort: one string far past the heap cap, made by a method V8 treats as fatal (SIGABRT);
//  - fill: grows the heap a little at a time until it runs out (V8's own heap-limit end);
//  - spin: never answers (the deadline ends it).
import { serve } from '../../dist/src/workers/serve.js';

const held = [];
void serve((job) => {
  switch (job.kind) {
    case 'echo':
      return job.value;
    case 'abort':
      return 'ab'.repeat(50 * 1024 * 1024).toUpperCase().length;
    case 'fill':
      for (;;) held.push('x'.repeat(64 * 1024) + held.length);
    case 'spin':
      for (;;);
    default:
      throw new Error(`unknown job ${job.kind}`);
  }
});
