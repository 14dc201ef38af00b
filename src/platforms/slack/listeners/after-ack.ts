/** The part of every listener that runs after its ack, where a crash must not go unanswered. */
import { errorReply } from '../../../../commands/replies.js';
import { msg } from '../../../i18n/messages.js';
import { renderReply } from '../blocks.js';
import { ephemeral, type Respond } from '../delivery.js';
import type { ListenerDeps } from './index.js';

/**
 * Runs `work`; if it throws (Slack refused a call, a response_url expired, a bug), logs one line
 * and tells the asker privately that something went wrong. The app keeps running either way.
 * Commands' and actions' own crashes are already turned into replies by dispatch.
 */
export async function afterAck(
  deps: ListenerDeps,
  request: { readonly respond: Respond; readonly scopeId: string | undefined },
  what: Readonly<Record<string, string>>,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (err) {
    deps.log.error({ err, platform: 'slack', scope: request.scopeId, ...what }, 'handler failed');
    const lang = deps.contexts.langOf(request.scopeId);
    const sorry = renderReply(errorReply(lang, msg('err.internal')), lang);
    await request.respond(ephemeral(sorry)).catch((e: unknown) => deps.log.error({ err: e, ...what }, 'could not tell the user either'));
  }
}
