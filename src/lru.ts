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
}

export class Lru<K, V> {
  private readonly map = new Map<K, { value: V; bytes: number }>();
  private held = 0;
  /**
   * The key used last, already at the map's end: asked for again (a pasted model's hundred equal
   * nn.Linear), it needs no moving, and moving it cost a deletion and an insertion in the map.
   */
  private newest: K | undefined;

  constructor(private readonly bounds: LruBounds<K, V>) {}

  get(key: K): V | undefined {
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

  get size(): number {
    return this.map.size;
  }

  /** Bytes the kept values cost, by their sizeOf. */
  get bytes(): number {
    return this.held;
  }
}
