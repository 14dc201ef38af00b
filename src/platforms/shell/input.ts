/**
 * The shell's input as entries, not lines. One line is one command, except code: a pasted class is
 * one entry however many lines it has.
 * - A terminal marks a paste (bracketed paste, ESC[200~ … ESC[201~, switched on by the shell), and
 *   the lines of one burst of input arrive together: a paste is what arrived at once. A terminal is
 *   read by Node's readline in raw mode, which edits and echoes the line itself: left to the
 *   terminal's own line discipline, the marks would be echoed raw (`^[[200~`) before we saw them.
 *   readline reads the marks as keys (paste-start, paste-end), and they are put back into the
 *   lines they belong to, so one reader handles a marked paste from a terminal and from a test.
 * - Piped input has no such marks. There the lines after `/count` that does not end its spec on
 *   its own line (`/count` alone, `/count class Net(nn.Module):`, a fence; `/check … table:` with
 *   the table below), or after a first line
 *   that is not a command, continue it until a line that starts with `/` or the end of input. A
 *   script of one-line commands reads exactly as before.
 */
import { createInterface, type Interface, type Key } from 'node:readline';

export const PASTE_ON = '\x1b[?2004h';
export const PASTE_OFF = '\x1b[?2004l';
const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

/** What one entry is: a command line (perhaps with code after it), or text that is not a command. */
export interface Entry {
  readonly text: string;
  /** More than one line: a paste, or a command continued on the lines after it. */
  readonly lines: number;
}

const isCommand = (line: string): boolean => line.trimStart().startsWith('/');

/** `/count` whose spec goes on below: nothing after it, a fence, or the first line of code; `/check … table:` whose pasted table does. */
function opensCode(line: string): boolean {
  if (/^\s*\/check\b.*\btable:\s*$/i.test(line)) return true;
  const m = /^\s*\/count\b(.*)$/i.exec(line);
  if (!m) return false;
  const rest = m[1]!.trim();
  return rest === '' || rest.startsWith('```') || /^(class|def|import|from|model|net)\b/.test(rest) || /[:([{,\\]$/.test(rest);
}

/**
 * Text that reads as model code, or a pasted config.json (a JSON object, fenced or not): the shell
 * counts a paste of it without `/count` in front.
 */
export const looksLikeCode = (text: string): boolean => /\b(nn|keras|layers|torch|tf)\.|^\s*(class|def|import|from)\s/m.test(text) || /^\s*(```(json)?\s*)?\{\s*"/.test(text);

/** A terminal to read from: where readline echoes what is typed, and the prompt it shows. */
export interface Terminal {
  readonly output: NodeJS.WritableStream;
  readonly prompt: string;
}

export class ShellInput {
  private readonly queue: string[] = [];
  private ended = false;
  private wake: (() => void) | undefined;
  private readonly lines: Interface;
  /** A terminal: a burst of input is one piece; nothing waits for lines that have not come. */
  private readonly interactive: boolean;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    /** Given, the input is a person at a terminal; absent, a script (piped or redirected). */
    terminal?: Terminal,
  ) {
    this.interactive = terminal !== undefined;
    const lines = terminal ? createInterface({ input, output: terminal.output, terminal: true, prompt: terminal.prompt, historySize: 100 }) : createInterface({ input, terminal: false });
    this.lines = lines;
    const paste = terminal ? new PasteMarks(lines) : undefined;
    lines.on('line', (line) => {
      this.push(paste ? paste.line(line) : line);
    });
    if (paste) {
      // After readline's own listener, so a key's line (if it ended one) is already queued.
      input.on('keypress', (_s: string | undefined, key: Key | undefined) => {
        const mark = paste.key(key);
        if (mark !== undefined) this.push(mark);
      });
      // Raw mode: Ctrl-C reaches readline as a key, not the process as a signal; it stops the bot as before.
      lines.on('SIGINT', () => process.kill(process.pid, 'SIGINT'));
    }
    lines.on('close', () => {
      this.ended = true;
      this.wake?.();
    });
  }

  private push(line: string): void {
    this.queue.push(line);
    this.wake?.();
  }

  /** Shows the prompt (a terminal only), where readline can redraw it while the line is edited. */
  prompt(): void {
    if (this.interactive) this.lines.prompt();
  }

  /** Stops reading (/quit): the input no longer holds the process open. */
  close(): void {
    this.lines.close();
    this.input.pause();
    (this.input as { unref?: () => void }).unref?.();
  }

  /** The next entry, undefined at the end of input. */
  async next(): Promise<Entry | undefined> {
    const first = await this.line();
    if (first === undefined) return undefined;
    if (first.includes(PASTE_START)) return this.paste(first);
    const lines = [first];
    const continues = opensCode(first) || !isCommand(first);
    while (continues) {
      // A terminal's paste arrives in one burst: its lines are all queued by the time the first is read.
      if (this.queue.length === 0 && (this.interactive || !(await this.more()))) break;
      const line = this.queue[0]!;
      if (isCommand(line) || line.includes(PASTE_START)) break;
      lines.push(this.queue.shift()!);
    }
    return { text: lines.join('\n'), lines: lines.length };
  }

  /** A bracketed paste, up to its end mark (lines typed after the mark stay queued). */
  private async paste(first: string): Promise<Entry> {
    const lines: string[] = [];
    let line: string | undefined = first.replace(PASTE_START, '');
    while (line !== undefined) {
      const end = line.indexOf(PASTE_END);
      if (end >= 0) {
        lines.push(line.slice(0, end));
        const after = line.slice(end + PASTE_END.length);
        if (after.trim() !== '') this.queue.unshift(after);
        break;
      }
      lines.push(line);
      line = await this.line();
    }
    while (lines.length > 1 && lines.at(-1)!.trim() === '') lines.pop();
    return { text: lines.join('\n'), lines: lines.length };
  }

  private async line(): Promise<string | undefined> {
    while (this.queue.length === 0) {
      if (this.ended) return undefined;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    return this.queue.shift();
  }

  /** Waits for another line or the end of input; true if a line is there. */
  private async more(): Promise<boolean> {
    while (this.queue.length === 0 && !this.ended) await new Promise<void>((resolve) => (this.wake = resolve));
    return this.queue.length > 0;
  }
}

/**
 * Where readline saw a paste's marks, put back into its lines: ESC[200~ before the first line
 * that began inside the paste, ESC[201~ after its last. A paste that ends mid-line (no newline
 * at its end) leaves that line for the person to finish, and the paste ends with it. A paste
 * within one line (a word, a number) is only typing: no marks.
 */
class PasteMarks {
  /** Inside a paste; `lines` of it ended so far. */
  private pasting: { lines: number } | undefined;
  /** The paste ended mid-line: the line finished next is its last. */
  private endsWithNextLine = false;

  constructor(private readonly rl: Interface) {}

  /** A line readline ended, with the marks it carries. */
  line(line: string): string {
    if (this.pasting) return this.pasting.lines++ === 0 ? `${PASTE_START}${line}` : line;
    if (this.endsWithNextLine) {
      this.endsWithNextLine = false;
      return `${line}${PASTE_END}`;
    }
    return line;
  }

  /** A key readline read; a line to queue when the key ends a paste whose lines are all in. */
  key(key: Key | undefined): string | undefined {
    if (key?.name === 'paste-start') this.pasting = { lines: 0 };
    if (key?.name !== 'paste-end' || !this.pasting) return undefined;
    const { lines } = this.pasting;
    this.pasting = undefined;
    if (lines === 0) return undefined;
    if (this.rl.line !== '') {
      this.endsWithNextLine = true;
      return undefined;
    }
    return PASTE_END;
  }
}
