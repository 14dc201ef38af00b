/** What every page shares: the frame (title, language switch, footer), links that keep the page's state, and small formatters. */
import { formatInt } from '../engine/format.js';
import { LANGS, msg, parseLang, t, type Lang, type MessageRef } from '../i18n/messages.js';
import { html, type Html } from './html.js';

/** The language a page is shown in: `?lang=` if given, else the browser's first language we speak, else the class's. */
export function pageLang(query: string | undefined, acceptLanguage: string | undefined, fallback: Lang): Lang {
  const asked = parseLang(query);
  if (asked) return asked;
  const ranked = (acceptLanguage ?? '')
    .slice(0, 512)
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { lang: parseLang(tag), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x): x is { lang: Lang; q: number; i: number } => x.lang !== null && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked[0]?.lang ?? fallback;
}

/** The HTML `lang` of a page. */
const HTML_LANG: Readonly<Record<Lang, string>> = { en: 'en', 'zh-TW': 'zh-Hant-TW' };
const LANG_NAME: Readonly<Record<Lang, string>> = { en: 'English', 'zh-TW': '繁體中文' };

/** A path with its query, keeping what is set (`undefined` drops a parameter). */
export function href(path: string, query: Readonly<Record<string, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}

export interface Frame {
  readonly lang: Lang;
  readonly title: string;
  /** The page's own address and query, for the language switch. */
  readonly path: string;
  readonly query: Readonly<Record<string, string | number | undefined>>;
  /** "as of" in the class's time zone; left out on pages about nothing. */
  readonly asOf?: { readonly now: number; readonly timeZone: string } | undefined;
}

export function page(frame: Frame, body: Html): string {
  const { lang } = frame;
  const switcher = LANGS.map((l) =>
    l === lang ? html`<strong>${LANG_NAME[l]}</strong>` : html`<a href="${href(frame.path, { ...frame.query, lang: l })}" hreflang="${HTML_LANG[l]}">${LANG_NAME[l]}</a>`,
  );
  return `<!doctype html>\n${html`<html lang="${HTML_LANG[lang]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${frame.title} · ${t(lang, msg('web.brand'))}</title>
<link rel="stylesheet" href="/assets/web.css">
</head>
<body>
<header class="top"><span class="brand">${t(lang, msg('web.brand'))}</span><nav class="lang" aria-label="${t(lang, msg('web.langSwitch'))}">${switcher}</nav></header>
<main>
${body}
${frame.asOf ? html`<footer>${t(lang, msg('web.readOnly', { time: localTime(frame.asOf.now, frame.asOf.timeZone, lang), zone: frame.asOf.timeZone }))}</footer>` : ''}
</main>
</body>
</html>`}\n`;
}

/** One formatter per language and zone: making one costs some 100 µs, a page shows a time per question. */
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 256;

/** A moment as a reader in the class's zone reads it. */
export function localTime(ms: number, timeZone: string, lang: Lang): string {
  const key = `${lang}|${timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    format = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-TW', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
    formatters.set(key, format);
  }
  return format.format(ms);
}

export const text = (lang: Lang, ref: MessageRef): string => t(lang, ref);

/** `83%`, or a dash with no answers. */
export const percent = (correct: number, answered: number): string => (answered === 0 ? '–' : `${Math.round((100 * correct) / answered)}%`);

export const int = (n: number | bigint): string => formatInt(BigInt(n));

/** Previous / page N of M / next, as links that keep the rest of the query. */
export function pager(
  lang: Lang,
  o: { readonly page: number; readonly pages: number; readonly path: string; readonly query: Readonly<Record<string, string | number | undefined>>; readonly param: string },
): Html {
  if (o.pages <= 1) return html``;
  const at = (n: number) => href(o.path, { ...o.query, [o.param]: n });
  return html`<div class="pager">${o.page > 1 ? html`<a href="${at(o.page - 1)}">${t(lang, msg('web.previous'))}</a>` : ''}<span>${t(lang, msg('web.pager', { page: String(o.page), pages: String(o.pages) }))}</span>${o.page < o.pages ? html`<a href="${at(o.page + 1)}">${t(lang, msg('web.next'))}</a>` : ''}</div>`;
}

/** A page with one message: a refused link, nothing at this address, the home page. */
export function noticePage(lang: Lang, title: MessageRef, body: MessageRef): string {
  const heading = t(lang, title);
  return page({ lang, title: heading, path: '/', query: {} }, html`<div class="forbidden"><h1>${heading}</h1><p>${t(lang, body)}</p></div>`);
}

/** The page every refused link gets: the same whatever was wrong, and nothing of what it would have shown. */
export const forbiddenPage = (lang: Lang, reason: 'link' | 'boardOff'): string => noticePage(lang, msg('web.forbidden.title'), msg(reason === 'boardOff' ? 'web.boardOff.text' : 'web.forbidden.text'));
export const notFoundPage = (lang: Lang): string => noticePage(lang, msg('web.notFound.title'), msg('web.notFound.text'));
export const homePage = (lang: Lang): string => noticePage(lang, msg('web.brand'), msg('web.home.text'));
