/**
 * HTML built from templates in which every interpolated value is escaped unless it is already
 * `Html` (made by this module): a student's display name `<script>` is text on the page, never
 * markup. Arrays of fragments are joined; null, undefined and false leave nothing.
 */

/** Markup that is safe to put in a page as it is. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | bigint | null | undefined | false | readonly Part[];

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0]!;
  parts.forEach((part, i) => {
    out += render(part) + strings[i + 1]!;
  });
  return new Html(out);
}

/**
 * Markup made elsewhere and trusted as it is: an SVG the chart library drew from the report's own
 * numbers (its text is the library's escaped output). Never for anything a user typed.
 */
export const trusted = (markup: string): Html => new Html(markup);
