/**
 * One listener per command in COMMANDS, by its name (`/count`, `/quiz`, ...): a command added
 * there is on Slack once the app manifest lists it too. Slack sends the arguments as a line of text.
 */
import type { App } from '@slack/bolt';
import { COMMANDS } from '../../../../commands/index.js';
import { runCommand } from '../../dispatch.js';
import { scopeOf } from '../context.js';
import { fromSlackText } from '../mrkdwn.js';
import { afterAck } from './after-ack.js';
import type { ListenerDeps } from './index.js';

export function registerCommands(app: App, deps: ListenerDeps): void {
  for (const command of COMMANDS) {
    app.command(`/${command.name}`, async ({ ack, command: payload, respond }) => {
      await ack();
      await afterAck(deps, { respond, scopeId: scopeOf(payload.team_id) }, { command: command.name }, async () => {
        const ctx = await deps.contexts.of({ teamId: payload.team_id, channelId: payload.channel_id, userId: payload.user_id, userName: payload.user_name });
        const reply = await runCommand(command, ctx, fromSlackText(payload.text), deps.log);
        await deps.delivery.reply(reply, ctx.lang, { channelId: ctx.channelId, respond });
      });
    });
  }
}
