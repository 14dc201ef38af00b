/**
 * Bolt listeners, grouped by kind as in the Bolt starter template: commands, actions (buttons),
 * views (forms). Each acks first, then does the work and answers through respond() or the Web API.
 */
import type { App } from '@slack/bolt';
import type { Logger } from '../../../log.js';
import type { SlackContexts } from '../context.js';
import type { Delivery } from '../delivery.js';
import { registerActions } from './actions.js';
import { registerCommands } from './commands.js';
import { registerViews } from './views.js';

export interface ListenerDeps {
  readonly log: Logger;
  readonly contexts: SlackContexts;
  readonly delivery: Delivery;
}

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommands(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
}
