/** Pictures for replies: a recipe (plain data) the picture worker draws when the adapter asks. */
import type { Pictures } from '../src/charts/pool.js';
import type { PictureRecipe } from '../src/charts/recipe.js';
import type { Picture } from './types.js';

export const picture = (pictures: Pictures, recipe: PictureRecipe): Picture => ({ draw: () => pictures.draw(recipe), ready: () => pictures.ready(recipe) });
