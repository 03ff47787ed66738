/**
 * Copy-on-write tables: the seeded records are built once per app and shared, read-only, by every
 * sandbox; a sandbox keeps only what it changed. Opening a sandbox therefore costs nothing in
 * proportion to the seeded data (a later requirement holds this to 100,000 records).
 *
 * Records are treated as immutable values: a write replaces a record, it never mutates one.
 */
export type Key = string | number;

const DELETED = Symbol('deleted');

/** The seeded records of one resource, in their natural (insertion) order. Never written to. */
export class BaseTable<T> {
  readonly byId: ReadonlyMap<Key, T>;

  constructor(
    readonly records: readonly T[],
    readonly keyOf: (record: T) => Key,
  ) {
    this.byId = new Map(records.map((r) => [keyOf(r), r]));
  }
}

/** A sandbox's view of one resource: the base records overlaid with the sandbox's own writes. */
export class Table<T> {
  private readonly changed = new Map<Key, T | typeof DELETED>();
  private readonly added: Key[] = [];
  private count: number;

  constructor(private readonly base: BaseTable<T>) {
    this.count = base.records.length;
  }

  get size(): number {
    return this.count;
  }

  get(id: Key): T | undefined {
    const own = this.changed.get(id);
    if (own === DELETED) return undefined;
    return own ?? this.base.byId.get(id);
  }

  has(id: Key): boolean {
    return this.get(id) !== undefined;
  }

  /** Every live record: seeded ones in seed order, then the sandbox's own in creation order. */
  *values(): IterableIterator<T> {
    if (this.changed.size === 0) {
      yield* this.base.records;
      return;
    }
    for (const record of this.base.records) {
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

  /** How many ids this sandbox wrote: none means it sees the base records exactly. */
  get writes(): number {
    return this.changed.size;
  }

  /** The live records this sandbox inserted or replaced, in no particular order. */
  *own(): IterableIterator<T> {
    for (const record of this.changed.values()) if (record !== DELETED) yield record;
  }

  insert(record: T): void {
    const id = this.base.keyOf(record);
    if (this.has(id)) throw new Error(`duplicate key ${String(id)}`);
    if (!this.base.byId.has(id)) this.added.push(id);
    this.changed.set(id, record);
    this.count++;
  }

  replace(record: T): void {
    const id = this.base.keyOf(record);
    if (!this.has(id)) throw new Error(`no record ${String(id)}`);
    this.changed.set(id, record);
  }

  remove(id: Key): boolean {
    if (!this.has(id)) return false;
    this.changed.set(id, DELETED);
    this.count--;
    return true;
  }
}

/**
 * Sandboxes by key (a token, a workspace, a site …), each created on first use. The factory
 * receives the key so that ids minted inside a sandbox can be derived from it deterministically.
 */
export class SandboxRegistry<S> {
  private readonly sandboxes = new Map<string, S>();

  constructor(private readonly create: (key: string) => S) {}

  get(key: string): S {
    let sandbox = this.sandboxes.get(key);
    if (!sandbox) {
      sandbox = this.create(key);
      this.sandboxes.set(key, sandbox);
    }
    return sandbox;
  }

  keys(): string[] {
    return [...this.sandboxes.keys()];
  }

  reset(key?: string): void {
    if (key === undefined) this.sandboxes.clear();
    else this.sandboxes.delete(key);
  }
}
