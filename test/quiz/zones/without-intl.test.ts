/**
 * The bot's main process reads its zones without Intl: ICU's first use keeps about 6 MB more of the
 * node binary resident for good. With Intl replaced by a trap, the week, the day, the names users
 * give and the configuration must still be answered, from the database alone.
 */
import { describe, expect, it, vi } from 'vitest';
import { HAS_DATABASE, NO_DATABASE } from './database.js';

describe.skipIf(!HAS_DATABASE)(`without Intl${NO_DATABASE}`, () => {
  it('weeks, days, zone names and the configured zone are answered from the database', async () => {
    vi.resetModules();
    const used: string[] = [];
    vi.stubGlobal(
      'Intl',
      new Proxy(Intl, {
        get: (_target, key) => {
          used.push(String(key));
          throw new Error(`Intl.${String(key)} used`);
        },
      }),
    );
    try {
      const { isoWeek, localDay } = await import('../../../src/quiz/week.js');
      const { isValidTimeZone } = await import('../../../src/quiz/zones/offsets.js');
      const { loadConfig } = await import('../../../src/config.js');
      const at = Date.UTC(2026, 10, 29, 16, 30);
      expect(isoWeek(at, 'Asia/Taipei')).toBe('2026-W49');
      expect(isoWeek(at, 'America/New_York')).toBe('2026-W48');
      expect(localDay(at, 'Asia/Taipei')).toEqual({ from: Date.UTC(2026, 10, 29, 16), to: Date.UTC(2026, 10, 30, 16) });
      expect(localDay(at, 'America/New_York')).toEqual({ from: Date.UTC(2026, 10, 29, 5), to: Date.UTC(2026, 10, 30, 5) });
      expect([isValidTimeZone('Europe/Berlin'), isValidTimeZone('US/Eastern'), isValidTimeZone('../etc/passwd')]).toEqual([true, true, false]);
      vi.stubEnv('TZ', 'Asia/Taipei');
      expect(loadConfig({}).QUIZ_TIMEZONE).toBe('Asia/Taipei');
      expect(loadConfig({ QUIZ_TIMEZONE: 'Pacific/Apia' }).QUIZ_TIMEZONE).toBe('Pacific/Apia');
    } finally {
      vi.unstubAllGlobals();
      vi.unstubAllEnvs();
    }
    expect(used).toEqual([]);
  });
});
