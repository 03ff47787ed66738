import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValueColumn } from './value-column';

function marked(column: ValueColumn, values: string[]): number[] {
  const into = new Uint8Array(column.size);
  for (const value of values) column.mark(value, into);
  return [...into.keys()].filter((p) => into[p] === 1);
}

describe('ValueColumn', () => {
  it('marks every record holding a value, exactly and case-sensitively, and none without a text', () => {
    const column = ValueColumn.of(['Ana', null, 'ana', 'Ana', '', 'Ana ']);
    expect(marked(column, ['Ana'])).toEqual([0, 3]);
    expect(marked(column, ['ana', ''])).toEqual([2, 4]);
    expect(marked(column, ['An', 'nobody'])).toEqual([]);
  });

  it('agrees with comparing each text, for any texts and values', () => {
    const text = fc.constantFrom('a', 'b', 'ab', '', null);
    fc.assert(
      fc.property(
        fc.array(text, { maxLength: 50 }),
        fc.array(fc.constantFrom('a', 'b', 'ab', '', 'x'), { maxLength: 4 }),
        (texts, values) => {
          expect(marked(ValueColumn.of(texts), values)).toEqual(
            [...texts.keys()].filter((p) => texts[p] !== null && values.includes(texts[p]!)),
          );
        },
      ),
    );
  });
});
