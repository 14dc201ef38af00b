/** Pictures for replies: a recipe (plain data) the picture worker draws when the adapter asks. */
import type { Pictures } from '../src/charts/pool.js';
import type { PictureRecipe } from '../src/charts/recipe.js';
import type { Context, Picture } from './types.js';

/**
 * Who asks, as the worker pools know them: their jobs are served in turn with everyone else's,
 * one at a time, so one person's burst of costly requests delays only themselves.
 */
export const askerOf = (ctx: Pick<Context, 'platform' | 'player'>): string => `${ctx.platform}:${ctx.player.userId}`;

/** `asker`: who the picture is for ('' for the bot's own posts: reveals, standings). */
export const picture = (pictures: Pictures, recipe: PictureRecipe, asker = ''): Picture => ({
  draw: () => pictures.draw(recipe, asker),
  ready: () => pictures.ready(recipe),
});
