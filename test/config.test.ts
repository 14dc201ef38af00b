/** QUIZ_TIMEZONE: the zone set, else the machine's, validated by the schema either way. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { HAS_DATABASE, NO_DATABASE } from './quiz/zones/database.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('QUIZ_TIMEZONE', () => {
  it('is the zone set, in any spelling Intl accepts', () => {
    expect(loadConfig({ QUIZ_TIMEZONE: 'Asia/Taipei' }).QUIZ_TIMEZONE).toBe('Asia/Taipei');
    expect(loadConfig({ QUIZ_TIMEZONE: ' Europe/Berlin ' }).QUIZ_TIMEZONE).toBe('Europe/Berlin');
    expect(loadConfig({ QUIZ_TIMEZONE: 'us/eastern' }).QUIZ_TIMEZONE).toBe('us/eastern');
  });

  it.each(['Mars/Olympus', '../etc/passwd', '/usr/share/zoneinfo/Asia/Taipei', ''])('%j stops the bot with one line naming the variable', (zone) => {
    expect(() => loadConfig({ QUIZ_TIMEZONE: zone })).toThrow(ConfigError);
    expect(() => loadConfig({ QUIZ_TIMEZONE: zone })).toThrow(/^QUIZ_TIMEZONE=.* is not valid: must be an IANA time zone/);
  });

  it.skipIf(!HAS_DATABASE)(`unset, is the machine's zone: TZ's${NO_DATABASE}`, () => {
    vi.stubEnv('TZ', 'Asia/Taipei');
    expect(loadConfig({}).QUIZ_TIMEZONE).toBe('Asia/Taipei');
    vi.stubEnv('TZ', ':Pacific/Chatham');
    expect(loadConfig({}).QUIZ_TIMEZONE).toBe('Pacific/Chatham');
  });

  it('unset, and TZ names no zone (nor can Intl tell one): UTC', () => {
    vi.stubEnv('TZ', 'Mars/Olympus');
    expect(loadConfig({}).QUIZ_TIMEZONE).toBe('UTC');
  });
});
