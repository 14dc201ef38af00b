/** The part of every listener that runs after its ack, where a failure must not go unanswered. */
import { failureReply } from '../../failure.js';
import { renderReply } from '../blocks.js';
import { ephemeral, type Route } from '../delivery.js';
import type { ListenerDeps } from './index.js';

/** What a listener knows of the request it answers, for its reply and its log lines. */
export interface Request {
  /** Where its reply goes: the response_url, the channel, the asker. */
  readonly route: Route;
  readonly scopeId: string | undefined;
  /** The command or action, for the log. */
  readonly what: Readonly<Record<string, string>>;
  /** When its ack must be sent (performance.now()): set as the request arrived; see answer-in-ack.ts. */
  readonly ackBy?: number | undefined;
}

/**
 * Runs `work`; if it throws (the store busy, Slack refusing a call, an expired response_url, a
 * bug), tells the asker privately ("busy, try again", or "something went wrong") with one log
 * line (failure.ts). The app keeps running either way.
 */
export async function afterAck(deps: ListenerDeps, request: Request, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    const lang = deps.contexts.knownLang(request.scopeId);
    const reply = failureReply(err, lang, deps.log, { platform: 'slack', scope: request.scopeId, ...request.what });
    await request.route.respond(ephemeral(renderReply(reply, lang))).catch((e: unknown) => deps.log.error({ err: e, ...request.what }, 'could not tell the user either'));
  }
}
