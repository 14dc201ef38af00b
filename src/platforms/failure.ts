/**
 * What the asker is told when a request fails, on every platform and wherever it fails: inside a
 * command (dispatch) or around it (reading who asks, the replay check, delivering the reply). The
 * store busy past its budget (StoreBusyError, its one "transient, try again" signal) is "busy, try
 * again" and a warning: nothing was written, and the bot recovers by itself. Anything else is
 * "something went wrong" and an error line with its stack.
 */
import { errorReply } from '../../commands/replies.js';
import type { Reply } from '../../commands/types.js';
import { msg, type Lang } from '../i18n/messages.js';
import type { Logger } from '../log.js';
import { StoreBusyError } from '../domain/index.js';

export function failureReply(err: unknown, lang: Lang, log: Logger, where: Readonly<Record<string, unknown>>, message = 'handler failed'): Reply {
  if (err instanceof StoreBusyError) {
    log.warn({ ...where, waitedMs: err.waitedMs }, 'database busy; asked to try again');
    return errorReply(lang, msg('err.busy'));
  }
  log.error({ err, ...where }, message);
  return errorReply(lang, msg('err.internal'));
}
