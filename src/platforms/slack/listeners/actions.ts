/**
 * Every button, handled by its id: the button's value is `encodeButton(button)`, decoded to an
 * Action in ACTIONS and its params, so an action added there works here untouched. An Action
 * with `modal` opens a form first (views.open with the click's trigger_id); views.ts takes the
 * submission from there.
 */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { say } from '../../../../commands/replies.js';
import { msg } from '../../../i18n/messages.js';
import { decodeButton, runAction } from '../../dispatch.js';
import { scopeOf, type Asker } from '../context.js';
import { renderReply } from '../blocks.js';
import { ephemeral } from '../delivery.js';
import { formView } from '../modal.js';
import { afterAck } from './after-ack.js';
import type { ListenerDeps } from './index.js';

export function actionListener(deps: ListenerDeps) {
  return async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const respond = deps.responses.respondTo(body.response_url);
    const asker = askerOf(body);
    const scopeId = asker && scopeOf(asker.teamId);
    const route = { respond, channelId: asker?.channelId ?? '', userId: body.user.id };
    await afterAck(deps, { route, scopeId, what: { action: action.action_id } }, async () => {
      const id = action.type === 'button' ? (action.value ?? action.action_id) : action.action_id;
      const pressed = decodeButton(id);
      if (!pressed || !asker) {
        // A button from an older version of the bot, or somewhere no command runs.
        const lang = await deps.contexts.langOf(scopeId);
        await respond(ephemeral(renderReply(say(lang, msg('slack.stale'), 'warning'), lang)));
        return;
      }
      const ctx = await deps.contexts.of(asker);
      if (pressed.action.modal) {
        const origin = { button: id, channelId: ctx.channelId, responseUrl: body.response_url };
        await client.views.open({ trigger_id: body.trigger_id, view: formView(pressed.action.modal(ctx, pressed.params), origin, ctx.lang) });
        return;
      }
      const reply = await runAction(pressed.action, pressed.params, ctx, deps.log);
      await deps.delivery.reply(reply, ctx.lang, route);
    });
  };
}

function askerOf(body: BlockAction): Asker | undefined {
  const teamId = body.team?.id ?? body.user.team_id;
  const channelId = body.channel?.id ?? (body.container.channel_id as string | undefined);
  if (teamId === undefined || channelId === undefined) return undefined;
  return { teamId, channelId, userId: body.user.id, userName: body.user.username ?? body.user.name ?? body.user.id };
}
