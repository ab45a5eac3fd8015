/** The search's small caches (search/lru.ts). */
import { describe, expect, it } from 'vitest';
import { kept, lastFew, Lru } from '../../search/lru.js';

const counting = () => {
  const calls: string[] = [];
  return { calls, compute: (key: string) => (calls.push(key), key.toUpperCase()) };
};

describe('lastFew', () => {
  it('computes a key once while it is among the last few, again once it has left the ring', () => {
    const { calls, compute } = counting();
    const of = lastFew(2, compute);
    expect([of('a'), of('a'), of('b'), of('a')]).toEqual(['A', 'A', 'B', 'A']);
    expect(calls).toEqual(['a', 'b']);
    of('c'); // takes the place of the oldest, "a"
    of('b');
    of('a');
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });
});

describe('kept', () => {
  it('keeps up to max results, then forgets them all at once', () => {
    const { calls, compute } = counting();
    const of = kept(2, compute);
    of('a');
    of('b');
    of('a');
    expect(calls).toEqual(['a', 'b']);
    of('c'); // full: cleared, then c kept
    of('a');
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });
});

describe('Lru', () => {
  it('drops the least recently used past its size', () => {
    const lru = new Lru<number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1);
    lru.set('c', 3);
    expect([lru.get('a'), lru.get('b'), lru.get('c'), lru.size]).toEqual([1, undefined, 3, 2]);
  });
});
