/**
 * A recipe drawn into a PNG on the calling thread: what the picture worker runs, and what the CLI
 * and the tests use directly (where blocking for 40 ms harms nobody).
 */
import { svgToPng, toSvg } from './draw.js';
import { count } from '../engine/count.js';
import { compareDrawing } from './compare.js';
import { countDrawing, modelDrawing, singleLayerDrawing } from './count.js';
import type { Drawing } from './draw.js';
import { masteryDrawing, standingsDrawing, statsDrawing } from './progress.js';
import type { PictureRecipe } from './recipe.js';

export interface DrawnPicture {
  /** File name, `vgg16-parameters.png`. */
  readonly name: string;
  /** What it shows, in the reply's language: alt text on every platform. */
  readonly alt: string;
  readonly png: Uint8Array;
}

/** The same picture as SVG markup, for a web page (text stays text: searchable, sharp at any size). */
export interface DrawnSvg {
  readonly name: string;
  readonly alt: string;
  readonly svg: string;
}

/** What the picture worker is asked: a recipe, as a PNG for a chat or as SVG for a page. */
export interface PictureJob {
  readonly recipe: PictureRecipe;
  readonly format: 'png' | 'svg';
}

/** A job's outcome in the pool: drawn (null when the recipe draws nothing), or why the pool gave up on it. */
export type DrawResult = { readonly ok: true; readonly drawn: DrawnPicture | DrawnSvg | null } | { readonly ok: false; readonly why: string };

/** The drawn picture, or undefined when the recipe draws nothing (a layer kind with no picture). */
export async function drawHere(recipe: PictureRecipe): Promise<DrawnPicture | undefined> {
  const drawing = drawingOf(recipe);
  return drawing ? { name: drawing.name, alt: drawing.alt, png: await svgToPng(await toSvg(drawing)) } : undefined;
}

export async function svgHere(recipe: PictureRecipe): Promise<DrawnSvg | undefined> {
  const drawing = drawingOf(recipe);
  return drawing ? { name: drawing.name.replace(/\.png$/, '.svg'), alt: drawing.alt, svg: await toSvg(drawing) } : undefined;
}

/** A job drawn on the calling thread: what the picture worker runs. */
export async function drawJob(job: PictureJob): Promise<DrawnPicture | DrawnSvg | undefined> {
  return job.format === 'png' ? drawHere(job.recipe) : svgHere(job.recipe);
}

/** Pictures drawn on the calling thread, with the same interface as the bot's pool (and no cache). */
export const picturesHere = { draw: drawHere, svg: svgHere, ready: () => undefined } as const;

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
    case 'mastery':
      return masteryDrawing(recipe.input);
  }
}
