/**
 * The discord.js Client as this bot needs it: the Guilds intent only (no privileged intents: the
 * bot reads no messages and no member list), and caches capped so that memory stays flat however
 * many servers, members and messages pass by. Everything the bot needs arrives in the interaction
 * itself (the member's name and permissions, the channel), so almost nothing has to be kept.
 */
import { Client, DefaultRestOptions, GatewayIntentBits, Options } from 'discord.js';

export interface ClientOptions {
  /** REST base (`DISCORD_API_URL`); the gateway address then comes from its GET /gateway/bot. */
  readonly api?: string | undefined;
}

export function createClient(options: ClientOptions = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: options.api ?? DefaultRestOptions.api },
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      // Nothing reads these back: a message is fetched when it is edited, a name comes with each
      // interaction. Keeping none is what makes memory independent of traffic.
      MessageManager: 0,
      UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
      GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
      PresenceManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      ThreadMemberManager: 0,
      VoiceStateManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      GuildScheduledEventManager: 0,
      StageInstanceManager: 0,
      GuildInviteManager: 0,
      GuildBanManager: 0,
      AutoModerationRuleManager: 0,
      ApplicationCommandManager: 0,
    }),
    // Guilds and their channels stay cached (the bot posts reveals there); threads are the one
    // kind that piles up, and the default sweeper drops archived ones.
    sweepers: Options.DefaultSweeperSettings,
    allowedMentions: { parse: [], repliedUser: false },
  });
}
