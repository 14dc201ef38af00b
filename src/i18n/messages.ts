/**
 * Typed message catalogues. `en` defines every key and the parameters each one takes; `zh-TW` is
 * typed as the same `Catalogue`, so a missing or mistyped translation is a compile error.
 * Code outside i18n/ passes `MessageRef`s around and renders them only at the edge.
 */
import type { en } from './en.js';
import { en as enCatalogue } from './en.js';
import { zhTW } from './zh-TW.js';

export type Catalogue = typeof en;
export type MessageKey = keyof Catalogue;
type ParamsOf<K extends MessageKey> = Parameters<Catalogue[K]>;

/**
 * A message not yet rendered: a key and its parameters. msg() checks them against the key (each
 * key takes exactly its parameters); one interface rather than the union of every key's shape,
 * which at a thousand keys is more than the compiler will compare. A parameter may itself be a
 * message (an error wrapped with the line it came from): it is rendered first, in the same language.
 */
export interface MessageRef {
  readonly key: MessageKey;
  readonly params?: { readonly [name: string]: string | MessageRef };
}
type Nestable<T> = { readonly [P in keyof T]: T[P] | MessageRef };
/** What msg() takes for a key: its parameters, any of which may be a message. */
export type MessageParams<K extends MessageKey> = K extends MessageKey ? (ParamsOf<K> extends [] ? [] : [Nestable<ParamsOf<K>[0]>]) : never;

export type Lang = 'en' | 'zh-TW';
export const LANGS: readonly Lang[] = ['en', 'zh-TW'];

const catalogues: Record<Lang, Catalogue> = { en: enCatalogue, 'zh-TW': zhTW };

export function msg<K extends MessageKey>(key: K, ...params: MessageParams<K>): MessageRef {
  // MessageParams checked the parameters against the key; the generic build needs one assertion.
  return (params.length === 0 ? { key } : { key, params: params[0] }) as MessageRef;
}

export function t(lang: Lang, ref: MessageRef): string {
  const render = catalogues[lang][ref.key] as (p?: unknown) => string;
  if (!('params' in ref)) return render(undefined);
  const params: Record<string, unknown> = ref.params;
  let rendered: Record<string, unknown> | undefined;
  for (const name in params) {
    const value = params[name];
    if (typeof value === 'object' && value !== null) (rendered ??= { ...params })[name] = t(lang, value as MessageRef);
  }
  return render(rendered ?? params);
}

/** Items of a list as each language separates them: `a, b` in English, `甲、乙` in Chinese. */
const LIST_SEPARATOR: Readonly<Record<Lang, string>> = { en: ', ', 'zh-TW': '、' };
export const joinList = (lang: Lang, items: readonly string[]): string => items.join(LIST_SEPARATOR[lang]);

/** Between two sentences: a space in English, nothing after Chinese full-width punctuation. */
export const SENTENCE_SEPARATOR: Readonly<Record<Lang, string>> = { en: ' ', 'zh-TW': '' };

/** Accepts what users and platforms send: zh-TW, zh_TW, zh-Hant, zh-HK...; anything else is English. */
export function parseLang(value: string | undefined | null): Lang | null {
  if (!value) return null;
  const v = value.trim().toLowerCase().replace('_', '-');
  if (v === 'en' || v.startsWith('en-')) return 'en';
  if (v === 'zh-tw' || v === 'zh-hant' || v.startsWith('zh-hant') || v === 'zh-hk' || v === 'zh-mo' || v === 'tw' || v === 'zh') return 'zh-TW';
  return null;
}
