/** The two ways a workspace runs the bot, as the configuration picks them. */
import type { Config } from '../../config.js';

export type SlackConnection =
  /** Socket Mode: the bot dials out to Slack over a WebSocket; no public URL needed. */
  | { readonly mode: 'socket'; readonly appToken: string }
  /** HTTP mode: Slack posts signed requests to /slack/events on this port. */
  | { readonly mode: 'http'; readonly signingSecret: string; readonly port: number };

export const DEFAULT_PORT = 3000;

/** Socket Mode when SLACK_APP_TOKEN is set, else HTTP mode with SLACK_SIGNING_SECRET on PORT. */
export function slackConnection(config: Config): SlackConnection {
  if (config.SLACK_APP_TOKEN) return { mode: 'socket', appToken: config.SLACK_APP_TOKEN };
  if (config.SLACK_SIGNING_SECRET) return { mode: 'http', signingSecret: config.SLACK_SIGNING_SECRET, port: config.PORT ?? DEFAULT_PORT };
  // loadConfig refuses this combination; a hand-built Config can still get here.
  throw new Error('Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)');
}
