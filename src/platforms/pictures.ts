/** A reply's pictures, drawn for an adapter to deliver its way; what cannot be drawn is left out. */
import type { Reply } from '../../commands/types.js';
import { PictureRefused, type DrawnPicture } from '../charts/pool.js';
import type { Logger } from '../log.js';

/**
 * Draws every picture of a reply, in order (off the event loop, in the picture worker). A picture
 * that fails (the queue is full, past its deadline, a bug) is logged and left out: the reply
 * itself still goes out whole.
 */
export async function drawPictures(reply: Reply, log: Logger): Promise<DrawnPicture[]> {
  const drawn: DrawnPicture[] = [];
  for (const [i, picture] of (reply.pictures ?? []).entries()) {
    try {
      const one = await picture.draw();
      if (one) drawn.push(one);
    } catch (err) {
      // A full queue is load shed on purpose: noted, not a stack trace per reply in a burst.
      if (err instanceof PictureRefused && err.why === 'busy') log.info({ picture: i, why: err.why }, 'picture not drawn; the reply goes out without it');
      else log.warn({ err, picture: i }, 'picture not drawn; the reply goes out without it');
    }
  }
  return drawn;
}

/**
 * Every picture of a reply if each is drawn already (cached), in order; undefined if any still
 * has to be drawn. What an adapter sends with the reply itself rather than edit in afterwards.
 */
export function readyPictures(reply: Reply): DrawnPicture[] | undefined {
  const drawn: DrawnPicture[] = [];
  for (const picture of reply.pictures ?? []) {
    const ready = picture.ready();
    if (!ready) return undefined;
    if (ready.drawn) drawn.push(ready.drawn);
  }
  return drawn;
}

export const hasPictures = (reply: Reply): boolean => (reply.pictures?.length ?? 0) > 0;
