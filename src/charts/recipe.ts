/**
 * A picture as plain data, to be drawn in the picture worker: which drawing, and the data it is
 * drawn from (a spec is counted again there, never on the event loop). Recipes travel between
 * processes, so they hold no functions and no engine objects; what draws them is in drawn.ts, the
 * sandbox's side, so that asking for a picture loads none of the drawing.
 */
import type { Lang } from '../i18n/messages.js';
import type { CompareKind, ModelPoint } from './compare.js';
import type { masteryDrawing, standingsDrawing, statsDrawing } from './progress.js';

export type PictureRecipe =
  /** Where a model's parameters are (a /count of a model). */
  | { readonly kind: 'model'; readonly spec: string; readonly lang: Lang }
  /** One layer's count drawn (/explain). */
  | { readonly kind: 'layer'; readonly spec: string; readonly lang: Lang }
  /** Whichever of the two a spec has (a question's reveal). */
  | { readonly kind: 'question'; readonly spec: string; readonly lang: Lang }
  | { readonly kind: 'compare'; readonly points: readonly ModelPoint[]; readonly chart: CompareKind; readonly lang: Lang; readonly missing: readonly string[] }
  | { readonly kind: 'stats'; readonly input: Parameters<typeof statsDrawing>[0] }
  | { readonly kind: 'standings'; readonly input: Parameters<typeof standingsDrawing>[0] }
  /** The class's accuracy per topic (the teacher's report). */
  | { readonly kind: 'mastery'; readonly input: Parameters<typeof masteryDrawing>[0] };

/** The same recipe, the same picture: what the picture cache is keyed by. */
export const recipeKey = (recipe: PictureRecipe): string => JSON.stringify(recipe, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
