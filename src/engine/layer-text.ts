/** One layer's text (`conv 3 64 3 stride=2`) to a parsed Layer: shared by the spec parser and presets. */
import { fail } from './errors.js';
import { findKind, type Kind, type Layer } from './layers/index.js';

export interface Tokens {
  readonly word: string;
  readonly args: readonly string[];
  readonly options: ReadonlyMap<string, string>;
}

/** Splits a segment into its kind word, positional arguments and key=value options. */
export function tokenize(segment: string): Tokens {
  const [first = '', ...rest] = segment.trim().split(/\s+/);
  const word = first.toLowerCase();
  const args: string[] = [];
  const options = new Map<string, string>();
  for (const token of rest) {
    const eq = token.indexOf('=');
    if (eq < 0) {
      args.push(token);
      continue;
    }
    const key = token.slice(0, eq).toLowerCase();
    const value = token.slice(eq + 1);
    if (key === '' || value === '') fail('err.badOptionToken', { token, kind: word });
    if (options.has(key)) fail('err.duplicateOption', { key, kind: word });
    options.set(key, value);
  }
  return { word, args, options };
}

export function parseWithKind(kind: Kind, tokens: Tokens): Layer {
  return kind.parse({ word: tokens.word, args: tokens.args, options: tokens.options });
}

/** For text known to name a kind (presets); user text goes through the spec parser's suggestions. */
export function parseLayer(segment: string): Layer {
  const tokens = tokenize(segment);
  const kind = findKind(tokens.word) ?? fail('err.unknownKind', { token: tokens.word });
  return parseWithKind(kind, tokens);
}
