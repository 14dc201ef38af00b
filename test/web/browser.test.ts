/**
 * The pages in a real headless browser (Debian's chromium driven by playwright-core) against the
 * real server on 127.0.0.1: what a teacher and a student see, in both languages, with nothing the
 * browser refuses (a style or font the page's own policy blocks shows up as a console error), the
 * language switch followed as a click, and the report's CSV downloaded as a browser saves it.
 * Screenshots are written to SCREENSHOT_DIR (default: a folder under the system's temp folder) to
 * be looked at; docs/report.png in the README is one of them.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alice, bob, carol } from '../support/quiz.js';
import { linkIn, startWebApp, type WebApp } from '../support/web.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = process.env.SCREENSHOT_DIR ?? join(tmpdir(), 'paramquiz-screenshots');
const SCRIPT = '<script>alert(1)</script>';
const students = [alice, bob, carol, { userId: 'U_DAVE', name: '王小明' }, { userId: 'U_EVE', name: SCRIPT }, { userId: 'U_FAY', name: 'Lin, "Amy"' }];

let browser: Browser;
let web: WebApp;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  web = await startWebApp({ shared: true });
  // A week of a class: rounds on three topics at each level, each student right or wrong in turn.
  const topics = ['conv', 'dense', 'batchnorm'] as const;
  for (let r = 0; r < 6; r++) {
    await web.play(
      students.map((s, i) => [s, (i + r) % 3 === 0 ? 'wrong' : 'right'] as const),
      { topic: topics[r % 3]!, level: r < 2 ? 'easy' : r < 4 ? 'medium' : 'hard' },
    );
    web.clock.advance(3_600_000);
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

/** A page opened in a fresh context with the browser's language set, failing the test on any console error or dialog. */
async function open(path: string, locale: 'en-US' | 'zh-TW'): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale, viewport: { width: 1100, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(`${m.text()} ${JSON.stringify(m.location())}`));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  const res = await page.goto(`${web.base}${path}`, { waitUntil: 'load' });
  expect(res?.status()).toBe(200);
  await fontsLoaded(page);
  return { page, errors };
}

/** Every font face the page uses has loaded (or failed): what the screenshot shows is what a reader sees. */
async function fontsLoaded(page: Page): Promise<void> {
  await page.evaluate('document.fonts.ready');
  const faces = await page.evaluate('[...document.fonts].map((f) => f.family + " " + f.weight + " " + f.status)');
  expect((faces as string[]).filter((f) => f.endsWith(' error'))).toEqual([]);
}

describe('the pages in a browser', () => {
  it('shows the teacher the report in English, switches to 中文 by the link, and downloads the CSV', async () => {
    const link = linkIn((await web.run(alice, '/report')).text, 'report');
    const { page, errors } = await open(link, 'en-US');
    expect(await page.locator('h1').textContent()).toContain("Teacher's report");
    // The student × week matrix: one row per student, their name as they go by in the chat.
    const matrix = page.locator('table').first();
    for (const s of students) await expect.poll(() => matrix.textContent()).toContain(s.name);
    // The mastery chart is an SVG the browser lays out at a real size.
    const chart = page.locator('figure.chart svg').first();
    const box = await chart.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(100);
    expect(await page.locator('td.common').first().textContent()).toMatch(/\d+%/);
    await page.screenshot({ path: join(SHOTS, 'report-en.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[href$="grades.csv"]').click()]);
    expect(download.suggestedFilename()).toBe('grades-all.csv');
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.Name).sort()).toEqual(students.map((s) => s.name).sort());

    await page.locator('a[hreflang="zh-Hant-TW"]').click();
    await page.waitForLoadState('load');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hant-TW');
    expect(await page.locator('h1').textContent()).toContain('教師報表');
    await fontsLoaded(page);
    await page.screenshot({ path: join(SHOTS, 'report-zh-TW.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('shows a student their own page in Chinese, following the browser, with the name that is a <script> as text', async () => {
    const link = linkIn((await web.run(students[4]!, '/me', { isAdmin: false })).text, 'me');
    const { page, errors } = await open(link, 'zh-TW');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hant-TW');
    expect(await page.locator('h1').textContent()).toContain(SCRIPT);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('figure.chart svg').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'me-zh-TW.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows the public class board once an admin turns it on', async () => {
    const path = linkIn(JSON.stringify(await web.run(alice, '/settings public-board:true')), 'board');
    const { page, errors } = await open(path, 'en-US');
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(students.length);
    await page.screenshot({ path: join(SHOTS, 'board-en.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
