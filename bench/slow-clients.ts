/**
 * The class pages under slow clients, at the limits the bot runs with (WEB_LIMITS): 1,100 sockets
 * that send a request line and then drip a header byte every 100 ms, more than the 512 the server
 * keeps open, while a browser asks for a page.
 * - web_slow_page_ms: the page's time (connect, request, answer) while they drip, median of 20.
 * - web_slow_open_max: the most connections the server held meanwhile (its cap: 512).
 * - web_slow_evicted: drippers closed to make room for newer connections.
 * - web_slow_held_s: how long the server let the longest-lived dripper hold its socket (the header
 *   timeout, 10 s, checked every second; 30–45 s before the check was set).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { App } from '../src/app.js';
import { ManualClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { median, round, type Figures } from './lib.js';

const DRIPPERS = 1_100;
const DRIP_MS = 100;

async function dripper(port: number): Promise<{ socket: Socket; closed: Promise<number> }> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {});
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  const opened = performance.now();
  socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
  const drip = setInterval(() => socket.write('a'), DRIP_MS);
  const closed = new Promise<number>((resolve) => socket.once('close', () => (clearInterval(drip), resolve(performance.now() - opened))));
  return { socket, closed };
}

export async function benchSlowClients(): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'paramquiz-slow-'));
  const config = loadConfig({ DATABASE_PATH: join(dir, 'bench.db'), WEB_PORT: '0', QUIZ_TIMEZONE: 'Asia/Taipei' });
  const app = await App.open(config, createLogger('silent'), { input: new PassThrough(), output: new PassThrough() }, new ManualClock(Date.UTC(2026, 10, 23, 2)));
  await app.start();
  const port = app.webAddress!.port;
  const drippers: Array<{ socket: Socket; closed: Promise<number> }> = [];
  let openMax = 0;
  try {
    for (let i = 0; i < DRIPPERS; i++) {
      drippers.push(await dripper(port));
      openMax = Math.max(openMax, app.web!.connections.open);
    }
    const pages: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' } });
      await res.text();
      if (res.status !== 200) throw new Error(`the page answered ${res.status}`);
      pages.push(performance.now() - started);
      openMax = Math.max(openMax, app.web!.connections.open);
    }
    const held = Math.max(...(await Promise.all(drippers.map((d) => d.closed))));
    return {
      web_slow_page_ms: round(median(pages)),
      web_slow_open_max: openMax,
      web_slow_evicted: app.web!.connections.evicted,
      web_slow_held_s: round(held / 1000, 1),
    };
  } finally {
    for (const d of drippers) d.socket.destroy();
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
