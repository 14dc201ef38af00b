#!/usr/bin/env node
/**
 * `paramquiz count SPEC` — the counting engine without any chat platform; `paramquiz check MODEL`
 * — a filled-in summary table on standard input (a line of counts, or the table as Keras or
 * torchinfo prints it) graded row by row against the model, as /check does.
 * Exit codes: 0 answered, 2 bad input (one line on stderr naming the bad token), 1 internal error.
 *
 * The count runs in a sandbox, as the bot's does (workers/pool.ts): a child process with its own
 * heap cap and a wall-clock deadline (CLI_DEADLINE_MS), so no input can hang the command or take
 * more than its stated memory, whatever the engine's own bounds miss.
 */
import { readSync, writeFileSync } from 'node:fs';
import { PicturePool } from './charts/pool.js';
import { CountPool } from './counting/pool.js';
import { LIMITS as CODE_LIMITS } from './engine/code/limits.js';
import { msg, parseLang, SENTENCE_SEPARATOR, t, type Lang, type MessageRef } from './i18n/messages.js';

/** The longest one count may take on the command line (the bot allows 1 s; a terminal can wait longer); PARAMQUIZ_DEADLINE_MS sets another. */
export const CLI_DEADLINE_MS = 5_000;

function deadlineMs(): number {
  const set = Number(process.env.PARAMQUIZ_DEADLINE_MS);
  return Number.isInteger(set) && set > 0 ? set : CLI_DEADLINE_MS;
}

/** Refusals that are not the input's fault: exit 1, not 2. */
const INTERNAL: ReadonlySet<string> = new Set(['err.internal', 'err.sandboxEnded']);

const USAGE =
  'usage: paramquiz count SPEC [--framework keras|pytorch] [--json] [--lang en|zh-TW] [--chart FILE.png [--log]]   (paramquiz count --help) | paramquiz check MODEL [--lang en|zh-TW] < table.txt';

/** `--chart FILE.png` (or `--chart=FILE.png`) taken out of the arguments; the rest is the spec. */
function chartOption(args: readonly string[]): { file: string | undefined; rest: string[] } | { error: string } {
  const rest: string[] = [];
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--chart' || arg.startsWith('--chart=')) {
      file = arg.includes('=') ? arg.slice('--chart='.length) : args[++i];
      if (!file || file.startsWith('--')) return { error: '--chart' };
    } else {
      rest.push(arg);
    }
  }
  return { file, rest };
}

/** The language asked for on the command line, else PARAMQUIZ_LANG, else the locale (LANG=zh_TW.UTF-8). */
function languageOf(args: readonly string[]): Lang {
  const i = args.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const fromArgs = i < 0 ? undefined : args[i]!.includes('=') ? args[i]!.split('=')[1] : args[i + 1];
  const env = process.env;
  return parseLang(fromArgs) ?? parseLang(env.PARAMQUIZ_LANG) ?? parseLang((env.LC_ALL || env.LANG || '').split('.')[0]) ?? 'en';
}

/** A spec or pasted code on standard input (a model file), read no further than needed. */
function readStdin(): string {
  const chunk = Buffer.alloc(64 * 1024);
  const parts: Buffer[] = [];
  let size = 0;
  for (;;) {
    let n: number;
    try {
      n = readSync(0, chunk);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;
      if (code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    parts.push(Buffer.from(chunk.subarray(0, n)));
    size += n;
    if (size > 4 * CODE_LIMITS.text) break; // already too long to read: no need to hold 10 MB
  }
  return Buffer.concat(parts).toString('utf8');
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...given] = argv;
  const lang = languageOf(given);
  const chart = chartOption(given);
  if ('error' in chart) {
    process.stderr.write(`${t(lang, msg('cli.chartFile'))}\n`);
    return 2;
  }
  const args = chart.rest;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === 'check') return check(lang, args);
  if (command !== 'count') {
    process.stderr.write(`paramquiz: unknown command \`${command}\`. ${USAGE}\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    // the help is generated from the whole engine: loaded only when asked for
    const { isHelpTopic, renderHelp, renderHelpTopic } = await import('./engine/help.js');
    const topic = args.find(isHelpTopic);
    process.stdout.write(`${topic ? renderHelpTopic(lang, topic, 'cli') : renderHelp(lang)}\n`);
    return 0;
  }
  const fromArgs = args.join(' ');
  // only flags and settings (`in=1x28x28 --json`) on the command line: the code comes on standard input
  const settingsOnly = fromArgs.replace(/--(lang|framework|fw)(=|\s+)\S+|--\S+|\b[A-Za-z_]\w*=\S+/g, '').trim() === '';
  const spec = settingsOnly && !process.stdin.isTTY ? `${fromArgs}\n${readStdin()}` : fromArgs;
  const counter = new CountPool({ workers: 1, deadlineMs: deadlineMs() });
  try {
    const answer = await counter.answer(spec, lang);
    if (!answer.ok) return refused(lang, answer.error);
    if (chart.file === undefined) {
      process.stdout.write(`${answer.code}\n`);
      return 0;
    }
    const pictures = new PicturePool({ deadlineMs: deadlineMs() });
    try {
      const drawn = await pictures.draw({ kind: 'question', spec, lang: answer.lang });
      if (!drawn) {
        process.stderr.write(`${t(lang, msg('cli.nothingToDraw'))}\n`);
        return 2;
      }
      writeFileSync(chart.file, drawn.png);
      process.stdout.write(`${answer.code}\n${t(answer.lang, msg('cli.chartWritten', { file: chart.file, alt: drawn.alt }))}\n`);
      return 0;
    } finally {
      await pictures.close();
    }
  } finally {
    await counter.close();
  }
}

/**
 * `paramquiz check MODEL`: the table on standard input, graded row by row. The model is a preset
 * or a spec of at most a table's rows (MAX_TABLE_ROWS), so its count is small: it runs here, not
 * in a sandbox.
 */
async function check(lang: Lang, args: readonly string[]): Promise<number> {
  const model = args.filter((a, i) => !a.startsWith('--lang') && args[i - 1] !== '--lang').join(' ');
  const { checkTable } = await import('./quiz/table/check.js');
  const result = checkTable(lang, model, process.stdin.isTTY ? '' : readStdin());
  if (!result.ok) return refused(lang, result.error);
  process.stdout.write(`${result.checked.lines.join('\n')}\n\n${result.checked.table}\n`);
  return 0;
}

/** One line: the refusal, then where the help is here. */
function refused(lang: Lang, error: MessageRef): number {
  process.stderr.write(`${t(lang, error)}${SENTENCE_SEPARATOR[lang]}${t(lang, msg('help.pointCli'))}\n`);
  return INTERNAL.has(error.key) ? 1 : 2;
}

process.exitCode = await main(process.argv.slice(2));
