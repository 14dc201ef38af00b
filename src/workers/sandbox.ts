/**
 * Where a pool's untrusted job runs. Measured, not assumed: a worker thread shares the bot's
 * process, and V8 treats some out-of-memory failures as fatal to the whole process (one string
 * of 100 MB made by `toUpperCase` or `split` in a thread capped at 64 MB aborts the process with
 * SIGABRT, every platform with it), whatever the thread's resource limits say. So the bot runs
 * such work in child processes of its own, each with its own heap cap: an abort there ends that
 * child and the one job in it, and the pool starts another. Threads stay available for
 * comparison in the bench (`isolation: 'thread'`), never for input a user shapes.
 *
 * A sandbox reports what happens to it through one callback that stays installed until it has
 * exited: an error or an exit that nobody listens to would otherwise be thrown at the bot's event
 * loop (an unhandled 'error' event ends a Node process).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export type Isolation = 'process' | 'thread';

/** Why a sandbox ended on its own: its heap ran out, or anything else (a crash, a failed start). */
export type SandboxEnd = 'heap' | 'crash';

export interface SandboxLimits {
  /** V8's old generation, where almost everything a job makes lives. */
  readonly heapMb: number;
  /** The young generation: smaller collects more often and holds less garbage between collections. */
  readonly youngMb: number;
}

export interface SandboxEvents {
  message(data: unknown): void;
  /** Called once, last; `detail` is the first line the sandbox wrote about it (V8's "FATAL ERROR: ..."). */
  exit(why: SandboxEnd, detail: string | undefined): void;
}

export interface Sandbox {
  /** Sends a message; one that cannot be sent ends the sandbox (its exit follows). */
  send(data: unknown): void;
  /** Ends it at once (SIGKILL for a process); its exit follows. */
  kill(): void;
  /**
   * Whether the bot's process should stay alive for it: yes while it loads (it is started for work
   * that waits) and while it runs a job, no while it idles.
   */
  hold(busy: boolean): void;
  /** Its own process (a child), for its memory; undefined for a thread. */
  readonly pid: number | undefined;
}

export function openSandbox(isolation: Isolation, script: URL, limits: SandboxLimits, events: SandboxEvents): Sandbox {
  return isolation === 'process' ? processSandbox(script, limits, events) : threadSandbox(script, limits, events);
}

/** What V8 prints when a heap limit is reached (and Node when a thread's is). */
const HEAP_EXHAUSTED = /heap out of memory|Reached heap limit|Allocation failed|ERR_WORKER_OUT_OF_MEMORY/i;

/** The last bytes a child wrote to stderr, enough for V8's fatal line and a stack's top. */
const STDERR_TAIL = 4096;

/**
 * A child process started with Node's IPC channel. It gets no environment of the bot's (no
 * tokens, no database URL: what runs there reads a paste, nothing else) and no flags of the
 * parent's (--inspect), and asks the kernel to pick it first if memory runs out on the machine.
 */
function processSandbox(script: URL, limits: SandboxLimits, events: SandboxEvents): Sandbox {
  let ended = false;
  let tail = '';
  const end = (why: SandboxEnd, detail?: string) => {
    if (ended) return;
    ended = true;
    events.exit(why, detail);
  };
  const child: ChildProcess = fork(fileURLToPath(script), [], {
    execArgv: [`--max-old-space-size=${limits.heapMb}`, `--max-semi-space-size=${Math.max(1, Math.floor(limits.youngMb / 2))}`],
    env: { PARAMQUIZ_SANDBOX: '1', ...(process.env.TZ ? { TZ: process.env.TZ } : {}) },
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-STDERR_TAIL);
  });
  child.on('message', (data) => {
    if (!ended) events.message(data);
  });
  // 'error': it could not be started, or a message could not be sent. A started child's exit follows
  // ('close', after its stderr is read); one that never started has no exit to wait for.
  child.on('error', (err) => {
    if (child.pid === undefined) end('crash', err.message);
    else child.kill('SIGKILL');
  });
  child.on('close', (code, signal) => {
    const fatal = tail.split('\n').find((line) => HEAP_EXHAUSTED.test(line));
    end(fatal !== undefined ? 'heap' : 'crash', fatal?.trim() ?? (signal ? `signal ${signal}` : `exit code ${code}`));
  });
  const sandbox: Sandbox = {
    pid: child.pid,
    send(data) {
      if (ended || !child.connected) return;
      try {
        child.send(data as object, (err) => {
          if (err) child.kill('SIGKILL');
        });
      } catch {
        child.kill('SIGKILL');
      }
    },
    kill() {
      if (!ended) child.kill('SIGKILL');
    },
    hold(busy) {
      // The IPC channel and stderr are what keep the parent's event loop alive for a child.
      const handles = [child, child.channel, child.stderr] as Array<{ ref?(): void; unref?(): void } | null | undefined>;
      for (const h of handles) (busy ? h?.ref : h?.unref)?.call(h);
    },
  };
  return sandbox;
}

function threadSandbox(script: URL, limits: SandboxLimits, events: SandboxEvents): Sandbox {
  let ended = false;
  let detail: string | undefined;
  let heap = false;
  // execArgv: [] so a worker does not inherit the parent's flags (--inspect, --input-type, ...).
  const worker = new Worker(script, { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: limits.youngMb } });
  worker.on('message', (data) => {
    if (!ended) events.message(data);
  });
  worker.on('error', (err) => {
    heap ||= (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
    detail ??= err.message;
  });
  worker.on('exit', () => {
    if (ended) return;
    ended = true;
    events.exit(heap ? 'heap' : 'crash', detail);
  });
  const sandbox: Sandbox = {
    pid: undefined,
    send(data) {
      if (!ended) worker.postMessage(data);
    },
    kill() {
      if (!ended) void worker.terminate();
    },
    hold(busy) {
      if (busy) worker.ref();
      else worker.unref();
    },
  };
  return sandbox;
}
