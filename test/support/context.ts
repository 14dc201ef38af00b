/** A command Context on a test harness: who asks, where, with which rights. */
import type { Context } from '../../commands/types.js';
import { runNamedCommand } from '../../src/platforms/dispatch.js';
import type { Player } from '../../src/domain/index.js';
import { createLogger } from '../../src/log.js';
import type { Harness } from './quiz.js';

export const silentLog = createLogger('silent');

export function context(h: Pick<Harness, 'services'>, player: Player, o: { isAdmin?: boolean; channelId?: string; scopeId?: string; lang?: 'en' | 'zh-TW' } = {}): Context {
  return {
    platform: 'shell',
    scopeId: o.scopeId ?? 'discord:G1',
    channelId: o.channelId ?? 'C1',
    player,
    lang: o.lang ?? 'en',
    isAdmin: o.isAdmin ?? false,
    services: h.services,
    mention: (_id, name) => `@${name}`,
    time: (ms) => new Date(ms).toISOString(),
    channel: (id) => `#${id}`,
  };
}

/** Runs `/name args...` as typed, through the dispatch every adapter uses. */
export function run(ctx: Context, line: string) {
  const [name = '', ...rest] = line.split(' ');
  return runNamedCommand(name, ctx, rest.join(' '), silentLog);
}
