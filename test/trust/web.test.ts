/**
 * The class pages against clients that misbehave, over real sockets on 127.0.0.1: clients that
 * drip their headers a byte at a time (cut off at the header timeout, and never able to fill the
 * server: at the connection cap the longest-waiting of them makes room), and requests whose path
 * or query names an object's own properties (`__proto__`, `constructor`, ...), which are pages
 * that do not exist like any other.
 */
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LinkSigner } from '../../src/web/links.js';
import { WebServer, type WebLimits } from '../../src/web/server.js';
import { captureLog } from '../support/log.js';
import { alice } from '../support/quiz.js';
import { linkIn, startWebApp, type WebApp } from '../support/web.js';

let web: WebApp;
const logged = captureLog();
beforeAll(async () => {
  web = await startWebApp({ shared: true, log: logged.log });
});
afterAll(() => web?.stop());

/** A server on the app's services with its own limits, stopped by the caller. */
async function serverWith(limits: Partial<WebLimits>): Promise<{ server: WebServer; port: number }> {
  const { app, clock } = web;
  const signer = new LinkSigner(Buffer.alloc(32, 7), () => clock.now());
  const server = new WebServer({ store: app.store, quiz: app.quiz, reports: app.reports, pictures: app.pictures, signer, clock, log: logged.log, limits });
  const { port } = await server.listen(0, '127.0.0.1');
  return { server, port };
}

interface Dripper {
  readonly socket: Socket;
  /** When the server closed the connection, and what it said before. */
  readonly closed: Promise<{ readonly afterMs: number; readonly said: string }>;
}

/** A client that sends a request line, then a header byte every `everyMs`, never finishing its headers. */
async function dripper(port: number, everyMs = 25): Promise<Dripper> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const started = performance.now();
  let said = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (said += chunk));
  socket.on('error', () => {}); // a reset is one way the server closes it
  socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
  const drip = setInterval(() => socket.write('a'), everyMs);
  const closed = new Promise<{ afterMs: number; said: string }>((resolve) =>
    socket.once('close', () => {
      clearInterval(drip);
      resolve({ afterMs: performance.now() - started, said });
    }),
  );
  return { socket, closed };
}

describe('slow clients', () => {
  it('cuts a client dripping its headers off at the header timeout, with a 408, not up to 30 s later', async () => {
    const limits = { headersMs: 300, requestMs: 600, checkEveryMs: 50 };
    const { server, port } = await serverWith(limits);
    try {
      const drippers = await Promise.all([0, 1, 2].map(() => dripper(port)));
      const closed = await Promise.all(drippers.map((d) => d.closed));
      for (const { afterMs, said } of closed) {
        expect(said).toMatch(/^HTTP\/1\.1 408 /);
        expect(afterMs).toBeGreaterThanOrEqual(limits.headersMs - 5);
        // Node's default check every 30 s kept such sockets 30–45 s; now within a check of the
        // timeout, with room for a loaded machine's event loop.
        expect(afterMs).toBeLessThan(limits.headersMs + 2_000);
      }
      await vi.waitFor(() => expect(server.connections.open).toBe(0)); // the server's side of each close
    } finally {
      await server.close();
    }
  });

  it('never holds more than its cap: the longest-waiting dripper makes room, and a page still opens', async () => {
    // A header timeout far away: only the cap can close these.
    const { server, port } = await serverWith({ connections: 16, headersMs: 60_000, requestMs: 60_000, idleMs: 60_000 });
    const drippers: Dripper[] = [];
    try {
      for (let i = 0; i < 40; i++) drippers.push(await dripper(port));
      // The first 24 made room for the last 24, oldest first.
      const evicted = await Promise.all(drippers.slice(0, 24).map((d) => d.closed));
      expect(evicted.every((c) => c.said === '')).toBe(true);
      await vi.waitFor(() => expect(server.connections.open).toBeLessThanOrEqual(16));
      const page = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(page.status).toBe(200);
      expect(await page.text()).toBe('ok\n');
      // The page's connection took the place of the oldest dripper left; the newest 15 still drip.
      await drippers[24]!.closed;
      expect(server.connections.evicted).toBe(25);
      expect(server.connections.refused).toBe(0);
      expect(drippers.slice(25).every((d) => !d.socket.destroyed)).toBe(true);
    } finally {
      for (const d of drippers) d.socket.destroy();
      await server.close();
    }
  });
});

/** Names every object has: as a path segment or a query field they must name nothing. */
const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__', 'isPrototypeOf', '%5F%5Fproto%5F%5F'];

describe('prototype keys in a request', () => {
  it('answers /assets/fonts/__proto__ (constructor, toString, ...) with the 404 page, and logs nothing', async () => {
    for (const key of PROTO_KEYS) {
      const res = await web.get(`/assets/fonts/${key}`);
      expect(res.status, key).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      await res.text();
    }
    expect(logged.lines.filter((l) => l.level >= 40)).toEqual([]);
  });

  it('gives no route a 500 or an error line for such a key in any path segment, query field or value, or header', async () => {
    const report = linkIn((await web.run(alice, '/report')).text, 'report');
    const token = report.split('/').pop()!.split('?')[0]!;
    const paths = (k: string) => [
      `/${k}`,
      `/assets/${k}`,
      `/assets/${k}/${k}`,
      `/board/${k}`,
      `/me/${k}`,
      `/report/${k}`,
      `/report/${k}/grades.csv`,
      `/report/${token}/${k}.csv`,
      `/report/${token}/${k}`,
      `/report/${token}?lang=${k}`,
      `/report/${token}?season=${k}`,
      `/report/${token}?period=${k}`,
      `/report/${token}?${k}=1`,
      `/report/${token}?${k}[x]=1`,
      `/report/${token}/grades.csv?season=${k}`,
      `/board/${k}?page=${k}`,
      `/?lang=${k}`,
    ];
    const statuses = new Set<number>();
    for (const key of PROTO_KEYS) {
      for (const path of paths(key)) {
        const res = await web.get(path, { 'accept-language': key });
        expect([200, 400, 403, 404], `${res.status} for ${path}`).toContain(res.status);
        statuses.add(res.status);
        await res.text();
      }
    }
    expect(statuses).toContain(404);
    expect(logged.lines.filter((l) => l.level >= 40)).toEqual([]);
  });
});

describe('prototype keys in a command', () => {
  it('refuses them as an unknown option or framework, like any other word', async () => {
    const compared = await web.run(alice, '/compare vgg16 resnet50 --framework constructor');
    expect(compared).toMatchObject({ tone: 'error' });
    expect(compared.text).toContain('constructor');
    const quiz = await web.run(alice, '/leaderboard __proto__:1');
    expect(quiz).toMatchObject({ tone: 'error' });
    expect(quiz.text).toContain('__proto__');
    expect(logged.lines.filter((l) => l.level >= 40)).toEqual([]);
  });
});
