/** What a chat platform adapter provides to main.ts. */
import type { PlatformName } from '../../commands/types.js';
import type { Reveal } from '../quiz/service.js';

export interface Platform {
  readonly name: PlatformName;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Posts the reveal of a closed round in its channel. Throws if it could not (a retry follows). */
  postReveal(reveal: Reveal): Promise<void>;
}

/** The platform a scope id belongs to: `discord:123` -> discord. */
export function platformOf(scopeId: string): PlatformName {
  const name = scopeId.slice(0, scopeId.indexOf(':'));
  if (name === 'discord' || name === 'slack' || name === 'shell') return name;
  throw new Error(`scope ${scopeId} names no platform`);
}
