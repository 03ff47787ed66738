/**
 * Where payment sources live: those of the seeded customers form one BaseTable per app, shared
 * read-only by every sandbox; the API writes none, so a sandbox's own changes are only the sources
 * of a customer it deleted for good. Each customer's `sources` field is a copy of its own.
 */
import { Table } from '../../../core/table';
import type { SourceCondition } from '../../../../contracts/piriod/sources';
import type { StoredSource } from '../customers/store';
import { type PageOf, type PageRequest, paginate } from '../page';
import { OwnedBuilder, type SeededOwned, ownedList } from '../seed/owned';

export type { StoredSource };

/** What the source list asks of the store: plain data, read from the query string. */
export interface SourcePlan {
  where: SourceCondition[];
  page: PageRequest;
}

type SourceField = Exclude<SourceCondition['field'], 'customer'>;

/** The seeded sources of one app, in the seeded customers' order, kept compactly (../seed/owned.ts). */
export type SeededSources = SeededOwned<StoredSource, SourceField>;

/** Collects the seeded sources as their customers are generated: each filterable field a code or a hash. */
export function seededSourcesBuilder(): OwnedBuilder<StoredSource, SourceField> {
  return new OwnedBuilder<StoredSource, SourceField>({
    gateway: ['code', (s) => s.gateway],
    usage: ['code', (s) => s.usage],
    status: ['code', (s) => s.status],
    id: ['hash', (s) => s.id],
  });
}

/** One sandbox's sources. */
export class SourceStore {
  private readonly table: Table<StoredSource>;

  constructor(private readonly base: SeededSources) {
    this.table = new Table(base);
  }

  get(id: string): StoredSource | undefined {
    return this.table.get(id);
  }

  remove(id: string): void {
    this.table.remove(id);
  }

  /** The records table (seeded base plus this sandbox's writes), for whoever copies a sandbox whole. */
  get records(): Table<StoredSource> {
    return this.table;
  }

  /** Writes a snapshot's changes into this fresh store. */
  restore(changes: { records: readonly StoredSource[]; removed: readonly string[] }): void {
    this.table.restore(changes);
  }

  /**
   * The live sources of one customer, in the table's order (seeded ones in seed order, then those
   * this sandbox added), read without building any other customer's.
   */
  ofCustomer(customer: string): StoredSource[] {
    const owner = this.base.positionOfOwner(customer);
    const positions = new Set(owner === undefined ? [] : this.base.positionsOfOwner(owner));
    const added: StoredSource[] = [];
    // What this sandbox wrote: a seeded source it rewrote may now name this customer.
    for (const own of this.table.own()) {
      const position = this.base.positionOf(own.id);
      if (position !== undefined) positions.add(position);
      else if (own.customer === customer) added.push(own);
    }
    const seeded: StoredSource[] = [];
    for (const position of [...positions].sort((a, b) => a - b)) {
      const live = this.table.get(this.base.at(position).id);
      if (live?.customer === customer) seeded.push(live);
    }
    return [...seeded, ...added];
  }

  /** The list: every source matching the plan, newest first (ties: the later seeded first). */
  query(plan: SourcePlan): PageOf<StoredSource> {
    return paginate(ownedList(this.base, this.table, plan.where), plan.page);
  }
}
