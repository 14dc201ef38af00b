/**
 * Pictures: the time to draw the VGG16 parameter chart to PNG (ECharts' SVG, then resvg), median
 * of 30 after a warm-up that loads ECharts, and the PNG's size; chart_pool_png_ms is what the bot
 * waits for a picture: a recipe sent to the picture worker (its heap limits, the spec counted
 * there, the PNG sent back), a different model each time so that no cache answers.
 */
import { performance } from 'node:perf_hooks';
import { modelDrawing } from '../src/charts/count.js';
import { toPng } from '../src/charts/draw.js';
import { PicturePool } from '../src/charts/pool.js';
import { count } from '../src/engine/count.js';
import { median, round, type Figures } from './lib.js';

export async function benchCharts(): Promise<Figures> {
  const drawing = modelDrawing(count('vgg16'), 'en')!;
  for (let i = 0; i < 3; i++) await toPng(drawing);
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < 30; i++) {
    const start = performance.now();
    size = (await toPng(drawing)).length;
    times.push(performance.now() - start);
  }
  const pool = new PicturePool();
  const pooled: number[] = [];
  try {
    await pool.draw({ kind: 'model', spec: 'vgg16', lang: 'en' });
    for (let i = 0; i < 30; i++) {
      const start = performance.now();
      await pool.draw({ kind: 'model', spec: `vgg16 > dense 1000 ${i + 2}`, lang: 'en' });
      pooled.push(performance.now() - start);
    }
  } finally {
    await pool.close();
  }
  return { chart_png_ms: round(median(times)), chart_png_kb: round(size / 1024, 1), chart_pool_png_ms: round(median(pooled)) };
}
