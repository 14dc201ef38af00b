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

  it('keeps no value costing more than a sixteenth of its bytes, and evicts the oldest past its bytes', () => {
    const cache = new Lru<string, number>({ maxEntries: 100, maxBytes: 1_600, sizeOf: (v) => v });
    cache.set('large', 101);
    expect(cache.get('large')).toBeUndefined();
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q']) cache.set(key, 100);
    expect(cache.bytes).toBe(1_600);
    expect([cache.get('a'), cache.get('b'), cache.get('q')]).toEqual([undefined, 100, 100]);
  });
});
