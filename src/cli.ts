#!/usr/bin/env node
/**
 * `paramquiz count SPEC` — the counting engine without any chat platform.
 * Exit codes: 0 answered, 2 bad input (one line on stderr naming the bad token), 1 internal error.
 */
import { readSync, writeFileSync } from 'node:fs';
import { countDrawing } from './charts/count.js';
import { toPng } from './charts/draw.js';
import { count } from './engine/count.js';
import { SpecError } from './engine/errors.js';
import { renderHelp } from './engine/help.js';
import { toJson } from './engine/json.js';
import { MAX_CODE_LENGTH } from './engine/spec.js';
import { renderCount } from './engine/render.js';
import { msg, parseLang, SENTENCE_SEPARATOR, t, type Lang } from './i18n/messages.js';

const USAGE = 'usage: paramquiz count SPEC [--framework keras|pytorch] [--json] [--lang en|zh-TW] [--chart FILE.png [--log]]   (paramquiz count --help)';

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
    if (size > 4 * MAX_CODE_LENGTH) break; // already too long to read: no need to hold 10 MB
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
  if (command !== 'count') {
    process.stderr.write(`paramquiz: unknown command \`${command}\`. ${USAGE}\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${renderHelp(lang)}\n`);
    return 0;
  }
  const fromArgs = args.join(' ');
  // only flags and settings (`in=1x28x28 --json`) on the command line: the code comes on standard input
  const settingsOnly = fromArgs.replace(/--(lang|framework|fw)(=|\s+)\S+|--\S+|\b[A-Za-z_]\w*=\S+/g, '').trim() === '';
  const spec = settingsOnly && !process.stdin.isTTY ? `${fromArgs}\n${readStdin()}` : fromArgs;
  try {
    const result = count(spec);
    const answerLang = result.request.lang ?? lang;
    const out = result.request.json ? toJson(result) : renderCount(result, answerLang);
    if (chart.file !== undefined) {
      const drawing = countDrawing(result, answerLang);
      if (!drawing) {
        process.stderr.write(`${t(lang, msg('cli.nothingToDraw'))}\n`);
        return 2;
      }
      writeFileSync(chart.file, await toPng(drawing));
      process.stdout.write(`${out}\n${t(answerLang, msg('cli.chartWritten', { file: chart.file, alt: drawing.alt }))}\n`);
      return 0;
    }
    process.stdout.write(`${out}\n`);
    return 0;
  } catch (e) {
    if (e instanceof SpecError) {
      // One line: the error, then where the help is here.
      process.stderr.write(`${t(lang, e.ref)}${SENTENCE_SEPARATOR[lang]}${t(lang, msg('help.pointCli'))}\n`);
      return 2;
    }
    process.stderr.write(`paramquiz: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.PARAMQUIZ_DEBUG) console.error(e);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
