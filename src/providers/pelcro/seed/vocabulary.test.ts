import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { storedOneByte } from '../../../core/one-byte';
import { addInterval, createRegions, DAY, drawRegionWords, KEPT_WORDS_SEED } from './vocabulary';

/** What addInterval stands in for: the calendar step as `Date` takes it. */
function byDate(seconds: number, interval: 'month' | 'year', count: number): number {
  const date = new Date(seconds * 1000);
  if (interval === 'month') date.setUTCMonth(date.getUTCMonth() + count);
  else date.setUTCFullYear(date.getUTCFullYear() + count);
  return Math.floor(date.getTime() / 1000);
}

describe('addInterval', () => {
  it('moves months and years on exactly as Date does, month ends and leap days included', () => {
    fc.assert(
      fc.property(
        // 1900 to 2200, so centuries that are and are not leap years are crossed.
        fc.integer({ min: -2_208_988_800, max: 7_258_118_400 }),
        fc.constantFrom('month' as const, 'year' as const),
        fc.integer({ min: 1, max: 36 }),
        (seconds, interval, count) => {
          expect(addInterval(seconds, interval, count)).toBe(byDate(seconds, interval, count));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('lets the day of the month overflow into the next month, as setUTCMonth does', () => {
    const jan31 = Date.UTC(2024, 0, 31, 10, 30) / 1000;
    expect(new Date(addInterval(jan31, 'month', 1) * 1000).toISOString()).toBe('2024-03-02T10:30:00.000Z');
    const feb29 = Date.UTC(2024, 1, 29) / 1000;
    expect(new Date(addInterval(feb29, 'year', 1) * 1000).toISOString()).toBe('2025-03-01T00:00:00.000Z');
  });

  it('adds days and weeks as fixed lengths', () => {
    expect(addInterval(1000, 'day', 3)).toBe(1000 + 3 * DAY);
    expect(addInterval(1000, 'week', 2)).toBe(1000 + 14 * DAY);
  });
});

describe('the words of the default seed', () => {
  it('are kept as faker draws them (after a faker upgrade: npm run words)', () => {
    const kept = createRegions(KEPT_WORDS_SEED).map((region) => region.words);
    expect(kept).toEqual(drawRegionWords(KEPT_WORDS_SEED));
  });

  it('are stored one byte a character where they can be, as drawn words are', () => {
    const twoByte = createRegions(KEPT_WORDS_SEED)
      .flatMap((region) => Object.values(region.words).flat())
      .filter((word) => [...word].every((c) => c.charCodeAt(0) < 0x100) && !storedOneByte(word));
    expect(twoByte).toEqual([]);
  });

  it('are drawn for any other seed', () => {
    expect(createRegions(2).map((region) => region.words)).toEqual(drawRegionWords(2));
    expect(createRegions(2)[0].words.firstNames).not.toEqual(createRegions(KEPT_WORDS_SEED)[0].words.firstNames);
  });
});
