/**
 * A seeded table whose records mostly sit at position id − 1 (auto-increment ids handed out in
 * order, as the generator does for customers, addresses, sources and subscriptions): a lookup by id
 * reads that position, and only the records elsewhere (a fixture naming its own id) get a Map.
 * A Map of every id costs ~40 bytes a record and a tenth of a second per 100,000 to build; this
 * costs nothing for the generated records. It is a BaseTable to every reader (the same fields).
 */
import { BaseTable, type Key } from '../../../core/table';

class DenseIds<T> implements ReadonlyMap<Key, T> {
  /** The records not at position id − 1, by id. */
  private readonly elsewhere = new Map<Key, T>();

  constructor(
    private readonly records: readonly T[],
    private readonly keyOf: (record: T) => Key,
  ) {
    records.forEach((record, position) => {
      const key = keyOf(record);
      if (key !== position + 1) this.elsewhere.set(key, record);
    });
  }

  get(key: Key): T | undefined {
    if (typeof key === 'number') {
      const record = this.records[key - 1];
      if (record !== undefined && this.keyOf(record) === key) return record;
    }
    return this.elsewhere.get(key);
  }

  has(key: Key): boolean {
    return this.get(key) !== undefined;
  }

  get size(): number {
    return this.records.length;
  }

  *entries(): MapIterator<[Key, T]> {
    for (const record of this.records) yield [this.keyOf(record), record];
  }

  *keys(): MapIterator<Key> {
    for (const record of this.records) yield this.keyOf(record);
  }

  *values(): MapIterator<T> {
    yield* this.records;
  }

  [Symbol.iterator](): MapIterator<[Key, T]> {
    return this.entries();
  }

  forEach(callback: (value: T, key: Key, map: ReadonlyMap<Key, T>) => void, thisArg?: unknown): void {
    for (const record of this.records) callback.call(thisArg, record, this.keyOf(record), this);
  }
}

/** `records` as a BaseTable whose ids are looked up by position (records must have distinct ids). */
export function denseTable<T>(records: readonly T[], keyOf: (record: T) => Key): BaseTable<T> {
  return new BaseTable(records, keyOf, new DenseIds(records, keyOf));
}
