import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ColumnBudget, TextColumn } from './text-column';

/** The records whose text contains `needle`, as a column marks them. */
function marked(column: TextColumn, needle: string): number[] | false {
  const into = new Uint8Array(column.size);
  if (!column.mark(needle, into)) return false;
  return [...into.keys()].filter((p) => into[p] === 1);
}

describe('TextColumn', () => {
  it('marks the records whose text contains the needle, once each, however often it occurs', () => {
    const column = TextColumn.of(['banana', 'apple', null, 'nab', '', 'ban']);
    expect(marked(column, 'an')).toEqual([0, 5]);
    expect(marked(column, 'a')).toEqual([0, 1, 3, 5]);
    expect(marked(column, 'ban')).toEqual([0, 5]);
    expect(marked(column, 'x')).toEqual([]);
  });

  it('never finds a needle across two records, and finds the empty needle in every text but a missing one', () => {
    const column = TextColumn.of(['ab', 'cd', null, '']);
    expect(marked(column, 'bc')).toEqual([]);
    expect(marked(column, '')).toEqual([0, 1, 3]);
  });

  it('declines a needle holding the separator, and every needle once a text holds it', () => {
    expect(marked(TextColumn.of(['a']), 'a\u0000')).toBe(false);
    const column = TextColumn.of(['a\u0000b', 'c']);
    expect(column.usable).toBe(false);
    expect(marked(column, 'c')).toBe(false);
  });

  it('places every record right among thousands', () => {
    const texts = Array.from({ length: 5_000 }, (_, i) => (i % 7 === 3 ? null : `<${i}>`));
    const column = TextColumn.of(texts);
    for (const i of [0, 1, 2046, 2047, 2048, 2049, 4095, 4096, 4999]) {
      expect(marked(column, `<${i}>`)).toEqual(texts[i] === null ? [] : [i]);
    }
    expect(marked(column, '>')).toHaveLength(texts.filter((t) => t !== null).length);
  });

  it('agrees with asking each text, for any texts and needle', () => {
    const char = fc.constantFrom('a', 'b', 'é', '😀', ' ');
    const text = fc.array(char, { maxLength: 6 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(fc.option(text, { nil: null }), { maxLength: 12 }), text, (texts, needle) => {
        const expected = texts.flatMap((t, p) => (t?.includes(needle) ? [p] : []));
        expect(marked(TextColumn.of(texts), needle)).toEqual(expected);
      }),
      { seed: 4, numRuns: 2000 },
    );
  });
});

describe('ColumnBudget', () => {
  it('grants searches while they last, and a build only for a column not kept', () => {
    const budget = new ColumnBudget(3, 1);
    expect(budget.take(2)).toBe(true);
    expect(budget.take(2)).toBe(false);
    expect(budget.take()).toBe(true);
    expect(budget.take()).toBe(false);
    expect(budget.build(true)).toBe(true);
    expect(budget.build(false)).toBe(true);
    expect(budget.build(false)).toBe(false);
    expect(budget.build(true)).toBe(true);
  });
});

describe('TextColumn over many records', () => {
  it('agrees with asking each text when its pairs leave only a few records to search', () => {
    // Hundreds of texts from a wide alphabet: a needle's pairs leave few records, so the column
    // searches those alone (the path a new search term takes at 100,000 customers).
    const char = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzé😀 .@-');
    const text = fc.array(char, { minLength: 0, maxLength: 12 }).map((a) => a.join(''));
    fc.assert(
      fc.property(
        fc.array(fc.option(text, { nil: null }), { minLength: 300, maxLength: 400 }),
        fc.nat(),
        fc.nat({ max: 4 }),
        (texts, pick, cut) => {
          // The needle: part of one record's text (so it is found), or its reverse (often not).
          const source = texts[pick % texts.length] ?? 'zq';
          const part = source.slice(cut, cut + 3);
          for (const needle of [part, [...part].reverse().join(''), `${part}x`]) {
            const expected = texts.flatMap((t, p) => (t?.includes(needle) ? [p] : []));
            expect(marked(TextColumn.of(texts), needle)).toEqual(expected);
          }
        },
      ),
      { seed: 5, numRuns: 300 },
    );
  });
});
