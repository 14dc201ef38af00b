/**
 * Form submissions (the "Answer" button's number field). A mistake the student can retype (not a
 * number) comes back in the ack and stays in the form, under the field; anything else closes the
 * form and answers privately in the channel, through the response_url of the click that opened it.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewResponseAction, ViewSubmitAction } from '@slack/bolt';
import type { Reply } from '../../../../commands/types.js';
import { msg, t } from '../../../i18n/messages.js';
import { decodeButton, runAction } from '../../dispatch.js';
import { scopeOf } from '../context.js';
import { fieldError, readSubmission } from '../modal.js';
import { answerInAck } from './answer-in-ack.js';
import { ackByOf, type ListenerDeps } from './index.js';

export function viewListener(deps: ListenerDeps) {
  return async ({ ack, body, view, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const submission = readSubmission(view);
    const pressed = submission && decodeButton(submission.origin.button);
    const teamId = body.team?.id ?? body.user.team_id ?? view.team_id;
    if (!submission || !pressed) {
      await ack(fieldError(t(await deps.contexts.langOf(scopeOf(teamId)), msg('slack.stale'))));
      return;
    }
    const { origin, text } = submission;
    const route = { respond: deps.responses.respondTo(origin.responseUrl), channelId: origin.channelId, userId: body.user.id };
    const request = { route, scopeId: scopeOf(teamId), what: { action: pressed.action.name }, ackBy: ackByOf(context) };
    await answerInAck<ViewResponseAction>(
      deps,
      request,
      ack,
      async () => {
        const ctx = await deps.contexts.of({ teamId, channelId: origin.channelId, userId: body.user.id, userName: body.user.name });
        return { reply: await runAction(pressed.action, pressed.params, ctx, deps.log, text), lang: ctx.lang };
      },
      (reply) => (retypable(reply) ? fieldError(reply.text ?? '', submission.errorBlock) : undefined),
    );
  };
}

/** A private error is about what was typed: the student fixes it in the open form. */
const retypable = (reply: Reply): boolean => reply.visibility === 'private' && reply.tone === 'error' && reply.text !== undefined;
