/** What the bot keeps for itself: the key its web links are signed with, and the signed requests it has seen. */
import type { Driver } from './driver.js';
import { sql } from './sql.js';

export interface KeyStore {
  /**
   * The key web links are signed with: `candidate` is kept the first time it is asked for, and
   * the kept one returned ever after (every process signs with the same key).
   */
  webSecret(candidate: string): Promise<string>;
  /**
   * Remembers a key (a signed request's signature and timestamp) until `expiresAt`; true the first
   * time it is seen, false when it was seen before and has not expired.
   */
  firstSighting(key: string, expiresAt: number, now: number): Promise<boolean>;
}

const KEEP_SECRET = sql`INSERT INTO web_secret (id, secret, created_at) VALUES (1, :secret, :now) ON CONFLICT (id) DO NOTHING`;
const SECRET = sql`SELECT secret FROM web_secret WHERE id = 1`;
const FORGET_SEEN = sql`DELETE FROM seen_requests WHERE expires_at < :now`;
const SEE = sql`INSERT INTO seen_requests (key, expires_at) VALUES (:key, :expiresAt) ON CONFLICT DO NOTHING`;

export class KeySql implements KeyStore {
  constructor(private readonly db: Driver) {}

  webSecret(candidate: string): Promise<string> {
    return this.db.transaction(async (tx) => {
      await tx.run(KEEP_SECRET, { secret: candidate, now: Date.now() });
      return (await tx.get<{ secret: string }>(SECRET))!.secret;
    });
  }

  firstSighting(key: string, expiresAt: number, now: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.run(FORGET_SEEN, { now });
      return (await tx.run(SEE, { key, expiresAt })) === 1;
    });
  }
}
