/**
 * Copy-on-write tables: the seeded records are built once per app and shared, read-only, by every
 * sandbox; a sandbox keeps only what it changed. Opening a sandbox therefore costs nothing in
 * proportion to the seeded data (a later requirement holds this to 100,000 records).
 *
 * Records are treated as immutable values: a write replaces a record, it never mutates one.
 */
import { checkMetadata, type Quota, storedSize } from './limits';

export type Key = string | number;

const DELETED = Symbol('deleted');

/**
 * What a sandbox's Table reads of the seeded records: a BaseTable holds them whole; a resource of
 * many small records may keep them compactly and build each when read (Piriod's contacts).
 */
export interface SeededBase<T> {
  readonly size: number;
  readonly keyOf: (record: T) => Key;
  get(id: Key): T | undefined;
  has(id: Key): boolean;
  /** Every seeded record, in seed order. */
  values(): Iterable<T>;
}

/** The seeded records of one resource, in their natural (insertion) order. Never written to. */
export class BaseTable<T> implements SeededBase<T> {
  readonly byId: ReadonlyMap<Key, T>;

  constructor(
    readonly records: readonly T[],
    readonly keyOf: (record: T) => Key,
    /** The records by key, when the provider has a cheaper way to find them than a map of every one. */
    byId?: ReadonlyMap<Key, T>,
  ) {
    if (byId) this.byId = byId;
    else {
      // A loop, not `new Map(records.map(…))`: that allocates a pair per record (100,000s at start).
      const map = new Map<Key, T>();
      for (let i = 0; i < records.length; i++) map.set(keyOf(records[i]), records[i]);
      this.byId = map;
    }
  }

  get size(): number {
    return this.records.length;
  }

  get(id: Key): T | undefined {
    return this.byId.get(id);
  }

  has(id: Key): boolean {
    return this.byId.has(id);
  }

  values(): Iterable<T> {
    return this.records;
  }
}

/**
 * A table's own writes: each id it wrote (DELETED once removed), the ids it added in order, and
 * each written record's charged size.
 */
interface Writes<T> {
  changed: Map<Key, T | typeof DELETED>;
  added: Key[];
  sizes: Map<Key, number>;
}

/** What a table that never wrote reads: shared, and never written to (`Table.writable`). */
const NOTHING_CHANGED: ReadonlyMap<Key, never> = new Map<Key, never>();
const NOTHING_ADDED: readonly Key[] = Object.freeze([]);
const NO_SIZES: ReadonlyMap<Key, number> = new Map<Key, number>();

/**
 * A sandbox's view of one resource: the base records overlaid with the sandbox's own writes.
 * With a Quota, every write is charged (records added, approximate bytes, metadata bounds)
 * before anything changes, so a refused write leaves the table as it was.
 */
export class Table<T> {
  /**
   * What this sandbox wrote, made at its first write: most sandboxes never write most of their
   * tables (a new Piriod sandbox's contacts and sources), and each empty map was some 200 bytes.
   */
  private ownWrites?: Writes<T>;
  private count: number;
  private writeCount = 0;

  constructor(
    private readonly base: SeededBase<T>,
    private readonly quota?: Quota,
    /** Where a record keeps its free-form metadata, bounded by the quota's limits. */
    private readonly metadataOf?: (record: T) => unknown,
    /** A record's approximate bytes, when the provider knows them cheaper than `storedSize`'s walk. */
    private readonly sizeOf: (record: T) => number = storedSize,
  ) {
    this.count = base.size;
  }

  private get changed(): ReadonlyMap<Key, T | typeof DELETED> {
    return this.ownWrites?.changed ?? NOTHING_CHANGED;
  }

  private get added(): readonly Key[] {
    return this.ownWrites?.added ?? NOTHING_ADDED;
  }

  private get sizes(): ReadonlyMap<Key, number> {
    return this.ownWrites?.sizes ?? NO_SIZES;
  }

  private writable(): Writes<T> {
    this.ownWrites ??= { changed: new Map(), added: [], sizes: new Map() };
    return this.ownWrites;
  }

  /** Charges a write of `record` over `id`'s previous own version; throws when past a limit. */
  private charge(id: Key, record: T, added: number): number {
    if (!this.quota) return 0;
    if (this.metadataOf) checkMetadata(this.metadataOf(record), this.quota.limits);
    const size = this.sizeOf(record);
    this.quota.charge(added, size - (this.sizes.get(id) ?? 0));
    this.quota.written = true;
    return size;
  }

  get size(): number {
    return this.count;
  }

  get(id: Key): T | undefined {
    const own = this.changed.get(id);
    if (own === DELETED) return undefined;
    return own ?? this.base.get(id);
  }

  has(id: Key): boolean {
    return this.get(id) !== undefined;
  }

  /** Every live record: seeded ones in seed order, then the sandbox's own in creation order. */
  *values(): IterableIterator<T> {
    if (this.changed.size === 0) {
      yield* this.base.values();
      return;
    }
    for (const record of this.base.values()) {
      const own = this.changed.get(this.base.keyOf(record));
      if (own === DELETED) continue;
      yield own ?? record;
    }
    for (const id of this.added) {
      const own = this.changed.get(id);
      if (own !== undefined && own !== DELETED) yield own;
    }
  }

  /** Whether this sandbox wrote `id` (inserted, replaced or removed it): the base record is not what it sees. */
  wrote(id: Key): boolean {
    return this.changed.has(id);
  }

  /** Counts every write (insert, replace, remove): what is derived from the table is fresh while it stays. */
  get version(): number {
    return this.writeCount;
  }

  /** How many ids this sandbox wrote: none means it sees the base records exactly. */
  get writes(): number {
    return this.changed.size;
  }

  /** The ids this sandbox wrote (inserted, replaced or removed), in no particular order. */
  writtenKeys(): IterableIterator<Key> {
    return this.changed.keys();
  }

  /** The live records this sandbox inserted or replaced, in no particular order. */
  *own(): IterableIterator<T> {
    for (const record of this.changed.values()) if (record !== DELETED) yield record;
  }

  /** The seeded record under `id`, whatever this sandbox did to it since. */
  seeded(id: Key): T | undefined {
    return this.base.get(id);
  }

  /**
   * What this sandbox changed, for a snapshot: the live records it wrote (seeded ones it replaced,
   * and those it inserted, in the order it first wrote them) and the seeded ids it removed.
   * Replaying them on a fresh table (`replace` or `insert`, then `remove`) gives this table's
   * contents back, in the same order.
   */
  ownChanges(): { records: T[]; removed: Key[] } {
    const records: T[] = [];
    const removed: Key[] = [];
    for (const [id, own] of this.changed) {
      if (own !== DELETED) records.push(own);
      else if (this.base.has(id)) removed.push(id);
    }
    return { records, removed };
  }

  /**
   * Writes another table's `ownChanges()` (over the same base) into this fresh one, charging the
   * quota as the writes did: a seeded record is replaced, any other inserted, then the removed go.
   */
  restore(changes: { records: readonly T[]; removed: readonly Key[] }): void {
    for (const record of changes.records) {
      if (this.base.has(this.base.keyOf(record))) this.replace(record);
      else this.insert(record);
    }
    for (const id of changes.removed) this.remove(id);
  }

  insert(record: T): void {
    const id = this.base.keyOf(record);
    if (this.has(id)) throw new Error(`duplicate key ${String(id)}`);
    const size = this.charge(id, record, 1);
    const { changed, added, sizes } = this.writable();
    if (this.quota) sizes.set(id, size);
    if (!this.base.has(id)) added.push(id);
    changed.set(id, record);
    this.count++;
    this.writeCount++;
  }

  replace(record: T): void {
    const id = this.base.keyOf(record);
    if (!this.has(id)) throw new Error(`no record ${String(id)}`);
    const size = this.charge(id, record, 0);
    const { changed, sizes } = this.writable();
    if (this.quota) sizes.set(id, size);
    changed.set(id, record);
    this.writeCount++;
  }

  remove(id: Key): boolean {
    if (!this.has(id)) return false;
    const { changed, sizes } = this.writable();
    if (this.quota) {
      // The record's bytes are given back; a record it added stays counted (its id is never reused).
      this.quota.charge(0, -(sizes.get(id) ?? 0));
      this.quota.written = true;
      sizes.delete(id);
    }
    changed.set(id, DELETED);
    this.count--;
    this.writeCount++;
    return true;
  }
}

// The registry of a provider's sandboxes lives beside the tables they hold.
export { SandboxRegistry } from './registry';
