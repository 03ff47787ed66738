/**
 * A seeded table of records generated with their owner (addresses, payment sources, subscriptions):
 * numbered 1…generated in the order they were drawn, then the fixtures' own records. The generated
 * ones are not kept: a record is rebuilt from its owner when read (the seed replayed, same bytes),
 * so 100,000 customers' related records cost a few bytes each instead of a whole object each.
 * It is a BaseTable to every reader (the same fields); reading every record, as a full snapshot
 * does, rebuilds them all, in order.
 */
import { BaseTable, type Key } from '../../../core/table';

/** Records of one resource while the seed is built: how many the generator numbered, then the fixtures'. */
export interface SeededRows<T extends { id: number }> {
  generated: number;
  extra: T[];
}

/** The id after the highest one (an auto-increment column's next value). */
export function nextRowId(rows: SeededRows<{ id: number }>): number {
  return rows.extra.reduce((max, r) => Math.max(max, r.id), rows.generated) + 1;
}

/** Whether a record of `rows` has `id`. */
export function hasRow(rows: SeededRows<{ id: number }>, id: number): boolean {
  return (Number.isInteger(id) && id >= 1 && id <= rows.generated) || rows.extra.some((r) => r.id === id);
}

const INDEX = /^(0|[1-9]\d*)$/;

class LazyIds<T extends { id: number }> implements ReadonlyMap<Key, T> {
  private readonly extra: ReadonlyMap<Key, T>;

  constructor(
    private readonly rows: SeededRows<T>,
    private readonly rebuild: (id: number) => T,
  ) {
    this.extra = new Map(rows.extra.map((r) => [r.id, r]));
  }

  get(key: Key): T | undefined {
    if (typeof key === 'number' && Number.isInteger(key) && key >= 1 && key <= this.rows.generated) return this.rebuild(key);
    return this.extra.get(key);
  }

  has(key: Key): boolean {
    return this.get(key) !== undefined;
  }

  get size(): number {
    return this.rows.generated + this.rows.extra.length;
  }

  *values(): MapIterator<T> {
    for (let id = 1; id <= this.rows.generated; id++) yield this.rebuild(id);
    yield* this.rows.extra;
  }

  *entries(): MapIterator<[Key, T]> {
    for (const record of this.values()) yield [record.id, record];
  }

  *keys(): MapIterator<Key> {
    for (let id = 1; id <= this.rows.generated; id++) yield id;
    for (const record of this.rows.extra) yield record.id;
  }

  [Symbol.iterator](): MapIterator<[Key, T]> {
    return this.entries();
  }

  forEach(callback: (value: T, key: Key, map: ReadonlyMap<Key, T>) => void, thisArg?: unknown): void {
    for (const record of this.values()) callback.call(thisArg, record, record.id, this);
  }
}

/**
 * `rows` as a BaseTable: a generated record is `rebuild(id)` whenever read. The records list is an
 * array view (length, index, iteration, the array methods) that rebuilds each element it reads.
 */
export function lazyTable<T extends { id: number }>(rows: SeededRows<T>, rebuild: (id: number) => T): BaseTable<T> {
  const total = rows.generated + rows.extra.length;
  const at = (index: number) => (index < rows.generated ? rebuild(index + 1) : rows.extra[index - rows.generated]);
  const records = new Proxy<T[]>([], {
    get(target, property, receiver) {
      if (property === 'length') return total;
      if (typeof property === 'string' && INDEX.test(property)) {
        const index = Number(property);
        return index < total ? at(index) : undefined;
      }
      return Reflect.get(target, property, receiver);
    },
    has(target, property) {
      if (typeof property === 'string' && INDEX.test(property)) return Number(property) < total;
      return Reflect.has(target, property);
    },
  });
  return new BaseTable(records, (record) => record.id, new LazyIds(rows, rebuild));
}
