/**
 * The README's examples, as its tests read them. The convention (README, "Development"):
 * - ```sh blocks: a line `$ npx paramquiz count ARGS` (with `echo '…' |` in front for its input)
 *   runs the CLI; a line `printf '/a\n/b\n' | npm start …` is a shell script of those commands;
 *   a line that starts with `/` is typed in the shell (`# …` after it is a comment).
 * - The /count cheat sheet (the table headed `| you type | you get |`): each code that opens its
 *   first column (codes one after another, joined by `,` or `·`, up to the first other word or
 *   parenthesis) is typed after `/count`.
 * - The command tables (headed `| command |`): the codes that open the first column and start with
 *   `/` are typed as they are, unless one holds a placeholder (`[option:]`, `…`, `NAME`, `N`,
 *   `<…>`, `@user`, an option with no value such as `file:`).
 */
import { readFileSync } from 'node:fs';

export const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The ```sh blocks of a part of the README, each as its lines. */
export const shBlocks = (text: string = README): string[][] => [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.trimEnd().split('\n'));

/** `echo 'JSON' | npx paramquiz count ARGS` or `npx paramquiz count ARGS`: the words after `count`, and the input. */
export function cliCommand(line: string): { args: string[]; input: string | undefined } | undefined {
  const m = /^\$ (?:echo '(.*)' \| )?npx paramquiz count ?(.*)$/.exec(line);
  return m ? { args: m[2] === '' ? [] : m[2]!.split(' '), input: m[1] } : undefined;
}

const PLACEHOLDER = /[[…<]|\.\.\.|\bNAME\b|\bN\b|@user|\w:(\s|$)/;
/** The codes that open a cell, one after another: `a`, `b` · `c` (not those after a word or in parentheses). */
const codesOf = (cell: string): string[] => {
  const lead = /^`[^`]+`(?:\s*[,·]\s*`[^`]+`)*/.exec(cell)?.[0] ?? '';
  return [...lead.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/\\\|/g, '|'));
};

/** The README's tables: each row's cells, under its header's cells. */
function tables(): Array<{ header: string[]; rows: string[][] }> {
  const out: Array<{ header: string[]; rows: string[][] }> = [];
  let current: { header: string[]; rows: string[][] } | undefined;
  for (const line of README.split('\n')) {
    if (!line.startsWith('|')) {
      current = undefined;
      continue;
    }
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((c) => c.trim());
    if (!current) out.push((current = { header: cells, rows: [] }));
    else if (!/^-+$/.test(cells[0] ?? '')) current.rows.push(cells);
  }
  return out;
}

/** Every chat command the README shows as an example, in the order it shows them. */
export function chatExamples(): string[] {
  const out: string[] = [];
  for (const block of shBlocks()) {
    for (const line of block) {
      const script = /^printf '(.*)' \| npm start/.exec(line);
      if (script) out.push(...script[1]!.split('\\n').filter((c) => c !== ''));
      else if (line.startsWith('/')) out.push(line.replace(/\s+#.*$/, ''));
    }
  }
  for (const { header, rows } of tables()) {
    if (header[0] === 'you type' && header[1] === 'you get') out.push(...rows.flatMap((r) => codesOf(r[0] ?? '')).map((spec) => `/count ${spec}`));
    if (header[0] === 'command') out.push(...rows.flatMap((r) => codesOf(r[0] ?? '')).filter((c) => c.startsWith('/') && !PLACEHOLDER.test(c)));
  }
  return out;
}
