/** What a chat platform adapter is, and what it is given to run. */
import type { ChannelCheck, PlatformName, Reply, Services, View } from '../../commands/types.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';

/** Where seen signed requests are kept: the store (one table), shared by every process. */
export interface SeenRequests {
  /** True the first time `key` is seen before `expiresAt`. */
  firstSighting(key: string, expiresAt: number, now: number): Promise<boolean>;
}

/** Where a message goes when no one asked for it (a reveal, a scheduled question, standings). */
export interface PostTarget {
  /** `discord:<guild>`, `slack:<team>`, `shell:local`. */
  readonly scopeId: string;
  /** The platform's own channel id. */
  readonly channelId: string;
  /** The message this one follows up (a question, for its reveal), when known. */
  readonly replyTo?: string | undefined;
  /**
   * That message as it should read now (the question, its buttons gone): a platform that edits
   * the message to close it rebuilds it from this, whichever process posted it.
   */
  readonly closed?: ((view: View) => Reply) | undefined;
  /**
   * Names this post so a retry of it is not posted twice where the platform can tell (Discord's
   * enforced nonce); at most 25 characters.
   */
  readonly once?: string | undefined;
}

export interface Platform {
  readonly name: PlatformName;
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Posts a public message in a channel of one of this platform's scopes and calls the reply's
   * `onPosted` with the new message's id. Throws if it could not be delivered (the caller retries).
   */
  post(target: PostTarget, compose: (view: View) => Reply): Promise<void>;
  /**
   * Whether a channel may be used by a scope (a question posted there, a quiz channel set): it
   * belongs to the scope's server or workspace, and the bot can post in it.
   */
  channelFor(scopeId: string, channelId: string): Promise<ChannelCheck>;
}

/** What every adapter is built from; main.ts assembles it once. */
export interface PlatformDeps {
  readonly config: Config;
  readonly log: Logger;
  readonly services: Services;
  readonly clock: Clock;
  /**
   * A failure the platform cannot recover from (a gateway that will not reconnect): the bot stops
   * and exits non-zero with this one line, so a supervisor restarts it or alerts someone.
   */
  readonly fatal: (error: Error) => void;
  /** Signed requests seen recently, shared by every process (the Slack replay guard). */
  readonly seen: SeenRequests;
}

/** The platform a scope id belongs to: `discord:123` -> discord. */
export function platformOf(scopeId: string): PlatformName {
  const name = scopeId.slice(0, scopeId.indexOf(':'));
  if (name === 'discord' || name === 'slack' || name === 'shell') return name;
  throw new Error(`scope ${scopeId} names no platform`);
}
