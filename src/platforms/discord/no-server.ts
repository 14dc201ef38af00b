/**
 * Direct messages have no server, and every round, board and practice record belongs to one.
 * Rather than keep a list of the commands that work there (/count, /explain and /help today,
 * whatever is added tomorrow), a DM runs the command as usual with services that refuse to be
 * touched: a command that never reaches for them answers as anywhere, one that does gets a single
 * clear line saying it needs a server, and nothing is stored under a scope that is no server.
 */
import type { Services } from '../../../commands/types.js';
import type { Logger } from '../../log.js';

class NeedsServer extends Error {
  constructor(service: string) {
    super(`${service} needs a server`);
  }
}

export interface ServiceAccess {
  readonly services: Services;
  /**
   * Dispatch logs every throw from a command as a handler failure; a refusal is no failure, so
   * this logger leaves out exactly that line and passes everything else through.
   */
  readonly log: Logger;
  /** True once a command reached for a service. */
  refused(): boolean;
}

export function serverless(log: Logger): ServiceAccess {
  let refused = false;
  const services = new Proxy({} as Services, {
    get(_target, service) {
      refused = true;
      throw new NeedsServer(String(service));
    },
  });
  const quiet = Object.create(log, {
    error: {
      value: (obj: unknown, ...rest: unknown[]) => {
        if (typeof obj === 'object' && obj !== null && 'err' in obj && obj.err instanceof NeedsServer) return;
        (log.error as (...args: unknown[]) => void)(obj, ...rest);
      },
    },
  }) as Logger;
  return { services, log: quiet, refused: () => refused };
}
