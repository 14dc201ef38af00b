/** A reply's pictures, drawn for an adapter to deliver its way; what cannot be drawn is left out. */
import type { Reply } from '../../commands/types.js';
import type { Logger } from '../log.js';

export interface Drawn {
  readonly name: string;
  readonly alt: string;
  readonly png: Uint8Array;
}

/**
 * Draws every picture of a reply, in order. A picture that fails (the drawing queue is full, a
 * bug) is logged and left out: the reply itself still goes out whole.
 */
export async function drawPictures(reply: Reply, log: Logger): Promise<Drawn[]> {
  const drawn: Drawn[] = [];
  for (const picture of reply.pictures ?? []) {
    try {
      drawn.push({ name: picture.name, alt: picture.alt, png: await picture.png() });
    } catch (err) {
      log.warn({ err, picture: picture.name }, 'picture not drawn; the reply goes out without it');
    }
  }
  return drawn;
}

export const hasPictures = (reply: Reply): boolean => (reply.pictures?.length ?? 0) > 0;
