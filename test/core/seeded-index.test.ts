import { type AddressInfo, connect, createServer } from 'node:net';
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

  it('orders by a collated key exactly as sorting every record by the collator would, ties by position', () => {
    const collator = new Intl.Collator('en-US', { ignorePunctuation: true });
    // Texts a collation equates or splits in surprising ways: punctuation and spaces ignored,
    // case and accents second, digits, empty and odd code points.
    const awkward = [
      'a-b',
      'ab',
      'AB',
      'a b',
      'a.b',
      'Ab',
      'ab ',
      ' ab',
      '',
      ' ',
      '-',
      'ä',
      'a',
      'A',
      'á',
      'à',
      'Á',
      'ñ',
      'n',
      'N',
      'Ñandú',
      'nandu',
      'ß',
      'ss',
      'SS',
      'æ',
      'ae',
      'Æ',
      'ﬁ',
      'fi',
      '1',
      '10',
      '2',
      '٢',
      '½',
      'a\u0301',
      'e\u0301',
      'é',
      'Peña y Núñez',
      'Pena y Nunez',
      "O'Higgins",
      'OHiggins',
      'o-higgins',
      'Z',
      'z',
      'ž',
      '\u{1F600}',
      '\u{1F601}',
      '\t',
      'a\u0000b',
      'İ',
      'ı',
      'i',
      'I',
    ];
    const rng = createRng('awkward');
    const records = Array.from({ length: 2000 }, (_, id) => ({ id, word: awkward[Math.floor(rng() * awkward.length)], n: 0 }));
    const index = new SeededIndex(new BaseTable(records, (r) => r.id));
    index.defineKeyed('word', (r) => r.word, collator.compare);
    const expected = records.map((_r, i) => i).sort((i, j) => collator.compare(records[i].word, records[j].word) || i - j);
    expect([...index.ascending('word')]).toEqual(expected);
    const rank = index.rank('word');
    for (let k = 1; k < expected.length; k++) {
      const same = collator.compare(records[expected[k - 1]].word, records[expected[k]].word) === 0;
      expect(rank[expected[k]] - rank[expected[k - 1]]).toBe(same ? 0 : 1);
    }
  });

  it('orders a numeric field by value then position, whatever the values (duplicates, negatives, zeros, µs instants)', () => {
    const values = [0, -0, 1, -1, 1.5, 1e15, 1751299200000000, 1751299200000001, Number.MAX_SAFE_INTEGER, -1e15, 3, 3, 3];
    const rng = createRng('numeric');
    const records = Array.from({ length: 1500 }, (_, id) => ({ id, word: '', n: values[Math.floor(rng() * values.length)] }));
    const index = new SeededIndex(new BaseTable(records, (r) => r.id));
    index.defineNumeric('n', (r) => r.n);
    const expected = records.map((_r, i) => i).sort((i, j) => records[i].n - records[j].n || i - j);
    expect([...index.ascending('n')]).toEqual(expected);
    expect([...index.descending('n')]).toEqual([...expected].reverse());
  });

  it('orders a numeric field of many thousand records, sorted and merged in pieces, as one sort would', () => {
    // More records than one natively sorted piece (8,192), and not a multiple of it: five pieces,
    // merged pairwise with an odd one over, ties and zeros of both signs among them.
    const rng = createRng('numeric-many');
    const records = Array.from({ length: 37_000 }, (_, id) => ({
      id,
      word: '',
      n: rng() < 0.3 ? [0, -0, 7, -7][id % 4] : Math.round((rng() - 0.5) * 1e6) / 8,
    }));
    const index = new SeededIndex(new BaseTable(records, (r) => r.id));
    index.defineNumeric('n', (r) => r.n);
    const expected = records.map((_r, i) => i).sort((i, j) => records[i].n - records[j].n || i - j);
    expect([...index.ascending('n')]).toEqual(expected);
  });

  it('orders by several fields, each in its direction, then position, as one comparator would', () => {
    const records = rows(1200, 'terms');
    const index = new SeededIndex(new BaseTable(records, (r) => r.id));
    index.define('word', byWord);
    index.defineNumeric('n', (r) => r.n);
    index.defineKeyed(
      'exact',
      (r) => r.word,
      (a, b) => (a < b ? -1 : a > b ? 1 : 0),
    );
    const order = index.byTerms([
      { field: 'n', descending: true },
      { field: 'word', descending: false },
      { field: 'exact', descending: true },
    ]);
    const exact = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const expected = records
      .map((_r, i) => i)
      .sort((i, j) => records[j].n - records[i].n || byWord(records[i], records[j]) || exact(records[j].word, records[i].word) || i - j);
    expect([...order]).toEqual(expected);
  });

  it('builds a deferred order on its first use, or when told, once, the same as built at once', () => {
    const records = rows(500, 'deferred');
    const eager = new SeededIndex(new BaseTable(records, (r) => r.id));
    eager.define('word', byWord);
    eager.defineNumeric('n', (r) => r.n);
    const lazy = new SeededIndex(new BaseTable(records, (r) => r.id));
    let reads = 0;
    lazy.deferKeyed(
      'word',
      (r) => {
        reads++;
        return r;
      },
      byWord,
    );
    lazy.deferNumeric('n', (r) => {
      reads++;
      return r.n;
    });
    expect(reads).toBe(0);
    const terms = [
      { field: 'n', descending: false },
      { field: 'word', descending: true },
    ];
    expect([...lazy.byTerms(terms)]).toEqual([...eager.byTerms(terms)]);
    expect(reads).toBe(1000);
    lazy.buildDeferred();
    expect(reads).toBe(1000);
    expect([...lazy.descending('word')]).toEqual([...eager.descending('word')]);
  });

  it('builds its deferred orders only after a request that arrived during the seed has been read', async () => {
    const index = new SeededIndex(new BaseTable(rows(10, 'soon'), (r) => r.id));
    const events: string[] = [];
    index.deferKeyed(
      'word',
      (r) => {
        if (!events.includes('build')) events.push('build');
        return r;
      },
      byWord,
    );
    const server = createServer((socket) => socket.on('data', () => events.push('request')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    // As at start: the seed is built while a client connects and sends its request.
    const client = connect(port, '127.0.0.1', () => client.write('GET / HTTP/1.1\r\n\r\n'));
    await new Promise((resolve) => client.on('connect', resolve));
    index.buildDeferredSoon();
    const until = Date.now() + 60;
    while (Date.now() < until) {} // the seed's work, longer than the build's delay
    await new Promise((resolve) => setTimeout(resolve, 100));
    client.destroy();
    server.close();
    expect(events).toEqual(['request', 'build']);
  });

  it('builds deferred orders in slices, letting the loop turn between them, to the order built at once', async () => {
    const records = Array.from({ length: 40_000 }, (_, id) => ({ id, word: `w${(id * 7919) % 40_000}`, n: id % 13 }));
    const slow = (x: Row, y: Row) => x.word.localeCompare(y.word); // a collator's cost, or near it
    const eager = new SeededIndex(new BaseTable(records, (r) => r.id));
    eager.define('word', slow);
    const sliced = new SeededIndex(new BaseTable(records, (r) => r.id));
    let turns = 0;
    let turnsAtStart: number | undefined;
    sliced.deferKeyed(
      'word',
      (r) => {
        turnsAtStart ??= turns;
        return r;
      },
      slow,
    );
    sliced.deferNumeric('n', (r) => r.n);
    sliced.buildDeferredSoon();
    // Turns of the loop until the builds are done (asking for an order would build it at once).
    while (sliced.pendingOrders > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      turns++;
    }
    expect(turns - turnsAtStart!).toBeGreaterThan(3);
    expect([...sliced.ascending('word')]).toEqual([...eager.ascending('word')]);
  });

  it('finishes a build begun in slices at once when a list needs its order', async () => {
    const records = rows(20_000, 'midway');
    const eager = new SeededIndex(new BaseTable(records, (r) => r.id));
    eager.define('word', byWord);
    const sliced = new SeededIndex(new BaseTable(records, (r) => r.id));
    sliced.deferKeyed('word', (r) => r, byWord);
    sliced.buildDeferredSoon();
    await new Promise((resolve) => setTimeout(resolve, 25)); // the build has begun, or is about to
    expect([...sliced.ascending('word')]).toEqual([...eager.ascending('word')]);
  });
});
