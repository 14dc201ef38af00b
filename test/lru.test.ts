import { describe, expect, it } from 'vitest';
import { dropQuietCaches, Lru } from '../src/lru.js';

const lru = (maxEntries: number) => new Lru<string, number>({ maxEntries, maxBytes: 1_000, sizeOf: () => 1 });

describe('Lru', () => {
  it('evicts the least recently used, a key asked for again twice in a row staying the newest', () => {
    const cache = lru(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
  });

  it('moves a key to the end again after the newest is deleted', () => {
    const cache = lru(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.delete('b');
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
  });

  it('keeps no value costing more than a sixteenth of its bytes, and evicts the oldest past its bytes', () => {
    const cache = new Lru<string, number>({ maxEntries: 100, maxBytes: 1_600, sizeOf: (v) => v });
    cache.set('large', 101);
    expect(cache.get('large')).toBeUndefined();
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q']) cache.set(key, 100);
    expect(cache.bytes).toBe(1_600);
    expect([cache.get('a'), cache.get('b'), cache.get('q')]).toEqual([undefined, 100, 100]);
  });

  it('is emptied by dropQuietCaches only after a whole period unused, when it drops when quiet', () => {
    const quiet = new Lru<string, number>({ maxEntries: 10, maxBytes: 1_000, sizeOf: () => 1, dropWhenQuiet: true });
    const kept = new Lru<string, number>({ maxEntries: 10, maxBytes: 1_000, sizeOf: () => 1 });
    quiet.set('a', 1);
    kept.set('a', 1);
    dropQuietCaches(); // the period in which 'a' was set: used, so kept
    expect(quiet.size).toBe(1);
    expect(quiet.get('a')).toBe(1);
    dropQuietCaches(); // read since: kept
    expect(quiet.size).toBe(1);
    dropQuietCaches(); // nothing since: emptied, with its bytes; the cache that does not drop is kept
    expect([quiet.size, quiet.bytes, quiet.get('a')]).toEqual([0, 0, undefined]);
    expect(kept.get('a')).toBe(1);
    quiet.set('b', 2); // and fills again as before
    expect(quiet.get('b')).toBe(2);
  });

  it('says how many entries it let go, and empties a cache once', () => {
    const quiet = new Lru<number, number>({ maxEntries: 10, maxBytes: 1_000, sizeOf: () => 1, dropWhenQuiet: true });
    for (let i = 0; i < 3; i++) quiet.set(i, i);
    expect(quiet.dropIfQuiet()).toBe(0);
    expect(quiet.dropIfQuiet()).toBe(3);
    expect(quiet.dropIfQuiet()).toBe(0);
  });
});
