/**
 * Slack waits three seconds for an ack, and the ack may carry an answer: a slash command's private
 * reply (Slack shows it at once, with no second request), or a form's field error. So a listener
 * whose ack can carry something runs its work first, against a deadline inside those three
 * seconds, counted from when the request arrived (the replay check before it spends some): what
 * is ready in time and fits the ack rides on it; anything else (a public post, work past the
 * deadline) follows the empty ack through the response_url or the Web API. A failure (the store
 * busy, say) is an answer like any other: "busy, try again", in the ack when it is in time.
 */
import type { Reply } from '../../../../commands/types.js';
import type { Lang } from '../../../i18n/messages.js';
import { failureReply } from '../../failure.js';
import { afterAck, type Request } from './after-ack.js';
import type { ListenerDeps } from './index.js';

/** The reply was answered another way before the ack (a form opened in its place). */
export const HANDLED = Symbol('handled');

/** Slack waits 3 s; the rest is margin for the network. */
export const ACK_DEADLINE_MS = 2_000;

/** When a request that arrives now must be acked (performance.now()). */
export const ackDeadline = (): number => performance.now() + ACK_DEADLINE_MS;

export interface Answered {
  readonly reply: Reply;
  readonly lang: Lang;
}

export async function answerInAck<Body>(
  deps: ListenerDeps,
  request: Request,
  ack: (body?: Body) => Promise<void>,
  answer: () => Promise<Answered>,
  /** What of a reply ready in time goes in the ack; undefined: it is delivered after it; HANDLED: nothing more to send. */
  inAck: (reply: Reply, lang: Lang) => Body | undefined | typeof HANDLED,
): Promise<void> {
  const answered = answer().catch((err: unknown): Answered => {
    const lang = deps.contexts.knownLang(request.scopeId);
    return { reply: failureReply(err, lang, deps.log, { platform: 'slack', scope: request.scopeId, ...request.what }), lang };
  });
  const early = await settledWithin(answered, (request.ackBy ?? ackDeadline()) - performance.now());
  const body = early && inAck(early.reply, early.lang);
  if (body === HANDLED) {
    await ack();
    return;
  }
  if (body !== undefined) {
    await ack(body);
    // The text rode on the ack; its pictures are drawn and sent only now.
    await afterAck(deps, request, () => deps.delivery.privatePictures(early!.reply, request.route.userId));
    return;
  }
  await ack();
  await afterAck(deps, request, async () => {
    const { reply, lang } = early ?? (await answered);
    await deps.delivery.reply(reply, lang, request.route);
  });
}

/** The promise's value if it settles within `ms`, else undefined (it keeps running). */
export function settledWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, Math.max(0, ms), undefined)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
