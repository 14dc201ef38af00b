/**
 * What a bad argument is told, the same for every command: which option the word was taken for,
 * what that option takes, the other words the command knows on their own (its options' choices),
 * and the nearest of them when the word looks like a misspelling (edit distance).
 */
import { msg, type MessageRef } from '../src/i18n/messages.js';
import { closest } from '../src/engine/suggest.js';
import type { Command, Context, OptionSpec } from './types.js';

/** Why a value does not fit its option. */
export type Misfit = 'integer' | 'range' | 'boolean' | 'choice' | 'text';

/** What `option` takes, as a phrase: "a whole number from 5 to 86400", "one of easy, medium, hard". */
export function expects(option: OptionSpec): MessageRef {
  if (option.type === 'integer') return msg('args.expectsInteger', { min: String(option.min ?? '-'), max: String(option.max ?? '-') });
  if (option.type === 'boolean') return msg('args.expectsBoolean');
  if (option.choices) return msg('args.expectsChoice', { choices: option.choices.join(', ') });
  return msg('args.expectsText');
}

/** The nearest choice of any of the command's options to `value`: a word mistyped, or given to the wrong option. */
function nearest(command: Command, value: string): MessageRef | undefined {
  const byWord = new Map(command.options.flatMap((o) => (o.choices ?? []).map((c) => [c.toLowerCase(), o] as const)));
  const word = closest(value.trim().toLowerCase(), [...byWord.keys()]);
  return word === undefined ? undefined : msg('args.nearest', { value: word, option: byWord.get(word)!.name });
}

/** The words the command reads on their own, option by option: `level: easy, medium, hard; topic: …`. */
function knownWords(command: Command, except: OptionSpec): MessageRef | undefined {
  const lists = command.options.filter((o) => o !== except && o.choices).map((o) => `${o.name}: ${o.choices!.join(', ')}`);
  return lists.length === 0 ? undefined : msg('args.knownWords', { command: command.name, words: lists.join('; ') });
}

/** A value given by name (`seconds:soon`, or a typed Discord option) that its option refuses. */
export function namedMisfit(command: Command, option: OptionSpec, value: string, why: Misfit): MessageRef {
  const o = option.name;
  const said =
    why === 'integer'
      ? msg('args.notInteger', { option: o, value })
      : why === 'range'
        ? msg('args.outOfRange', { option: o, value, min: String(option.min ?? '-'), max: String(option.max ?? '-') })
        : why === 'boolean'
          ? msg('args.notBoolean', { option: o, value })
          : why === 'choice'
            ? msg('args.notAChoice', { option: o, value, choices: option.choices?.join(', ') ?? '' })
            : msg('args.notText', { option: o });
  const near = why === 'choice' ? nearest(command, value) : undefined;
  return near ? msg('args.withHints', { error: said, known: '', nearest: near }) : said;
}

/**
 * A word given without a name (`/quiz cnn`), taken for the next option by position, which refuses
 * it: the reply says so, since the student never named that option.
 */
export function bareMisfit(command: Command, option: OptionSpec, value: string): MessageRef {
  const taken = msg('args.takenAs', { value, option: option.name, command: command.name, expects: expects(option) });
  return msg('args.withHints', { error: taken, known: knownWords(command, option) ?? '', nearest: nearest(command, value) ?? '' });
}

/** How many of an option's live values a reply lists. */
const LIVE_VALUES = 10;

/**
 * A bare word's error with the values of the command's suggested options as they are now (a
 * scope's seasons for /leaderboard), and the nearest of them: what no static list can say. The
 * error as it was when the values cannot be read.
 */
export async function withLiveValues(command: Command, ctx: Context, word: string, error: MessageRef): Promise<MessageRef> {
  if (!command.suggest) return error;
  const lists: string[] = [];
  const all: Array<readonly [string, OptionSpec]> = [];
  try {
    for (const option of command.options.filter((o) => o.autocomplete && !o.rest)) {
      const values = await command.suggest(option.name, '', ctx);
      if (values.length === 0) continue;
      lists.push(`${option.name}: ${values.slice(0, LIVE_VALUES).join(', ')}${values.length > LIVE_VALUES ? ', …' : ''}`);
      all.push(...values.map((v) => [v, option] as const));
    }
  } catch {
    return error; // the store away: the reply still says what was wrong with the word
  }
  if (lists.length === 0) return error;
  const near = closest(
    word,
    all.map(([v]) => v.toLowerCase()),
  );
  const option = all.find(([v]) => v.toLowerCase() === near)?.[1];
  return msg('args.withHints', {
    error,
    known: msg('args.liveValues', { command: command.name, values: lists.join('; ') }),
    nearest: near !== undefined && option ? msg('args.nearest', { value: near, option: option.name }) : '',
  });
}
