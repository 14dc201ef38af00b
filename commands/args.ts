/**
 * Checking a command's arguments, the same for every platform: Discord sends typed options (which
 * a fake or a buggy client can still get wrong), Slack and the terminal send a line of text that
 * `parseTextArgs` reads first. Either way a bad value gets one clear line and nothing runs.
 */
import { msg, type MessageRef } from '../src/i18n/messages.js';
import type { ArgValue, Args, Command, OptionSpec } from './types.js';

export type Checked = { readonly ok: true; readonly args: Args } | { readonly ok: false; readonly error: MessageRef };

function checkValue(option: OptionSpec, value: unknown): { ok: true; value: ArgValue } | { ok: false; error: MessageRef } {
  if (option.type === 'integer') {
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n)) return { ok: false, error: msg('args.notInteger', { option: option.name, value: String(value) }) };
    if ((option.min !== undefined && n < option.min) || (option.max !== undefined && n > option.max)) {
      return { ok: false, error: msg('args.outOfRange', { option: option.name, value: String(n), min: String(option.min ?? '-'), max: String(option.max ?? '-') }) };
    }
    return { ok: true, value: n };
  }
  if (option.type === 'boolean') {
    if (typeof value === 'boolean') return { ok: true, value };
    const v = String(value).trim().toLowerCase();
    if (['true', 'yes', '1'].includes(v)) return { ok: true, value: true };
    if (['false', 'no', '0'].includes(v)) return { ok: true, value: false };
    return { ok: false, error: msg('args.notBoolean', { option: option.name, value: String(value) }) };
  }
  if (typeof value !== 'string') return { ok: false, error: msg('args.notText', { option: option.name }) };
  if (option.type === 'user' || option.type === 'channel') {
    const id = mentionId(value);
    if (id === '') return { ok: false, error: msg('args.notText', { option: option.name }) };
    return { ok: true, value: id };
  }
  if (option.choices) {
    const choice = option.choices.find((c) => c.toLowerCase() === value.trim().toLowerCase());
    if (choice === undefined) return { ok: false, error: msg('args.notAChoice', { option: option.name, value, choices: option.choices.join(', ') }) };
    return { ok: true, value: choice };
  }
  return { ok: true, value };
}

/** Validates named values against the command's options. */
export function checkArgs(command: Command, raw: Readonly<Record<string, unknown>>): Checked {
  const args: Record<string, ArgValue> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || value === null) continue;
    const option = command.options.find((o) => o.name === name);
    if (!option) return { ok: false, error: msg('args.unknown', { option: name, command: command.name, options: command.options.map((o) => o.name).join(', ') || '-' }) };
    const checked = checkValue(option, value);
    if (!checked.ok) return checked;
    args[name] = checked.value;
  }
  for (const option of command.options) {
    if (option.required && args[option.name] === undefined) return { ok: false, error: msg('args.missing', { option: option.name, command: command.name }) };
  }
  return { ok: true, args };
}

/** A value typed in quotes (`"two words"`, or the curly quotes a phone or Slack puts in), without them. */
const unquote = (value: string): string => /^"[\s\S]*"$|^“[\s\S]*”$/.test(value) ? value.slice(1, -1) : value;

/** Words of a line, a quoted run (`wording:"How many…?"`) kept as one. */
const words = (line: string): string[] => line.match(/(?:[^\s"“]+|"[^"]*"?|“[^”]*”?)+/g) ?? [];

/**
 * A line of text to named values: `week 2`, `level:hard topic:conv`, `hard conv` (a bare word that
 * is one of an option's choices fills that option), `wording:"two words"`. An option marked `rest`
 * takes the rest of the line after its name (`/quiz ask:params:2 model: input 28x28x1 > conv 8 3`),
 * or, when it is the command's first option, the whole line (`/count conv 3 64 3`).
 */
export function parseTextArgs(command: Command, text: string): Checked {
  const trimmed = text.trim();
  // No prototype: a typed `__proto__:x` is an option like any other (and unknown), not a setter.
  const raw: Record<string, string> = Object.create(null) as Record<string, string>;
  let head = trimmed;
  const rest = command.options.find((o) => o.rest);
  if (rest) {
    const named = new RegExp(`(^|\\s)${rest.name}[:=]`, 'i').exec(trimmed);
    if (named) {
      head = trimmed.slice(0, named.index);
      raw[rest.name] = unquote(trimmed.slice(named.index + named[0].length).trim());
    } else if (command.options[0] === rest) {
      // The rest of the line, after any leading `option:value` of the command's other options
      // (`/count file:net.py in=1x28x28`, `/count share:true conv 3 64 3`).
      let line = trimmed;
      for (let lead = /^(\S+?):(\S*)(?:\s+|$)/.exec(line); lead; lead = /^(\S+?):(\S*)(?:\s+|$)/.exec(line)) {
        const option = command.options.find((o) => o !== rest && o.name === lead![1]!.toLowerCase());
        if (!option) break;
        raw[option.name] = unquote(lead[2]!);
        line = line.slice(lead[0].length);
      }
      return checkArgs(command, line === '' ? raw : { ...raw, [rest.name]: line });
    }
  }
  const positional = command.options.filter((o) => !o.choices && !o.rest);
  for (const token of words(head)) {
    const named = /^([a-z_][a-z_-]*)[:=]([\s\S]*)$/i.exec(token);
    if (named) {
      raw[named[1]!.toLowerCase()] = unquote(named[2]!);
      continue;
    }
    const byChoice = command.options.find((o) => o.choices?.some((c) => c.toLowerCase() === token.toLowerCase()) && raw[o.name] === undefined);
    const next = byChoice ?? positional.find((o) => raw[o.name] === undefined) ?? command.options.find((o) => !o.rest && raw[o.name] === undefined);
    if (!next) return { ok: false, error: msg('args.extra', { value: token, command: command.name }) };
    raw[next.name] = unquote(token);
  }
  return checkArgs(command, raw);
}

/** `<@U123>`, `<@U123|alice>`, `<@!123>`, `<#C123|general>` and `@alice` to the id or name inside. */
export function mentionId(text: string): string {
  const m = /^<[@#][!&]?([\w.-]+)(?:\|[^>]*)?>$/.exec(text.trim());
  return m ? m[1]! : text.trim().replace(/^[@#]/, '');
}
