/** What a user is told when a sandbox gave no result: one message per way a job can fail. */
import { msg, type MessageRef } from '../i18n/messages.js';
import type { Failure } from './pool.js';

export function failureMessage(why: Failure, limits: { readonly deadlineMs: number }): MessageRef {
  switch (why) {
    case 'busy':
      return msg('err.busy');
    case 'deadline':
      return msg('err.tooCostly', { ms: String(limits.deadlineMs) });
    case 'heap':
      return msg('err.tooLargeToCount');
    case 'crash':
      return msg('err.sandboxEnded');
  }
}
