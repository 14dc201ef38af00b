/**
 * A scope's settings (time zone, language, quiz channel, allowed levels and topics, round length,
 * scoring) and its seasons. Settings change only through here, so they are cached after the
 * first read; a scope is created in the store only the first time it is seen.
 */
import type { Clock } from '../clock.js';
import type { Lang } from '../i18n/messages.js';
import type { Scope, ScopeSettings, Season, Store } from '../store/store.js';
import { boardsAt } from './boards.js';

export class Scopes {
  private readonly cache = new Map<string, Scope>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly defaults: { readonly timezone: string; readonly language: Lang },
  ) {}

  async get(scopeId: string): Promise<Scope> {
    let scope = this.cache.get(scopeId);
    if (!scope) {
      scope = await this.store.ensureScope(scopeId, this.defaults);
      this.cache.set(scopeId, scope);
    }
    return scope;
  }

  async update(scopeId: string, patch: ScopeSettings): Promise<Scope> {
    await this.get(scopeId);
    const scope = await this.store.updateScope(scopeId, patch);
    this.cache.set(scopeId, scope);
    return scope;
  }

  /** The boards an answer given now counts on: all time, this week, and the current season. */
  async boards(scopeId: string, now: number): Promise<string[]> {
    return boardsAt(now, (await this.get(scopeId)).timezone, await this.store.currentSeason(scopeId));
  }

  currentSeason(scopeId: string): Promise<Season | undefined> {
    return this.store.currentSeason(scopeId);
  }

  seasons(scopeId: string): Promise<Season[]> {
    return this.store.seasons(scopeId);
  }

  seasonByName(scopeId: string, name: string): Promise<Season | undefined> {
    return this.store.seasonByName(scopeId, name);
  }

  /** Archives the current season and starts a new one now; undefined if the name was used before. */
  async startSeason(scopeId: string, name: string): Promise<Season | undefined> {
    await this.get(scopeId);
    return this.store.startSeason(scopeId, name, this.clock.now());
  }
}
