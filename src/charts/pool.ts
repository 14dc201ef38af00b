/**
 * Pictures off the event loop: each recipe drawn in a worker thread with a deadline and a heap
 * limit, one at a time (drawing is CPU work; a second worker would only compete with the bot for
 * the same cores), past a small queue refused rather than piled up, and cached by bytes (the same
 * /explain conv draws the same picture every time).
 */
import { WorkerPool, type Failure, type PoolOptions } from '../workers/pool.js';
import { recipeKey, type PictureRecipe } from './recipe.js';
import type { DrawnPicture, DrawnSvg, DrawResult, PictureJob } from './drawn.js';

export type { DrawnPicture, DrawnSvg } from './drawn.js';

/** What draws pictures for replies: the pool in the bot, the same drawing in-process for the CLI. */
export interface Pictures {
  /** The drawn picture, undefined when the recipe draws nothing; rejects when it could not be drawn. */
  draw(recipe: PictureRecipe, asker?: string): Promise<DrawnPicture | undefined>;
  /** The picture if it is drawn already (the same recipe drawn before), without waiting; undefined if not. */
  ready(recipe: PictureRecipe): Ready | undefined;
  /** The picture as SVG for a web page; undefined when the recipe draws nothing; rejects when it could not be drawn. */
  svg(recipe: PictureRecipe): Promise<DrawnSvg | undefined>;
}

/** A picture already drawn, or the knowledge that the recipe draws nothing. */
export interface Ready {
  readonly drawn: DrawnPicture | undefined;
}

/** The pool could not draw a picture: busy (a full queue, shed on purpose), past its deadline, out of heap, a crash. */
export class PictureRefused extends Error {
  constructor(readonly why: string) {
    super(`the picture was not drawn (${why})`);
  }
}

/**
 * One worker, 5 s per picture; 128 MB of heap, where the largest drawings (DenseNet-121, a
 * 2,000-block model) fit in 32, and an 8 MB young generation to keep a drawing's garbage small. Ended after a minute idle: a
 * class asks for a picture now and then, and the worker's ~60 MB are better given back meanwhile.
 * The cache is kept in the bot's own process, quiet or not: 4 MB holds a hundred or more of the
 * pictures a class asks again (20 to 50 KB each), none over 256 KB.
 */
export const PICTURE_POOL = { workers: 1, deadlineMs: 5_000, heapMb: 128, youngMb: 8, idleMs: 60_000, maxQueued: 16, maxQueuedPerOwner: 2, cacheEntries: 256, cacheBytes: 4 * 1024 * 1024 } as const;

export class PicturePool implements Pictures {
  private readonly pool: WorkerPool<PictureJob, DrawResult>;

  constructor(options: PoolOptions = {}) {
    this.pool = new WorkerPool<PictureJob, DrawResult>(
      {
        script: 'charts/worker.js',
        key: (job) => `${job.format}:${recipeKey(job.recipe)}`,
        bytes: (r) => (r.ok && r.drawn ? ('png' in r.drawn ? r.drawn.png.byteLength : 2 * r.drawn.svg.length) + 2 * r.drawn.alt.length : 64),
        failed: (why: Failure) => ({ ok: false, why }),
        // A picture refused for the deadline or a full queue may well be drawn a moment later.
        cacheable: (r) => r.ok,
      },
      { ...PICTURE_POOL, ...options },
    );
  }

  async draw(recipe: PictureRecipe, asker = ''): Promise<DrawnPicture | undefined> {
    const drawn = await this.run({ recipe, format: 'png' }, asker);
    return drawn && 'png' in drawn ? drawn : undefined;
  }

  async svg(recipe: PictureRecipe, asker = ''): Promise<DrawnSvg | undefined> {
    const drawn = await this.run({ recipe, format: 'svg' }, asker);
    return drawn && 'svg' in drawn ? drawn : undefined;
  }

  private async run(job: PictureJob, asker: string): Promise<DrawnPicture | DrawnSvg | undefined> {
    const result = await this.pool.run(job, asker);
    if (!result.ok) throw new PictureRefused(result.why);
    return result.drawn ?? undefined;
  }

  ready(recipe: PictureRecipe): Ready | undefined {
    const result = this.pool.peek({ recipe, format: 'png' });
    return result?.ok ? { drawn: result.drawn && 'png' in result.drawn ? result.drawn : undefined } : undefined;
  }

  /** Starts the worker now (ECharts and resvg take a moment to load) rather than on the first picture. */
  warm(): void {
    this.pool.warm();
  }

  /** Resolves once the sandbox has loaded ECharts, resvg and the fonts (see WorkerPool.loaded). */
  loaded(): Promise<void> {
    return this.pool.loaded();
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
