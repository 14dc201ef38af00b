/**
 * A picture as plain data, to be drawn in the picture worker: which drawing, and the data it is
 * drawn from (a spec is counted again there, never on the event loop). Recipes travel between
 * threads, so they hold no functions and no engine objects.
 */
import { count } from '../engine/count.js';
import type { Lang } from '../i18n/messages.js';
import { compareDrawing, type CompareKind, type ModelPoint } from './compare.js';
import { countDrawing, modelDrawing, singleLayerDrawing } from './count.js';
import type { Drawing } from './draw.js';
import { standingsDrawing, statsDrawing } from './progress.js';

export type PictureRecipe =
  /** Where a model's parameters are (a /count of a model). */
  | { readonly kind: 'model'; readonly spec: string; readonly lang: Lang }
  /** One layer's count drawn (/explain). */
  | { readonly kind: 'layer'; readonly spec: string; readonly lang: Lang }
  /** Whichever of the two a spec has (a question's reveal). */
  | { readonly kind: 'question'; readonly spec: string; readonly lang: Lang }
  | { readonly kind: 'compare'; readonly points: readonly ModelPoint[]; readonly chart: CompareKind; readonly lang: Lang; readonly missing: readonly string[] }
  | { readonly kind: 'stats'; readonly input: Parameters<typeof statsDrawing>[0] }
  | { readonly kind: 'standings'; readonly input: Parameters<typeof standingsDrawing>[0] };

/** The drawing a recipe makes, or undefined when there is nothing to draw (a layer kind with no picture). */
export function drawingOf(recipe: PictureRecipe): Drawing | undefined {
  switch (recipe.kind) {
    case 'model':
      return modelDrawing(count(recipe.spec), recipe.lang);
    case 'layer':
      return singleLayerDrawing(count(recipe.spec), recipe.lang);
    case 'question':
      return countDrawing(count(recipe.spec), recipe.lang);
    case 'compare':
      return compareDrawing(recipe.points, recipe.chart, recipe.lang, recipe.missing);
    case 'stats':
      return statsDrawing(recipe.input);
    case 'standings':
      return standingsDrawing(recipe.input);
  }
}

/** The same recipe, the same picture: what the picture cache is keyed by. */
export const recipeKey = (recipe: PictureRecipe): string => JSON.stringify(recipe, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
