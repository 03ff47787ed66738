import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { andMarks, countMarks, everyMarked, orMarks, scratchMarks } from './marks';

/** Marks of any length, sometimes a view that starts off a word's boundary. */
const marks = (length: number) =>
  fc
    .tuple(fc.uint8Array({ min: 0, max: 1, minLength: length + 3, maxLength: length + 3 }), fc.nat({ max: 3 }))
    .map(([bytes, shift]) => bytes.subarray(shift, shift + length));

const pairOfMarks = fc.nat({ max: 70 }).chain((length) => fc.tuple(marks(length), marks(length)));

describe('marks', () => {
  it('ands and ors like one byte at a time, aligned or not', () => {
    fc.assert(
      fc.property(pairOfMarks, ([a, b]) => {
        const and = Uint8Array.from(a, (x, p) => x & b[p]);
        const or = Uint8Array.from(a, (x, p) => x | b[p]);
        const x = a.slice();
        andMarks(x, b);
        expect(x).toEqual(and);
        const y = a.slice();
        orMarks(y, b);
        expect(y).toEqual(or);
        // In place on a view: the bytes around it are left alone.
        const before = new Uint8Array(a.buffer).slice();
        andMarks(a, b);
        expect(a).toEqual(and);
        const after = new Uint8Array(a.buffer);
        for (let i = 0; i < after.length; i++) if (i < a.byteOffset || i >= a.byteOffset + a.length) expect(after[i]).toBe(before[i]);
      }),
      { seed: 3, numRuns: 1000 },
    );
  });

  it('visits every marked position in order, and stops when a visit says so', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 70 }).chain((length) => marks(length)),
        fc.nat({ max: 10 }),
        (m, stopAfter) => {
          const expected = [...m.keys()].filter((p) => m[p] === 1);
          const seen: number[] = [];
          expect(everyMarked(m, (p) => seen.push(p) > 0)).toBe(true);
          expect(seen).toEqual(expected);
          const some: number[] = [];
          const whole = everyMarked(m, (p) => some.push(p) <= stopAfter);
          expect(whole).toBe(expected.length <= stopAfter);
          expect(some).toEqual(expected.slice(0, stopAfter + 1));
        },
      ),
      { seed: 6, numRuns: 1000 },
    );
  });

  it('hands out scratch marks zeroed, the same per slot and size, apart between slots', () => {
    const first = scratchMarks(0, 10);
    first[3] = 1;
    const other = scratchMarks(1, 10);
    other[4] = 1;
    const again = scratchMarks(0, 10);
    expect(again).toBe(first);
    expect([...again]).toEqual(new Array(10).fill(0));
    expect(other[4]).toBe(1);
    expect(scratchMarks(0, 12)).toHaveLength(12);
  });

  it('counts the marked records, aligned or not', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 70 }).chain((length) => marks(length)),
        (some) => {
          expect(countMarks(some)).toBe([...some].filter((m) => m === 1).length);
        },
      ),
    );
  });
});
