/**
 * The bot gives back what it cached when quiet: every QUIET_MS on its clock, a cache made with
 * dropWhenQuiet that nobody used in that time is emptied (lru.ts), in the bot's process as in the
 * counting sandboxes (their own timer). A busy class keeps its caches.
 */
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { App } from '../src/app.js';
import { ManualClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { Lru, QUIET_MS } from '../src/lru.js';
import { silentLog } from './support/context.js';
import { MONDAY_10_TAIPEI, tempDir } from './support/quiz.js';

describe('caches dropped when quiet', () => {
  it('empties a quiet cache after a whole period on the app clock, and keeps one in use', async () => {
    const clock = new ManualClock(MONDAY_10_TAIPEI);
    const config = loadConfig({ DATABASE_PATH: join(tempDir(), 'quiet.db'), QUIZ_TIMEZONE: 'Asia/Taipei' });
    const app = await App.open(config, silentLog, { input: new PassThrough(), output: new PassThrough() }, clock);
    await app.start();
    try {
      const quiet = new Lru<string, string>({ maxEntries: 8, maxBytes: 1_024, sizeOf: () => 1, dropWhenQuiet: true });
      const busy = new Lru<string, string>({ maxEntries: 8, maxBytes: 1_024, sizeOf: () => 1, dropWhenQuiet: true });
      quiet.set('question', 'built');
      busy.set('question', 'built');
      clock.advance(QUIET_MS); // the period they were filled in
      expect([quiet.size, busy.size]).toEqual([1, 1]);
      busy.get('question');
      clock.advance(QUIET_MS - 1);
      expect(quiet.size).toBe(1); // a whole period has not passed
      clock.advance(1);
      expect([quiet.size, busy.size]).toEqual([0, 1]);
    } finally {
      await app.stop();
    }
    // stopped, the app looks no more: a cache filled now is kept whatever the clock says
    const after = new Lru<string, string>({ maxEntries: 8, maxBytes: 1_024, sizeOf: () => 1, dropWhenQuiet: true });
    after.set('k', 'v');
    clock.advance(10 * QUIET_MS);
    expect(after.size).toBe(1);
  });
});
