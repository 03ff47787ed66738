import { describe, expect, it } from 'vitest';
import { KeptMap } from './kept-map';
import { createRng } from './random';

describe('KeptMap', () => {
  it('forgets the least recently used entry first when it holds two', () => {
    const kept = new KeptMap<string, number>(2);
    kept.set('a', 1);
    kept.set('b', 2);
    expect(kept.get('a')).toBe(1); // a is now the most recent
    kept.set('c', 3);
    expect(kept.keys()).toEqual(['a', 'c']);
    expect(kept.get('b')).toBeUndefined();
  });

  it('holds exactly the most recently used keys, whatever the traffic', () => {
    const max = 100;
    const kept = new KeptMap<number, number>(max);
    const rng = createRng('kept-map');
    const lastUsed = new Map<number, number>();
    for (let step = 0; step < 5_000; step++) {
      // Mostly a few hot keys, often a new one: the traffic of retrieves and list pages.
      const key = rng() < 0.5 ? Math.floor(rng() * 8) : Math.floor(rng() * 1000);
      if (kept.get(key) === undefined) kept.set(key, key);
      lastUsed.set(key, step);
      expect(kept.size).toBeLessThanOrEqual(max);
      // The `max` distinct keys used last, least recent first, are what it holds (looked at without
      // a get, which would count as a use).
      const recent = [...lastUsed]
        .sort((a, b) => a[1] - b[1])
        .slice(-max)
        .map(([k]) => k);
      const held = kept.keys();
      if (held.join() !== recent.join()) expect({ step, held }).toEqual({ step, held: recent });
    }
  });

  it('keeps its weight within the bound, the oldest going first, and counts a replaced entry once', () => {
    const kept = new KeptMap<string, string>(10, 10, (_key, value) => value.length);
    kept.set('a', 'xxxx');
    kept.set('b', 'xxxx');
    kept.set('a', 'xx'); // replaced: 2 + 4
    kept.set('c', 'xxxx'); // 10 in all
    expect(kept.keys()).toEqual(['b', 'a', 'c']);
    kept.set('d', 'x'); // 11: b goes
    expect(kept.keys()).toEqual(['a', 'c', 'd']);
    expect(kept.delete('c')).toBe(true);
    expect(kept.delete('c')).toBe(false);
    kept.set('e', 'xxxxxx'); // 2 + 1 + 6
    expect(kept.keys()).toEqual(['a', 'd', 'e']);
  });

  it('keeps an offered entry from its second offer on, among the recent offers only', () => {
    const kept = new KeptMap<string, number>(3);
    kept.offer('a', 1);
    expect(kept.get('a')).toBeUndefined();
    kept.offer('a', 2);
    expect(kept.get('a')).toBe(2);
    kept.offer('a', 3); // kept already: replaced at once
    expect(kept.get('a')).toBe(3);
    // Offers forgotten past the bound: b was offered, then four other keys once each.
    kept.offer('b', 1);
    for (const key of ['c', 'd', 'e', 'f']) kept.offer(key, 0);
    kept.offer('b', 2);
    expect(kept.get('b')).toBeUndefined();
    expect(kept.keys()).toEqual(['a']);
  });

  it('admits a key from its second asking, as offer keeps it, without a value made beforehand', () => {
    const kept = new KeptMap<string, number>(4);
    expect(kept.admits('a')).toBe(false);
    expect(kept.admits('a')).toBe(true);
    kept.set('a', 1);
    expect(kept.admits('a')).toBe(true); // kept already
    expect(kept.admits('b')).toBe(false);
    for (const key of ['c', 'd', 'e', 'f']) kept.admits(key);
    expect(kept.admits('b')).toBe(false); // forgotten past the bound
  });

  it('keeps nothing of a stream of keys offered once each, however long', () => {
    const kept = new KeptMap<number, number>(100);
    for (let key = 0; key < 10_000; key++) kept.offer(key, key);
    expect(kept.size).toBe(0);
    kept.offer(9_999, 1);
    expect(kept.keys()).toEqual([9_999]);
  });
});
