/**
 * A small least-recently-used map bounded by the bytes its values hold, not only by their number:
 * a cache of rendered answers must not let twenty large ones fill the heap. A Map keeps insertion
 * order, so the first key is the oldest.
 */

/**
 * No value may take more than this share of the bytes: a few of the largest answers an abuser can
 * make would otherwise push out the hundreds of small ones a class asks again and again, and be
 * kept in the bot's memory while it is quiet.
 */
const LARGEST_SHARE = 16;

export interface LruBounds<K, V> {
  readonly maxEntries: number;
  readonly maxBytes: number;
  /** What a value costs; a value costing more than maxBytes / 16 is not kept at all. */
  readonly sizeOf: (value: V, key: K) => number;
  /**
   * Emptied by dropQuietCaches() when nothing read or wrote it since that last ran. A cache of
   * what a process works out for itself (questions, expanded presets, sandbox answers) is speed
   * while a class is busy and memory for nothing while it is quiet: filled to its bounds over a
   * week, it would keep the bot's process that much larger than when it started, for good.
   */
  readonly dropWhenQuiet?: boolean;
}

/**
 * How often the caches that drop when quiet are looked at: one unused for a whole period is
 * emptied. The sandboxes' idle time (workers/pool.ts), after which they end and give theirs back.
 */
export const QUIET_MS = 60_000;

/** The caches that drop when quiet. Weakly: a cache's owner (a pool, a report) may be let go. */
const QUIET = new Set<WeakRef<Lru<unknown, unknown>>>();

/**
 * Empties every cache made with `dropWhenQuiet` that was not used since the last call, and
 * returns how many entries were let go. Called on a timer (app.ts, workers/serve.ts): a cache in
 * use is kept, one quiet for a whole period is emptied, so a busy class never waits on it.
 */
export function dropQuietCaches(): number {
  let dropped = 0;
  for (const ref of QUIET) {
    const cache = ref.deref();
    if (cache === undefined) QUIET.delete(ref);
    else dropped += cache.dropIfQuiet();
  }
  return dropped;
}

export class Lru<K, V> {
  private readonly map = new Map<K, { value: V; bytes: number }>();
  private held = 0;
  /**
   * The key used last, already at the map's end: asked for again (a pasted model's hundred equal
   * nn.Linear), it needs no moving, and moving it cost a deletion and an insertion in the map.
   */
  private newest: K | undefined;
  /** Reads and writes, and their number when dropIfQuiet last looked. */
  private uses = 0;
  private usesSeen = 0;

  constructor(private readonly bounds: LruBounds<K, V>) {
    if (bounds.dropWhenQuiet) QUIET.add(new WeakRef(this as Lru<unknown, unknown>));
  }

  get(key: K): V | undefined {
    this.uses++;
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    if (key !== this.newest) {
      this.map.delete(key);
      this.map.set(key, entry);
      this.newest = key;
    }
    return entry.value;
  }

  set(key: K, value: V): void {
    this.uses++;
    this.delete(key);
    const bytes = this.bounds.sizeOf(value, key);
    if (bytes > this.bounds.maxBytes / LARGEST_SHARE) return;
    this.map.set(key, { value, bytes });
    this.newest = key;
    this.held += bytes;
    while (this.map.size > this.bounds.maxEntries || this.held > this.bounds.maxBytes) {
      this.delete(this.map.keys().next().value as K);
    }
  }

  delete(key: K): void {
    const entry = this.map.get(key);
    if (entry === undefined) return;
    this.map.delete(key);
    if (key === this.newest) this.newest = undefined;
    this.held -= entry.bytes;
  }

  /** Empties the cache if nothing used it since the last call; returns the entries let go. */
  dropIfQuiet(): number {
    const quiet = this.uses === this.usesSeen;
    this.usesSeen = this.uses;
    if (!quiet) return 0;
    const dropped = this.map.size;
    this.map.clear();
    this.held = 0;
    this.newest = undefined;
    return dropped;
  }

  get size(): number {
    return this.map.size;
  }

  /** Bytes the kept values cost, by their sizeOf. */
  get bytes(): number {
    return this.held;
  }
}
