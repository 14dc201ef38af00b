#!/usr/bin/env node
/**
 * `paramquiz count SPEC` — the counting engine without any chat platform.
 * Exit codes: 0 answered, 2 bad input (one line on stderr naming the bad token), 1 internal error.
 */
import { readSync } from 'node:fs';
import { count } from './engine/count.js';
import { SpecError } from './engine/errors.js';
import { renderHelp } from './engine/help.js';
import { toJson } from './engine/json.js';
import { MAX_CODE_LENGTH } from './engine/spec.js';
import { renderCount } from './engine/render.js';
import { parseLang, t, type Lang } from './i18n/messages.js';

const USAGE = 'usage: paramquiz count SPEC [--framework keras|pytorch] [--json] [--lang en|zh-TW]   (paramquiz count --help)';

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

function main(argv: readonly string[]): number {
  const [command, ...args] = argv;
  const lang = languageOf(args);
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
    const out = result.request.json ? toJson(result) : renderCount(result, result.request.lang ?? lang);
    process.stdout.write(`${out}\n`);
    return 0;
  } catch (e) {
    if (e instanceof SpecError) {
      process.stderr.write(`${t(lang, e.ref)}\n`);
      return 2;
    }
    process.stderr.write(`paramquiz: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.PARAMQUIZ_DEBUG) console.error(e);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
