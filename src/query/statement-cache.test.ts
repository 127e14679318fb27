import { describe, expect, it } from 'vitest';
import { LruCache } from './statement-cache.js';

describe('LruCache', () => {
  it('evicts the least recently used entry', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('counts an overwrite as a use and keeps one entry per key', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 10);
    cache.set('c', 3);
    expect(cache.get('a')).toBe(10);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.size).toBe(2);
  });

  it('keeps working after clear', () => {
    const cache = new LruCache<string, number>(1);
    cache.set('a', 1);
    cache.clear();
    expect(cache.get('a')).toBeUndefined();
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(1);
  });
});

describe('LruCache.deleteWhere', () => {
  it('removes the matching entries and keeps the recency of the others', () => {
    const cache = new LruCache<string, number>(3);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.deleteWhere((v) => v % 2 === 1)).toBe(2);
    expect(cache.size).toBe(1);
    expect(cache.get('a')).toBeUndefined();
    cache.set('d', 4);
    cache.set('e', 5);
    cache.set('f', 6);
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('d'), cache.get('e'), cache.get('f')]).toEqual([4, 5, 6]);
  });
});
