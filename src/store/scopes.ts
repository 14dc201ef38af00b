/** Scopes: their settings, their members and their seasons. */
import type { Member, Player, Scope, ScopeSettings, Season } from '../domain/index.js';
import type { Driver, Queries } from './driver.js';
import { scopeColumns, toMember, toScope, toSeason, type MemberRecord, type ScopeRecord, type SeasonRecord } from './records.js';
import { forUpdate, sql } from './sql.js';

export interface ScopeStore {
  /** The scope's settings, or undefined if it was never seen (a read: never writes). */
  get(id: string): Promise<Scope | undefined>;
  /** The scope's settings, creating it with `defaults` on first sight. */
  ensure(id: string, defaults: Pick<Scope, 'timezone' | 'language'>): Promise<Scope>;
  update(id: string, patch: ScopeSettings): Promise<Scope>;
  withQuizChannel(): Promise<Scope[]>;

  /** A member of the scope by the store's own id, or undefined if there is none. */
  member(scopeId: string, memberId: number): Promise<Member | undefined>;
  /** A member's id by platform user id, or undefined if they never took part. */
  memberId(scopeId: string, userId: string): Promise<number | undefined>;
  /** A member by platform id or display name (case-insensitive), the id winning a tie. */
  findMember(scopeId: string, query: string): Promise<Member | undefined>;
  /** The player's member id in the scope, creating the member or updating its display name. */
  ensureMember(scopeId: string, player: Player): Promise<number>;

  currentSeason(scopeId: string): Promise<Season | undefined>;
  seasons(scopeId: string): Promise<Season[]>;
  seasonByName(scopeId: string, name: string): Promise<Season | undefined>;
  /** Ends the current season (archived, its board kept) and starts `name`; undefined if the name is taken. */
  startSeason(scopeId: string, name: string, now: number): Promise<Season | undefined>;
}

const SCOPE = sql`SELECT id, timezone, language, quiz_channel, levels, topics, round_seconds, scoring, daily_cap, public_board FROM scopes WHERE id = :id`;
const LOCKED_SCOPE = sql`SELECT id, timezone, language, quiz_channel, levels, topics, round_seconds, scoring, daily_cap, public_board FROM scopes WHERE id = :id ${forUpdate}`;
const WITH_QUIZ_CHANNEL = sql`SELECT id, timezone, language, quiz_channel, levels, topics, round_seconds, scoring, daily_cap, public_board FROM scopes WHERE quiz_channel IS NOT NULL ORDER BY id`;
const INSERT_SCOPE = sql`INSERT INTO scopes (id, timezone, language, created_at) VALUES (:id, :timezone, :language, :now) ON CONFLICT (id) DO NOTHING`;
const UPDATE_SCOPE = sql`
  UPDATE scopes SET timezone = :timezone, language = :language, quiz_channel = :quizChannel, levels = :levels, topics = :topics,
    round_seconds = :roundSeconds, scoring = :scoring, daily_cap = :dailyCap, public_board = :publicBoard
  WHERE id = :id`;

const MEMBER = sql`SELECT id, user_id, display_name FROM members WHERE scope_id = :scope AND id = :member`;
const FIND_MEMBER = sql`
  SELECT id, user_id, display_name FROM members WHERE scope_id = :scope AND (user_id = :query OR lower(display_name) = lower(:query))
  ORDER BY user_id = :query DESC LIMIT 1`;
const MEMBER_NAMED = sql`SELECT id, display_name FROM members WHERE scope_id = :scope AND user_id = :user`;
const UPSERT_MEMBER = sql`
  INSERT INTO members (scope_id, user_id, display_name) VALUES (:scope, :user, :name)
  ON CONFLICT (scope_id, user_id) DO UPDATE SET display_name = excluded.display_name
  RETURNING id`;

const CURRENT_SEASON = sql`SELECT * FROM seasons WHERE scope_id = :scope AND ended_at IS NULL`;
const SEASONS = sql`SELECT * FROM seasons WHERE scope_id = :scope ORDER BY started_at, id`;
const SEASON_NAMED = sql`SELECT * FROM seasons WHERE scope_id = :scope AND lower(name) = lower(:name)`;
const END_SEASON = sql`UPDATE seasons SET ended_at = :now WHERE scope_id = :scope AND ended_at IS NULL`;
const START_SEASON = sql`INSERT INTO seasons (scope_id, name, started_at) VALUES (:scope, :name, :now) RETURNING *`;

/** The member's id, created or renamed: written only when that changes something (a write is a commit). */
export async function ensureMember(db: Queries, scopeId: string, player: Player): Promise<number> {
  const params = { scope: scopeId, user: player.userId, name: player.name };
  const found = await db.get<{ id: number | string; display_name: string }>(MEMBER_NAMED, params);
  if (found && found.display_name === player.name) return Number(found.id);
  return Number((await db.get<{ id: number | string }>(UPSERT_MEMBER, params))!.id);
}

export class ScopeSql implements ScopeStore {
  constructor(private readonly db: Driver) {}

  async get(id: string): Promise<Scope | undefined> {
    const r = await this.db.get<ScopeRecord>(SCOPE, { id });
    return r && toScope(r);
  }

  async ensure(id: string, defaults: Pick<Scope, 'timezone' | 'language'>): Promise<Scope> {
    // Read first: a scope is created once, and a read goes on while another process writes.
    const found = await this.get(id);
    if (found) return found;
    await this.db.run(INSERT_SCOPE, { id, timezone: defaults.timezone, language: defaults.language, now: Date.now() });
    return (await this.get(id))!;
  }

  update(id: string, patch: ScopeSettings): Promise<Scope> {
    return this.db.transaction(async (tx) => {
      const next = { ...toScope((await tx.get<ScopeRecord>(LOCKED_SCOPE, { id }))!), ...patch };
      await tx.run(UPDATE_SCOPE, scopeColumns(next));
      return next;
    });
  }

  async withQuizChannel(): Promise<Scope[]> {
    return (await this.db.all<ScopeRecord>(WITH_QUIZ_CHANNEL)).map(toScope);
  }

  async member(scopeId: string, memberId: number): Promise<Member | undefined> {
    const r = await this.db.get<MemberRecord>(MEMBER, { scope: scopeId, member: memberId });
    return r && toMember(r);
  }

  async memberId(scopeId: string, userId: string): Promise<number | undefined> {
    const r = await this.db.get<{ id: number | string }>(MEMBER_NAMED, { scope: scopeId, user: userId });
    return r && Number(r.id);
  }

  async findMember(scopeId: string, query: string): Promise<Member | undefined> {
    const r = await this.db.get<MemberRecord>(FIND_MEMBER, { scope: scopeId, query });
    return r && toMember(r);
  }

  ensureMember(scopeId: string, player: Player): Promise<number> {
    return ensureMember(this.db, scopeId, player);
  }

  async currentSeason(scopeId: string): Promise<Season | undefined> {
    const r = await this.db.get<SeasonRecord>(CURRENT_SEASON, { scope: scopeId });
    return r && toSeason(r);
  }

  async seasons(scopeId: string): Promise<Season[]> {
    return (await this.db.all<SeasonRecord>(SEASONS, { scope: scopeId })).map(toSeason);
  }

  async seasonByName(scopeId: string, name: string): Promise<Season | undefined> {
    const r = await this.db.get<SeasonRecord>(SEASON_NAMED, { scope: scopeId, name });
    return r && toSeason(r);
  }

  startSeason(scopeId: string, name: string, now: number): Promise<Season | undefined> {
    return this.db.transaction(async (tx) => {
      // One season start at a time per scope: the scope's row lock.
      await tx.get(LOCKED_SCOPE, { id: scopeId });
      if ((await tx.get(SEASON_NAMED, { scope: scopeId, name })) !== undefined) return undefined;
      await tx.run(END_SEASON, { now, scope: scopeId });
      return toSeason((await tx.get<SeasonRecord>(START_SEASON, { scope: scopeId, name, now }))!);
    });
  }
}
