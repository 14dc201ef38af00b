/**
 * The Discord adapter: a gateway bot that answers interactions (slash commands, buttons, modals,
 * autocomplete) and posts what no one asked for (reveals, scheduled questions) in a channel.
 */
import { Events, type Client, type Interaction, type Message, type SendableChannels } from 'discord.js';
import type { ChannelCheck, Reply, View } from '../../../commands/types.js';
import type { Logger } from '../../log.js';
import { drawPictures, hasPictures, readyPictures } from '../pictures.js';
import type { Platform, PlatformDeps, PostTarget } from '../platform.js';
import { createClient } from './client.js';
import { InteractionHandler } from './interactions.js';
import { disabledRows, renderReply } from './render.js';
import { DISCORD_VIEW } from './view.js';

export interface DiscordOptions {
  /** How long a reply may take before the interaction is deferred (shortened in tests). */
  readonly deferAfterMs?: number;
}

export class DiscordPlatform implements Platform {
  readonly name = 'discord' as const;
  private readonly client: Client;
  private readonly handler: InteractionHandler;
  private readonly log: Logger;
  private readonly token: string;
  /** Interactions being answered; stop() waits for them so no answer meets a closed database. */
  private readonly inflight = new Set<Promise<void>>();

  constructor(deps: PlatformDeps, options: DiscordOptions = {}) {
    const token = deps.config.DISCORD_TOKEN;
    // Checked here because discord.js would otherwise fall back to process.env.DISCORD_TOKEN.
    if (!token) throw new Error('the Discord platform needs DISCORD_TOKEN');
    this.token = token;
    this.log = deps.log.child({ platform: 'discord' });
    this.client = createClient({ api: deps.config.DISCORD_API_URL });
    this.handler = new InteractionHandler({ services: deps.services, log: this.log, ...options });
    this.client.on(Events.InteractionCreate, this.onInteraction);
    // An 'error' event with no listener would end the process; a gateway error is not worth that.
    this.client.on(Events.Error, (err) => this.log.error({ err }, 'discord client error'));
    this.client.on(Events.Warn, (message) => this.log.warn({ message }, 'discord client warning'));
    // discord.js emits this only for close codes it will not reconnect after (4004 invalid token,
    // 4014 disallowed intents, ...): a bot that stays up deaf helps nobody, so it stops and says why.
    this.client.on(Events.ShardDisconnect, (event, shard) => {
      this.log.fatal({ shard, code: event.code }, 'discord gateway closed for good');
      deps.fatal(new Error(gatewayClosed(event.code)));
    });
    this.client.on(Events.ShardResume, (shard, replayed) => this.log.info({ shard, replayed }, 'discord gateway resumed'));
  }

  async start(): Promise<void> {
    const ready = new Promise<void>((resolve) => this.client.once(Events.ClientReady, () => resolve()));
    await this.client.login(this.token);
    await ready;
    this.log.info({ user: this.client.user?.tag, guilds: this.client.guilds.cache.size }, 'discord connected');
  }

  async stop(): Promise<void> {
    this.client.off(Events.InteractionCreate, this.onInteraction);
    await Promise.allSettled(this.inflight);
    await this.client.destroy();
  }

  async post(target: PostTarget, compose: (view: View) => Reply): Promise<void> {
    const channel = await this.client.channels.fetch(target.channelId);
    if (!channel?.isSendable()) throw new Error(`discord channel ${target.channelId} does not take messages`);
    const reply = compose(DISCORD_VIEW);
    // The text goes out now (a /close waits for its reveal); pictures not drawn before are drawn
    // afterwards and edited in, as for a response.
    const ready = readyPictures(reply);
    const message = await channel.send({
      ...renderReply(reply, ready),
      ...(target.replyTo ? { reply: { messageReference: target.replyTo, failIfNotExists: false } } : {}),
      // Discord drops a second message with the same nonce sent within minutes: a retried reveal posts once.
      ...(target.once ? { nonce: target.once, enforceNonce: true } : {}),
    });
    await reply.onPosted?.(message.id);
    if (target.replyTo) await this.closeButtons(channel, target.replyTo);
    if (!ready && hasPictures(reply)) this.track(this.addPictures(message, reply));
  }

  /** Edits a posted message to show its reply's pictures once drawn; a failure is logged (the text is out). */
  private async addPictures(message: Message, reply: Reply): Promise<void> {
    const pictures = await drawPictures(reply, this.log);
    if (pictures.length === 0) return;
    try {
      await message.edit(renderReply(reply, pictures));
    } catch (err) {
      this.log.warn({ err, channel: message.channelId, message: message.id }, 'pictures not added to a posted message');
    }
  }

  /** Work that stop() waits for. */
  private track(job: Promise<void>): void {
    const tracked = job.finally(() => this.inflight.delete(tracked));
    this.inflight.add(tracked);
  }

  async channelFor(scopeId: string, channelId: string): Promise<ChannelCheck> {
    const guild = scopeId.slice('discord:'.length);
    let channel;
    try {
      channel = await this.client.channels.fetch(channelId);
    } catch {
      return { ok: false, why: 'elsewhere' }; // unknown to the bot, or not visible to it
    }
    if (!channel || channel.isDMBased() || channel.guildId !== guild) return { ok: false, why: 'elsewhere' };
    return channel.isSendable() ? { ok: true } : { ok: false, why: 'notMember' };
  }

  /**
   * Greys out the buttons of the message a post follows up (a question, once revealed). The post
   * itself has gone out, so a failure here is logged rather than thrown: a retry would post twice.
   */
  private async closeButtons(channel: SendableChannels, messageId: string): Promise<void> {
    try {
      const message = await channel.messages.fetch(messageId);
      const rows = disabledRows(message.components);
      if (rows.length > 0) await message.edit({ components: rows });
    } catch (err) {
      this.log.warn({ err, channel: channel.id, message: messageId }, 'could not disable the buttons of a question');
    }
  }

  private readonly onInteraction = (interaction: Interaction): void => {
    this.track(this.handler.handle(interaction));
  };
}

/** What a gateway close discord.js will not recover from means, in one line naming what to fix. */
function gatewayClosed(code: number): string {
  const why: Record<number, string> = {
    4004: 'the token was refused: DISCORD_TOKEN is not valid (reset it in the Developer Portal, Bot page)',
    4010: 'an invalid shard was sent',
    4011: 'the bot is in too many servers for one connection: sharding is required',
    4012: 'an invalid gateway API version was requested',
    4013: 'invalid gateway intents were requested',
    4014: 'disallowed intents: the bot asked for a privileged intent that is not enabled in the Developer Portal',
  };
  return `Discord closed the gateway connection with code ${code} and will not take it back: ${why[code] ?? 'see the Discord gateway close codes'}.`;
}
