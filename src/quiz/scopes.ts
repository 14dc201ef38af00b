/**
 * A scope's settings (time zone, language, quiz channel, allowed levels and topics, round length)
 * and its seasons. Settings change only through here, so they are cached after the first read.
 */
import type { Clock } from '../clock.js';
import type { Lang } from '../i18n/messages.js';
import type { Scope, ScopeSettings, Season, Store } from '../store/store.js';
import { isoWeek } from './week.js';

export class Scopes {
  private readonly cache = new Map<string, Scope>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly defaults: { readonly timezone: string; readonly language: Lang },
  ) {}

  get(scopeId: string): Scope {
    let scope = this.cache.get(scopeId);
    if (!scope) {
      scope = this.store.ensureScope(scopeId, this.defaults);
      this.cache.set(scopeId, scope);
    }
    return scope;
  }

  update(scopeId: string, patch: ScopeSettings): Scope {
    this.get(scopeId);
    const scope = this.store.updateScope(scopeId, patch);
    this.cache.set(scopeId, scope);
    return scope;
  }

  /** The boards an answer given now counts on: all time, this week, and the current season. */
  boards(scopeId: string, now: number): string[] {
    const season = this.store.currentSeason(scopeId);
    return ['all', `week:${isoWeek(now, this.get(scopeId).timezone)}`, ...(season ? [`season:${season.id}`] : [])];
  }

  currentSeason(scopeId: string): Season | undefined {
    return this.store.currentSeason(scopeId);
  }

  seasons(scopeId: string): Season[] {
    return this.store.seasons(scopeId);
  }

  seasonByName(scopeId: string, name: string): Season | undefined {
    return this.store.seasonByName(scopeId, name);
  }

  /** Archives the current season and starts a new one now; undefined if the name was used before. */
  startSeason(scopeId: string, name: string): Season | undefined {
    this.get(scopeId);
    return this.store.startSeason(scopeId, name, this.clock.now());
  }
}
