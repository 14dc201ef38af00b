/**
 * Every command in COMMANDS, by the name Slack sends (`/count`, `/quiz`, ...): a command added there
 * is on Slack once the app manifest lists it. Slack sends the arguments as a line of text. A private
 * reply ready within the ack deadline is the ack's body, the quickest answer Slack has.
 */
import type { AllMiddlewareArgs, RespondArguments, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { decodeButton, encodeButton, runNamedCommand } from '../../dispatch.js';
import { formView } from '../modal.js';
import { renderReply } from '../blocks.js';
import { scopeOf } from '../context.js';
import { fromSlackText } from '../mrkdwn.js';
import { answerInAck, HANDLED } from './answer-in-ack.js';
import { ackByOf, type ListenerDeps } from './index.js';

export function commandListener(deps: ListenerDeps) {
  return async ({ ack, command: payload, client, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const name = payload.command.slice(1);
    const route = { respond: deps.responses.respondTo(payload.response_url), channelId: payload.channel_id, userId: payload.user_id };
    const request = { route, scopeId: scopeOf(payload.team_id), what: { command: name }, ackBy: ackByOf(context) };
    let formOpened = false;
    await answerInAck<RespondArguments>(
      deps,
      request,
      ack,
      async () => {
        const ctx = await deps.contexts.of({ teamId: payload.team_id, channelId: payload.channel_id, userId: payload.user_id, userName: payload.user_name });
        const reply = await runNamedCommand(name, ctx, fromSlackText(payload.text), deps.log);
        // A reply that asks for text (code to paste) opens its form in its place, from the command's trigger.
        const pressed = reply.ask && decodeButton(encodeButton(reply.ask));
        if (pressed?.action.modal) {
          const origin = { button: encodeButton(reply.ask!), channelId: ctx.channelId, responseUrl: payload.response_url };
          try {
            await client.views.open({ trigger_id: payload.trigger_id, view: formView(pressed.action.modal(ctx, pressed.params), origin, ctx.lang) });
            formOpened = true;
          } catch (err) {
            deps.log.warn({ err, command: name }, 'the form could not be opened; the reply with its button goes out instead');
          }
        }
        return { reply, lang: ctx.lang };
      },
      (reply, lang) => (formOpened ? HANDLED : reply.visibility === 'private' ? { response_type: 'ephemeral', ...renderReply(reply, lang) } : undefined),
    );
  };
}
