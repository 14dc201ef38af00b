/**
 * Signed links: access to a page without accounts. A link names what it opens (the teacher's
 * report of one scope, one student's page in one scope, a scope's public board) and, for the
 * private ones, when it stops working; an HMAC-SHA256 over that, with a key only the bot holds,
 * makes it unforgeable. A link opens only what it names: a tampered, expired or truncated link,
 * or one made for another page or another scope, opens nothing.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a link opens. */
export type LinkTarget =
  | { readonly kind: 'report'; readonly scopeId: string }
  | { readonly kind: 'me'; readonly scopeId: string; readonly userId: string }
  /** The class board: its link does not expire, and opens only while the scope's board is public. */
  | { readonly kind: 'board'; readonly scopeId: string };

export type LinkKind = LinkTarget['kind'];

/** How long a link works: a teacher's report a day, a student's own page a week. */
export const LINK_TTL_MS: Readonly<Record<Exclude<LinkKind, 'board'>, number>> = { report: 24 * 3600_000, me: 7 * 24 * 3600_000 };

/** No link is longer: a longer token is refused before any HMAC is computed. */
export const MAX_TOKEN_LENGTH = 512;

interface Payload {
  /** kind */
  readonly k: LinkKind;
  /** scope id */
  readonly s: string;
  /** user id (a student's page) */
  readonly u?: string;
  /** expiry, epoch seconds (private links) */
  readonly x?: number;
}

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export class LinkSigner {
  constructor(
    private readonly key: Buffer,
    private readonly now: () => number,
  ) {
    if (key.byteLength < 32) throw new Error('the link key must be at least 32 bytes');
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(`paramquiz-link.v1.${body}`).digest();
  }

  /** The token for a target: `payload.signature`, both base64url. */
  sign(target: LinkTarget): string {
    const payload: Payload = {
      k: target.kind,
      s: target.scopeId,
      ...(target.kind === 'me' ? { u: target.userId } : {}),
      ...(target.kind === 'board' ? {} : { x: Math.ceil((this.now() + LINK_TTL_MS[target.kind]) / 1000) }),
    };
    const body = b64(JSON.stringify(payload));
    return `${body}.${b64(this.mac(body))}`;
  }

  /**
   * What a token opens if it is one this signer made for a page of `kind` and has not expired;
   * undefined otherwise, whatever is wrong with it (nothing is said about why).
   */
  verify(token: string, kind: LinkKind): LinkTarget | undefined {
    if (token.length > MAX_TOKEN_LENGTH) return undefined;
    const [body, signature, ...extra] = token.split('.');
    if (!body || !signature || extra.length > 0) return undefined;
    const given = Buffer.from(signature, 'base64url');
    const expected = this.mac(body);
    if (given.byteLength !== expected.byteLength || !timingSafeEqual(given, expected)) return undefined;
    let payload: Payload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
    } catch {
      return undefined; // signed by this key, so never: but a key shared by mistake is no reason to crash
    }
    if (payload.k !== kind || typeof payload.s !== 'string') return undefined;
    if (kind !== 'board' && !(typeof payload.x === 'number' && payload.x * 1000 > this.now())) return undefined;
    if (kind === 'me') return typeof payload.u === 'string' ? { kind, scopeId: payload.s, userId: payload.u } : undefined;
    return { kind, scopeId: payload.s };
  }
}

/** Where each page is, under the server's base URL. */
export const PAGE_PATHS: Readonly<Record<LinkKind, string>> = { report: '/report/', me: '/me/', board: '/board/' };

/** The links the chat commands hand out: full URLs under WEB_BASE_URL. */
export class WebLinks {
  constructor(
    readonly signer: LinkSigner,
    /** WEB_BASE_URL, or the server's own address once it listens. */
    private readonly baseUrl: () => string,
  ) {}

  url(target: LinkTarget): string {
    return `${this.baseUrl().replace(/\/+$/, '')}${PAGE_PATHS[target.kind]}${this.signer.sign(target)}`;
  }
}

/**
 * The signing key: WEB_SECRET when set, else the one the store keeps (made here the first time,
 * so every process on the store signs alike). Either way hashed to 32 bytes.
 */
export async function linkKey(secret: string | undefined, store: { webSecret(candidate: string): Promise<string> }): Promise<Buffer> {
  const text = secret ?? (await store.webSecret(randomBytes(32).toString('base64url')));
  return createHash('sha256').update(text, 'utf8').digest();
}
