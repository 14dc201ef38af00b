/**
 * The picture worker: draws recipes into PNGs (ECharts to SVG, resvg to PNG), some 40 ms each, or
 * into SVG for a web page,
 * on its own thread, so the bot's event loop never waits on a drawing. ECharts, resvg and the
 * fonts are loaded here only, never in the main thread.
 */
import { serve } from '../workers/serve.js';
import { loadRenderers } from './draw.js';
import { drawJob, type DrawResult, type PictureJob } from './drawn.js';

// Loaded before the worker says it is ready, so no picture's deadline pays for it.
await loadRenderers();
void serve<PictureJob, DrawResult>(async (job) => ({ ok: true, drawn: (await drawJob(job)) ?? null }));
