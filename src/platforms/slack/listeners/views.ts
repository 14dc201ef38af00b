/**
 * Form submissions (the "Answer" button's number field). The reply decides how the form closes,
 * so the action runs before the ack, against a deadline that keeps the ack inside Slack's three
 * seconds: a mistake the student can retype (not a number) stays in the form under the field;
 * anything else closes the form and answers privately in the channel, through the response_url
 * of the click that opened it.
 */
import type { App } from '@slack/bolt';
import type { Context, Reply } from '../../../../commands/types.js';
import { msg, t } from '../../../i18n/messages.js';
import { decodeButton, runAction } from '../../dispatch.js';
import { scopeOf } from '../context.js';
import { respondTo } from '../delivery.js';
import { FORM_CALLBACK_ID, fieldError, readSubmission } from '../modal.js';
import { afterAck } from './after-ack.js';
import type { ListenerDeps } from './index.js';

/** Slack waits 3 s for the ack; the rest is margin for the network. */
const ANSWER_BEFORE_ACK_MS = 2_000;

export function registerViews(app: App, deps: ListenerDeps): void {
  app.view(FORM_CALLBACK_ID, async ({ ack, body, view }) => {
    const submission = readSubmission(view);
    const pressed = submission && decodeButton(submission.origin.button);
    const teamId = body.team?.id ?? body.user.team_id ?? view.team_id;
    if (!submission || !pressed) {
      await ack(fieldError(t(deps.contexts.langOf(scopeOf(teamId)), msg('slack.stale'))));
      return;
    }
    const { origin, text } = submission;
    const answered = (async (): Promise<{ ctx: Context; reply: Reply }> => {
      const ctx = await deps.contexts.of({ teamId, channelId: origin.channelId, userId: body.user.id, userName: body.user.name });
      return { ctx, reply: await runAction(pressed.action, pressed.params, ctx, deps.log, text) };
    })();
    // A crash is reported after the ack, below, like any other listener's.
    const early = await settledWithin(answered, ANSWER_BEFORE_ACK_MS).catch(() => undefined);
    if (early && retypable(early.reply)) {
      await ack(fieldError(early.reply.text ?? ''));
      return;
    }
    await ack();
    const respond = respondTo(origin.responseUrl);
    await afterAck(deps, { respond, scopeId: scopeOf(teamId) }, { action: pressed.action.name }, async () => {
      const { ctx, reply } = early ?? (await answered);
      await deps.delivery.reply(reply, ctx.lang, { channelId: ctx.channelId, respond });
    });
  });
}

/** A private error is about what was typed: the student fixes it in the open form. */
const retypable = (reply: Reply): boolean => reply.visibility === 'private' && reply.tone === 'error' && reply.text !== undefined;

/** The promise's value if it settles within `ms`, else undefined (it keeps running). */
function settledWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
