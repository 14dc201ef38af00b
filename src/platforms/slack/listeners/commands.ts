/**
 * Every command in COMMANDS, by the name Slack sends (`/count`, `/quiz`, ...): a command added there
 * is on Slack once the app manifest lists it. Slack sends the arguments as a line of text. A private
 * reply ready within the ack deadline is the ack's body, the quickest answer Slack has.
 */
import type { AllMiddlewareArgs, RespondArguments, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { runNamedCommand } from '../../dispatch.js';
import { renderReply } from '../blocks.js';
import { scopeOf } from '../context.js';
import { fromSlackText } from '../mrkdwn.js';
import { answerInAck } from './answer-in-ack.js';
import type { ListenerDeps } from './index.js';

export function commandListener(deps: ListenerDeps) {
  return async ({ ack, command: payload }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const name = payload.command.slice(1);
    const request = { respond: deps.responses.respondTo(payload.response_url), scopeId: scopeOf(payload.team_id), what: { command: name } };
    await answerInAck<RespondArguments>(
      deps,
      request,
      ack,
      async () => {
        const ctx = await deps.contexts.of({ teamId: payload.team_id, channelId: payload.channel_id, userId: payload.user_id, userName: payload.user_name });
        return { ctx, reply: await runNamedCommand(name, ctx, fromSlackText(payload.text), deps.log) };
      },
      (reply, lang) => (reply.visibility === 'private' ? { response_type: 'ephemeral', ...renderReply(reply, lang) } : undefined),
    );
  };
}
