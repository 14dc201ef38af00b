/**
 * The sandbox's side of a pool (see sandbox.ts): answers each job with `handle`'s result, or the
 * error it threw, one job at a time. The same script runs as a child process (the bot) or a
 * worker thread (the bench's comparison).
 */
import { writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { dropQuietCaches, QUIET_MS } from '../lru.js';

/** How much lower than the bot a sandbox runs (nice(1): 0 is normal, 19 the lowest). */
const SANDBOX_NICENESS = 5;

/** The message a sandbox answers with; `ready` once its script has loaded and it listens. */
export type SandboxReply<Res> = { readonly id: number; readonly result: Res } | { readonly id: number; readonly failure: string } | { readonly ready: true };

export interface SandboxJob<Req> {
  readonly id: number;
  readonly req: Req;
}

async function answer<Req, Res>(handle: (req: Req) => Res | Promise<Res>, { id, req }: SandboxJob<Req>): Promise<SandboxReply<Res>> {
  try {
    return { id, result: await handle(req) };
  } catch (err) {
    return { id, failure: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

export async function serve<Req, Res>(handle: (req: Req) => Res | Promise<Res>, transfer: (res: Res) => ArrayBuffer[] = () => []): Promise<void> {
  // The counting sandboxes live as long as the bot: what they cached while a class was busy goes when it is quiet.
  setInterval(dropQuietCaches, QUIET_MS).unref();
  const send = process.send?.bind(process);
  if (send) {
    // If the machine runs out of memory, the kernel ends this child, never the bot; and the bot's
    // own thread (the gateway, the replies, the store) goes first when the cores are busy.
    try {
      writeFileSync('/proc/self/oom_score_adj', '1000');
    } catch {
      // not Linux, or not allowed: the heap cap still holds
    }
    try {
      setPriority(SANDBOX_NICENESS);
    } catch {
      // not allowed here: the sandbox runs at the bot's priority
    }
    process.on('disconnect', () => process.exit(0)); // the bot is gone: nothing left to answer
    process.on('message', (job: SandboxJob<Req>) => {
      void answer(handle, job).then((reply) => send(reply));
    });
    send({ ready: true } satisfies SandboxReply<Res>);
    return;
  }
  const { parentPort } = await import('node:worker_threads');
  if (!parentPort) return;
  parentPort.on('message', (job: SandboxJob<Req>) => {
    void answer(handle, job).then((reply) => parentPort.postMessage(reply, 'result' in reply ? transfer(reply.result) : []));
  });
  parentPort.postMessage({ ready: true } satisfies SandboxReply<Res>);
}
