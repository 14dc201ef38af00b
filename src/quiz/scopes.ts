/**
 * A scope's settings (time zone, language, quiz channel, allowed levels and topics, round length,
 * scoring) and its seasons. Settings are read on every command, so they are cached; for a few
 * seconds only, because another process on the same store may change them. A scope is created
 * in the store only the first time it is seen.
 */
import type { Clock } from '../clock.js';
import type { Lang } from '../i18n/messages.js';
import type { Store } from '../store/store.js';
import type { Scope, ScopeSettings, Season } from '../domain/index.js';

/** How long a process trusts its copy of a scope's settings (another process may have changed them). */
const FRESH_MS = 5_000;

export class Scopes {
  private readonly cache = new Map<string, { readonly scope: Scope; readonly until: number }>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly defaults: { readonly timezone: string; readonly language: Lang },
  ) {}

  async get(scopeId: string): Promise<Scope> {
    const cached = this.cache.get(scopeId);
    if (cached && cached.until > this.clock.now()) return cached.scope;
    return this.remember(await this.store.scopes.ensure(scopeId, this.defaults));
  }

  async update(scopeId: string, patch: ScopeSettings): Promise<Scope> {
    await this.get(scopeId);
    return this.remember(await this.store.scopes.update(scopeId, patch));
  }

  private remember(scope: Scope): Scope {
    this.cache.set(scope.id, { scope, until: this.clock.now() + FRESH_MS });
    return scope;
  }

  currentSeason(scopeId: string): Promise<Season | undefined> {
    return this.store.scopes.currentSeason(scopeId);
  }

  seasons(scopeId: string): Promise<Season[]> {
    return this.store.scopes.seasons(scopeId);
  }

  seasonByName(scopeId: string, name: string): Promise<Season | undefined> {
    return this.store.scopes.seasonByName(scopeId, name);
  }

  /** Archives the current season and starts a new one now; undefined if the name was used before. */
  async startSeason(scopeId: string, name: string): Promise<Season | undefined> {
    await this.get(scopeId);
    return this.store.scopes.startSeason(scopeId, name, this.clock.now());
  }
}
