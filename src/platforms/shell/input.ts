/**
 * The shell's input as entries, not lines. One line is one command, except code: a pasted class is
 * one entry however many lines it has.
 * - A terminal marks a paste (bracketed paste, ESC[200~ … ESC[201~, switched on by the shell), and
 *   the lines of one burst of input arrive together: a paste is what arrived at once.
 * - Piped input has no such marks. There the lines after `/count` that does not end its spec on
 *   its own line (`/count` alone, `/count class Net(nn.Module):`, a fence; `/check … table:` with
 *   the table below), or after a first line
 *   that is not a command, continue it until a line that starts with `/` or the end of input. A
 *   script of one-line commands reads exactly as before.
 */
import { createInterface } from 'node:readline';

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

export class ShellInput {
  private readonly queue: string[] = [];
  private ended = false;
  private wake: (() => void) | undefined;
  private readonly lines: ReturnType<typeof createInterface>;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    /** A terminal: a burst of input is one piece; nothing waits for lines that have not come. */
    private readonly interactive: boolean,
  ) {
    const lines = createInterface({ input, terminal: false });
    this.lines = lines;
    lines.on('line', (line) => {
      this.queue.push(line);
      this.wake?.();
    });
    lines.on('close', () => {
      this.ended = true;
      this.wake?.();
    });
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
