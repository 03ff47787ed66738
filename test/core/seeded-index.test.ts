import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random';
import { type IndexedQuery, SeededIndex, select } from '../../src/core/seeded-index';
import { BaseTable, Table } from '../../src/core/table';

interface Row {
  id: number;
  word: string;
  n: number;
}

const WORDS = ['b', 'a', 'C', 'c', 'B', 'aa', 'A'];
const byWord = (x: Row, y: Row) => (x.word.toLowerCase() < y.word.toLowerCase() ? -1 : x.word.toLowerCase() > y.word.toLowerCase() ? 1 : 0);
const byN = (x: Row, y: Row) => x.n - y.n;

function rows(count: number, seed: string): Row[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, id) => ({ id, word: WORDS[Math.floor(rng() * WORDS.length)], n: Math.floor(rng() * 5) }));
}

/** The list as a full scan would answer it: every live record, filtered, sorted by the comparator. */
function scan(table: Table<Row>, query: IndexedQuery<Row>): Row[] {
  return [...table.values()].filter((r) => !query.test || query.test(r)).sort(query.compare);
}

describe('SeededIndex and select', () => {
  it('answer every page exactly as a full scan does, before and after inserts, replacements and removals', () => {
    const base = new BaseTable(rows(300, 'base'), (r) => r.id);
    const index = new SeededIndex(base);
    index.define('word', byWord);
    index.define('n', byN);
    const queries: IndexedQuery<Row>[] = [
      { key: 'word', test: undefined, order: () => index.ascending('word'), compare: (x, y) => byWord(x, y) || x.id - y.id },
      { key: '-word', test: undefined, order: () => index.descending('word'), compare: (x, y) => byWord(y, x) || y.id - x.id },
      {
        key: 'n<3|word',
        test: (r) => r.n < 3,
        order: () => index.ascending('word'),
        compare: (x, y) => byWord(x, y) || x.id - y.id,
      },
      {
        key: 'a|-n,word',
        test: (r) => r.word.toLowerCase().includes('a'),
        order: () =>
          index.byTerms([
            { field: 'n', descending: true },
            { field: 'word', descending: false },
          ]),
        compare: (x, y) => byN(y, x) || byWord(x, y) || x.id - y.id,
      },
    ];
    const table = new Table(base);
    const rng = createRng('writes');
    let nextId = 300;
    for (let round = 0; round < 40; round++) {
      for (const query of queries) {
        const expected = scan(table, query);
        const window = select(index, table, query);
        expect(window.count).toBe(expected.length);
        for (const [offset, limit] of [
          [0, 7],
          [5, 20],
          [expected.length - 3, 10],
          [expected.length + 5, 10],
        ]) {
          expect(window.page(Math.max(0, offset), limit).map((r) => r.id)).toEqual(
            expected.slice(Math.max(0, offset), Math.max(0, offset) + limit).map((r) => r.id),
          );
        }
      }
      const roll = rng();
      const target = Math.floor(rng() * nextId);
      const fresh = { id: target, word: WORDS[Math.floor(rng() * WORDS.length)], n: Math.floor(rng() * 5) };
      if (roll < 0.4) table.insert({ ...fresh, id: nextId++ });
      else if (roll < 0.8 && table.has(target)) table.replace(fresh);
      else table.remove(target);
    }
  });

  it('keeps the seeded positions passing a plan, so a repeated plan does not run its test again', () => {
    const index = new SeededIndex(new BaseTable(rows(50, 'cache'), (r) => r.id));
    index.define('n', byN);
    let tests = 0;
    const query: IndexedQuery<Row> = {
      key: 'n=1',
      test: (r) => {
        tests++;
        return r.n === 1;
      },
      order: () => index.ascending('n'),
      compare: (x, y) => byN(x, y) || x.id - y.id,
    };
    const first = index.matching(query);
    expect(tests).toBe(50);
    expect(index.matching(query)).toBe(first);
    expect(tests).toBe(50);
  });
});
