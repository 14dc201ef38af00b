/**
 * A command run in a pseudo-terminal, as a person at a terminal runs it: Node has no pty of its own,
 * so util-linux `script` holds one (`-q` no banner, `-f` flush at once, `-e` its exit code, `-c`
 * the command; the typescript file is /dev/null). What is written to `child.stdin` is typed; the
 * command's output, echo and all, comes on `child.stdout` as a terminal would show it. Used by the
 * start-up benchmark and the shell's terminal tests.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** Quotes a word for `sh -c`. */
const shellWord = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

export function spawnInTerminal(argv: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ChildProcessWithoutNullStreams {
  return spawn('script', ['-qfec', argv.map(shellWord).join(' '), '/dev/null'], {
    cwd: options.cwd,
    // A terminal that understands bracketed paste and colours, whatever the caller's TERM is.
    env: { ...(options.env ?? process.env), TERM: 'xterm-256color' },
  });
}

/**
 * The shell's prompt on a terminal's screen: `> ` at the start of a line, after whatever cursor
 * controls readline draws it with (move to column 1, clear below).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC opens the cursor controls readline draws the prompt with
export const PROMPT = /\n(?:\x1b\[[0-9;]*[A-Za-z])*> /;
