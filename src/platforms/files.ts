/** A reply's files, made for an adapter to deliver its way; what cannot be made is left out. */
import type { MadeFile, Reply } from '../../commands/types.js';
import { PictureRefused } from '../charts/pool.js';
import type { Logger } from '../log.js';

/**
 * Makes every file of a reply, in order (a picture off the event loop, in the picture worker). A
 * file that fails (the queue is full, past its deadline, a bug) is logged and left out: the reply
 * itself still goes out whole.
 */
export async function makeFiles(reply: Reply, log: Logger): Promise<MadeFile[]> {
  const made: MadeFile[] = [];
  for (const [i, file] of (reply.files ?? []).entries()) {
    try {
      const one = await file.make();
      if (one) made.push(one);
    } catch (err) {
      // A full queue is load shed on purpose: noted, not a stack trace per reply in a burst.
      if (err instanceof PictureRefused && err.why === 'busy') log.info({ file: i, why: err.why }, 'picture not drawn; the reply goes out without it');
      else log.warn({ err, file: i }, 'picture not drawn; the reply goes out without it');
    }
  }
  return made;
}

/**
 * Every file of a reply if each is made already (a cached picture, a document), in order;
 * undefined if any still has to be made. What an adapter sends with the reply itself rather than
 * edit in afterwards.
 */
export function readyFiles(reply: Reply): MadeFile[] | undefined {
  const made: MadeFile[] = [];
  for (const file of reply.files ?? []) {
    const ready = file.ready();
    if (!ready) return undefined;
    if (ready.made) made.push(ready.made);
  }
  return made;
}

export const hasFiles = (reply: Reply): boolean => (reply.files?.length ?? 0) > 0;
