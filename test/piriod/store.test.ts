import { pgUpper } from '../../lib/postgres/upper';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random';
import { CustomerRecord, CustomerStore, type CustomerParts, SeededCustomers } from '../../src/providers/piriod/customers/store';
import { generateCustomers } from '../../src/providers/piriod/seed';
import { type Condition, metadataAt, metadataMatches } from '../../contracts/piriod/list-query';

describe('the seeded customers behind a list', () => {
  it('find the same customers by a metadata value through its column as by reading each one', () => {
    // Every 50th customer holds a number, a flag and an object besides what the seed gave it.
    const records = generateCustomers(4, 3_000).map((r) =>
      CustomerRecord.lazy(
        r.id,
        {
          name: r.name,
          email: r.email,
          tax_id: r.tax_id,
          country: r.country,
          status: r.status,
          metadata: r.seq % 50 === 0 ? { ...r.metadata, n: 7, flag: true, nested: { a: 'x' } } : r.metadata,
        },
        () => ({ attrs: r.attrs, related: r.related }),
        r.created,
        r.updated,
        r.seq,
      ),
    );
    const store = new CustomerStore(new SeededCustomers(records), createRng('metadata'));
    const crm = records.find((r) => typeof r.metadata.crm_id === 'string')!.metadata.crm_id as string;
    const cases: [string[], string][] = [
      [['segment'], 'pyme'],
      [['crm_id'], crm],
      [['crm_id'], crm.slice(0, -1)],
      [['n'], '7'],
      [['flag'], 'true'],
      [['nested', 'a'], 'x'],
      [['nested'], '{"a":"x"}'],
      [['nested'], '{"a": "x"}'],
    ];
    for (const [path, value] of cases) {
      const found = store.query({ where: [{ kind: 'metadata', path, value }], order: [], page: { number: 1, size: 5_000 } });
      const expected = records.filter((r) => metadataMatches(metadataAt(r.metadata, path), value));
      expect(found.count, `${path.join('__')}=${value}`).toBe(expected.length);
      expect(new Set(found.records?.map((r) => r.id))).toEqual(new Set(expected.map((r) => r.id)));
    }
  });

  it('find the same customers by contains, icontains, search, country and status through their columns as by reading each one', () => {
    const generated = generateCustomers(3, 3_000);
    const store = new CustomerStore(new SeededCustomers(generated), createRng('columns'));
    const ids = (where: Condition[]) =>
      store.query({ where, order: [{ field: 'name', descending: false }], page: { number: 1, size: 5_000 } }).records!.map((r) => r.id);
    const byName = new Map(ids([]).map((id, i) => [id, i]));
    // The records that pass, read one by one, in the list's order.
    const named = (pass: (r: CustomerRecord) => boolean) =>
      generated
        .filter(pass)
        .map((r) => r.id)
        .sort((a, b) => byName.get(a)! - byName.get(b)!);
    // icontains and search compare PostgreSQL's upper() of both sides (the reader folds search terms).
    const fold = (text: string | null) => (text === null ? null : pgUpper(text));
    for (const value of ['an', 'AN', 'gmail', '7', '.cl', 'zzq', '']) {
      for (const field of ['name', 'email', 'tax_id'] as const) {
        const icontains = ids([{ kind: 'text', field, lookup: 'icontains', value }]);
        expect(icontains).toEqual(named((r) => fold(r[field])?.includes(pgUpper(value)) ?? false));
        const contains = ids([{ kind: 'text', field, lookup: 'contains', value }]);
        expect(contains).toEqual(named((r) => r[field]?.includes(value) ?? false));
      }
    }
    const some = generated.slice(100, 103);
    for (const field of ['name', 'email', 'tax_id'] as const) {
      for (const value of [some[0][field] ?? 'x', (some[1][field] ?? 'x').slice(1), '']) {
        expect(ids([{ kind: 'text', field, lookup: 'exact', value }])).toEqual(named((r) => r[field] === value));
      }
      const values = some.map((r) => r[field] ?? 'x');
      expect(ids([{ kind: 'text_in', field, values }])).toEqual(named((r) => values.includes(r[field] ?? '\u0000')));
    }
    const created = generated.map((r) => r.created).sort((a, b) => a - b);
    for (const micros of [created[0], created[1500], created[1500] + 1, created[2999], created[0] - 1, created[2999] + 1]) {
      for (const bound of ['gte', 'lte'] as const) {
        expect(ids([{ kind: 'created', bound, micros }])).toEqual(
          named((r) => (bound === 'gte' ? r.created >= micros : r.created <= micros)),
        );
      }
    }
    const [from, to] = [created[700], created[760]];
    expect(
      ids([
        { kind: 'created', bound: 'gte', micros: from },
        { kind: 'created', bound: 'lte', micros: to },
      ]),
    ).toEqual(named((r) => r.created >= from && r.created <= to));
    // Country and status through their codes, alone and with a column's condition.
    const countries = [...new Set(generated.map((r) => r.country))].filter((c) => c !== null).slice(0, 2);
    for (const codes of [countries.slice(0, 1), countries, ['ZZ'], []]) {
      expect(ids([{ kind: 'country', codes }])).toEqual(named((r) => r.country !== null && codes.includes(r.country)));
    }
    for (const values of [['active'], ['archived', 'active'], ['none']]) {
      const where: Condition[] = [
        { kind: 'status', values },
        { kind: 'country', codes: countries },
        { kind: 'text', field: 'name', lookup: 'icontains', value: 'a' },
      ];
      expect(ids(where)).toEqual(
        named(
          (r) => values.includes(r.status) && r.country !== null && countries.includes(r.country) && (fold(r.name)?.includes('A') ?? false),
        ),
      );
    }
    for (const terms of [['an'], ['an', 'gmail'], ['s.a', '7'], ['zzq'], ['']]) {
      const found = ids([{ kind: 'search', terms: terms.map(pgUpper) }]);
      const inAny = (r: CustomerRecord, t: string) => [r.name, r.email, r.tax_id].some((text) => fold(text)?.includes(pgUpper(t)) ?? false);
      expect(found).toEqual(named((r) => terms.every((t) => inAny(r, t))));
    }
  });

  it('answer the status, metadata and sources filters from what each record keeps, never rebuilding one', () => {
    const generated = generateCustomers(1, 2_000);
    let rebuilt = 0;
    // The same records, counting every rebuild of their parts.
    const parts = new Map(generated.map((r) => [r.id, { attrs: r.attrs, related: r.related }]));
    const records = generated.map((r) =>
      CustomerRecord.lazy(
        r.id,
        { name: r.name, email: r.email, tax_id: r.tax_id, country: r.country, status: r.status, metadata: r.metadata },
        (record): CustomerParts => {
          rebuilt++;
          return parts.get(record.id)!;
        },
        r.created,
        r.updated,
        r.seq,
      ),
    );
    const owners = new Map(generated.flatMap((r) => r.related.sources.map((s) => [s.id, r.id] as const)));
    const store = new CustomerStore(new SeededCustomers(records, (id) => owners.get(id)), createRng('store'));
    const page = { number: 1, size: 20 };
    const archived = store.query({
      where: [{ kind: 'status', values: ['archived'] }],
      order: [{ field: 'name', descending: false }],
      page,
    });
    expect(archived.count).toBe(generated.filter((r) => r.attrs.status === 'archived').length);
    const segment = store.query({ where: [{ kind: 'metadata', path: ['segment'], value: 'pyme' }], order: [], page });
    expect(segment.count).toBe(generated.filter((r) => r.attrs.metadata.segment === 'pyme').length);
    const [sourceId, owner] = [...owners][7];
    const holding = store.query({ where: [{ kind: 'source', id: sourceId }], order: [], page });
    expect(holding.records!.map((r) => r.id)).toEqual([owner]);
    expect(store.query({ where: [{ kind: 'source', id: 'sou_none' }], order: [], page }).count).toBe(0);
    expect(rebuilt).toBe(0);
  });

  it('count a broad filter whole and give any page of it, when its first page found only what that page needed', () => {
    const generated = generateCustomers(5, 3_000);
    const store = new CustomerStore(new SeededCustomers(generated), createRng('pages'));
    const where: Condition[] = [{ kind: 'text', field: 'name', lookup: 'icontains', value: 'a' }];
    const order = [{ field: 'name' as const, descending: false }];
    const all = store.query({ where, order, page: { number: 1, size: 3_000 } }).records!.map((r) => r.id);
    expect(all.length).toBe(generated.filter((r) => r.name.toLowerCase().includes('a')).length);
    // A second store over a fresh base: nothing found yet, so its first page finds only 20.
    const fresh = new CustomerStore(new SeededCustomers(generateCustomers(5, 3_000)), createRng('pages'));
    const first = fresh.query({ where, order, page: { number: 1, size: 20 } });
    expect(first.count).toBe(all.length);
    expect(first.records!.map((r) => r.id)).toEqual(all.slice(0, 20));
    for (const number of [3, 'last' as const, 2]) {
      const page = fresh.query({ where, order, page: { number, size: 20 } });
      const n = number === 'last' ? Math.ceil(all.length / 20) : number;
      expect(page.count).toBe(all.length);
      expect(page.records!.map((r) => r.id)).toEqual(all.slice((n - 1) * 20, n * 20));
    }
  });
});
