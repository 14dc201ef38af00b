/**
 * Checking a command's arguments, the same for every platform: Discord sends typed options (which
 * a fake or a buggy client can still get wrong), Slack and the terminal send a line of text that
 * `parseTextArgs` reads first. Either way a bad value gets one clear line and nothing runs.
 */
import { msg, type MessageRef } from '../src/i18n/messages.js';
import { bareMisfit, namedMisfit, type Misfit } from './arg-errors.js';
import type { ArgValue, Args, Command, OptionSpec } from './types.js';

/**
 * The arguments read, or why not; `bare` is the word given without a name that no option took,
 * so the caller can add the values that only the running bot knows (a scope's seasons).
 */
export type Checked = { readonly ok: true; readonly args: Args } | { readonly ok: false; readonly error: MessageRef; readonly bare?: string };

type Fit = { readonly ok: true; readonly value: ArgValue } | { readonly ok: false; readonly why: Misfit };

function fitOption(option: OptionSpec, value: unknown): Fit {
  if (option.type === 'integer') {
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n)) return { ok: false, why: 'integer' };
    if ((option.min !== undefined && n < option.min) || (option.max !== undefined && n > option.max)) return { ok: false, why: 'range' };
    return { ok: true, value: n };
  }
  if (option.type === 'boolean') {
    if (typeof value === 'boolean') return { ok: true, value };
    const v = String(value).trim().toLowerCase();
    if (['true', 'yes', '1'].includes(v)) return { ok: true, value: true };
    if (['false', 'no', '0'].includes(v)) return { ok: true, value: false };
    return { ok: false, why: 'boolean' };
  }
  if (typeof value !== 'string') return { ok: false, why: 'text' };
  if (option.type === 'user' || option.type === 'channel') {
    const id = mentionId(value);
    return id === '' ? { ok: false, why: 'text' } : { ok: true, value: id };
  }
  if (option.choices) {
    const choice = option.choices.find((c) => c.toLowerCase() === value.trim().toLowerCase());
    return choice === undefined ? { ok: false, why: 'choice' } : { ok: true, value: choice };
  }
  return { ok: true, value };
}

/** How a value came: named (`seconds:30`, a Discord option) or a bare word placed by position. */
interface Given {
  readonly value: unknown;
  readonly bare: boolean;
}

function check(command: Command, given: ReadonlyMap<string, Given>): Checked {
  const args: Record<string, ArgValue> = {};
  for (const [name, { value, bare }] of given) {
    if (value === undefined || value === null) continue;
    const option = command.options.find((o) => o.name === name);
    if (!option) return { ok: false, error: msg('args.unknown', { option: name, command: command.name, options: command.options.map((o) => o.name).join(', ') || '-' }) };
    const fitted = fitOption(option, value);
    if (!fitted.ok) {
      return bare ? { ok: false, error: bareMisfit(command, option, String(value)), bare: String(value) } : { ok: false, error: namedMisfit(command, option, String(value), fitted.why) };
    }
    args[name] = fitted.value;
  }
  for (const option of command.options) {
    if (option.required && args[option.name] === undefined) return { ok: false, error: msg('args.missing', { option: option.name, command: command.name }) };
  }
  return { ok: true, args };
}

/** Validates named values against the command's options. */
export function checkArgs(command: Command, raw: Readonly<Record<string, unknown>>): Checked {
  return check(command, new Map(Object.entries(raw).map(([name, value]) => [name, { value, bare: false }])));
}

/** Quotes around a value: straight, or the curly ones a phone or Slack puts in. */
const QUOTED = /^(?:"[^"]*"|“[^”]*”)/;

/** A value typed in quotes (`"two words"`, `“two words”`), without them. */
const unquote = (value: string): string => (/^"[\s\S]*"$|^“[\s\S]*”$/.test(value) ? value.slice(1, -1) : value);

/** Words of a line, a quoted run (`wording:"How many…?"`) kept as one. */
const words = (line: string): string[] => line.match(/(?:[^\s"“]+|"[^"]*"?|“[^”]*”?)+/g) ?? [];

/**
 * A line of text to named values: `week 2`, `level:hard topic:conv`, `hard conv` (a bare word that
 * is one of an option's choices fills that option), `wording:"two words"`. An option marked `rest`
 * takes the rest of the line after its name (`/quiz ask:params:2 model: input 28x28x1 > conv 8 3`),
 * or only the quoted run after its name when it is quoted (`/quiz model:"input 32x32x3 > conv 3 16 3"
 * ask:trainable`, options after it read as usual), or, when it is the command's first option, the
 * whole line (`/count conv 3 64 3`).
 */
export function parseTextArgs(command: Command, text: string): Checked {
  const trimmed = text.trim();
  // No prototype lookups: a typed `__proto__:x` is an option like any other (and unknown), not a setter.
  const given = new Map<string, Given>();
  const name = (option: string, value: string) => given.set(option, { value: unquote(value), bare: false });
  let head = trimmed;
  const rest = command.options.find((o) => o.rest);
  if (rest) {
    const named = new RegExp(`(^|\\s)${rest.name}[:=]`, 'i').exec(trimmed);
    if (named) {
      const after = trimmed.slice(named.index + named[0].length).trim();
      const quoted = QUOTED.exec(after);
      // Quoted, the value ends at its closing quote and what follows is more options; not quoted, it runs to the end.
      head = `${trimmed.slice(0, named.index)} ${quoted ? after.slice(quoted[0].length) : ''}`.trim();
      name(rest.name, quoted ? quoted[0] : after);
    } else if (command.options[0] === rest) {
      // The rest of the line, after any leading `option:value` of the command's other options
      // (`/count file:net.py in=1x28x28`, `/count share:true conv 3 64 3`).
      let line = trimmed;
      for (let lead = /^(\S+?):(\S*)(?:\s+|$)/.exec(line); lead; lead = /^(\S+?):(\S*)(?:\s+|$)/.exec(line)) {
        const option = command.options.find((o) => o !== rest && o.name === lead![1]!.toLowerCase());
        if (!option) break;
        name(option.name, lead[2]!);
        line = line.slice(lead[0].length);
      }
      if (line !== '') given.set(rest.name, { value: line, bare: false });
      return check(command, given);
    }
  }
  const positional = command.options.filter((o) => !o.choices && !o.rest);
  for (const token of words(head)) {
    const named = /^([a-z_][a-z_-]*)[:=]([\s\S]*)$/i.exec(token);
    if (named) {
      name(named[1]!.toLowerCase(), named[2]!);
      continue;
    }
    const free = (o: OptionSpec) => !given.has(o.name);
    const byChoice = command.options.find((o) => o.choices?.some((c) => c.toLowerCase() === token.toLowerCase()) && free(o));
    const next = byChoice ?? positional.find(free) ?? command.options.find((o) => !o.rest && free(o));
    if (!next) return { ok: false, error: msg('args.extra', { value: token, command: command.name }) };
    given.set(next.name, { value: unquote(token), bare: byChoice === undefined });
  }
  return check(command, given);
}

/** `<@U123>`, `<@U123|alice>`, `<@!123>`, `<#C123|general>` and `@alice` to the id or name inside. */
export function mentionId(text: string): string {
  const m = /^<[@#][!&]?([\w.-]+)(?:\|[^>]*)?>$/.exec(text.trim());
  return m ? m[1]! : text.trim().replace(/^[@#]/, '');
}
