import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairSignatures } from './pair-signatures';

const digits = (i: number) => `n${i}.`;

describe('PairSignatures', () => {
  it('leaves every record whose text contains the needle, for any texts and needle', () => {
    const char = fc.constantFrom('a', 'b', 'c', 'é', '😀', ' ', '\u0000', 'Z');
    const text = fc.array(char, { maxLength: 10 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 80 }), text, (texts, needle) => {
        const found = PairSignatures.of(texts).candidates(needle, Number.POSITIVE_INFINITY);
        if (needle.length < 2) {
          expect(found).toBeUndefined();
          return;
        }
        const left = new Set(found);
        for (const [p, t] of texts.entries()) if (t.includes(needle)) expect(left.has(p)).toBe(true);
        expect([...left]).toEqual([...left].sort((a, b) => a - b));
      }),
      { seed: 8, numRuns: 2000 },
    );
  });

  it('rules out most records for a needle of a few characters', () => {
    const texts = Array.from({ length: 10_000 }, (_, i) => digits(i));
    const found = PairSignatures.of(texts).candidates('n4711.', 10_000);
    expect(found).toContain(4711);
    // Pairs n4, 47, 71, 11, 1. are shared with others (n4711 is rare, its pairs are not).
    expect(found!.length).toBeLessThan(200);
    expect(PairSignatures.of(texts).candidates('qq', 10_000)).toEqual(new Int32Array(0));
  });

  it('gives up past atMost records, and on a needle without a pair', () => {
    const texts = Array.from({ length: 1_000 }, (_, i) => digits(i));
    const signatures = PairSignatures.of(texts);
    expect(signatures.candidates('n', 1_000)).toBeUndefined();
    expect(signatures.candidates('n1', 50)).toBeUndefined();
    expect(signatures.candidates('n1', 1_000)!.length).toBeGreaterThanOrEqual(111);
  });
});
