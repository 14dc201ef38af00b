/**
 * A recipe drawn into a PNG on the calling thread: what the picture worker runs, and what the CLI
 * and the tests use directly (where blocking for 40 ms harms nobody).
 */
import { toPng } from './draw.js';
import { drawingOf, type PictureRecipe } from './recipe.js';

export interface DrawnPicture {
  /** File name, `vgg16-parameters.png`. */
  readonly name: string;
  /** What it shows, in the reply's language: alt text on every platform. */
  readonly alt: string;
  readonly png: Uint8Array;
}

/** A recipe's outcome in the pool: drawn (null when it draws nothing), or why the pool gave up on it. */
export type DrawResult = { readonly ok: true; readonly drawn: DrawnPicture | null } | { readonly ok: false; readonly why: string };

/** The drawn picture, or undefined when the recipe draws nothing (a layer kind with no picture). */
export async function drawHere(recipe: PictureRecipe): Promise<DrawnPicture | undefined> {
  const drawing = drawingOf(recipe);
  return drawing ? { name: drawing.name, alt: drawing.alt, png: await toPng(drawing) } : undefined;
}

/** Pictures drawn on the calling thread, with the same interface as the bot's pool (and no cache). */
export const picturesHere = { draw: drawHere, ready: () => undefined } as const;
