/**
 * The Slack platform: a Bolt App in Socket Mode (SLACK_APP_TOKEN) or behind Bolt's HTTP receiver
 * (SLACK_SIGNING_SECRET, PORT), with every command, button and form of the bot registered on it.
 * SLACK_API_URL points its Web API client (and Socket Mode's apps.connections.open) elsewhere.
 */
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, webApi, type AnyMiddlewareArgs, type Middleware } from '@slack/bolt';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChannelCheck, Reply, View } from '../../../commands/types.js';
import type { Platform, PlatformDeps, PostTarget } from '../platform.js';
import { slackConnection, type SlackConnection } from './connection.js';
import { SlackContexts } from './context.js';
import { Delivery } from './delivery.js';
import { InFlight } from './in-flight.js';
import { StoreBusyError } from '../../store/store.js';
import { ackDeadline, settledWithin } from './listeners/answer-in-ack.js';
import { ackByOf, answerNotRun, registerListeners, type ListenerDeps } from './listeners/index.js';
import { boltLogger } from './logger.js';
import { ReplayGuard } from './replay.js';
import { ResponseUrls } from './response-url.js';

/** Waits between attempts to reach the Slack API at start, then every last one. */
const API_RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000] as const;

export class SlackPlatform implements Platform {
  readonly name = 'slack' as const;
  readonly connection: SlackConnection;
  private readonly app: App;
  private readonly contexts: SlackContexts;
  private readonly delivery: Delivery;
  private readonly responses = new ResponseUrls();
  private readonly listeners: ListenerDeps;
  private readonly inFlight = new InFlight();
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
      ...(this.connection.mode === 'socket' ? { socketMode: true, appToken: this.connection.appToken } : { receiver: this.signedReceiver(this.connection.signingSecret, this.connection.port) }),
    });
    this.app.use(this.inFlight.middleware);
    // Slack's three seconds count from a request's arrival: the HTTP receiver notes it as the
    // request comes in (signedReceiver); a Socket Mode envelope, here, first thing.
    this.app.use(async ({ context, next }) => {
      context.ackBy ??= ackDeadline();
      await next();
    });
    this.app.error(async (error) => {
      log.error({ err: error, platform: 'slack' }, 'listener failed');
    });
    this.contexts = new SlackContexts({ ...deps, client: this.app.client });
    this.delivery = new Delivery(this.app.client, log);
    this.listeners = { log, contexts: this.contexts, delivery: this.delivery, responses: this.responses };
    if (this.connection.mode === 'http') this.app.use(this.onceOnly());
    registerListeners(this.app, this.listeners);
  }

  /** Where the HTTP receiver listens once started (PORT=0 picks a free port); undefined in Socket Mode. */
  get address(): AddressInfo | undefined {
    return this.listening;
  }

  /** Resolves once every request received so far has been handled, its replies sent. */
  idle(): Promise<void> {
    return this.inFlight.idle();
  }

  async start(): Promise<void> {
    await this.reachApi();
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

  /**
   * Bolt's HTTP receiver, verifying signatures as Bolt does, with two rules Bolt leaves out: a
   * timestamp ahead of the clock is refused like a stale one (401), and the signature and
   * timestamp of each request reach the listeners, so a replay runs at most once (onceOnly).
   */
  private signedReceiver(signingSecret: string, port: number): HTTPReceiver {
    const receiver = new HTTPReceiver({
      signingSecret,
      port,
      logger: boltLogger(this.deps.log),
      customPropertiesExtractor: (req) => ({
        requestSignature: String(req.headers['x-slack-signature'] ?? ''),
        requestTimestamp: Number(req.headers['x-slack-request-timestamp']),
        // Slack's three seconds count from here, the replay check's time included.
        ackBy: ackDeadline(),
      }),
    });
    const verified = receiver.requestListener;
    receiver.requestListener = (req, res) => {
      const timestamp = Number(req.headers['x-slack-request-timestamp']);
      if (Number.isFinite(timestamp) && ReplayGuard.fromTheFuture(timestamp, Math.floor(Date.now() / 1000))) {
        this.deps.log.warn({ timestamp }, 'slack request refused: its timestamp is ahead of the clock');
        res.writeHead(401).end();
        return;
      }
      verified(req, res);
    };
    return receiver;
  }

  /**
   * After verification: a signature seen before is acknowledged and not run again. The check
   * reads the store, and has until the ack is due: a store that cannot say in time (PostgreSQL
   * restarting) runs nothing, and the asker is told "busy, try again" in the ack, where Slack
   * would otherwise answer an empty 404 after its three seconds.
   */
  private onceOnly(): Middleware<AnyMiddlewareArgs> {
    const guard = new ReplayGuard(this.deps.seen);
    return async (args) => {
      const { requestSignature, requestTimestamp } = args.context as { requestSignature?: string; requestTimestamp?: number };
      if (!requestSignature || requestTimestamp === undefined) return args.next();
      const started = performance.now();
      let first: boolean | undefined;
      try {
        first = await settledWithin(guard.admit(requestSignature, requestTimestamp, Math.floor(Date.now() / 1000)), (ackByOf(args.context) ?? ackDeadline()) - started);
      } catch (err) {
        return answerNotRun(args, this.listeners, err);
      }
      if (first === undefined) return answerNotRun(args, this.listeners, new StoreBusyError(Math.round(performance.now() - started)));
      if (!first) {
        this.deps.log.warn({ timestamp: requestTimestamp }, 'slack request replayed; not run again');
        if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
        return;
      }
      await args.next();
    };
  }

  /**
   * Checks the Web API answers before anything else: unreachable, it says so at once and keeps
   * trying with a logged, growing wait (Bolt's own client would retry silently for half an
   * hour); a refused token stops the bot with one line.
   */
  private async reachApi(): Promise<void> {
    const { config, log } = this.deps;
    const probe = new webApi.WebClient(config.SLACK_BOT_TOKEN, {
      ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
      retryConfig: { retries: 0 },
      timeout: 10_000,
      logger: boltLogger(log),
    });
    for (let attempt = 0; ; attempt++) {
      try {
        await probe.auth.test();
        return;
      } catch (err) {
        if ((err as { code?: string }).code === webApi.ErrorCode.PlatformError) {
          throw new Error(`Slack refused SLACK_BOT_TOKEN (${(err as { data?: { error?: string } }).data?.error ?? 'error'}): copy the Bot User OAuth Token (xoxb-…) from the app's page.`);
        }
        const retryInMs = API_RETRY_MS[Math.min(attempt, API_RETRY_MS.length - 1)]!;
        log.warn({ err, api: config.SLACK_API_URL ?? 'https://slack.com/api/', retryInMs }, 'slack API unreachable; trying again');
        await sleep(retryInMs);
      }
    }
  }

  /**
   * A channel of this workspace that the bot is in. The bot token sees only its own workspace's
   * channels (another workspace's id is channel_not_found); an org-shared channel names its team.
   */
  async channelFor(scopeId: string, channelId: string): Promise<ChannelCheck> {
    const team = scopeId.slice('slack:'.length);
    let info;
    try {
      info = await this.app.client.conversations.info({ channel: channelId });
    } catch {
      return { ok: false, why: 'elsewhere' };
    }
    const channel = info.channel as { is_member?: boolean; context_team_id?: string; is_im?: boolean } | undefined;
    if (!channel || (channel.context_team_id !== undefined && channel.context_team_id !== team)) return { ok: false, why: 'elsewhere' };
    return channel.is_member === true || channel.is_im === true ? { ok: true } : { ok: false, why: 'notMember' };
  }

  async post(target: PostTarget, compose: (view: View) => Reply): Promise<void> {
    await this.delivery.post(target.channelId, compose(this.contexts.view), await this.contexts.langOf(target.scopeId));
    if (target.replyTo && target.closed) {
      // The reveal is out; a question that keeps its buttons is only cosmetic, so this never throws.
      const closed = target.closed(this.contexts.view);
      await this.delivery
        .replace(target.channelId, target.replyTo, closed, await this.contexts.langOf(target.scopeId))
        .catch((err: unknown) => this.deps.log.warn({ err, ts: target.replyTo }, 'could not take the buttons off a closed question'));
    }
  }
}
