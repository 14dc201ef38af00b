/**
 * Bolt listeners, grouped by kind as in the Bolt starter template: commands, actions (buttons),
 * views (forms). Each acks first, then does the work and answers through the request's
 * response_url or the Web API. One listener per kind, each dispatching generically: Bolt runs every
 * listener's matchers on every request, and one listener per command halved the throughput.
 */
import type { App } from '@slack/bolt';
import type { Logger } from '../../../log.js';
import type { SlackContexts } from '../context.js';
import type { Delivery } from '../delivery.js';
import type { ResponseUrls } from '../response-url.js';
import { registerActions } from './actions.js';
import { registerCommands } from './commands.js';
import { registerViews } from './views.js';

export interface ListenerDeps {
  readonly log: Logger;
  readonly contexts: SlackContexts;
  readonly delivery: Delivery;
  readonly responses: ResponseUrls;
}

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommands(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
}
