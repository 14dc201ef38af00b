/**
 * Binding call arguments to a signature the way Python does: positionals in order, then
 * keywords, defaults for the rest; too many, unknown, doubled or missing arguments raise
 * Python's TypeError with Python's wording. Used for the library's functions and classes, whose
 * signatures are written as data from the PyTorch and Keras documentation.
 */
import { raise } from './errors.js';
import { NO_KWARGS, tuple, type Kwargs, type Value } from './values.js';

export interface Parameter {
  readonly name: string;
  /** Absent: required. */
  readonly default?: Value;
  /** Only by keyword (after `*` in the documented signature). */
  readonly keywordOnly?: boolean;
}

export interface Signature {
  readonly name: string;
  readonly params: readonly Parameter[];
  /** The parameters a positional argument may fill, in order (made once, by `signature`). */
  readonly positional?: readonly Parameter[];
  /** `*args` collects extra positionals under this name. */
  readonly varargs?: string;
  /** `**kwargs` accepts any other keyword (collected under this name). */
  readonly kwargs?: string;
}

/** `'in_channels, out_channels, kernel_size, stride=1, *, device=None'`: a signature from its text. */
export function signature(name: string, text: string, defaults: Readonly<Record<string, Value>> = {}): Signature {
  if (Object.keys(defaults).length > 0) return { name, ...parameters(text, defaults) };
  let parsed = PARSED.get(text);
  if (parsed === undefined) {
    parsed = parameters(text, defaults);
    PARSED.set(text, parsed);
  }
  return { name, ...parsed };
}

/**
 * Signatures without given defaults, by text: every reading makes its library anew from the same
 * few hundred texts, all written in this code (so the cache is bounded), and parsing them cost a
 * paste ~0.4 MB. Their defaults are None, bools, numbers, strings and tuples, never changed.
 */
const PARSED = new Map<string, Omit<Signature, 'name'>>();

function parameters(text: string, defaults: Readonly<Record<string, Value>>): Omit<Signature, 'name'> {
  const params: Parameter[] = [];
  let varargs: string | undefined;
  let kwargs: string | undefined;
  let keywordOnly = false;
  for (const raw of splitTopLevel(text)) {
    if (raw === '*') {
      keywordOnly = true;
      continue;
    }
    if (raw.startsWith('**')) {
      kwargs = raw.slice(2);
      continue;
    }
    if (raw.startsWith('*')) {
      varargs = raw.slice(1);
      keywordOnly = true;
      continue;
    }
    const eq = raw.indexOf('=');
    const pname = eq < 0 ? raw : raw.slice(0, eq).trim();
    const param: Parameter = eq < 0 ? { name: pname, keywordOnly } : { name: pname, default: literal(raw.slice(eq + 1).trim(), pname, defaults), keywordOnly };
    params.push(param);
  }
  return { params, positional: params.filter((p) => !p.keywordOnly), ...(varargs ? { varargs } : {}), ...(kwargs ? { kwargs } : {}) };
}

/** Splits on commas outside brackets: `a, b=(1, 1), c` -> three parameters. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(' || ch === '[') depth++;
    if (ch === ')' || ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out.filter((x) => x !== '');
}

function literal(text: string, name: string, defaults: Readonly<Record<string, Value>>): Value {
  if (name in defaults) return defaults[name]!;
  if (text.startsWith('(') && text.endsWith(')')) return tuple(splitTopLevel(text.slice(1, -1)).map((x) => literal(x, name, {})));
  if (text === 'None') return null;
  if (text === 'True') return true;
  if (text === 'False') return false;
  if (/^-?\d+$/.test(text)) return BigInt(text);
  if (/^-?[\d.]+(e-?\d+)?$/.test(text)) return Number(text);
  if (/^'.*'$/.test(text)) return text.slice(1, -1);
  throw new Error(`signature default ${name}=${text} needs a value in \`defaults\``);
}

export interface Bound {
  readonly values: Map<string, Value>;
  readonly extraArgs: readonly Value[];
  readonly extraKwargs: Kwargs;
}

export function bind(sig: Signature, args: readonly Value[], kwargs: Kwargs): Bound {
  const values = new Map<string, Value>();
  const positional = sig.positional ?? sig.params.filter((p) => !p.keywordOnly);
  const extraArgs: Value[] = [];
  for (let i = 0; i < args.length; i++) {
    const p = positional[i];
    if (p) values.set(p.name, args[i]!);
    else if (sig.varargs) extraArgs.push(args[i]!);
    else raise('TypeError', 'py.tooManyArgs', { fn: sig.name, max: String(positional.length), got: String(args.length) });
  }
  let extraKwargs: Map<string, Value> | undefined;
  for (const [k, v] of kwargs) {
    const p = sig.params.find((x) => x.name === k);
    if (p) {
      if (values.has(k)) raise('TypeError', 'py.multipleValues', { fn: sig.name, name: k });
      values.set(k, v);
    } else if (sig.kwargs) {
      (extraKwargs ??= new Map()).set(k, v);
    } else {
      raise('TypeError', 'py.unexpectedKwarg', { fn: sig.name, name: k });
    }
  }
  let missing: string[] | undefined;
  for (const p of sig.params) {
    if (values.has(p.name)) continue;
    if ('default' in p) values.set(p.name, p.default!);
    else (missing ??= []).push(`'${p.name}'`);
  }
  if (missing) raise('TypeError', 'py.missingArgs', { fn: sig.name, names: missing.join(', ') });
  return { values, extraArgs, extraKwargs: extraKwargs ?? NO_KWARGS };
}
