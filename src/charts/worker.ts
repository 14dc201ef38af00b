/**
 * The picture worker: draws recipes into PNGs (ECharts to SVG, resvg to PNG), some 40 ms each,
 * on its own thread, so the bot's event loop never waits on a drawing. ECharts, resvg and the
 * fonts are loaded here only, never in the main thread.
 */
import { serve } from '../workers/pool.js';
import { loadRenderers } from './draw.js';
import { drawHere, type DrawResult } from './drawn.js';
import type { PictureRecipe } from './recipe.js';

// Loaded before the worker says it is ready, so no picture's deadline pays for it.
await loadRenderers();
void serve<PictureRecipe, DrawResult>(async (recipe) => ({ ok: true, drawn: (await drawHere(recipe)) ?? null }));
