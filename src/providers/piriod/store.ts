/**
 * Where customers live. The seeded records form one PiriodBase per app, built on first use and
 * shared read-only by every sandbox through a BaseTable; a Sandbox (one per token + workspace)
 * keeps only its own writes, so opening one costs nothing in proportion to the seeded data.
 */
import { BaseTable, Table } from '../../core/table';
import type { Clock } from '../../core/clock';
import type { Quota } from '../../core/limits';
import { randomId, type Rng } from '../../core/random';
import type { CustomerRecord } from './model';

export type OrderField = 'name' | 'created' | 'updated';

// Postgres sorts text by its collation; en_US-style collation (case- and accent-aware, spaces and
// punctuation ignored at first) is approximated with ICU's.
const collator = new Intl.Collator('en-US', { ignorePunctuation: true });

type Compare = (a: CustomerRecord, b: CustomerRecord) => number;

/** Ascending comparison by one field alone. */
export const byField: Record<OrderField, Compare> = {
  name: (a, b) => collator.compare(a.attrs.name, b.attrs.name),
  created: (a, b) => a.created - b.created,
  updated: (a, b) => a.updated - b.updated,
};

/** Ascending comparators; ties keep insertion order. */
export const ascending: Record<OrderField, Compare> = {
  name: (a, b) => byField.name(a, b) || a.seq - b.seq,
  created: (a, b) => byField.created(a, b) || a.seq - b.seq,
  updated: (a, b) => byField.updated(a, b) || a.seq - b.seq,
};

export class PiriodBase {
  readonly table: BaseTable<CustomerRecord>;
  private readonly sorted = new Map<OrderField, readonly CustomerRecord[]>();

  constructor(records: readonly CustomerRecord[]) {
    this.table = new BaseTable(records, (r) => r.id);
  }

  get size(): number {
    return this.table.records.length;
  }

  /** The seeded records in ascending order of `field`, sorted once on first use. */
  sortedBy(field: OrderField): readonly CustomerRecord[] {
    let list = this.sorted.get(field);
    if (!list) {
      list = [...this.table.records].sort(ascending[field]);
      this.sorted.set(field, list);
    }
    return list;
  }
}

export class Sandbox {
  readonly customers: Table<CustomerRecord>;
  /** Ids this sandbox inserted or replaced: the only records not read from the base. */
  readonly changed = new Set<string>();
  private version = 0;
  private seq: number;
  private readonly ownSorted = new Map<OrderField, { version: number; records: CustomerRecord[] }>();

  constructor(
    readonly base: PiriodBase,
    readonly clock: Clock,
    private readonly rng: Rng,
    quota?: Quota,
  ) {
    this.customers = new Table(base.table, quota, (record) => record.attrs.metadata);
    this.seq = base.size;
  }

  /** A fresh customer id, drawn from the sandbox's own seeded generator. */
  mintId(): string {
    let id: string;
    do id = randomId(this.rng, 'cus_', 20);
    while (this.customers.has(id));
    return id;
  }

  nextSeq(): number {
    return this.seq++;
  }

  insert(record: CustomerRecord): void {
    this.customers.insert(record);
    this.changed.add(record.id);
    this.version++;
  }

  replace(record: CustomerRecord): void {
    this.customers.replace(record);
    this.changed.add(record.id);
    this.version++;
  }

  /** The sandbox's own records in ascending order of `field` (cached until the next write). */
  ownSortedBy(field: OrderField): readonly CustomerRecord[] {
    const cached = this.ownSorted.get(field);
    if (cached && cached.version === this.version) return cached.records;
    const records = [...this.changed].map((id) => this.customers.get(id)!).sort(ascending[field]);
    this.ownSorted.set(field, { version: this.version, records });
    return records;
  }
}
