/** A reply's files: a picture (a recipe the picture worker draws when the adapter asks) or a document the command made. */
import type { Pictures } from '../src/charts/pool.js';
import type { PictureRecipe } from '../src/charts/recipe.js';
import type { Context, MadeFile, ReplyFile } from './types.js';

/**
 * Who asks, as the worker pools know them: their jobs are served in turn with everyone else's,
 * one at a time, so one person's burst of costly requests delays only themselves.
 */
export const askerOf = (ctx: Pick<Context, 'platform' | 'player'>): string => `${ctx.platform}:${ctx.player.userId}`;

/** `asker`: who the picture is for ('' for the bot's own posts: reveals, standings). */
export const picture = (pictures: Pictures, recipe: PictureRecipe, asker = ''): ReplyFile => {
  const made = (drawn: { name: string; alt: string; png: Uint8Array } | undefined): MadeFile | undefined => drawn && { kind: 'picture', name: drawn.name, alt: drawn.alt, bytes: drawn.png };
  return {
    kind: 'picture',
    make: async () => made(await pictures.draw(recipe, asker)),
    ready: () => {
      const ready = pictures.ready(recipe);
      return ready && { made: made(ready.drawn) };
    },
  };
};

/** A file the command has made already (a CSV export): ready at once. */
export const document = (name: string, alt: string, bytes: Uint8Array): ReplyFile => {
  const made: MadeFile = { kind: 'document', name, alt, bytes };
  return { kind: 'document', make: async () => made, ready: () => ({ made }) };
};
