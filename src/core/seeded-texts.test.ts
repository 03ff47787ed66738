import { describe, expect, it } from 'vitest';
import { SEEDED_TEXT_CHARS, seededTextCache } from './seeded-texts';

describe('seededTextCache', () => {
  it('keeps at most its characters of texts however many records are read twice', () => {
    const cache = seededTextCache<number>();
    const texts = new Map<number, string>();
    // 8,000 records of a Piriod text's size, each read twice: 12.8 million characters offered.
    for (let id = 0; id < 8_000; id++) {
      const text = `${id}`.padEnd(1_600, 'x');
      texts.set(id, text);
      cache.offer(id, text);
      cache.offer(id, text);
    }
    const kept = cache.keys();
    const chars = kept.reduce((sum, id) => sum + (texts.get(id)?.length ?? 0), 0);
    expect(chars).toBeLessThanOrEqual(SEEDED_TEXT_CHARS);
    // What it keeps is what was read last: the bound is filled, not left mostly empty.
    expect(chars).toBeGreaterThan(SEEDED_TEXT_CHARS - 1_600);
    expect(kept.at(-1)).toBe(7_999);
    expect(cache.get(7_999)).toBe(texts.get(7_999));
    expect(cache.get(0)).toBeUndefined();
  });

  it('keeps a text from its second reading, not its first', () => {
    const cache = seededTextCache<string>();
    cache.offer('a', 'text of a');
    expect(cache.get('a')).toBeUndefined();
    cache.offer('a', 'text of a');
    expect(cache.get('a')).toBe('text of a');
  });
});
