/**
 * A framework layer call's bound arguments, read as the counting engine's /count tokens: `3` ->
 * "3", `(3, 5)` -> "3x5", `False` -> "false". A layer call becomes an engine Layer through the
 * same `Kind.parse` a typed `/count conv 3 64 3` goes through, so its tensors, formula, notes and
 * refusals come from one place.
 */
import { raise } from './errors.js';
import { floatRepr, needValue, typeName } from './python.js';
import { is, tuple, type Value } from './values.js';
import { findKind } from '../layers/index.js';
import type { Layer, RawLayer } from '../layers/kind.js';

export class LayerArgs {
  constructor(
    readonly call: string,
    readonly values: ReadonlyMap<string, Value>,
  ) {}

  get(name: string): Value {
    const v = this.values.get(name);
    if (v === undefined) throw new Error(`${this.call}: ${name} is not in its signature`);
    return v;
  }
  isNone(name: string): boolean {
    return this.get(name) === null;
  }
  /** A whole number, as PyTorch and Keras require for sizes (a float is a TypeError there too). */
  size(name: string): string {
    const v = this.get(name);
    if (typeof v === 'bigint') return v.toString();
    if (is(v, 'opaque')) return needValue(v);
    return raise('TypeError', 'layer.intArg', { call: this.call, name, type: typeName(v) });
  }
  int(name: string): number {
    return Number(this.size(name));
  }
  /** An int or a tuple/list of ints: `3` or `3x5`. */
  sizes(name: string): string {
    const v = this.get(name);
    if (is(v, 'tuple') || is(v, 'list')) {
      if (v.items.length === 0) return raise('ValueError', 'layer.emptyTuple', { call: this.call, name });
      return v.items.map((x) => this.sizeOf(x, name)).join('x');
    }
    return this.sizeOf(v, name);
  }
  ints(name: string): number[] {
    return this.sizes(name).split('x').map(Number);
  }
  /** One size per axis, as PyTorch stores `kernel_size` and friends (`3` -> (3, 3)). */
  tupleOf(name: string, rank: number): Value {
    const parts = this.ints(name);
    const full = parts.length === 1 ? Array.from({ length: rank }, () => parts[0]!) : parts;
    return tuple(full.map((n) => BigInt(n)));
  }
  private sizeOf(v: Value, name: string): string {
    if (typeof v === 'bigint') return v.toString();
    if (is(v, 'opaque')) return needValue(v);
    return raise('TypeError', 'layer.intArg', { call: this.call, name, type: typeName(v) });
  }
  flag(name: string): boolean {
    const v = this.get(name);
    if (typeof v === 'boolean') return v;
    if (typeof v === 'bigint') return v !== 0n;
    if (v === null) return false;
    if (is(v, 'opaque')) return needValue(v);
    if (typeof v === 'string') return v.length > 0;
    return raise('TypeError', 'layer.boolArg', { call: this.call, name, type: typeName(v) });
  }
  rate(name: string): string {
    const v = this.get(name);
    if (typeof v === 'number') return floatRepr(v);
    if (typeof v === 'bigint') return v.toString();
    if (is(v, 'opaque')) return needValue(v);
    return raise('TypeError', 'layer.floatArg', { call: this.call, name, type: typeName(v) });
  }
  str(name: string): string {
    const v = this.get(name);
    if (typeof v === 'string') return v;
    if (is(v, 'opaque')) return needValue(v);
    return raise('TypeError', 'layer.strArg', { call: this.call, name, type: typeName(v) });
  }
  /** One of `allowed`; `anyCase`: in any case, as the layer lowercases it first (Keras's standardize_padding). */
  choice(name: string, allowed: readonly string[], anyCase = false): string {
    const given = this.str(name);
    const v = anyCase ? given.toLowerCase() : given;
    if (!allowed.includes(v)) raise('ValueError', 'layer.choice', { call: this.call, name, value: given, allowed: allowed.join(', ') });
    return v;
  }
}

/** Builds the engine layer for `word args... key=value...`, the same way /count text is parsed. */
export function engineLayer(word: string, args: readonly string[], options: Readonly<Record<string, string | undefined | false>> = {}): Layer {
  const map = new Map<string, string>();
  for (const [k, v] of Object.entries(options)) if (v !== undefined && v !== false) map.set(k, v);
  const raw: RawLayer = { word, args, options: map };
  const kind = findKind(word);
  if (!kind) throw new Error(`no engine kind ${word}`);
  return kind.parse(raw);
}

/** `stride=2` only when it is not all ones (the engine's default). */
export const unlessOnes = (token: string): string | undefined => (/^1(x1)*$/.test(token) ? undefined : token);
export const unlessZeros = (token: string): string | undefined => (/^0(x0)*$/.test(token) ? undefined : token);
