/**
 * The README's pictures of `/quiz table` on Discord, drawn from the bot's own payload
 * (`npm run shots`): the bot runs against the fake Discord (tools/discord-capture.ts), a teacher
 * posts a medium table with a fixed seed and a student presses "Fill in the table"; the posted
 * message and the modal it opens are laid out as Discord's dark theme draws them, and Debian's
 * chromium (driven by playwright-core) screenshots each at twice the pixels:
 *
 *   docs/table-question.png, docs/table-form.png            (an English Discord client)
 *   docs/table-question.zh-TW.png, docs/table-form.zh-TW.png (a zh-TW one)
 *
 * Only what the payload holds is drawn: the embed's colour, title and description (its markdown:
 * code blocks, inline code, bold, small text), the buttons' labels and styles, the modal's title and
 * its inputs' labels and placeholders. The rest is Discord's own frame: the author line from the
 * message's author, the modal's close icon and its Cancel and Submit buttons, in the client's language.
 * Fonts: the project's Noto Sans TC subsets (fonts/, as the charts use them) for Discord's gg sans.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { fontFilesFor } from '../src/charts/fonts.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { captureTable, modalInputs, SHOT_LOCALES, startShotBot, type ShotLang, type TableCapture } from './discord-capture.js';

type Json = Record<string, unknown>;

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Discord's own words around a modal, in its client's languages (not the bot's: Discord draws them). */
const DISCORD_UI: Record<ShotLang, { readonly cancel: string; readonly submit: string; readonly app: string }> = {
  en: { cancel: 'Cancel', submit: 'Submit', app: 'APP' },
  'zh-TW': { cancel: '取消', submit: '提交', app: 'APP' },
};

/** Button styles (Discord's ButtonStyle) and their colours in the dark theme. */
const BUTTON_COLOUR: Record<number, string> = { 1: '#5865f2', 2: '#4e5058', 3: '#248046', 4: '#da373c', 5: '#4e5058' };

const html = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A line of Discord markdown outside code blocks: inline code, bold, italics (with *), as HTML. */
function inline(text: string): string {
  return text
    .split(/(`[^`]+`)/)
    .map((part) => {
      if (/^`[^`]+`$/.test(part)) return `<code class="inline">${html(part.slice(1, -1))}</code>`;
      return html(part)
        .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
        .replace(/(^|[^*])\*([^*\s][^*]*?)\*(?!\*)/g, '$1<em>$2</em>');
    })
    .join('');
}

/** Discord markdown as it renders in an embed's description: text lines, `-#` small lines, fenced code blocks. */
export function markdown(text: string): string {
  const out: string[] = [];
  const fence = /```[a-zA-Z0-9_+-]*\n([\s\S]*?)\n?```/g;
  let at = 0;
  const prose = (chunk: string) => {
    const lines = chunk.replace(/^\n/, '').replace(/\n$/, '');
    if (lines === '') return;
    out.push(
      lines
        .split('\n')
        .map((line) => (line.startsWith('-# ') ? `<div class="subtext">${inline(line.slice(3))}</div>` : `<div class="line">${inline(line) || '&#8203;'}</div>`))
        .join(''),
    );
  };
  for (let m: RegExpExecArray | null; (m = fence.exec(text)); at = fence.lastIndex) {
    prose(text.slice(at, m.index));
    out.push(`<pre class="codeblock"><code>${html(m[1]!)}</code></pre>`);
  }
  prose(text.slice(at));
  return out.join('');
}

/** The fonts as @font-face rules on their files: Noto Sans TC for gg sans, its common face for any other Chinese character. */
function fontFaces(text: string): string {
  const [regular, bold, common] = fontFilesFor(text);
  const face = (family: string, file: string, weight: string) => `@font-face { font-family: '${family}'; src: url('${pathToFileURL(file).href}') format('truetype'); font-weight: ${weight}; }`;
  return [face('Noto Sans TC', regular!, '400'), face('Noto Sans TC', bold!, '500 800'), ...(common ? [face('Noto Sans TC Common', common, '400 800')] : [])].join('\n');
}

const SANS = `'gg sans', 'Noto Sans TC', 'Noto Sans TC Common', 'Noto Sans', sans-serif`;
const MONO = `'gg mono', Consolas, 'DejaVu Sans Mono', 'Liberation Mono', 'Noto Sans TC', 'Noto Sans TC Common', monospace`;

function page(title: string, text: string, css: string, body: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${html(title)}</title>
<style>
${fontFaces(text)}
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: ${SANS}; -webkit-font-smoothing: antialiased; color: #dbdee1; background: #313338; }
${css}
</style></head>
<body>${body}</body></html>`;
}

/** The default avatar of a user without one: Discord's mark on blurple. */
const AVATAR = `<svg class="avatar" viewBox="0 0 40 40" aria-hidden="true"><circle cx="20" cy="20" r="20" fill="#5865f2"/><path fill="#fff" d="M27.1 13.4a17 17 0 0 0-4.2-1.3l-.5 1.1a15.7 15.7 0 0 0-4.7 0l-.5-1.1a17 17 0 0 0-4.2 1.3 17.6 17.6 0 0 0-3 11.8 17.1 17.1 0 0 0 5.2 2.6l1.1-1.8a11 11 0 0 1-1.7-.8l.4-.3a12.2 12.2 0 0 0 10.4 0l.4.3-1.7.8 1.1 1.8a17 17 0 0 0 5.2-2.6 17.5 17.5 0 0 0-3.3-11.8Zm-9.3 9.4c-1 0-1.8-.9-1.8-2s.8-2 1.8-2 1.8.9 1.8 2-.8 2-1.8 2Zm4.4 0c-1 0-1.8-.9-1.8-2s.8-2 1.8-2 1.8.9 1.8 2-.8 2-1.8 2Z"/></svg>`;

const MESSAGE_CSS = `
#shot { display: inline-block; padding: 16px 48px 16px 0; background: #313338; }
.message { position: relative; padding-left: 72px; min-height: 44px; }
.avatar { position: absolute; left: 16px; top: 2px; width: 40px; height: 40px; }
.header { display: flex; align-items: center; gap: 4px; line-height: 22px; }
.username { font-size: 16px; font-weight: 500; color: #f2f3f5; }
.badge { display: inline-flex; align-items: center; height: 15px; padding: 0 4px; margin-left: 2px; border-radius: 3px; background: #5865f2; color: #fff; font-size: 10px; font-weight: 600; letter-spacing: 0.02em; line-height: 15px; }
.embed { display: inline-grid; margin-top: 4px; max-width: none; background: #2b2d31; border-left: 4px solid; border-radius: 4px; padding: 8px 16px 16px 12px; }
.embed-title { margin-top: 8px; font-size: 16px; font-weight: 600; line-height: 22px; color: #f2f3f5; }
.embed-description { margin-top: 8px; font-size: 14px; line-height: 18px; color: #dbdee1; max-width: 600px; }
.embed-description .line { white-space: pre-wrap; overflow-wrap: anywhere; }
.subtext { font-size: 12px; line-height: 16px; color: #949ba4; }
code.inline { font-family: ${MONO}; font-size: 0.85em; line-height: 1.125rem; padding: 0 0.2em; border-radius: 3px; background: #1e1f22; color: #dbdee1; }
pre.codeblock { margin: 6px 0 0; padding: 7px; width: max-content; min-width: 100%; max-width: none; border: 1px solid #1e1f22; border-radius: 4px; background: #2b2d31; color: #dbdee1; }
pre.codeblock code { font-family: ${MONO}; font-size: 12.25px; line-height: 16px; white-space: pre; }
.embed-description:has(pre.codeblock) { max-width: none; }
/* Text beside a code block wraps to the block's width rather than widening the embed. */
.embed-description:has(pre.codeblock) .line, .embed-description:has(pre.codeblock) .subtext { width: 0; min-width: 100%; }
.buttons { display: flex; gap: 8px; margin-top: 8px; }
.button { display: inline-flex; align-items: center; justify-content: center; height: 32px; min-width: 60px; padding: 2px 16px; border-radius: 8px; color: #fff; font-size: 14px; font-weight: 500; line-height: 16px; }
`;

/** The posted question as the channel shows it: author line, embed with its colour bar, buttons. */
export function messageHtml(capture: TableCapture): string {
  const { question } = capture;
  const author = question.author as Json;
  const name = String(author.global_name ?? author.username ?? '');
  const embeds = question.embeds.map((e) => {
    const colour = typeof e.color === 'number' ? `#${e.color.toString(16).padStart(6, '0')}` : '#1e1f22';
    const title = e.title === undefined ? '' : `<div class="embed-title">${inline(String(e.title))}</div>`;
    const description = e.description === undefined ? '' : `<div class="embed-description">${markdown(String(e.description))}</div>`;
    return `<div class="embed" style="border-left-color: ${colour}"><div>${title}${description}</div></div>`;
  });
  const rows = question.components.map((row) => {
    const buttons = ((row.components as Json[] | undefined) ?? []).map(
      (b) => `<span class="button" style="background: ${BUTTON_COLOUR[Number(b.style)] ?? '#4e5058'}">${html(String(b.label ?? ''))}</span>`,
    );
    return `<div class="buttons">${buttons.join('')}</div>`;
  });
  const content = question.content ? `<div class="embed-description">${markdown(question.content)}</div>` : '';
  const badge = author.bot === true ? `<span class="badge">${DISCORD_UI[capture.lang].app}</span>` : '';
  const body = `<div id="shot"><div class="message">${AVATAR}<div class="header"><span class="username">${html(name)}</span>${badge}</div>${content}${embeds.join('')}${rows.join('')}</div></div>`;
  return page(String(question.embeds[0]?.title ?? name), JSON.stringify(question.embeds) + name, MESSAGE_CSS, body);
}

const MODAL_CSS = `
body { background: #0e0e10; }
#shot { display: inline-block; padding: 32px; background: #0e0e10; }
.modal { width: 440px; border-radius: 8px; background: #313338; overflow: hidden; box-shadow: 0 0 0 1px rgba(78, 80, 88, 0.3), 0 8px 16px rgba(0, 0, 0, 0.24); }
.modal-header { position: relative; padding: 16px 48px 16px 16px; }
.modal-title { margin: 0; font-size: 20px; font-weight: 600; line-height: 24px; color: #f2f3f5; }
.close { position: absolute; top: 14px; right: 12px; width: 24px; height: 24px; color: #b5bac1; }
.modal-body { padding: 0 16px 20px; }
.field + .field { margin-top: 20px; }
.label { display: block; margin-bottom: 8px; font-size: 12px; font-weight: 700; line-height: 16px; letter-spacing: 0.02em; text-transform: uppercase; color: #b5bac1; }
.required { color: #f23f42; padding-left: 4px; }
.hint { margin: -4px 0 8px; font-size: 14px; line-height: 18px; color: #b5bac1; }
.input { height: 40px; padding: 10px; border-radius: 3px; background: #2b2d31; border: 1px solid #1e1f22; font-size: 16px; line-height: 20px; color: #dbdee1; white-space: nowrap; overflow: hidden; }
.input.paragraph { height: 84px; white-space: normal; }
.placeholder { color: #6d6f78; }
.modal-footer { display: flex; justify-content: flex-end; align-items: center; gap: 8px; padding: 16px; background: #2b2d31; }
.link { padding: 2px 16px; font-size: 14px; font-weight: 500; line-height: 38px; color: #f2f3f5; }
.submit { display: inline-flex; align-items: center; justify-content: center; height: 38px; min-width: 96px; padding: 2px 16px; border-radius: 3px; background: #5865f2; color: #fff; font-size: 14px; font-weight: 500; }
`;

const CLOSE = `<svg class="close" viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M17.3 18.7a1 1 0 0 0 1.4-1.4L13.42 12l5.3-5.3a1 1 0 0 0-1.42-1.4L12 10.58l-5.3-5.3a1 1 0 0 0-1.4 1.42L10.58 12l-5.3 5.3a1 1 0 1 0 1.42 1.4L12 13.42l5.3 5.3Z"/></svg>`;

/** The modal as Discord opens it over the dimmed app: title, a label and an empty input per field, Cancel and Submit. */
export function modalHtml(capture: TableCapture): string {
  const { modal, lang } = capture;
  const fields = modalInputs(modal).map((input) => {
    const placeholder = input.placeholder === undefined ? '' : `<span class="placeholder">${html(input.placeholder)}</span>`;
    return `<div class="field"><div class="label">${html(input.label)}${input.required ? '<span class="required">*</span>' : ''}</div>${input.description === undefined ? '' : `<div class="hint">${html(input.description)}</div>`}<div class="input${input.paragraph ? ' paragraph' : ''}">${placeholder}</div></div>`;
  });
  const ui = DISCORD_UI[lang];
  const title = String(modal.title ?? '');
  const body = `<div id="shot"><div class="modal" role="dialog"><div class="modal-header"><h1 class="modal-title">${html(title)}</h1>${CLOSE}</div><div class="modal-body">${fields.join('')}</div><div class="modal-footer"><span class="link">${html(ui.cancel)}</span><span class="submit">${html(ui.submit)}</span></div></div></div>`;
  return page(title, JSON.stringify(modal) + ui.cancel + ui.submit, MODAL_CSS, body);
}

/** Screenshots `#shot` of an HTML page at twice the pixels into `out`, after its fonts have loaded. */
async function shoot(browser: Browser, html: string, out: string, scratch: string): Promise<void> {
  const file = join(scratch, `${out.replace(/[^a-zA-Z0-9.-]/g, '_')}.html`);
  writeFileSync(file, html);
  const context = await browser.newContext({ deviceScaleFactor: 2, viewport: { width: 1100, height: 900 } });
  try {
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    tab.on('pageerror', (e) => errors.push(e.message));
    await tab.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await tab.evaluate('document.fonts.ready');
    const faces = (await tab.evaluate('[...document.fonts].map((f) => f.family + " " + f.weight + " " + f.status)')) as string[];
    const failed = faces.filter((f) => f.endsWith(' error'));
    if (failed.length > 0 || errors.length > 0) throw new Error(`${out}: ${[...failed.map((f) => `font ${f}`), ...errors].join('; ')}`);
    await tab.locator('#shot').screenshot({ path: out, animations: 'disabled' });
  } finally {
    await context.close();
  }
}

/** Captures the payloads in each language and writes the pictures into `dir`; returns their paths. */
export async function makeShots(dir = join(PACKAGE_ROOT, 'docs')): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'paramquiz-shots-html-'));
  const bot = await startShotBot();
  let browser: Browser | undefined;
  const written: string[] = [];
  try {
    const captures: TableCapture[] = [];
    for (const lang of Object.keys(SHOT_LOCALES) as ShotLang[]) captures.push(await captureTable(bot.discord, lang));
    // Local files (the fonts) from a local page: chromium allows it only when told to.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--allow-file-access-from-files'] });
    for (const capture of captures) {
      const suffix = capture.lang === 'en' ? '' : `.${capture.lang}`;
      for (const [name, html] of [
        [`table-question${suffix}.png`, messageHtml(capture)],
        [`table-form${suffix}.png`, modalHtml(capture)],
      ] as const) {
        const out = join(dir, name);
        await shoot(browser, html, out, scratch);
        written.push(out);
      }
    }
  } finally {
    await browser?.close();
    await bot.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const dir = process.argv[2] ? resolve(process.argv[2]) : undefined;
  for (const path of await makeShots(dir)) process.stdout.write(`${path}\n`);
}
