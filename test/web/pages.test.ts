/**
 * The web pages as a browser reads them over HTTP, from the real server on 127.0.0.1 with the whole
 * bot behind it: a class played through the quiz service, links handed out by /report, /me and
 * /settings, and every way a link can be wrong answered with the same 403 that shows nothing.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { alice, bob, carol } from '../support/quiz.js';
import { linkIn, startWebApp, type WebApp } from '../support/web.js';

const DAY_MS = 86_400_000;
const SCRIPT = '<script>alert(1)</script>';
const mallory = { userId: 'U_MALLORY', name: SCRIPT };
const comma = { userId: 'U_COMMA', name: 'Lin, "Amy" 林' };

async function playedClass(): Promise<WebApp> {
  const web = await startWebApp();
  await web.play([
    [alice, 'right'],
    [bob, 'wrong'],
    [carol, 'wrong'],
    [mallory, 'right'],
    [comma, 'right'],
  ]);
  await web.play(
    [
      [alice, 'right'],
      [bob, 'right'],
    ],
    { topic: 'dense', level: 'easy' },
  );
  return web;
}

const reportLink = async (web: WebApp) => linkIn((await web.run(alice, '/report')).text, 'report');
const body = async (res: Response) => ({ status: res.status, text: await res.text(), type: res.headers.get('content-type') });

describe('the teacher report over HTTP', () => {
  it("opens from /report's private link: the student × week matrix, mastery per topic with its SVG chart, per question the share right and the most common named mistake", async () => {
    const web = await playedClass();
    const reply = await web.run(alice, '/report');
    expect(reply.visibility).toBe('private');
    const page = await body(await web.get(await reportLink(web)));
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    for (const name of ['alice', 'bob', 'carol']) expect(page.text).toContain(`>${name}<`);
    expect(page.text).toContain('Students by week');
    expect(page.text).toContain('Class mastery per topic');
    expect(page.text).toMatch(/<figure class="chart"[^>]*><svg/);
    // 2 of the 5 answers to the first question were wrong, both with its first named mistake: 40%,
    // said with how many students gave it and the number they gave, as they were told it
    expect(page.text).toMatch(/2 students \(40%\) answered [\d,]+: /);
    expect(page.text).not.toMatch(/\bweb\.(?!css)[a-z]/); // no message key left untranslated
  });

  it('follows Accept-Language, and ?lang= switches', async () => {
    const web = await playedClass();
    const link = await reportLink(web);
    const zh = await body(await web.get(link, { 'accept-language': 'zh-TW,zh;q=0.9,en;q=0.5' }));
    expect(zh.text).toContain('lang="zh-Hant-TW"');
    expect(zh.text).toContain('教師報表');
    const en = await body(await web.get(`${link}?lang=en`, { 'accept-language': 'zh-TW' }));
    expect(en.text).toContain('lang="en"');
    expect(en.text).toContain('Students by week');
    // The switch links to the other language of the same page.
    expect(zh.text).toMatch(/href="[^"]*\?lang=en"/);
  });

  it('escapes what students call themselves: a <script> name is text, and no script runs anywhere', async () => {
    const web = await playedClass();
    const res = await web.get(await reportLink(web));
    const text = await res.text();
    expect(text).not.toContain(SCRIPT);
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).not.toMatch(/<script/i);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('a link opens only its own page, scope and person', () => {
  it('answers a tampered, expired, other-page or missing signature with the same 403 that shows nothing', async () => {
    const web = await playedClass();
    const link = await reportLink(web);
    const [path, token] = [link.slice(0, link.lastIndexOf('/') + 1), link.slice(link.lastIndexOf('/') + 1)];
    const [payload, signature] = token.split('.') as [string, string];
    const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);
    // A payload naming another scope, signed with nothing the bot holds.
    const forged = Buffer.from(JSON.stringify({ k: 'report', s: 'discord:G1', x: 4_102_444_800 })).toString('base64url');
    const me = linkIn((await web.run(bob, '/me', { isAdmin: false })).text, 'me');
    const bad = [
      `${path}${flip(payload, 5)}.${signature}`, // tampered payload
      `${path}${payload}.${flip(signature, 3)}`, // tampered signature
      `${path}${payload}`, // missing signature
      `${path}${payload}.`, // empty signature
      `${path}${forged}.${signature}`, // another payload under this signature
      `/report/${me.slice('/me/'.length)}`, // a student's link on the report page
      `/me/${token}`, // the report's link on a student's page
      '/report',
      '/report/',
      `${path}${'x'.repeat(600)}`, // longer than any link
    ];
    const refusals = await Promise.all(bad.map(async (p) => ({ p, ...(await body(await web.get(p))) })));
    for (const r of refusals) {
      expect(r.status, r.p).toBe(403);
      expect(r.text, r.p).not.toContain('alice');
    }
    // Every refusal is the same page: nothing says which check failed.
    expect(new Set(refusals.filter((r) => !r.p.includes('x'.repeat(600))).map((r) => r.text)).size).toBe(1);
    // The CSV downloads are refused alike.
    expect((await web.get(`${path}${payload}.${flip(signature, 3)}/grades.csv`)).status).toBe(403);

    web.clock.advance(DAY_MS + 60_000); // the report's link works a day
    const expired = await body(await web.get(link));
    expect(expired.status).toBe(403);
    expect(expired.text).not.toContain('alice');
    expect((await web.get(`${link}/grades.csv`)).status).toBe(403);
  });

  it("opens another scope's link on that scope only, and a student's link on that student only", async () => {
    const web = await playedClass();
    const other = web.app.services.web!.url({ kind: 'report', scopeId: 'discord:G2' });
    const page = await body(await web.get(new URL(other).pathname));
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('alice');
    expect(page.text).toContain('No scores yet in this period.');

    const bobs = await body(await web.get(linkIn((await web.run(bob, '/me', { isAdmin: false })).text, 'me')));
    expect(bobs.status).toBe(200);
    expect(bobs.text).toContain('bob');
    expect(bobs.text).not.toContain('>alice<');
    // Bob missed the first question: it is shown worked out, with what he answered.
    expect(bobs.text).toContain('Questions you missed, worked out');
    expect(bobs.text).toMatch(/You answered [\d,]+; the answer is [\d,]+\./);
    // A week's points and accuracy, mastery per topic and the skills to review.
    expect(bobs.text).toContain('Points and accuracy per week');
    expect(bobs.text).toContain('Mastery per topic');
    expect(bobs.text).toContain('Skills to review');
  });

  it('keeps the class board off until an admin makes it public, and a student cannot', async () => {
    const web = await playedClass();
    const board = web.app.services.web!.url({ kind: 'board', scopeId: web.scopeId });
    const off = await body(await web.get(new URL(board).pathname));
    expect(off.status).toBe(403);
    expect(off.text).not.toContain('alice');
    expect(off.text).toContain('not public');

    const refused = await web.run(bob, '/settings public-board:true', { isAdmin: false });
    expect(refused.tone).toBe('error');
    expect((await web.get(new URL(board).pathname)).status).toBe(403);

    const on = await web.run(alice, '/settings public-board:true');
    const path = linkIn(JSON.stringify(on), 'board');
    const page = await body(await web.get(path));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Class board');
    expect(page.text).toContain('>alice<');
    // The board shows points, not anyone's answers.
    expect(page.text).not.toMatch(/You answered/);

    await web.run(alice, '/settings public-board:false');
    expect((await web.get(path)).status).toBe(403);
  });
});

describe("/export and the report's downloads", () => {
  it('attaches the grades as CSV that a CSV reader and Excel read back: BOM, a column per ISO week, names as shown and ids apart, commas and quotes in names', async () => {
    const web = await playedClass();
    const reply = await web.run(alice, '/export');
    expect(reply.visibility).toBe('private');
    const made = await reply.files![0]!.make();
    expect(made).toMatchObject({ kind: 'document', name: 'grades-all.csv' });
    const bytes = Buffer.from(made!.bytes);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // Excel reads UTF-8 only with its BOM
    const rows = parse(bytes, { bom: true, columns: true }) as Array<Record<string, string>>;
    const header = Object.keys(rows[0]!);
    expect(header).toEqual(['Name', 'User ID', '2026-W48', 'Points', 'Answered', 'Right', 'Accuracy']);
    const byId = new Map(rows.map((r) => [r['User ID'], r]));
    expect(byId.get(comma.userId)!.Name).toBe(comma.name);
    expect(byId.get(mallory.userId)!.Name).toBe(SCRIPT);
    expect(byId.get(bob.userId)).toMatchObject({ Answered: '2', Right: '1', Accuracy: '50.0%' });
    expect(Number(byId.get(alice.userId)!['2026-W48'])).toBe(Number(byId.get(alice.userId)!.Points));
    // Quoting as RFC 4180 says: the comma name is one quoted field, its quotes doubled.
    expect(bytes.toString('utf8')).toContain('"Lin, ""Amy"" 林"');

    // The report page offers the same file.
    const page = await body(await web.get(`${await reportLink(web)}/grades.csv`));
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/csv');
    expect(Buffer.from(page.text, 'utf8').equals(bytes.subarray(3)) || `\ufeff${page.text}` === bytes.toString('utf8')).toBe(true);
  });

  it('exports every answer, one row each, with the named mistake of a wrong one, by id and in words', async () => {
    const web = await playedClass();
    const made = await (await web.run(alice, '/export format:answers')).files![0]!.make();
    const rows = parse(Buffer.from(made!.bytes), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(7);
    const bobsMiss = rows.find((r) => r['User ID'] === bob.userId && r.Correct === 'no')!;
    expect(bobsMiss['Named mistake']).not.toBe('');
    // the words the answer was told, in the teacher's language, beside the id a spreadsheet groups by
    expect(bobsMiss['The mistake in words']).toMatch(/^(in |that |several |there )/);
    expect(rows.filter((r) => r.Correct === 'yes').every((r) => r['The mistake in words'] === '')).toBe(true);
    expect(rows.filter((r) => r.Correct === 'yes')).toHaveLength(5);
  });
});
