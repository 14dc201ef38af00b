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
import { FORM_CALLBACK_ID } from '../modal.js';
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
const isForm = (args: Args): args is SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs =>
  kind(args).type === 'view_submission' && kind(args).view?.callback_id === FORM_CALLBACK_ID;

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
