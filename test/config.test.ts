/** The configuration read from the environment: defaults, and one line naming a bad variable. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const refusal = (env: NodeJS.ProcessEnv): string => {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('the configuration was accepted');
};

describe('loadConfig', () => {
  it('fills in the defaults, and leaves unset what has none', () => {
    const c = loadConfig({ QUIZ_TIMEZONE: 'Asia/Taipei' });
    expect(c).toMatchObject({
      DATABASE_PATH: './data/paramquiz.db',
      QUIZ_TIMEZONE: 'Asia/Taipei',
      QUIZ_LANGUAGE: 'en',
      QUIZ_ROUND_SECONDS: 60,
      ADMIN_USER_IDS: [],
      WEB_HOST: '127.0.0.1',
    });
    for (const name of ['DATABASE_URL', 'LOG_LEVEL', 'PARAMQUIZ_SEED', 'DISCORD_TOKEN', 'DISCORD_SHARDS', 'PORT', 'WEB_PORT', 'WEB_BASE_URL', 'WEB_SECRET'] as const) {
      expect(c[name]).toBeUndefined();
    }
    expect(typeof loadConfig({}).QUIZ_TIMEZONE).toBe('string'); // the machine's zone, or UTC
  });

  it('reads what is set: trimmed text, numbers, lists, languages, shards', () => {
    const c = loadConfig({
      DATABASE_PATH: ' /var/lib/paramquiz.db ',
      DATABASE_URL: 'postgres://quiz@localhost/quiz',
      QUIZ_TIMEZONE: 'Europe/Paris',
      QUIZ_LANGUAGE: 'zh_TW',
      QUIZ_ROUND_SECONDS: '90',
      LOG_LEVEL: 'debug',
      PARAMQUIZ_SEED: '7',
      ADMIN_USER_IDS: ' 1, 2 ,,3 ',
      DISCORD_TOKEN: ' token ',
      DISCORD_SHARDS: '2',
      WEB_PORT: '0',
      WEB_SECRET: 'x'.repeat(32),
    });
    expect(c).toMatchObject({
      DATABASE_PATH: '/var/lib/paramquiz.db',
      DATABASE_URL: 'postgres://quiz@localhost/quiz',
      QUIZ_LANGUAGE: 'zh-TW',
      QUIZ_ROUND_SECONDS: 90,
      LOG_LEVEL: 'debug',
      PARAMQUIZ_SEED: 7,
      ADMIN_USER_IDS: ['1', '2', '3'],
      DISCORD_TOKEN: 'token',
      DISCORD_SHARDS: 2,
      WEB_PORT: 0,
    });
    expect(loadConfig({ DISCORD_SHARDS: 'auto' }).DISCORD_SHARDS).toBe('auto');
  });

  it('takes a blank optional variable for an unset one', () => {
    const c = loadConfig({ DATABASE_URL: '  ', DISCORD_TOKEN: '', WEB_PORT: ' ', WEB_BASE_URL: '' });
    expect([c.DATABASE_URL, c.DISCORD_TOKEN, c.WEB_PORT, c.WEB_BASE_URL]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('names the first bad variable, its value and what it must be', () => {
    expect(refusal({ QUIZ_TIMEZONE: 'Mars/Olympus' })).toBe('QUIZ_TIMEZONE="Mars/Olympus" is not valid: must be an IANA time zone such as Asia/Taipei');
    expect(refusal({ QUIZ_ROUND_SECONDS: '0' })).toBe('QUIZ_ROUND_SECONDS="0" is not valid: must be a whole number from 1 to 86400');
    expect(refusal({ QUIZ_ROUND_SECONDS: '1.5' })).toMatch(/^QUIZ_ROUND_SECONDS="1.5" is not valid/);
    expect(refusal({ QUIZ_LANGUAGE: 'fr' })).toBe('QUIZ_LANGUAGE="fr" is not valid: must be en or zh-TW');
    expect(refusal({ DATABASE_URL: 'mysql://x' })).toBe('DATABASE_URL="mysql://x" is not valid: must be a postgres:// or postgresql:// URL');
    expect(refusal({ DATABASE_PATH: ' ' })).toBe('DATABASE_PATH=" " is not valid: must not be empty');
    expect(refusal({ LOG_LEVEL: 'loud' })).toMatch(/^LOG_LEVEL="loud" is not valid: must be one of fatal, error/);
    expect(refusal({ PARAMQUIZ_SEED: '-1' })).toBe('PARAMQUIZ_SEED="-1" is not valid: must be a whole number of at least 0');
    expect(refusal({ DISCORD_SHARDS: '0' })).toBe('DISCORD_SHARDS="0" is not valid: must be auto or a whole number of shards (1 to 1024)');
    expect(refusal({ PORT: '70000' })).toBe('PORT="70000" is not valid: must be a whole number from 0 to 65535');
    expect(refusal({ WEB_BASE_URL: 'https://quiz.example.edu/?x=1' })).toMatch(/^WEB_BASE_URL=.* must be an http:\/\/ or https:\/\/ address without a query/);
    expect(refusal({ WEB_SECRET: 'short' })).toMatch(/^WEB_SECRET="short" is not valid: must be at least 32 characters/);
    // the first in the order the configuration lists them
    expect(refusal({ WEB_PORT: 'x', QUIZ_LANGUAGE: 'fr' })).toMatch(/^QUIZ_LANGUAGE=/);
  });

  it('refuses a Slack bot token with neither way to receive events', () => {
    expect(refusal({ SLACK_BOT_TOKEN: 'xoxb-1' })).toBe('SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is.');
  });
});
