/**
 * Bolt listeners, grouped by kind as in the Bolt starter template: commands, actions (buttons),
 * views (forms), each acking first and dispatching generically. They are reached through one
 * global middleware rather than three registered listeners: Bolt runs every listener's matcher
 * chain on every request (about 10 µs each here), and this router's checks cost nothing.
 */
import type { AllMiddlewareArgs, AnyMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs, SlackCommandMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Logger } from '../../../log.js';
import type { SlackContexts } from '../context.js';
import type { Delivery } from '../delivery.js';
import { failureReply } from '../../failure.js';
import { renderReply } from '../blocks.js';
import { scopeOf } from '../context.js';
import { ephemeral } from '../delivery.js';
import { FORM_CALLBACK_ID, fieldError } from '../modal.js';
import type { ResponseUrls } from '../response-url.js';
import { actionListener } from './actions.js';
import { commandListener } from './commands.js';
import { viewListener } from './views.js';

export interface ListenerDeps {
  readonly log: Logger;
  readonly contexts: SlackContexts;
  readonly delivery: Delivery;
  readonly responses: ResponseUrls;
}

type Args = AnyMiddlewareArgs & AllMiddlewareArgs;

/** The fields of a request body that tell its kind apart. */
const kind = (args: Args) => args.body as { readonly type?: unknown; readonly command?: unknown; readonly view?: { readonly callback_id?: unknown } };

const isCommand = (args: Args): args is SlackCommandMiddlewareArgs & AllMiddlewareArgs => typeof kind(args).command === 'string';
const isButton = (args: Args): args is SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs => kind(args).type === 'block_actions';
const isForm = (args: Args): args is SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs => kind(args).type === 'view_submission' && kind(args).view?.callback_id === FORM_CALLBACK_ID;

/** When a request's ack is due (performance.now()), as noted when it arrived; undefined: ACK_DEADLINE_MS from now. */
export const ackByOf = (context: AllMiddlewareArgs['context']): number | undefined => (typeof context.ackBy === 'number' ? context.ackBy : undefined);

/**
 * Answers a request that was not run because something before its listener failed (the replay
 * check could not reach the store in time): "busy, try again" or "something went wrong"
 * (failure.ts), the way its kind is answered: a command's private reply and a form's field error
 * in the ack, a button's through its response_url after the ack.
 */
export async function answerNotRun(args: Args, deps: ListenerDeps, err: unknown): Promise<void> {
  const scopeId = typeof args.context.teamId === 'string' ? scopeOf(args.context.teamId) : undefined;
  const lang = deps.contexts.knownLang(scopeId);
  const reply = failureReply(err, lang, deps.log, { platform: 'slack', scope: scopeId });
  const ack = (args as Partial<{ ack: (body?: unknown) => Promise<void> }>).ack ?? (async () => {});
  if (isCommand(args)) return ack({ response_type: 'ephemeral', ...renderReply(reply, lang) });
  if (isForm(args)) return ack(fieldError(reply.text ?? ''));
  await ack();
  if (isButton(args))
    await deps.responses
      .respondTo(args.body.response_url)(ephemeral(renderReply(reply, lang)))
      .catch((e: unknown) => deps.log.warn({ err: e }, 'could not tell the user either'));
}

export function registerListeners(app: App, deps: ListenerDeps): void {
  const command = commandListener(deps);
  const action = actionListener(deps);
  const view = viewListener(deps);
  app.use(async (args) => {
    if (isCommand(args)) return command(args);
    if (isButton(args)) return action(args);
    if (isForm(args)) return view(args);
    await args.next();
  });
}
