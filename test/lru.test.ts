import { describe, expect, it } from 'vitest';
import { Lru } from '../src/lru.js';

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
});
