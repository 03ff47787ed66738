import { describe, expect, it } from 'vitest';
import { Customer } from '../../../../contracts/pelcro/schemas';
import type { FilterAttribute } from '../../../../contracts/pelcro/requests';
import { compileLike } from '../../../../lib/php/like';
import { parseOptions } from '../../../core/options';
import { buildPelcroBase } from '../seed';
import { keyOf } from '../../../../lib/ordered-json';
import { BaseTable } from '../../../core/table';
import {
  BaseUniqueIndex,
  blankCustomer,
  type Condition,
  type CustomerBase,
  CustomerStore,
  customerColumns,
  customerKey,
  emptyAttributes,
  fieldsOf,
  indexCustomers,
  metadataColumns,
  metadataKeyColumns,
  SeededCustomer,
  type StoredCustomer,
  writtenCustomer,
} from './store';

describe('the compiled customer shapes', () => {
  it("makes a blank customer with the schema's keys in its order: empty attributes, the id and timestamps given", () => {
    const blank = blankCustomer(7, 1_764_590_000);
    expect(Object.keys(blank)).toEqual(Object.keys(Customer.shape));
    expect(blank).toEqual({ ...writtenCustomer(emptyAttributes()), id: 7, created_at: 1_764_590_000, updated_at: 1_764_590_000 });
  });

  it('gives every blank customer its own lists and metadata', () => {
    const [a, b] = [blankCustomer(1, 0), blankCustomer(2, 0)];
    expect(a.addresses).not.toBe(b.addresses);
    expect(a.metadata).not.toBe(b.metadata);
  });

  it("copies a draft's schema keys in the schema's order, and nothing else", () => {
    const draft = { extra: 1, email: 'a@b.co', id: 3, metadata: { x: 1 } };
    const view = writtenCustomer(draft);
    expect(Object.keys(view)).toEqual(Object.keys(Customer.shape));
    expect(view).toMatchObject({ id: 3, email: 'a@b.co', metadata: { x: 1 } });
    expect(view).not.toHaveProperty('extra');
  });
});

describe('like filters over the seeded customers', () => {
  const base = buildPelcroBase(parseOptions({ providers: ['pelcro'], seed: 5, scenario: { name: 'like', pelcro: { customers: 3_000 } } }));
  const store = new CustomerStore(base.customers);
  const like = (column: FilterAttribute, values: string[], or = false): Condition => ({ on: 'column', column, match: 'like', values, or });
  /** The customers passing `where`, each one read and matched (AND within a group, OR between groups). */
  function reference(where: Condition[]): number[] {
    const groups: Condition[][] = [];
    for (const [i, condition] of where.entries()) {
      if (i === 0 || condition.or) groups.push([condition]);
      else groups[groups.length - 1].push(condition);
    }
    return base.customers.table.records
      .map(fieldsOf)
      .filter((c) =>
        groups.some((group) =>
          group.every((condition) => {
            if (condition.on !== 'column') throw new Error('a column condition only');
            const text = c[condition.column];
            return text !== null && condition.values.some((value) => compileLike(value, { contains: true, caseInsensitive: true })(text));
          }),
        ),
      )
      .map((c) => c.id);
  }
  const ids = (where: Condition[]) => store.query({ where, order: 'id', page: { offset: 0, limit: 5_000 } }).records.map(customerKey);

  it.each([
    [[like('email', ['an'])]],
    [[like('email', ['AN'])]],
    [[like('email', ['gmail', 'yahoo'])]],
    [[like('email', ['%an']), like('first_name', ['Ma%'])]],
    [[like('last_name', ['É', 'ñ'])]],
    [[like('email', ['a%n%.com'])]],
    [[like('email', ['a_n'])]],
    [[like('email', ['%'])]],
    [[like('email', ['\\%'])]],
    [[like('first_name', ['ma']), like('last_name', ['son'])]],
    [[like('first_name', ['ma']), like('last_name', ['son'], true)]],
    [[like('first_name', ['zzq']), like('email', ['ann'], true), like('last_name', ['e'])]],
  ] as Condition[][][])('finds through the text columns what reading each customer finds (%j)', (where) => {
    expect(ids(where)).toEqual(reference(where));
  });

  it('finds metadata values through their columns, case-sensitively, as reading each customer does', () => {
    const customers = base.customers.table.records.map(fieldsOf);
    const meta = (c: { metadata: unknown }, key: string) => {
      const value = (c.metadata as Record<string, unknown>)[key];
      return value === undefined || value === null ? null : String(value);
    };
    const crm = customers.map((c) => meta(c, 'crm_id')).find((v) => v !== null)!;
    const cases: [string, 'eq' | 'like', string[]][] = [
      ['source', 'eq', [meta(customers.find((c) => meta(c, 'source') !== null)!, 'source')!]],
      ['segment', 'like', ['a']],
      ['segment', 'like', ['A']],
      ['newsletter_opt_in', 'eq', ['true']],
      ['crm_id', 'eq', [crm, crm.slice(0, -1)]],
      ['crm_id', 'like', [crm.slice(2, 7)]],
    ];
    for (const [key, match, values] of cases) {
      const found = ids([{ on: 'metadata', path: [key], match, values, or: false }]);
      const passes = (text: string | null) =>
        text !== null && values.some((v) => (match === 'eq' ? text === v : compileLike(v, { contains: true })(text)));
      expect(found, `${key} ${match} ${values}`).toEqual(customers.filter((c) => passes(meta(c, key))).map((c) => c.id));
    }
    expect(ids([{ on: 'metadata', path: ['segment'], match: 'like', values: ['a'], or: false }]).length).toBeGreaterThan(0);
  });

  it('finds equal values through the text columns, case-insensitively, as reading each customer does', () => {
    const customers = base.customers.table.records.map(fieldsOf);
    for (const column of ['email', 'first_name', 'last_name'] as const) {
      const values = [customers[10][column] ?? 'x', (customers[20][column] ?? 'x').toUpperCase(), (customers[30][column] ?? 'xx').slice(1)];
      const found = ids([{ on: 'column', column, match: 'eq', values, or: false }]);
      const wanted = new Set(values.map((v) => v.toLowerCase()));
      expect(found).toEqual(customers.filter((c) => c[column] !== null && wanted.has(c[column].toLowerCase())).map((c) => c.id));
      expect(found.length).toBeGreaterThan(0);
    }
  });
});

describe('has filters over the seeded customers', () => {
  // Keys as a client may send them: prefixes of one another, an array index (stored marked), the
  // column's own bound and NUL inside a key, the empty key; values null or not.
  const KEYS = ['crm', 'crm_id', 'id', '0', '12', 'a\u0001b', 'a', 'b', '', 'ключ', 'x\u0000y'];
  function customersWith(seed: number, withNul: boolean): SeededCustomer[] {
    let n = seed;
    const draw = (k: number) => {
      n = (Math.imul(n, 1103515245) + 12345) >>> 0;
      return n % k;
    };
    const rebuilder = { read: () => ({}) as never };
    return Array.from({ length: 4_000 }, (_, i) => {
      const metadata: Record<string, unknown> = {};
      // Most customers hold no key, a few one or two: a key's pairs then rule most out.
      for (let k = draw(40) < 37 ? 0 : 1 + draw(2); k > 0; k--) {
        const key = KEYS[draw(KEYS.length)];
        if (!withNul && key.includes('\u0000')) continue;
        metadata[keyOf(key)] = draw(3) === 0 ? null : `v${i}`;
      }
      return new SeededCustomer(i + 1, null, null, null, metadata as never, rebuilder);
    });
  }
  function baseOf(records: StoredCustomer[]): CustomerBase {
    const table = new BaseTable(records, customerKey);
    const unique = { email: new BaseUniqueIndex(), username: new BaseUniqueIndex(), old_provider_id: new BaseUniqueIndex() };
    return {
      table,
      index: indexCustomers(table),
      unique,
      maxId: records.length,
      columns: customerColumns(table),
      metadata: metadataColumns(table),
      metadataKeys: metadataKeyColumns(table),
    };
  }
  const holds = (c: StoredCustomer, keys: string[]) => {
    const metadata = fieldsOf(c).metadata as Record<string, unknown>;
    return keys.some((key) => Object.hasOwn(metadata, keyOf(key)) && metadata[keyOf(key)] !== null);
  };

  it.each([
    [3, false],
    [4, true],
  ])('finds the customers holding a key through the keys column as reading each one does (seed %i, NUL in keys %s)', (seed, withNul) => {
    const records = customersWith(seed, withNul);
    const store = new CustomerStore(baseOf(records));
    for (const keys of [...KEYS.map((k) => [k]), ['crm', 'nope'], ['0', '12'], ['a', 'b'], ['a\u0001'], ['\u0001b']]) {
      const where: Condition[] = [{ on: 'metadata_keys', keys, or: false }];
      const found = store.query({ where, order: 'id', page: { offset: 0, limit: 5_000 } }).records.map(customerKey);
      expect(found, JSON.stringify(keys)).toEqual(records.filter((c) => holds(c, keys)).map(customerKey));
    }
  });

  it('puts in its column only the keys whose value is not null, each between two bounds', () => {
    const rebuilder = { read: () => ({}) as never };
    const records = [new SeededCustomer(1, null, null, null, { a: 1, b: null, [keyOf('7')]: 'x' } as never, rebuilder)];
    const column = metadataKeyColumns(new BaseTable<StoredCustomer>(records, customerKey)).column('keys', false);
    const marked = (needle: string) => {
      const into = new Uint8Array(1);
      column.mark(needle, into);
      return into[0];
    };
    expect(marked('\u0001a\u0001')).toBe(1);
    expect(marked('\u0001b\u0001')).toBe(0);
    expect(marked(`\u0001${keyOf('7')}\u0001`)).toBe(1);
  });
});
