/** The part of every listener that runs after its ack, where a crash must not go unanswered. */
import { errorReply } from '../../../../commands/replies.js';
import { msg } from '../../../i18n/messages.js';
import { renderReply } from '../blocks.js';
import { ephemeral } from '../delivery.js';
import type { Respond } from '../response-url.js';
import type { ListenerDeps } from './index.js';

/** What a listener knows of the request it answers, for its reply and its log lines. */
export interface Request {
  readonly respond: Respond;
  readonly scopeId: string | undefined;
  /** The command or action, for the log. */
  readonly what: Readonly<Record<string, string>>;
}

/**
 * Runs `work`; if it throws (Slack refused a call, a response_url expired, a bug), logs one line
 * and tells the asker privately that something went wrong. The app keeps running either way.
 * Commands' and actions' own crashes are already turned into replies by dispatch.
 */
export async function afterAck(deps: ListenerDeps, request: Request, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    deps.log.error({ err, platform: 'slack', scope: request.scopeId, ...request.what }, 'handler failed');
    const lang = await deps.contexts.langOf(request.scopeId);
    const sorry = renderReply(errorReply(lang, msg('err.internal')), lang);
    await request.respond(ephemeral(sorry)).catch((e: unknown) => deps.log.error({ err: e, ...request.what }, 'could not tell the user either'));
  }
}
