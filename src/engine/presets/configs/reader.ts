/**
 * Reading one config.json (or one of its sub-configs, CLIP's text_config): each field a family's
 * builder asks for is typed and checked, and remembered as used (the file gave it) or assumed (the
 * config class's default, as transformers would take it). Fields the family knows to have no
 * parameters are listed as ignored. Any other field is refused by name when the reading ends: a field
 * the reader does not understand might change the count, and a wrong number is the worst answer.
 */
import { MAX_SIZE } from '../../args.js';
import { fail } from '../../errors.js';
import { GENERIC_FIELDS } from './generic.js';

export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
export type JsonObject = { readonly [key: string]: Json };

export const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What reading a config gave: the same shape for the top level and each sub-config. */
export interface Reading {
  /** Fields the file gave, with their values as read: `hidden_size 4096`. */
  readonly used: ReadonlyArray<readonly [string, string]>;
  /** Fields the file left out, with the default assumed (the config class's). */
  readonly assumed: ReadonlyArray<readonly [string, string]>;
  /** Fields present that have no parameters (the count does not depend on them). */
  readonly ignored: readonly string[];
}

const show = (v: Json): string => (typeof v === 'string' ? v : JSON.stringify(v));

export class ConfigReader {
  private readonly used: Array<[string, string]> = [];
  private readonly assumed: Array<[string, string]> = [];
  private readonly ignored: string[] = [];
  private readonly seen = new Set<string>();
  private readonly children: ConfigReader[] = [];

  constructor(
    private readonly json: JsonObject,
    /** `text_config.` for a sub-config: fields are named by their full path in messages. */
    private readonly prefix = '',
  ) {}

  private name(key: string): string {
    return `${this.prefix}${key}`;
  }

  /** The raw value, marked as read; undefined when absent (null counts as absent: transformers' None). */
  private take(key: string): Json | undefined {
    this.seen.add(key);
    const v = this.json[key];
    return v === null ? undefined : v;
  }

  /** A field read elsewhere (model_type, architectures): listed as used when the file gives it. */
  mark(key: string, value: string): void {
    this.seen.add(key);
    if (this.json[key] !== undefined) this.used.push([this.name(key), value]);
  }

  has(key: string): boolean {
    return this.json[key] !== undefined && this.json[key] !== null;
  }

  private record<T extends Json>(key: string, given: Json | undefined, fallback: T | undefined, check: (v: Json) => v is T, expected: string): T {
    if (given === undefined) {
      if (fallback === undefined) return fail('err.configMissing', { field: this.name(key) });
      this.assumed.push([this.name(key), show(fallback)]);
      return fallback;
    }
    if (!check(given)) return fail('err.configField', { field: this.name(key), value: show(given).slice(0, 40), expected });
    this.used.push([this.name(key), show(given)]);
    return given;
  }

  /** A whole number in [min, 2^31 − 1], the frameworks' int32 sizes. */
  int(key: string, fallback?: number, min = 1): number {
    const isInt = (v: Json): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= MAX_SIZE;
    return this.record(key, this.take(key), fallback, isInt, min === 0 ? 'a whole number from 0' : 'a whole number from 1');
  }

  /** A size that may be null in the file (transformers' None): undefined then, and the caller says what it means. */
  optionalInt(key: string, min = 1): number | undefined {
    return this.take(key) === undefined ? undefined : this.int(key, undefined, min);
  }

  /** A size the file may set to null on purpose (DeepSeek's q_lora_rank: null is "none"); absent, the class's default. */
  intOrNull(key: string, fallback: number | null): number | null {
    this.seen.add(key);
    const v = this.json[key];
    if (v === null) {
      this.used.push([this.name(key), 'null']);
      return null;
    }
    if (v === undefined && fallback === null) {
      this.assumed.push([this.name(key), 'null']);
      return null;
    }
    return this.int(key, fallback ?? undefined);
  }

  bool(key: string, fallback: boolean): boolean {
    return this.record(key, this.take(key), fallback, (v): v is boolean => typeof v === 'boolean', 'true or false');
  }

  string(key: string, fallback: string, choices?: readonly string[]): string {
    const ok = (v: Json): v is string => typeof v === 'string' && (choices === undefined || choices.includes(v));
    return this.record(key, this.take(key), fallback, ok, choices === undefined ? 'a string' : choices.join(' | '));
  }

  /** A list of whole numbers (Qwen2-MoE's mlp_only_layers). */
  intList(key: string, fallback: readonly number[]): readonly number[] {
    const ok = (v: Json): v is readonly number[] => Array.isArray(v) && v.length <= MAX_SIZE && v.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0);
    return this.record(key, this.take(key), fallback, ok, 'a list of whole numbers');
  }

  /** A field that must hold one value for the count to be what this reader builds (`moe_layer_freq` 1, `add_cross_attention` false). */
  require(key: string, allowed: readonly Json[]): void {
    const v = this.take(key);
    if (v === undefined) return;
    if (!allowed.some((a) => JSON.stringify(a) === JSON.stringify(v)))
      fail('err.configUnsupportedValue', { field: this.name(key), value: show(v).slice(0, 40), allowed: allowed.map(show).join(' | ') });
    this.ignored.push(this.name(key));
  }

  /** The size of a label table (id2label's entries), else num_labels, else transformers' 2. */
  labels(): number {
    const table = this.take('id2label');
    this.take('label2id');
    if (isObject(table)) {
      const n = Object.keys(table).length;
      this.used.push([this.name('id2label'), `${n} labels`]);
      return n;
    }
    return this.int('num_labels', 2);
  }

  /** A nested config (CLIP's text_config), read by its own reader; undefined when absent. */
  sub(key: string): ConfigReader | undefined {
    const v = this.take(key);
    if (v === undefined) return undefined;
    if (!isObject(v)) return fail('err.configField', { field: this.name(key), value: show(v).slice(0, 40), expected: 'an object' });
    const child = new ConfigReader(v, `${this.name(key)}.`);
    this.children.push(child);
    return child;
  }

  /** A whole sub-config the architecture does not build (CLIPTextModel's vision_config): every field ignored. */
  ignoreAll(): void {
    this.countFree(Object.keys(this.json));
  }

  /** Fields that give no parameters: listed as ignored when present. */
  countFree(keys: readonly string[]): void {
    for (const key of keys) {
      if (this.json[key] !== undefined && !this.seen.has(key)) this.ignored.push(this.name(key));
      this.seen.add(key);
    }
  }

  /**
   * Ends the reading: the generic fields every config may carry are ignored (refusing those few whose
   * value would change the count), and any field left is refused by name.
   */
  finish(family: string): Reading {
    for (const [key, allowed] of GENERIC_FIELDS) {
      if (this.seen.has(key) || this.json[key] === undefined) continue;
      if (allowed === 'any') this.countFree([key]);
      else this.require(key, allowed);
    }
    const unknown = Object.keys(this.json).find((k) => !this.seen.has(k));
    if (unknown !== undefined) fail('err.configUnknownField', { field: this.name(unknown), family });
    const readings = this.children.map((c) => c.finish(family));
    return {
      used: [...this.used, ...readings.flatMap((r) => r.used)],
      assumed: [...this.assumed, ...readings.flatMap((r) => r.assumed)],
      ignored: [...this.ignored, ...readings.flatMap((r) => r.ignored)],
    };
  }
}
