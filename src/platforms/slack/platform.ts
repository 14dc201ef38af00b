/**
 * The Slack platform: a Bolt App in Socket Mode (SLACK_APP_TOKEN) or behind Bolt's HTTP receiver
 * (SLACK_SIGNING_SECRET, PORT), with every command, button and form of the bot registered on it.
 * SLACK_API_URL points its Web API client (and Socket Mode's apps.connections.open) elsewhere.
 */
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import type { Reply, View } from '../../../commands/types.js';
import type { Platform, PlatformDeps, PostTarget } from '../platform.js';
import { slackConnection, type SlackConnection } from './connection.js';
import { SlackContexts } from './context.js';
import { Delivery } from './delivery.js';
import { registerListeners } from './listeners/index.js';
import { boltLogger } from './logger.js';
import { ResponseUrls } from './response-url.js';

export class SlackPlatform implements Platform {
  readonly name = 'slack' as const;
  readonly connection: SlackConnection;
  private readonly app: App;
  private readonly contexts: SlackContexts;
  private readonly delivery: Delivery;
  private readonly responses = new ResponseUrls();
  private listening: AddressInfo | undefined;

  constructor(private readonly deps: PlatformDeps) {
    const { config, log } = deps;
    if (!config.SLACK_BOT_TOKEN) throw new Error('SlackPlatform needs SLACK_BOT_TOKEN');
    this.connection = slackConnection(config);
    this.app = new App({
      token: config.SLACK_BOT_TOKEN,
      logger: boltLogger(log),
      // auth.test runs in start(), where a bad token stops the bot with one line, not in a constructor.
      deferInitialization: true,
      // No listener keeps conversation state; skip Bolt's per-event store.
      convoStore: false,
      ...(config.SLACK_API_URL ? { clientOptions: { slackApiUrl: config.SLACK_API_URL } } : {}),
      ...(this.connection.mode === 'socket'
        ? { socketMode: true, appToken: this.connection.appToken }
        : { signingSecret: this.connection.signingSecret }),
    });
    this.app.error(async (error) => {
      log.error({ err: error, platform: 'slack' }, 'listener failed');
    });
    this.contexts = new SlackContexts({ ...deps, client: this.app.client });
    this.delivery = new Delivery(this.app.client, log);
    registerListeners(this.app, { log, contexts: this.contexts, delivery: this.delivery, responses: this.responses });
  }

  /** Where the HTTP receiver listens once started (PORT=0 picks a free port); undefined in Socket Mode. */
  get address(): AddressInfo | undefined {
    return this.listening;
  }

  async start(): Promise<void> {
    await this.app.init();
    if (this.connection.mode === 'socket') {
      await this.app.start();
      this.deps.log.info({ mode: 'socket' }, 'slack connected');
      return;
    }
    const server = await this.app.start(this.connection.port);
    this.listening = server.address() as AddressInfo;
    this.deps.log.info({ mode: 'http', port: this.listening.port, path: '/slack/events' }, 'slack listening');
  }

  async stop(): Promise<void> {
    await this.app.stop();
    this.responses.close();
    this.listening = undefined;
  }

  async post(target: PostTarget, compose: (view: View) => Reply): Promise<void> {
    await this.delivery.post(target.channelId, compose(this.contexts.view), await this.contexts.langOf(target.scopeId));
    if (target.replyTo) {
      // The reveal is out; a question that keeps its buttons is only cosmetic, so this never throws.
      await this.delivery.dropButtons(target.replyTo).catch((err: unknown) => this.deps.log.warn({ err, ts: target.replyTo }, 'could not take the buttons off a closed question'));
    }
  }
}
