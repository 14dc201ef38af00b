/** Logging: pino, as JSON lines on standard error (standard output belongs to the shell mode). */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'paramquiz' } }, pino.destination({ dest: 2, sync: true }));
}
