import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodeColumn } from './code-column';

function marked(column: CodeColumn, values: string[]): number[] {
  const into = new Uint8Array(column.size);
  column.mark(values, into);
  return [...into.keys()].filter((p) => into[p] === 1);
}

describe('CodeColumn', () => {
  it('marks the records holding any of the values, never one holding none', () => {
    const column = CodeColumn.of(['CL', null, 'MX', 'CL', 'US'], 5)!;
    expect(marked(column, ['CL'])).toEqual([0, 3]);
    expect(marked(column, ['MX', 'US', 'ZZ'])).toEqual([2, 4]);
    expect(marked(column, ['ZZ'])).toEqual([]);
    expect(marked(column, [])).toEqual([]);
  });

  it('declines a field with more distinct values than it codes', () => {
    expect(
      CodeColumn.of(
        Array.from({ length: 70_000 }, (_, i) => `v${i}`),
        70_000,
      ),
    ).toBeUndefined();
  });

  it('agrees with asking each record, for any values', () => {
    const value = fc.constantFrom('a', 'b', 'c', 'd', null);
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 60 }),
        fc.array(fc.constantFrom<string>('a', 'b', 'c', 'x'), { maxLength: 3 }),
        (values, wanted) => {
          const column = CodeColumn.of(values, values.length)!;
          expect(marked(column, wanted)).toEqual([...values.keys()].filter((p) => values[p] !== null && wanted.includes(values[p]!)));
        },
      ),
    );
  });
});
