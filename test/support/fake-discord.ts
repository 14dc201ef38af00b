/**
 * A fake Discord on 127.0.0.1 that the real discord.js Client logs in to: REST (GET /gateway/bot,
 * interaction callbacks, webhook edits and follow-ups, channel messages, command registration)
 * and a gateway WebSocket speaking the real protocol (HELLO, IDENTIFY, READY and GUILD_CREATE,
 * heartbeats and their ACKs, RESUME with replay, op 7 and close codes, dispatches).
 *
 * It behaves where behaviour matters to a bot: an interaction answered twice, or after three
 * seconds, is refused as Discord refuses it; the first follow-up of a deferred response replaces
 * the "thinking…" message; an ephemeral message stays ephemeral. It records everything it is sent
 * so tests assert on what a user would see. No vitest here: the benchmark uses it too.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { WebSocketServer, type WebSocket } from 'ws';

type Json = Record<string, unknown>;

/** Discord's own codes for what tests exercise. */
const OP = { dispatch: 0, heartbeat: 1, identify: 2, presence: 3, resume: 6, reconnect: 7, invalidSession: 9, hello: 10, heartbeatAck: 11 } as const;
const INTERACTION = { command: 2, component: 3, autocomplete: 4, modalSubmit: 5 } as const;
export const CALLBACK = { message: 4, deferredMessage: 5, deferredUpdate: 6, updateMessage: 7, autocomplete: 8, modal: 9 } as const;
const EPHEMERAL = 1 << 6;
const LOADING = 1 << 7;
/** Discord forgets an interaction that was not answered within three seconds. */
export const INTERACTION_DEADLINE_MS = 3000;

export interface FakeUser {
  readonly id: string;
  readonly username: string;
  /** The server nickname, which is what the bot should call them. */
  readonly nick?: string;
  /** The Discord client's language (`interaction.locale`). */
  readonly locale?: string;
  /** Manage Server and Administrator: an admin. */
  readonly admin?: boolean;
}

export interface FakeChannel {
  readonly id: string;
  readonly name: string;
}

export interface FakeGuild {
  readonly id: string;
  readonly name: string;
  readonly channels: readonly FakeChannel[];
}

/** Where an interaction happens: a channel of a guild, or a DM with the bot. */
export type Where = { readonly guild: FakeGuild; readonly channel: FakeChannel } | { readonly dm: true };

export interface RestRequest {
  readonly method: string;
  /** Without the `/api/v10` prefix: `/interactions/1/tok/callback`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  /** The JSON body, or `payload_json` of a multipart body. */
  readonly body: unknown;
  readonly files: ReadonlyArray<{ readonly name: string; readonly text: string; readonly bytes: Buffer }>;
  /** performance.now() when the request arrived. */
  readonly at: number;
  status?: number;
}

export interface GatewayFrame {
  readonly op: number;
  readonly d: unknown;
  readonly at: number;
  /** Which connection it came on (1, 2, … in order of connection). */
  readonly connection: number;
}

export interface FakeMessage extends Json {
  readonly id: string;
  readonly channel_id: string;
  content: string;
  embeds: Json[];
  components: Json[];
  attachments: Json[];
  flags: number;
  /** The text of each attachment, by file name (not part of Discord's JSON). */
  readonly files: Map<string, string>;
  /** The bytes of each attachment, by file name (a picture's PNG). */
  readonly bytes: Map<string, Buffer>;
  deleted?: boolean;
}

/** One interaction and everything the bot answered to it. */
export class Exchange {
  callback: { readonly type: number; readonly data: Json | undefined; readonly at: number } | undefined;
  /** The response message (type 4, a deferred one once edited, or the message a type 7 updated). */
  original: FakeMessage | undefined;
  readonly followUps: FakeMessage[] = [];
  modal: Json | undefined;
  choices: Array<{ name: string; value: string | number }> | undefined;
  edits = 0;

  constructor(
    readonly id: string,
    readonly token: string,
    readonly payload: Json,
    /** performance.now() when Discord created it: the three seconds count from here. */
    readonly createdAt: number,
  ) {}

  /** Dispatch to callback, in milliseconds. */
  get latencyMs(): number {
    if (!this.callback) throw new Error(`interaction ${this.id} has no callback`);
    return this.callback.at - this.createdAt;
  }

  get deferred(): boolean {
    return this.callback?.type === CALLBACK.deferredMessage;
  }

  /** What the user finally sees: the last follow-up, else the response unless still "thinking…". */
  get reply(): FakeMessage | undefined {
    const shown = [this.original, ...this.followUps].filter((m): m is FakeMessage => m !== undefined && !m.deleted && (m.flags & LOADING) === 0);
    return shown.at(-1);
  }
}

/** How long a deferred response may take to show its reply: the work behind it, on a loaded machine. */
const DEFERRED_REPLY_MS = 30_000;
/** How long until() waits before failing: a bound for a bot that never does it, not how long it should take. */
const WAIT_MS = 15_000;

export interface FakeDiscordOptions {
  readonly token?: string;
  readonly heartbeatIntervalMs?: number;
  readonly guilds?: readonly FakeGuild[];
  /** Shards GET /gateway/bot recommends; each identifies with its [id, count] and hears only its guilds. */
  readonly shards?: number;
}

/** Discord's rule: a guild belongs to shard (guild_id >> 22) % shard_count. */
export const shardOf = (guildId: string, count: number): number => Number((BigInt(guildId) >> 22n) % BigInt(count));

interface Intercept {
  readonly method: string;
  readonly path: RegExp;
  /** Held until this settles (a slow channel, for as long as the test says). */
  readonly hold?: Promise<unknown>;
  readonly status?: number;
  readonly body?: unknown;
  /** Handle the request as usual, then answer with `status`: done, but the client is told it failed. */
  readonly handled?: boolean;
  left: number;
}

interface Session {
  readonly id: string;
  readonly shard: number;
  seq: number;
  /** Sent dispatches, for RESUME to replay what a dropped connection missed. */
  readonly sent: Array<{ readonly s: number; readonly frame: string }>;
  socket: WebSocket | undefined;
}

const REPLAY_BUFFER = 1000;

export class FakeDiscord {
  readonly token: string;
  readonly applicationId = '900000000000000001';
  readonly bot: FakeUser = { id: '900000000000000001', username: 'paramquiz' };
  readonly guilds: readonly FakeGuild[];
  readonly requests: RestRequest[] = [];
  readonly frames: GatewayFrame[] = [];
  /** Gateway connections in order: the URL the client used and the code it closed with. */
  readonly connections: Array<{ readonly url: string; closeCode?: number }> = [];
  /** Every PUT of application commands: route and body. */
  readonly registrations: Array<{ readonly guildId: string | undefined; readonly commands: Json[] }> = [];
  /** Messages created with an enforced nonce, by channel and nonce. */
  private readonly nonces = new Map<string, FakeMessage>();
  readonly messages = new Map<string, FakeMessage>();
  private readonly exchanges = new Map<string, Exchange>();
  private readonly intercepts: Intercept[] = [];
  /** Attached files by CDN path. */
  private readonly files = new Map<string, { readonly bytes: Buffer; readonly contentType: string }>();
  /** Reads of attached files: a file refused by its size or type is never fetched. */
  cdnReads = 0;
  /**
   * Whether interact() waits out a deferred response until its reply is shown (the tests: a
   * loaded machine defers what an idle one answers at once), or resolves at the callback (the
   * benchmark, and a test that holds the reply back until it has seen the deferral).
   */
  awaitDeferred = false;
  private readonly sessions = new Map<string, Session>();
  /** The live session of each shard, by shard id (a bot that does not shard is shard 0 of 1). */
  private readonly shardSessions = new Map<number, Session>();
  readonly shardCount: number;
  /** The shard each interaction was dispatched to, by interaction id. */
  readonly dispatchedTo = new Map<string, number>();
  private get session(): Session | undefined {
    return this.shardSessions.get(0);
  }
  private readonly changes = new EventEmitter();
  private readonly heartbeatIntervalMs: number;
  private nextId = 0n;

  private constructor(
    private readonly http: Server,
    private readonly wss: WebSocketServer,
    options: FakeDiscordOptions,
  ) {
    this.token = options.token ?? 'fake-token';
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
    this.shardCount = options.shards ?? 1;
    this.guilds = options.guilds ?? [
      {
        id: '100000000000000001',
        name: 'Deep Learning 101',
        channels: [
          { id: '200000000000000001', name: 'quiz' },
          { id: '200000000000000002', name: 'general' },
        ],
      },
    ];
    this.changes.setMaxListeners(0);
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const http = createServer();
    const wss = new WebSocketServer({ server: http });
    const discord = new FakeDiscord(http, wss, options);
    http.on('request', (req, res) => void discord.onRequest(req, res));
    wss.on('connection', (socket, req) => discord.onConnection(socket, req));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    return discord;
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  /** What DISCORD_API_URL is set to. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** The first guild's first channel: where tests happen unless they say otherwise. */
  get here(): Where {
    return { guild: this.guilds[0]!, channel: this.guilds[0]!.channels[0]! };
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  // ── waiting ──

  /**
   * Resolves with `test()`'s first defined value, re-checked after every request and frame, and
   * every few milliseconds for what changes elsewhere (the bot's database).
   */
  until<T>(test: () => T | undefined, what: string, ms = WAIT_MS): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const stop = () => {
        clearTimeout(timer);
        clearInterval(poll);
        this.changes.off('change', check);
      };
      const check = () => {
        const found = test();
        if (found === undefined) return;
        stop();
        resolve(found);
      };
      const timer = setTimeout(() => {
        stop();
        const recent = this.requests.slice(-5).map((r) => `${r.method} ${r.path} -> ${r.status}`);
        reject(new Error(`fake Discord: timed out waiting for ${what}; last requests: ${recent.join(', ') || 'none'}`));
      }, ms);
      const poll = setInterval(check, 5);
      this.changes.on('change', check);
      check();
    });
  }

  private changed(): void {
    this.changes.emit('change');
  }

  /** Resolves once a client has identified and been sent READY and its guilds. */
  ready(ms?: number): Promise<void> {
    const all = () => Array.from({ length: this.shardCount }, (_, i) => this.shardSessions.get(i)).every((s) => s?.socket !== undefined);
    return this.until(() => (all() ? true : undefined), this.shardCount > 1 ? `${this.shardCount} shards to identify` : 'a client to identify', ms).then(() => {});
  }

  // ── the gateway ──

  private onConnection(socket: WebSocket, req: IncomingMessage): void {
    const connection = this.connections.push({ url: req.url ?? '' });
    socket.on('message', (data) => this.onFrame(socket, connection, JSON.parse(String(data)) as { op: number; d: unknown }));
    socket.on('close', (code) => {
      this.connections[connection - 1]!.closeCode = code;
      for (const session of this.shardSessions.values()) if (session.socket === socket) session.socket = undefined;
      this.changed();
    });
    this.send(socket, { op: OP.hello, d: { heartbeat_interval: this.heartbeatIntervalMs } });
  }

  private onFrame(socket: WebSocket, connection: number, frame: { op: number; d: unknown }): void {
    this.frames.push({ op: frame.op, d: frame.d, at: performance.now(), connection });
    switch (frame.op) {
      case OP.heartbeat:
        this.send(socket, { op: OP.heartbeatAck });
        break;
      case OP.identify:
        this.identify(socket, frame.d as { token: string });
        break;
      case OP.resume:
        this.resume(socket, frame.d as { token: string; session_id: string; seq: number | null });
        break;
    }
    this.changed();
  }

  private identify(socket: WebSocket, d: { token: string; shard?: [number, number] }): void {
    if (d.token !== this.token) {
      socket.close(4004, 'Authentication failed.');
      return;
    }
    const [shard, count] = d.shard ?? [0, 1];
    if (count !== this.shardCount || shard < 0 || shard >= count) {
      socket.close(4010, 'Invalid shard.');
      return;
    }
    const session: Session = { id: `session-${this.snowflake()}`, seq: 0, sent: [], socket, shard };
    this.sessions.set(session.id, session);
    this.shardSessions.set(shard, session);
    const mine = this.guilds.filter((g) => shardOf(g.id, count) === shard);
    this.dispatch(
      'READY',
      {
        v: 10,
        user: this.apiUser(this.bot, true),
        guilds: mine.map((g) => ({ id: g.id, unavailable: true })),
        session_id: session.id,
        resume_gateway_url: `ws://127.0.0.1:${this.port}/resume`,
        shard: [shard, count],
        application: { id: this.applicationId, flags: 0 },
      },
      shard,
    );
    for (const guild of mine) this.dispatch('GUILD_CREATE', this.apiGuild(guild), shard);
  }

  private resume(socket: WebSocket, d: { token: string; session_id: string; seq: number | null }): void {
    const session = this.sessions.get(d.session_id);
    if (d.token !== this.token || !session) {
      this.send(socket, { op: OP.invalidSession, d: false });
      return;
    }
    session.socket = socket;
    this.shardSessions.set(session.shard, session);
    for (const { s, frame } of session.sent) if (s > (d.seq ?? 0)) socket.send(frame);
    this.dispatch('RESUMED', {}, session.shard);
  }

  /** Sends a dispatch (op 0) on a shard's session; while disconnected it waits for RESUME's replay. */
  dispatch(t: string, d: unknown, shard = 0): void {
    const session = this.shardSessions.get(shard);
    if (!session) throw new Error(`fake Discord: no session of shard ${shard} to dispatch to (has the client logged in?)`);
    const s = ++session.seq;
    const frame = JSON.stringify({ op: OP.dispatch, t, s, d });
    session.sent.push({ s, frame });
    if (session.sent.length > REPLAY_BUFFER) session.sent.shift();
    if (session.socket?.readyState === 1) session.socket.send(frame);
  }

  /** Drops the connection with a close code; 4000 (unknown error) makes a client resume. */
  disconnect(code = 4000): void {
    this.session?.socket?.close(code, 'fake disconnect');
  }

  /** Asks the client to reconnect and resume (op 7). */
  requestReconnect(): void {
    const socket = this.session?.socket;
    if (socket) this.send(socket, { op: OP.reconnect, d: null });
  }

  /** Asks the client for a heartbeat (op 1 from Discord's side): the gateway's round trip, in ms. */
  async heartbeatRoundTrip(): Promise<number> {
    const socket = this.session?.socket;
    if (!socket) throw new Error('fake Discord: no client connected');
    const seen = this.frames.length;
    const sent = performance.now();
    this.send(socket, { op: OP.heartbeat, d: null });
    const beat = await this.until(() => this.frames.slice(seen).find((f) => f.op === OP.heartbeat), 'a requested heartbeat');
    return beat.at - sent;
  }

  private send(socket: WebSocket, payload: Json): void {
    if (socket.readyState === 1) socket.send(JSON.stringify(payload));
  }

  /** A message in a channel, as the gateway tells bots (the bench's background traffic). */
  messageCreate(where: Where, author: FakeUser, content: string): void {
    const channelId = 'dm' in where ? this.dmChannelId(author) : where.channel.id;
    this.dispatch(
      'MESSAGE_CREATE',
      {
        ...this.apiMessage(channelId, { content }, author),
        ...('dm' in where ? {} : { guild_id: where.guild.id, member: this.apiMember(author) }),
      },
      'dm' in where ? 0 : shardOf(where.guild.id, this.shardCount),
    );
  }

  // ── interactions ──

  user(name: string, extra: Omit<FakeUser, 'id' | 'username'> = {}): FakeUser {
    return { id: this.snowflake(), username: name, ...extra };
  }

  /**
   * `/name option: value …`; a number is sent as an integer, a boolean as a boolean; `{ type, value }`
   * sends any type; `{ file }` attaches a file (served by this fake's CDN, in `resolved` as Discord sends it).
   */
  slash(user: FakeUser, name: string, options: Readonly<Record<string, OptionValue>> = {}, where = this.here, ms?: number): Promise<Exchange> {
    const attachments: Record<string, Json> = {};
    const plain: Record<string, Exclude<OptionValue, { file: FakeFile }>> = {};
    for (const [key, value] of Object.entries(options)) {
      if (typeof value === 'object' && 'file' in value) {
        const id = this.snowflake();
        const bytes = typeof value.file.content === 'string' ? Buffer.from(value.file.content, 'utf8') : value.file.content;
        const path = `/attachments/${id}/${encodeURIComponent(value.file.name)}`;
        this.files.set(path, { bytes, contentType: value.file.contentType ?? 'text/x-python; charset=utf-8' });
        const url = `http://127.0.0.1:${this.port}${path}`;
        attachments[id] = { id, filename: value.file.name, size: value.file.size ?? bytes.length, url, proxy_url: url, content_type: value.file.contentType ?? 'text/x-python; charset=utf-8' };
        plain[key] = { type: 11, value: id };
      } else plain[key] = value;
    }
    const data: Json = { id: this.snowflake(), name, type: 1, options: commandOptions(plain) };
    if (Object.keys(attachments).length > 0) data.resolved = { attachments };
    return this.interact(user, where, INTERACTION.command, data, {}, ms);
  }

  /** The user typing in `focused` (autocomplete), with the other options already filled. */
  autocomplete(user: FakeUser, name: string, focused: string, typed: string, others: Readonly<Record<string, Exclude<OptionValue, { file: FakeFile }>>> = {}, where = this.here): Promise<Exchange> {
    const options = [...commandOptions(others), { name: focused, type: 3, value: typed, focused: true }];
    return this.interact(user, where, INTERACTION.autocomplete, { id: this.snowflake(), name, type: 1, options });
  }

  /** A click on a button of `message`. */
  click(user: FakeUser, message: FakeMessage, customId: string, where = this.here): Promise<Exchange> {
    const found = message.components.flatMap((row) => (row.components as Json[] | undefined) ?? []).find((c) => c.custom_id === customId);
    if (!found) throw new Error(`fake Discord: message ${message.id} has no button ${customId}`);
    if (found.disabled === true) throw new Error(`fake Discord: button ${customId} is disabled`);
    return this.interact(user, where, INTERACTION.component, { custom_id: customId, component_type: 2 }, { message: this.wire(message) });
  }

  /** A click carrying any custom id, as a button of an older message or a modified client sends it. */
  clickAnyId(user: FakeUser, message: FakeMessage, customId: string, where = this.here): Promise<Exchange> {
    return this.interact(user, where, INTERACTION.component, { custom_id: customId, component_type: 2 }, { message: this.wire(message) });
  }

  /** Submits a modal with one text input, as Discord sends it (a label around the input). */
  submitModal(user: FakeUser, modal: Json, value: string, where = this.here): Promise<Exchange> {
    const inputs = ((modal.components as Json[] | undefined) ?? []).map((c) => (c.component ?? (c.components as Json[] | undefined)?.[0]) as Json | undefined);
    const input = inputs.find((c) => c?.type === 4);
    if (!input) throw new Error('fake Discord: the modal has no text input');
    return this.interact(user, where, INTERACTION.modalSubmit, {
      custom_id: modal.custom_id,
      components: [{ type: 18, id: 1, component: { type: 4, id: 2, custom_id: input.custom_id, value } }],
    });
  }

  /** Submits a modal of several text inputs (one per label), `values` in their order; an input left out is sent empty. */
  submitModalFields(user: FakeUser, modal: Json, values: readonly string[], where = this.here): Promise<Exchange> {
    const inputs = ((modal.components as Json[] | undefined) ?? []).map((c) => c.component as Json | undefined).filter((c): c is Json => c?.type === 4);
    if (inputs.length === 0) throw new Error('fake Discord: the modal has no text input');
    return this.interact(user, where, INTERACTION.modalSubmit, {
      custom_id: modal.custom_id,
      components: inputs.map((input, i) => ({ type: 18, id: 2 * i + 1, component: { type: 4, id: 2 * i + 2, custom_id: input.custom_id, value: values[i] ?? '' } })),
    });
  }

  /**
   * Dispatches INTERACTION_CREATE and resolves once the bot's callback arrived; with
   * `awaitDeferred`, a deferred one ("thinking…") once its reply is shown, as the user waits for it.
   */
  async interact(user: FakeUser, where: Where, type: number, data: Json, extra: Json = {}, ms = 5000): Promise<Exchange> {
    const exchange = this.createInteraction(user, where, type, data, extra);
    const what = `interaction ${exchange.id} (${String(data.name ?? data.custom_id)})`;
    await this.until(() => exchange.callback, `the callback to ${what}`, ms);
    if (this.awaitDeferred && exchange.deferred) await this.until(() => exchange.reply, `the deferred reply to ${what}`, DEFERRED_REPLY_MS);
    return exchange;
  }

  /** Dispatches INTERACTION_CREATE without waiting (the benchmark, a disconnected gateway). */
  createInteraction(user: FakeUser, where: Where, type: number, data: Json, extra: Json = {}): Exchange {
    const id = this.snowflake();
    const payload: Json = {
      id,
      application_id: this.applicationId,
      type,
      data,
      token: `token-${id}`,
      version: 1,
      locale: user.locale ?? 'en-US',
      app_permissions: '2248473465835073',
      entitlements: [],
      attachment_size_limit: 10_485_760,
      ...this.whereFields(user, where),
      ...extra,
    };
    const exchange = new Exchange(id, payload.token as string, payload, performance.now());
    this.exchanges.set(exchange.token, exchange);
    // A guild's events go to its shard only; DMs to shard 0.
    const shard = 'dm' in where ? 0 : shardOf(where.guild.id, this.shardCount);
    this.dispatchedTo.set(id, shard);
    this.dispatch('INTERACTION_CREATE', payload, shard);
    return exchange;
  }

  /** Waits until the user sees a reply (after a deferral, its edit or follow-up). */
  replied(exchange: Exchange, ms?: number): Promise<FakeMessage> {
    return this.until(() => exchange.reply, `a visible reply to interaction ${exchange.id}`, ms);
  }

  private whereFields(user: FakeUser, where: Where): Json {
    if ('dm' in where) {
      return {
        channel: { id: this.dmChannelId(user), type: 1, recipients: [this.apiUser(user)], last_message_id: null, flags: 0 },
        channel_id: this.dmChannelId(user),
        user: this.apiUser(user),
        context: 1,
        authorizing_integration_owners: { '0': '0' },
      };
    }
    return {
      guild_id: where.guild.id,
      guild_locale: 'en-US',
      guild: { id: where.guild.id, locale: 'en-US', features: [] },
      channel: this.apiChannel(where.guild, where.channel),
      channel_id: where.channel.id,
      member: this.apiMember(user),
      context: 0,
      authorizing_integration_owners: { '0': where.guild.id },
    };
  }

  // ── REST ──

  /**
   * The next `times` requests matching `method` and `path` are held until `hold` settles, and
   * answered with `status` and `body` instead of handled, when those are given (Discord refusing
   * a payload, a slow channel).
   */
  intercept(method: string, path: RegExp, what: Omit<Intercept, 'method' | 'path' | 'left'>, times = 1): void {
    this.intercepts.push({ method, path, ...what, left: times });
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // The CDN: files users attached to commands, as Discord serves them.
    const file = url.pathname.startsWith('/attachments/') ? this.files.get(url.pathname) : undefined;
    if (file) {
      this.cdnReads++;
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.length }).end(file.bytes);
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const { body, files } = await parseBody(req.headers['content-type'], Buffer.concat(chunks));
    const request: RestRequest = { method: req.method ?? 'GET', path: decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, ''), query: url.searchParams, headers: req.headers, body, files, at };
    this.requests.push(request);
    const intercept = this.intercepts.find((i) => i.left > 0 && i.method === request.method && i.path.test(request.path));
    if (intercept) intercept.left--;
    if (intercept?.hold) await intercept.hold.catch(() => {});
    let status = 500;
    let reply: unknown;
    try {
      if (intercept?.status === undefined) [status, reply] = this.route(request);
      else {
        if (intercept.handled) this.route(request);
        [status, reply] = [intercept.status, intercept.body];
      }
    } catch (err) {
      reply = { message: `fake Discord: ${String(err)}`, code: 0 };
    }
    request.status = status;
    if (reply === undefined) res.writeHead(status).end();
    else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    this.changed();
  }

  private route(r: RestRequest): [number, unknown] {
    const { method, path } = r;
    let m: RegExpExecArray | null;
    const authorized = r.headers.authorization === `Bot ${this.token}`;
    if ((m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path)) && method === 'POST') return this.callback(m[2]!, r);
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/.exec(path))) return this.webhook(m[2]!, m[3], r);
    if (!authorized) return [401, { message: '401: Unauthorized', code: 0 }];
    if (path === '/gateway/bot' && method === 'GET') {
      return [200, { url: `ws://127.0.0.1:${this.port}/gateway`, shards: this.shardCount, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 16 } }];
    }
    if ((m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path)) && method === 'PUT') return this.registerCommands(m[1]!, m[2], r.body);
    if ((m = /^\/channels\/(\d+)$/.exec(path)) && method === 'GET') {
      const found = this.findChannel(m[1]!);
      return found ? [200, this.apiChannel(found.guild, found.channel)] : [404, { message: 'Unknown Channel', code: 10003 }];
    }
    if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'POST') return this.channelMessage(m[1]!, r);
    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path))) {
      const message = this.messages.get(m[2]!);
      if (!message || message.deleted || message.channel_id !== m[1]) return [404, { message: 'Unknown Message', code: 10008 }];
      if (method === 'GET') return [200, this.wire(message)];
      if (method === 'PATCH') return [200, this.wire(this.edit(message, r))];
    }
    return [404, { message: `fake Discord has no route ${method} ${path}`, code: 0 }];
  }

  private callback(token: string, r: RestRequest): [number, unknown] {
    const exchange = this.exchanges.get(token);
    if (!exchange || r.at - exchange.createdAt > INTERACTION_DEADLINE_MS) return [404, { message: 'Unknown interaction', code: 10062 }];
    if (exchange.callback) return [400, { message: 'Interaction has already been acknowledged.', code: 40060 }];
    const { type, data } = r.body as { type: number; data?: Json };
    exchange.callback = { type, data, at: r.at };
    const channelId = (exchange.payload.channel as Json).id as string;
    let message: FakeMessage | undefined;
    switch (type) {
      case CALLBACK.message:
        message = exchange.original = this.store(this.apiMessage(channelId, data ?? {}, this.bot, r.files));
        break;
      case CALLBACK.deferredMessage:
        message = exchange.original = this.store(this.apiMessage(channelId, { flags: ((data?.flags as number | undefined) ?? 0) | LOADING }, this.bot));
        break;
      case CALLBACK.updateMessage: {
        const target = this.messages.get(((exchange.payload.message as Json | undefined)?.id as string | undefined) ?? '');
        if (target) message = exchange.original = this.edit(target, r);
        break;
      }
      case CALLBACK.modal:
        exchange.modal = data;
        break;
      case CALLBACK.autocomplete:
        exchange.choices = (data?.choices as Exchange['choices']) ?? [];
        break;
    }
    if (r.query.get('with_response') !== 'true') return [204, undefined];
    return [
      200,
      {
        interaction: {
          id: exchange.id,
          type: exchange.payload.type,
          response_message_id: message?.id,
          response_message_loading: type === CALLBACK.deferredMessage,
          response_message_ephemeral: ((message?.flags ?? 0) & EPHEMERAL) !== 0,
        },
        resource: { type, ...(message ? { message: this.wire(message) } : {}) },
      },
    ];
  }

  private webhook(token: string, messageId: string | undefined, r: RestRequest): [number, unknown] {
    const exchange = this.exchanges.get(token);
    if (!exchange?.callback) return [404, { message: 'Unknown Webhook', code: 10015 }];
    const target = messageId === '@original' ? exchange.original : messageId ? exchange.followUps.find((m) => m.id === messageId) : undefined;
    if (messageId !== undefined) {
      if (!target || target.deleted) return [404, { message: 'Unknown Message', code: 10008 }];
      if (r.method === 'GET') return [200, this.wire(target)];
      if (r.method === 'DELETE') {
        target.deleted = true;
        return [204, undefined];
      }
      if (r.method === 'PATCH') {
        exchange.edits++;
        return [200, this.wire(this.edit(target, r))];
      }
    }
    if (r.method !== 'POST') return [405, { message: '405: Method Not Allowed', code: 0 }];
    // Discord's quirk: the first follow-up of a deferred response replaces the "thinking…"
    // message, keeping its visibility, instead of posting a new one.
    const original = exchange.original;
    if (original && !original.deleted && (original.flags & LOADING) !== 0) {
      original.flags &= ~LOADING;
      return [200, this.wire(this.edit(original, r))];
    }
    const data = r.body as Json;
    const message = this.store(this.apiMessage((exchange.payload.channel as Json).id as string, data, this.bot, r.files));
    exchange.followUps.push(message);
    return [200, this.wire(message)];
  }

  private channelMessage(channelId: string, r: RestRequest): [number, unknown] {
    const found = this.findChannel(channelId);
    if (!found) return [404, { message: 'Unknown Channel', code: 10003 }];
    const body = r.body as Json;
    // enforce_nonce: a message with a nonce already used in this channel is not created again;
    // Discord answers with the first one (its docs: "Create Message", enforce_nonce).
    const nonceKey = body.enforce_nonce === true && body.nonce !== undefined ? `${channelId}/${String(body.nonce)}` : undefined;
    const earlier = nonceKey === undefined ? undefined : this.nonces.get(nonceKey);
    if (earlier) return [200, this.wire(earlier)];
    const reference = body.message_reference as Json | undefined;
    const replied = reference ? this.messages.get(reference.message_id as string) : undefined;
    if (reference && !replied && reference.fail_if_not_exists !== false) return [400, { message: 'Unknown message reference', code: 50035 }];
    const message = this.store({
      ...this.apiMessage(channelId, body, this.bot, r.files),
      guild_id: found.guild.id,
      ...(replied ? { type: 19, message_reference: { type: 0, message_id: replied.id, channel_id: channelId, guild_id: found.guild.id }, referenced_message: this.wire(replied) } : {}),
    });
    if (nonceKey !== undefined) this.nonces.set(nonceKey, message);
    return [200, this.wire(message)];
  }

  private registerCommands(applicationId: string, guildId: string | undefined, body: unknown): [number, unknown] {
    if (applicationId !== this.applicationId) return [403, { message: 'Missing Access', code: 50001 }];
    if (!Array.isArray(body)) return [400, { message: 'Invalid Form Body', code: 50035 }];
    const commands = body as Json[];
    this.registrations.push({ guildId, commands });
    return [200, commands.map((c) => ({ ...c, id: this.snowflake(), application_id: this.applicationId, version: this.snowflake(), ...(guildId ? { guild_id: guildId } : {}) }))];
  }

  // ── Discord's JSON ──

  private edit(message: FakeMessage, r: RestRequest): FakeMessage {
    const body = r.body as Json;
    if (body.content !== undefined) message.content = body.content as string;
    if (body.embeds !== undefined) message.embeds = body.embeds as Json[];
    if (body.components !== undefined) message.components = body.components as Json[];
    if (r.files.length > 0 || body.attachments !== undefined) {
      message.files.clear();
      message.bytes.clear();
      message.attachments = this.attachments(r.files, body);
      for (const f of r.files) {
        message.files.set(f.name, f.text);
        message.bytes.set(f.name, f.bytes);
      }
    }
    message.flags &= ~LOADING;
    return message;
  }

  private store(message: FakeMessage): FakeMessage {
    this.messages.set(message.id, message);
    return message;
  }

  private apiMessage(channelId: string, body: Json, author: FakeUser, files: RestRequest['files'] = []): FakeMessage {
    const message = {
      id: this.snowflake(),
      channel_id: channelId,
      author: this.apiUser(author, author === this.bot),
      content: (body.content as string | undefined) ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: this.attachments(files, body),
      embeds: (body.embeds as Json[] | undefined) ?? [],
      components: (body.components as Json[] | undefined) ?? [],
      pinned: false,
      type: 0,
      flags: (body.flags as number | undefined) ?? 0,
      files: new Map(files.map((f) => [f.name, f.text])),
      bytes: new Map(files.map((f) => [f.name, f.bytes])),
    };
    return message;
  }

  /** What Discord makes of uploaded files: the description (alt text) comes from payload_json's `attachments`. */
  private attachments(files: RestRequest['files'], body: Json = {}): Json[] {
    const described = (body.attachments as Json[] | undefined) ?? [];
    return files.map((f, i) => ({
      id: this.snowflake(),
      filename: f.name,
      size: f.bytes.length,
      url: `https://cdn.invalid/${f.name}`,
      proxy_url: `https://cdn.invalid/${f.name}`,
      content_type: f.name.endsWith('.png') ? 'image/png' : 'text/plain; charset=utf-8',
      ...(described[i]?.description !== undefined ? { description: described[i]!.description } : {}),
    }));
  }

  /** A message as Discord sends it (without the fake's bookkeeping). */
  private wire(message: FakeMessage): Json {
    const { files: _files, bytes: _bytes, deleted: _deleted, ...json } = message;
    return json;
  }

  private apiUser(user: FakeUser, bot = false): Json {
    return { id: user.id, username: user.username, discriminator: '0', global_name: null, avatar: null, ...(bot ? { bot: true } : {}) };
  }

  private apiMember(user: FakeUser): Json {
    // Manage Server | Administrator for admins; View Channel, Send Messages, Use Application Commands otherwise.
    const permissions = user.admin ? (0x20n | 0x8n | 0x400n | 0x800n).toString() : (0x400n | 0x800n | 0x80000000n).toString();
    return { user: this.apiUser(user), nick: user.nick ?? null, roles: [], joined_at: '2026-09-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, permissions };
  }

  private apiChannel(guild: FakeGuild, channel: FakeChannel): Json {
    return {
      id: channel.id,
      type: 0,
      guild_id: guild.id,
      name: channel.name,
      position: 0,
      permission_overwrites: [],
      nsfw: false,
      parent_id: null,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
      flags: 0,
    };
  }

  private apiGuild(guild: FakeGuild): Json {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      owner_id: '1',
      unavailable: false,
      member_count: 2,
      large: false,
      joined_at: '2026-09-01T00:00:00.000Z',
      preferred_locale: 'en-US',
      features: [],
      roles: [{ id: guild.id, name: '@everyone', permissions: '2248473465835073', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
      channels: guild.channels.map((c) => this.apiChannel(guild, c)),
      threads: [],
      members: [this.apiMember(this.bot)],
      presences: [],
      voice_states: [],
      emojis: [],
      stickers: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  private findChannel(id: string): { guild: FakeGuild; channel: FakeChannel } | undefined {
    for (const guild of this.guilds) {
      const channel = guild.channels.find((c) => c.id === id);
      if (channel) return { guild, channel };
    }
    return undefined;
  }

  private dmChannelId(user: FakeUser): string {
    return `3${user.id.slice(1)}`;
  }

  /** Ids that sort in time, as Discord's do. */
  private snowflake(): string {
    return (((BigInt(Date.now()) - 1_420_070_400_000n) << 22n) | (this.nextId++ & 0x3fffffn)).toString();
  }
}

/** A file attached to a command option; `size` overrides what Discord would report (a lie a client could tell). */
export interface FakeFile {
  readonly name: string;
  readonly content: string | Buffer;
  readonly contentType?: string;
  readonly size?: number;
}

export type OptionValue = string | number | boolean | { readonly type: number; readonly value: string | number | boolean } | { readonly file: FakeFile };

function commandOptions(options: Readonly<Record<string, Exclude<OptionValue, { file: FakeFile }>>>): Json[] {
  return Object.entries(options).map(([name, value]) => {
    if (typeof value === 'object') return { name, type: value.type, value: value.value };
    return { name, type: typeof value === 'number' ? 4 : typeof value === 'boolean' ? 5 : 3, value };
  });
}

async function parseBody(contentType: string | undefined, raw: Buffer): Promise<{ body: unknown; files: RestRequest['files'] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const files: Array<{ name: string; text: string; bytes: Buffer }> = [];
    let body: unknown;
    for (const [key, value] of form) {
      if (key === 'payload_json') body = JSON.parse(String(value));
      else if (typeof value !== 'string') {
        const bytes = Buffer.from(await value.arrayBuffer());
        files.push({ name: value.name, text: bytes.toString('utf8'), bytes });
      }
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString('utf8')) as unknown, files: [] };
}

/** Everything a message shows, as one text: embed titles, descriptions, fields, content, button labels. */
export function shown(message: FakeMessage): string {
  const parts: string[] = [message.content];
  for (const e of message.embeds) {
    parts.push(String(e.title ?? ''), String(e.description ?? ''));
    for (const f of (e.fields as Json[] | undefined) ?? []) parts.push(`${String(f.name)}: ${String(f.value)}`);
  }
  for (const row of message.components) for (const c of (row.components as Json[] | undefined) ?? []) parts.push(`[${String(c.label ?? '')}]`);
  return parts.filter((p) => p !== '').join('\n');
}

export const isEphemeral = (message: FakeMessage): boolean => (message.flags & EPHEMERAL) !== 0;

/** The buttons of a message: custom id, label, whether disabled. */
export function buttons(message: FakeMessage): Array<{ customId: string; label: string; disabled: boolean }> {
  return message.components.flatMap((row) => ((row.components as Json[] | undefined) ?? []).map((c) => ({ customId: String(c.custom_id), label: String(c.label), disabled: c.disabled === true })));
}
