/** Bolt (and its Web API and Socket Mode clients) logging through the bot's pino logger. */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../log.js';

type Method = 'debug' | 'info' | 'warn' | 'error';

export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ lib: 'bolt' });
  const write =
    (method: Method) =>
    (...parts: unknown[]): void => {
      // Bolt logs at debug on every request; skip building lines pino would drop.
      if (!child.isLevelEnabled(method)) return;
      const err = parts.find((p) => p instanceof Error);
      const text = parts
        .filter((p) => p !== err)
        .map((p) => (typeof p === 'string' ? p : JSON.stringify(p)))
        .join(' ');
      if (err) child[method]({ err }, text);
      else child[method](text);
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    getLevel: () => levelOf(log.level),
    // LOG_LEVEL governs every log line; Bolt sets its default level on construction and is ignored.
    setLevel: () => {},
    setName: () => {},
  };
}

function levelOf(pinoLevel: string): LogLevel {
  switch (pinoLevel) {
    case 'trace':
    case 'debug':
      return LogLevel.DEBUG;
    case 'info':
      return LogLevel.INFO;
    case 'warn':
      return LogLevel.WARN;
    default:
      return LogLevel.ERROR;
  }
}
