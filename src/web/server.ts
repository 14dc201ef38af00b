/**
 * The web server the bot runs in its own process when WEB_PORT is set (fastify): the class board,
 * a student's own page and the teacher's report, each opened by a signed link, and the report's CSV
 * downloads. Every route only reads. Requests are small and bounded (GET only, no body, a token of
 * at most 512 characters, a query of a few known fields); a page costs a handful of index reads and,
 * for a chart, a drawing in the picture worker, never on this thread.
 *
 * Whatever is wrong with a link (tampered, expired, made for another page, missing) the answer is
 * the same 403 page, and it shows nothing of what the link would have opened. Nothing a request
 * names (a path segment, a query field) is looked up as an object's property: `__proto__` is a
 * font file no more than `nope.ttf` is, and gets the same 404.
 *
 * Slow clients are bounded (WEB_LIMITS): a request must be in within seconds, and the connections
 * one process keeps open are capped (connections.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Pictures } from '../charts/pool.js';
import type { PictureRecipe } from '../charts/recipe.js';
import type { Clock } from '../clock.js';
import { msg, t, type Lang } from '../i18n/messages.js';
import type { Logger } from '../log.js';
import { PACKAGE_ROOT } from '../paths.js';
import { isoWeek } from '../quiz/week.js';
import type { Period, QuizService } from '../quiz/service.js';
import { EXPORT_FORMATS, type ExportFormat } from '../report/exports.js';
import type { ReportPeriod, Reports } from '../report/report.js';
import type { Store } from '../store/store.js';
import { ALL_TIME, type Scope } from '../domain/index.js';
import { capConnections, type ConnectionCount } from './connections.js';
import { type LinkSigner, MAX_TOKEN_LENGTH, type LinkKind, type LinkTarget } from './links.js';
import { forbiddenPage, homePage, noticePage, notFoundPage, pageLang } from './page.js';
import { boardPage, reportPage, studentPage, type PageChart } from './pages.js';
import { STYLESHEET } from './style.js';

export interface WebDeps {
  readonly store: Store;
  readonly quiz: QuizService;
  readonly reports: Reports;
  readonly pictures: Pictures;
  readonly signer: LinkSigner;
  readonly clock: Clock;
  readonly log: Logger;
  /** WEB_LIMITS unless a test shortens them. */
  readonly limits?: Partial<WebLimits>;
}

/** What one client may hold of the server, and for how long (the README's Limits). */
export interface WebLimits {
  /** Open connections; past it the one waiting longest without a request makes room (connections.ts). */
  readonly connections: number;
  /** A request's headers must all have arrived within this, however slowly they drip. */
  readonly headersMs: number;
  /** The whole request, likewise. */
  readonly requestMs: number;
  /** A connection on which nothing moves either way. */
  readonly idleMs: number;
  /** A kept-alive connection between requests. */
  readonly keepAliveMs: number;
  /**
   * How often the header and request timeouts are looked at: a timeout holds to within this.
   * Node's default is 30 s, which kept dripping sockets open 30–45 s against a 15 s timeout.
   */
  readonly checkEveryMs: number;
}

/** Far below a process's usual 1,024 file descriptors, far above what a class opens at once. */
export const WEB_LIMITS: WebLimits = { connections: 512, headersMs: 10_000, requestMs: 15_000, idleMs: 15_000, keepAliveMs: 5_000, checkEveryMs: 1_000 };

/** Rows of the class board per page. */
export const BOARD_PAGE_SIZE = 25;
/** Longest a page waits for its chart before it goes out without it. */
const CHART_WAIT_MS = 2_000;

/** Every response: no script may run, nothing may frame the page, the link is never sent on as a referrer. */
const SECURITY_HEADERS = {
  // Inline styles only: the charts' SVG carries its own; there is no script at all.
  'content-security-policy': "default-src 'none'; style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
} as const;

const QUERY = {
  type: 'object',
  properties: {
    lang: { type: 'string', maxLength: 16 },
    season: { type: 'string', maxLength: 100 },
    period: { type: 'string', enum: ['week', 'all', 'season'] },
    page: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    students: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    questions: { type: 'integer', minimum: 1, maximum: 1_000_000 },
  },
  additionalProperties: false,
} as const;

// No length here: a token too long to be a link is refused by the signer like any other bad link (403, not 400).
const TOKEN_PARAMS = { type: 'object', properties: { token: { type: 'string' } }, required: ['token'] } as const;

type PageQuery = {
  readonly lang?: string;
  readonly season?: string;
  readonly period?: Period;
  readonly page?: number;
  readonly students?: number;
  readonly questions?: number;
};

type PageRequest = FastifyRequest<{ Params: { token: string }; Querystring: PageQuery }>;

/** A Map, not an object: a path segment such as `__proto__` or `constructor` names nothing here. */
const FONTS: ReadonlyMap<string, string> = new Map([
  ['core-regular.ttf', 'NotoSansTC-Core-Regular.ttf'],
  ['core-bold.ttf', 'NotoSansTC-Core-Bold.ttf'],
  ['common-regular.ttf', 'NotoSansTC-Common-Regular.ttf'],
]);

export class WebServer {
  private readonly app: FastifyInstance;
  private readonly fonts = new Map<string, Buffer>();
  /** Connections open, and those closed to make room: for tests and the bench. */
  readonly connections: ConnectionCount;

  constructor(private readonly deps: WebDeps) {
    const limits = { ...WEB_LIMITS, ...deps.limits };
    this.app = Fastify({
      // Failures are logged by the error handler below; a line per request would drown the bot's log.
      logger: false,
      bodyLimit: 1024,
      http: { headersTimeout: limits.headersMs, requestTimeout: limits.requestMs, connectionsCheckingInterval: limits.checkEveryMs },
      connectionTimeout: limits.idleMs,
      requestTimeout: limits.requestMs,
      keepAliveTimeout: limits.keepAliveMs,
      return503OnClosing: true,
      // A token is at most 512 characters; the signer refuses a longer one (403) before any HMAC,
      // and the router refuses a path parameter past 8 times that (414) before it is looked at.
      routerOptions: { maxParamLength: 8 * MAX_TOKEN_LENGTH },
    });
    this.app.addHook('onSend', async (_req, reply) => {
      reply.headers(SECURITY_HEADERS);
    });
    this.app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown }, req, reply) => {
      if (err.validation || (err.statusCode !== undefined && err.statusCode < 500)) return this.html(reply, 400, notFoundPage(this.langOf(req)));
      deps.log.error({ err, url: req.url.slice(0, 200) }, 'web page failed');
      return this.html(reply, 500, notFoundPage(this.langOf(req)));
    });
    this.app.setNotFoundHandler((req, reply) => this.html(reply, 404, notFoundPage(this.langOf(req))));
    this.connections = capConnections(this.app.server, limits.connections);
    this.routes();
  }

  private routes(): void {
    const app = this.app;
    const page = { schema: { params: TOKEN_PARAMS, querystring: QUERY } };
    app.get('/', async (req, reply) => this.html(reply, 200, homePage(this.langOf(req))));
    // Browsers ask for it on every page: no icon, and no 404 in the log or the console.
    app.get('/favicon.ico', async (_req, reply) => reply.code(204).header('cache-control', 'public, max-age=604800').send());
    app.get('/healthz', async (_req, reply) => reply.type('text/plain; charset=utf-8').send('ok\n'));
    app.get('/assets/web.css', async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLESHEET));
    app.get<{ Params: { file: string } }>('/assets/fonts/:file', async (req, reply) => {
      const file = FONTS.get(req.params.file);
      if (!file) return this.html(reply, 404, notFoundPage(this.langOf(req)));
      let bytes = this.fonts.get(file);
      if (!bytes) {
        bytes = readFileSync(join(PACKAGE_ROOT, 'fonts', file));
        this.fonts.set(file, bytes);
      }
      return reply.type('font/ttf').header('cache-control', 'public, max-age=604800, immutable').send(bytes);
    });
    // A link without its token, or with an empty one: refused like any other bad link.
    for (const kind of ['report', 'me', 'board'] as const) {
      app.get(`/${kind}`, async (req, reply) => this.forbidden(req, reply));
      app.get(`/${kind}/`, async (req, reply) => this.forbidden(req, reply));
    }
    app.get('/board/:token', page, (req: PageRequest, reply) => this.board(req, reply));
    app.get('/me/:token', page, (req: PageRequest, reply) => this.student(req, reply));
    app.get('/report/:token', page, (req: PageRequest, reply) => this.report(req, reply));
    for (const format of EXPORT_FORMATS) {
      app.get(`/report/:token/${format}.csv`, page, (req: PageRequest, reply) => this.download(req, reply, format));
    }
  }

  /** Listens on host:port; resolves with the address (port 0 picks a free one). */
  async listen(port: number, host: string): Promise<{ host: string; port: number }> {
    await this.app.listen({ port, host });
    const address = this.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('the web server has no TCP address');
    return { host: address.address, port: address.port };
  }

  async close(): Promise<void> {
    await this.app.close();
  }

  /** For tests: a request without a socket (fastify's inject). */
  inject(url: string, headers: Record<string, string> = {}) {
    return this.app.inject({ method: 'GET', url, headers });
  }

  private langOf(req: FastifyRequest, fallback: Lang = 'en'): Lang {
    const query = req.query as { lang?: unknown } | undefined;
    return pageLang(typeof query?.lang === 'string' ? query.lang : undefined, req.headers['accept-language'], fallback);
  }

  private html(reply: FastifyReply, status: number, body: string): FastifyReply {
    return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
  }

  private forbidden(req: FastifyRequest, reply: FastifyReply, reason: 'link' | 'boardOff' = 'link'): FastifyReply {
    return this.html(reply, 403, forbiddenPage(this.langOf(req), reason));
  }

  /** The link's target if the token is good for this page, else undefined (the caller answers 403). */
  private target<K extends LinkKind>(req: PageRequest, kind: K): Extract<LinkTarget, { kind: K }> | undefined {
    return this.deps.signer.verify(req.params.token, kind) as Extract<LinkTarget, { kind: K }> | undefined;
  }

  private async board(req: PageRequest, reply: FastifyReply): Promise<FastifyReply> {
    const target = this.target(req, 'board');
    if (!target) return this.forbidden(req, reply);
    const scope = await this.deps.quiz.scope(target.scopeId);
    if (!scope.publicBoard) return this.forbidden(req, reply, 'boardOff');
    const lang = this.langOf(req, scope.language);
    const q = req.query;
    const period: Period = q.season !== undefined ? 'season' : (q.period ?? 'week');
    const now = this.deps.clock.now();
    const [board, seasons] = await Promise.all([
      this.deps.quiz.leaderboard({ scopeId: scope.id, period, season: q.season, page: q.page ?? 1, size: BOARD_PAGE_SIZE }),
      this.deps.quiz.scopes.seasons(scope.id),
    ]);
    if (!board) return this.html(reply, 404, notFoundPage(lang));
    return this.html(reply, 200, boardPage({ lang, path: req.url.split('?')[0]!, query: q, board, seasons, now, timeZone: scope.timezone, week: isoWeek(now, scope.timezone) }));
  }

  private async student(req: PageRequest, reply: FastifyReply): Promise<FastifyReply> {
    const target = this.target(req, 'me');
    if (!target) return this.forbidden(req, reply);
    const scope = await this.deps.quiz.scope(target.scopeId);
    const lang = this.langOf(req, scope.language);
    const me = await this.deps.reports.studentPage(scope.id, target.userId);
    const path = req.url.split('?')[0]!;
    if (!me) return this.html(reply, 200, noticePage(lang, msg('web.brand'), msg('web.me.unknown')));
    const [drawn, players] = await Promise.all([
      this.chart({
        kind: 'stats',
        input: {
          name: me.member.name,
          topics: me.topics.map((s) => ({ label: t(lang, msg(`topic.${s.topic}`)), correct: s.correct, answered: s.answered })),
          weeks: me.weeks.map((w) => ({ week: w.board.slice('week:'.length), points: w.points })),
          lang,
        },
      }),
      this.deps.store.boards.size(scope.id, ALL_TIME),
    ]);
    return this.html(reply, 200, studentPage({ lang, path, query: req.query, me, chart: drawn, now: this.deps.clock.now(), players }));
  }

  /** What a report link opens: its class, the page's language and the period asked for; or the refusal already sent. */
  private async reportOf(req: PageRequest, reply: FastifyReply): Promise<{ scope: Scope; lang: Lang; period: ReportPeriod } | FastifyReply> {
    const target = this.target(req, 'report');
    if (!target) return this.forbidden(req, reply);
    const scope = await this.deps.quiz.scope(target.scopeId);
    const lang = this.langOf(req, scope.language);
    const period = await this.deps.reports.period(scope.id, req.query.season);
    if (!period) return this.html(reply, 404, notFoundPage(lang));
    return { scope, lang, period };
  }

  private async report(req: PageRequest, reply: FastifyReply): Promise<FastifyReply> {
    const opened = await this.reportOf(req, reply);
    if (!('period' in opened)) return opened;
    const { scope, lang, period } = opened;
    const report = await this.deps.reports.classReport(scope.id, period, { studentPage: req.query.students ?? 1, questionPage: req.query.questions ?? 1 });
    const drawn =
      report.topics.length === 0
        ? undefined
        : await this.chart({ kind: 'mastery', input: { topics: report.topics.map((s) => ({ label: t(lang, msg(`topic.${s.topic}`)), correct: s.correct, answered: s.answered })), lang } });
    return this.html(reply, 200, reportPage({ lang, path: req.url.split('?')[0]!, query: req.query, report, chart: drawn, now: this.deps.clock.now() }));
  }

  private async download(req: PageRequest, reply: FastifyReply, format: ExportFormat): Promise<FastifyReply> {
    const opened = await this.reportOf(req, reply);
    if (!('period' in opened)) return opened;
    const file = this.deps.reports.export(opened.scope.id, opened.period, format, opened.lang);
    return reply
      .code(200)
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .send(Readable.from(file.lines));
  }

  /** A chart for a page as SVG, drawn in the picture worker; undefined if it could not be drawn in time. */
  private async chart(recipe: PictureRecipe): Promise<PageChart | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, CHART_WAIT_MS, undefined)));
    try {
      const drawn = await Promise.race([this.deps.pictures.svg(recipe), late]);
      return drawn && { svg: drawn.svg, alt: drawn.alt };
    } catch (err) {
      this.deps.log.info({ err, chart: recipe.kind }, 'chart not drawn; the page goes out without it');
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}
