import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstReached, lowerBound, upperBound } from './search';

describe('binary searches', () => {
  it('find the first place at or past a value, or past it, as a walk from the start does, within any bounds', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 })), fc.integer({ min: -6, max: 6 }), fc.nat(), fc.nat(), (values, value, a, b) => {
        const sorted = Float64Array.from(values).sort();
        const lo = Math.min(a, b) % (sorted.length + 1);
        const hi = Math.max(lo, Math.max(a, b) % (sorted.length + 1));
        const walk = (past: (x: number) => boolean) => {
          let i = lo;
          while (i < hi && !past(sorted[i])) i++;
          return i;
        };
        expect(lowerBound(sorted, value, lo, hi)).toBe(walk((x) => x >= value));
        expect(upperBound(sorted, value, lo, hi)).toBe(walk((x) => x > value));
        expect(firstReached(lo, hi, (i) => sorted[i] > value)).toBe(walk((x) => x > value));
      }),
      { seed: 2, numRuns: 2000 },
    );
  });
});
