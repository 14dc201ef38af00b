/**
 * A fake Slack on 127.0.0.1, for end-to-end tests of the real Bolt app (and its benchmark).
 *
 * - The Web API at `/api/<method>`: every call is recorded; answers look like Slack's (ok with
 *   realistic fields, or Slack's error codes); bot methods need the bot token, Socket Mode's
 *   apps.connections.open the app token; messages, updates and modals past a Block Kit limit are
 *   refused with `invalid_blocks` as Slack does. `failNext` makes the next call of a method fail.
 * - response_url endpoints at `/respond/<n>`: what respond() posts is recorded.
 * - File uploads as Slack's external flow has them: files.getUploadURLExternal hands out an
 *   upload URL on this server, the bytes are posted there, files.completeUploadExternal shares
 *   the uploaded files (refusing one that was never uploaded, or whose length differs) into a
 *   channel or a DM opened with conversations.open, with the message's blocks validated.
 * - Socket Mode: apps.connections.open hands out a ws:// URL on the same server; the socket says
 *   hello, takes envelopes, and hands back the app's acks.
 * - What Slack sends: slash command, block_actions and view_submission payloads, and the v0
 *   request signature (HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret).
 *
 * `nextCall` / `nextResponse` wait for the first recorded call or response not yet taken that
 * matches, and take it, so a test reads them in order without seeing one twice.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export const BOT_TOKEN = 'xoxb-1111-2222-paramquiz';
export const APP_TOKEN = 'xapp-1-A0PARAMQUIZ-3333-paramquiz';
export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
export const TEAM = { id: 'T0CLASS', domain: 'paramquiz-class', name: 'ParamQuiz Class' } as const;
export const BOT = { userId: 'U0BOT', botId: 'B0BOT', appId: 'A0PARAMQUIZ' } as const;

export interface FakeUser {
  readonly id: string;
  /** The username (what payloads carry). */
  readonly name: string;
  /** The profile's display name (what users.info adds). */
  readonly displayName?: string;
  readonly isAdmin?: boolean;
  readonly isOwner?: boolean;
}

export type Json = Record<string, unknown>;

export interface ApiCall {
  readonly method: string;
  /** Form fields, with Block Kit and view JSON parsed back to objects. */
  readonly args: Json;
  readonly token: string | undefined;
}

/** A file as the fake holds it: asked for, then its bytes, then shared. */
export interface FakeFile {
  readonly id: string;
  readonly filename: string;
  readonly length: number;
  readonly altText: string | undefined;
  bytes?: Buffer;
  /** The channel it was shared in, and the message's blocks or comment, once completed. */
  shared?: { readonly channel: string | undefined; readonly blocks: Json[] | undefined; readonly comment: string | undefined };
}

export interface ResponsePost {
  readonly url: string;
  readonly body: Json;
}

/** How long a wait for a call or a post lasts before it fails: a bound for a bot that never sends it, not how long it should take. */
const WAIT_MS = 15_000;

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponsePost[] = [];
  readonly files = new Map<string, FakeFile>();
  /** Files people shared in channels (files.list lists them; their private URL serves them to the bot token). */
  private readonly sharedFiles: Array<{
    readonly id: string;
    readonly name: string;
    readonly user: string;
    readonly channel: string;
    readonly created: number;
    readonly mimetype: string;
    readonly bytes: Buffer;
  }> = [];
  /** Downloads of shared files, as Slack's file server counts them. */
  fileReads = 0;
  private nextFile = 0;
  private readonly users = new Map<string, FakeUser>();
  private readonly channels = new Map<string, { readonly member: boolean; readonly team: string }>();
  private readonly failures = new Map<string, string[]>();
  private readonly taken = new Set<object>();
  private readonly waiters = new Set<() => void>();
  private readonly sockets: FakeSocket[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });
  private nextTs = 0;
  private nextResponseUrl = 0;
  private nextViewId = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeSlack> {
    const server = createServer();
    const fake = new FakeSlack(server);
    server.on('request', (req, res) => void fake.handle(req, res));
    server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/link')) return void socket.destroy();
      fake.wss.handleUpgrade(req, socket, head, (ws) => fake.accept(ws));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** SLACK_API_URL for the bot. */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  addUser(user: FakeUser): FakeUser {
    this.users.set(user.id, user);
    return user;
  }

  /**
   * A channel the bot is not in, or one of another workspace. Channels never described are
   * channels of this workspace the bot is in.
   */
  describeChannel(id: string, channel: { readonly member: boolean; readonly team?: string }): void {
    this.channels.set(id, { member: channel.member, team: channel.team ?? TEAM.id });
  }

  /** A file `user` shares in `channel` now (the way a teacher shares a CSV before /questions import). */
  share(user: FakeUser, channel: string, name: string, content: string | Buffer, mimetype = 'text/plain'): void {
    const id = `F0SHARED${String(this.sharedFiles.length + 1).padStart(3, '0')}`;
    this.sharedFiles.push({ id, name, user: user.id, channel, created: Math.floor(Date.now() / 1000), mimetype, bytes: Buffer.from(content) });
  }

  /** A fresh response_url, as Slack gives one per request. */
  responseUrl(): string {
    return `${this.origin}/respond/${++this.nextResponseUrl}`;
  }

  /** The next call of `method` fails with Slack's `error` code. */
  failNext(method: string, error: string): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), error]);
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  nextCall(method: string, match: (args: Json) => boolean = () => true, ms = WAIT_MS): Promise<ApiCall> {
    return this.take(this.calls, (c) => c.method === method && match(c.args), `a ${method} call`, ms);
  }

  nextResponse(match: (r: ResponsePost) => boolean = () => true, ms = WAIT_MS): Promise<ResponsePost> {
    return this.take(this.responses, match, 'a response_url post', ms);
  }

  /** The next Socket Mode connection, once it has been told hello. */
  socket(ms = WAIT_MS): Promise<FakeSocket> {
    return this.take(this.sockets, () => true, 'a Socket Mode connection', ms);
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private take<T extends object>(list: readonly T[], match: (item: T) => boolean, what: string, ms: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): boolean => {
        const found = list.find((item) => !this.taken.has(item) && match(item));
        if (found === undefined) return false;
        this.taken.add(found);
        this.waiters.delete(waiter);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const waiter = () => void check();
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}; calls so far: ${this.calls.map((c) => c.method).join(', ') || 'none'}`));
      }, ms);
      if (!check()) this.waiters.add(waiter);
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    if (url.startsWith('/upload/')) return this.upload(url.slice('/upload/'.length), req, res);
    if (url.startsWith('/private/')) {
      // url_private_download: only with the bot token in the Authorization header.
      const file = this.sharedFiles.find((f) => url === `/private/${f.id}/${encodeURIComponent(f.name)}`);
      if (req.headers.authorization !== `Bearer ${BOT_TOKEN}`) return send(res, 403, 'not_authed');
      if (!file) return send(res, 404, 'file_not_found');
      this.fileReads++;
      return send(res, 200, file.bytes, file.mimetype);
    }
    const raw = (await readBytes(req)).toString('utf8');
    if (url.startsWith('/respond/')) {
      const body = JSON.parse(raw) as Json;
      this.responses.push({ url: `${this.origin}${url}`, body });
      this.notify();
      return Array.isArray(body.blocks) && blockProblems(body.blocks as Json[]).length > 0 ? send(res, 400, 'invalid_blocks') : send(res, 200, 'ok');
    }
    const method = url.replace(/^\/api\//, '').split('?')[0] ?? '';
    const args = parseForm(raw, req.headers['content-type']);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? (typeof args.token === 'string' ? args.token : undefined);
    this.calls.push({ method, args, token });
    this.notify();
    send(res, 200, JSON.stringify(this.answer(method, args, token)), 'application/json; charset=utf-8');
  }

  /** The second step of an upload: the bytes, posted (multipart, as the Node SDK sends them) to the URL handed out. */
  private async upload(id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const file = this.files.get(id);
    const raw = await readBytes(req);
    if (!file) return send(res, 404, 'no such upload');
    const type = req.headers['content-type'];
    if (type?.startsWith('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
      const part = [...form.values()].find((v) => typeof v !== 'string');
      file.bytes = part && typeof part !== 'string' ? Buffer.from(await part.arrayBuffer()) : Buffer.alloc(0);
    } else {
      file.bytes = raw;
    }
    this.notify();
    send(res, 200, `OK - ${file.bytes.length}`);
  }

  private completeUpload(args: Json): Json {
    const listed = (args.files as Array<{ id: string; title?: string }> | undefined) ?? [];
    const channel = typeof args.channel_id === 'string' ? args.channel_id : undefined;
    const blocks = args.blocks as Json[] | undefined;
    if (listed.length === 0) return { ok: false, error: 'invalid_arguments' };
    for (const { id } of listed) {
      const file = this.files.get(id);
      if (!file?.bytes) return { ok: false, error: 'file_not_found' };
      if (file.bytes.length !== file.length) return { ok: false, error: 'file_upload_size_mismatch' };
    }
    if (blocks && blockProblems(blocks).length > 0) return { ok: false, error: 'invalid_blocks', errors: blockProblems(blocks) };
    for (const { id } of listed) this.files.get(id)!.shared = { channel, blocks, comment: typeof args.initial_comment === 'string' ? args.initial_comment : undefined };
    return { ok: true, files: listed.map(({ id, title }) => ({ id, title: title ?? this.files.get(id)!.filename })) };
  }

  private answer(method: string, args: Json, token: string | undefined): Json {
    const failure = this.failures.get(method)?.shift();
    if (failure) return { ok: false, error: failure };
    if (method === 'apps.connections.open') {
      if (token !== APP_TOKEN) return { ok: false, error: token?.startsWith('xoxb-') ? 'not_allowed_token_type' : 'invalid_auth' };
      return { ok: true, url: `${this.origin.replace('http', 'ws')}/link/?ticket=${this.sockets.length + 1}&app_id=${BOT.appId}` };
    }
    if (token !== BOT_TOKEN) return { ok: false, error: token ? 'invalid_auth' : 'not_authed' };
    switch (method) {
      case 'auth.test':
        return { ok: true, url: `https://${TEAM.domain}.slack.com/`, team: TEAM.name, user: 'paramquiz', team_id: TEAM.id, user_id: BOT.userId, bot_id: BOT.botId, is_enterprise_install: false };
      case 'users.info': {
        const user = this.users.get(String(args.user));
        return user ? { ok: true, user: userObject(user) } : { ok: false, error: 'user_not_found' };
      }
      case 'chat.postMessage':
      case 'chat.update': {
        const problems = messageProblems(args);
        if (problems.length > 0) return { ok: false, error: 'invalid_blocks', errors: problems };
        const ts = method === 'chat.update' ? String(args.ts) : this.ts();
        const message = { type: 'message', user: BOT.userId, bot_id: BOT.botId, app_id: BOT.appId, team: TEAM.id, text: args.text, blocks: args.blocks, ts };
        return { ok: true, channel: args.channel, ts, ...(method === 'chat.update' ? { text: args.text } : {}), message };
      }
      case 'files.getUploadURLExternal': {
        const length = Number(args.length);
        if (typeof args.filename !== 'string' || !Number.isSafeInteger(length) || length <= 0) return { ok: false, error: 'invalid_arguments' };
        const id = `F0FILE${String(++this.nextFile).padStart(4, '0')}`;
        this.files.set(id, { id, filename: args.filename, length, altText: typeof args.alt_text === 'string' ? args.alt_text : undefined });
        return { ok: true, upload_url: `${this.origin}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal':
        return this.completeUpload(args);
      case 'files.list': {
        const from = Number(args.ts_from ?? 0);
        const files = this.sharedFiles
          .filter((f) => f.channel === args.channel && (args.user === undefined || f.user === args.user) && f.created >= from)
          .map((f) => ({
            id: f.id,
            name: f.name,
            user: f.user,
            created: f.created,
            mimetype: f.mimetype,
            size: f.bytes.length,
            url_private_download: `${this.origin}/private/${f.id}/${encodeURIComponent(f.name)}`,
          }));
        return { ok: true, files };
      }
      case 'conversations.open':
        return typeof args.users === 'string' ? { ok: true, channel: { id: `D0${args.users.slice(1)}` } } : { ok: false, error: 'users_not_found' };
      case 'conversations.info': {
        const id = String(args.channel);
        const known = this.channels.get(id) ?? { member: true, team: TEAM.id };
        // A token sees only its own workspace's channels.
        if (known.team !== TEAM.id || !/^[CGD][A-Z0-9]+$/.test(id)) return { ok: false, error: 'channel_not_found' };
        return { ok: true, channel: { id, name: id.toLowerCase(), is_channel: id.startsWith('C'), is_im: id.startsWith('D'), is_member: known.member, context_team_id: TEAM.id } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.ts() };
      case 'views.open': {
        const view = args.view as Json | undefined;
        const problems = view ? viewProblems(view) : ['no view'];
        if (problems.length > 0) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: problems } };
        return { ok: true, view: { ...view, id: `V0FORM${++this.nextViewId}`, team_id: TEAM.id, app_id: BOT.appId, bot_id: BOT.botId, state: { values: {} }, hash: `${Date.now()}.hash` } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private ts(): string {
    const n = ++this.nextTs;
    return `${Math.floor(Date.now() / 1000)}.${String(n).padStart(6, '0')}`;
  }

  private accept(ws: WebSocket): void {
    const socket = new FakeSocket(ws, () => this.notify());
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'applink-fake', approximate_connection_time: 18060 }, connection_info: { app_id: BOT.appId } }));
    this.sockets.push(socket);
    this.notify();
  }
}

/** One Socket Mode connection: envelopes out, the app's acks back. */
export class FakeSocket {
  /** Who waits for the ack of each envelope sent. */
  private readonly waiting = new Map<string, (payload: Json) => void>();
  private next = 0;

  constructor(
    private readonly ws: WebSocket,
    private readonly changed: () => void,
  ) {
    ws.on('message', (data) => {
      const ack = JSON.parse(String(data)) as { envelope_id?: string; payload?: Json };
      if (ack.envelope_id) this.waiting.get(ack.envelope_id)?.(ack.payload ?? {});
      this.changed();
    });
  }

  /** Sends an envelope of `type` and resolves with the payload of the app's ack, which Slack waits `ms` for. */
  deliver(type: 'slash_commands' | 'interactive', payload: Json, ms = 3_000): Promise<Json> {
    const id = `env-${++this.next}`;
    const acked = new Promise<Json>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`no ack for envelope ${id} within ${ms} ms`));
      }, ms);
      this.waiting.set(id, (ack) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        resolve(ack);
      });
    });
    this.ws.send(JSON.stringify({ envelope_id: id, type, payload, accepts_response_payload: type === 'slash_commands' || payload.type === 'view_submission', retry_attempt: 0, retry_reason: '' }));
    return acked;
  }
}

// ── what Slack sends ──

export interface Where {
  readonly channel: string;
  readonly responseUrl: string;
  readonly team?: string;
}

/** A slash command's fields (form-encoded over HTTP, a JSON object in a Socket Mode envelope). */
export function slashCommand(user: FakeUser, command: string, text: string, where: Where): Record<string, string> {
  const team = where.team ?? TEAM.id;
  return {
    token: 'verification-token-unused',
    team_id: team,
    team_domain: TEAM.domain,
    channel_id: where.channel,
    channel_name: 'deep-learning',
    user_id: user.id,
    user_name: user.name,
    command,
    text,
    api_app_id: BOT.appId,
    is_enterprise_install: 'false',
    response_url: where.responseUrl,
    trigger_id: triggerId(),
  };
}

/** A click on a button of a message (the element as the bot rendered it). */
export function blockActions(user: FakeUser, button: Json, where: Where & { readonly messageTs?: string; readonly ephemeral?: boolean }): Json {
  const team = where.team ?? TEAM.id;
  return {
    type: 'block_actions',
    user: { id: user.id, username: user.name, name: user.name, team_id: team },
    api_app_id: BOT.appId,
    token: 'verification-token-unused',
    container: { type: 'message', message_ts: where.messageTs ?? '1.000001', channel_id: where.channel, is_ephemeral: where.ephemeral ?? false },
    trigger_id: triggerId(),
    team: { id: team, domain: TEAM.domain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: where.channel, name: 'deep-learning' },
    response_url: where.responseUrl,
    actions: [{ type: 'button', block_id: 'b1', action_id: button.action_id, value: button.value, text: button.text, action_ts: `${Date.now() / 1000}` }],
  };
}

/** The submission of a view the bot opened, with `text` typed into its one text input (or each of `text` into its inputs, in order). */
export function viewSubmission(user: FakeUser, opened: Json, text: string | readonly string[], team: string = TEAM.id): Json {
  const inputs = (opened.blocks as Json[]).filter((b) => b.type === 'input');
  const typed = typeof text === 'string' ? [text] : text;
  const values = Object.fromEntries(
    inputs.slice(0, typed.length).map((input, i) => [String(input.block_id), { [String((input.element as Json).action_id)]: { type: 'plain_text_input', value: typed[i] === '' ? null : typed[i] } }]),
  );
  return {
    type: 'view_submission',
    team: { id: team, domain: TEAM.domain },
    user: { id: user.id, username: user.name, name: user.name, team_id: team },
    api_app_id: BOT.appId,
    token: 'verification-token-unused',
    trigger_id: triggerId(),
    view: {
      ...opened,
      team_id: team,
      state: { values },
      hash: `${Date.now()}.hash`,
      root_view_id: opened.id,
      previous_view_id: null,
      app_installed_team_id: team,
    },
    response_urls: [],
  };
}

/** A slash command as Slack posts it over HTTP: its fields, form-encoded. */
export const commandBody = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();

/** An interaction (block_actions, view_submission) as Slack posts it over HTTP: `payload=` JSON. */
export const interactionBody = (payload: Json): string => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

/** Slack's request signature headers for `body`, signed at `timestamp` (seconds). */
export function signatureHeaders(body: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` };
}

/** POSTs a body to the bot's /slack/events as Slack would (signed unless `headers` say otherwise). */
export async function postToBot(url: string, body: string, headers: Record<string, string> = signatureHeaders(body, SIGNING_SECRET)): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
  return { status: res.status, text: await res.text() };
}

// ── Block Kit limits, refused as Slack refuses them ──

const text = (o: unknown): string => String((o as Json | undefined)?.text ?? '');

export function blockProblems(blocks: readonly Json[]): string[] {
  const problems: string[] = [];
  if (blocks.length > 50) problems.push(`${blocks.length} blocks (max 50)`);
  const actionIds = new Set<string>();
  for (const [i, b] of blocks.entries()) {
    const where = `blocks[${i}] (${String(b.type)})`;
    if (b.type === 'header' && (text(b.text).length > 150 || text(b.text) === '')) problems.push(`${where}: header text ${text(b.text).length} chars`);
    if (b.type === 'section') {
      if (b.text !== undefined && (text(b.text).length > 3000 || text(b.text) === '')) problems.push(`${where}: text ${text(b.text).length} chars`);
      const fields = (b.fields as Json[] | undefined) ?? [];
      if (fields.length > 10) problems.push(`${where}: ${fields.length} fields`);
      for (const f of fields) if (text(f).length > 2000) problems.push(`${where}: field ${text(f).length} chars`);
      if (b.text === undefined && fields.length === 0) problems.push(`${where}: neither text nor fields`);
    }
    if (b.type === 'context') {
      const elements = (b.elements as Json[] | undefined) ?? [];
      if (elements.length === 0 || elements.length > 10) problems.push(`${where}: ${elements.length} elements`);
      for (const e of elements) if (text(e).length > 3000) problems.push(`${where}: element ${text(e).length} chars`);
    }
    if (b.type === 'actions') {
      const elements = (b.elements as Json[] | undefined) ?? [];
      if (elements.length === 0 || elements.length > 25) problems.push(`${where}: ${elements.length} elements`);
      for (const e of elements) {
        const id = String(e.action_id ?? '');
        if (text(e.text).length > 75) problems.push(`${where}: button text ${text(e.text).length} chars`);
        if (id.length > 255) problems.push(`${where}: action_id ${id.length} chars`);
        if (String(e.value ?? '').length > 2000) problems.push(`${where}: value ${String(e.value).length} chars`);
        if (actionIds.has(id)) problems.push(`${where}: duplicate action_id ${id}`);
        actionIds.add(id);
      }
    }
  }
  return problems;
}

function messageProblems(args: Json): string[] {
  const blocks = args.blocks as Json[] | undefined;
  if (blocks === undefined && (typeof args.text !== 'string' || args.text === '')) return ['no_text'];
  return blocks ? blockProblems(blocks) : [];
}

function viewProblems(view: Json): string[] {
  const problems = blockProblems((view.blocks as Json[] | undefined) ?? []);
  if (text(view.title).length > 24 || text(view.title) === '') problems.push(`title ${text(view.title).length} chars (max 24)`);
  for (const key of ['submit', 'close']) if (view[key] !== undefined && text(view[key]).length > 24) problems.push(`${key} longer than 24 chars`);
  if (String(view.private_metadata ?? '').length > 3000) problems.push('private_metadata longer than 3000 chars');
  return problems;
}

// ── plumbing ──

function userObject(u: FakeUser): Json {
  const display = u.displayName ?? u.name;
  return {
    id: u.id,
    team_id: TEAM.id,
    name: u.name,
    deleted: false,
    real_name: display,
    tz: 'Asia/Taipei',
    is_admin: u.isAdmin ?? false,
    is_owner: u.isOwner ?? false,
    is_primary_owner: false,
    is_bot: false,
    profile: { display_name: display, real_name: display, team: TEAM.id },
  };
}

let triggers = 0;
const triggerId = (): string => `${Date.now()}.${++triggers}.trigger`;

function readBytes(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The Web API's form fields; the ones the client JSON-encoded (blocks, view) parsed back. */
function parseForm(raw: string, contentType: string | undefined): Json {
  if (contentType?.startsWith('application/json')) return raw === '' ? {} : (JSON.parse(raw) as Json);
  const args: Json = {};
  for (const [key, value] of new URLSearchParams(raw)) args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  return args;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain'): void {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}
