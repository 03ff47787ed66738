/**
 * An account's addresses: the seeded ones (shared read-only, copy-on-write) and what the account
 * wrote, under one auto-increment id column for every site. An address reaches a site through its
 * customer (`user_id`), so the store answers by customer and the handlers check the site.
 */
import type { Address } from '../../../../contracts/pelcro/schemas';
import type { Quota } from '../../../core/limits';
import { type BaseTable, Table } from '../../../core/table';

/** The seeded addresses of one app and their highest id. */
export interface AddressBase {
  table: BaseTable<Address>;
  maxId: number;
  /**
   * The generated addresses (ids 1…count, rebuilt when read), by owner: a list reads who owns
   * which ids without rebuilding every address. The table's other records are read as they are.
   */
  generated?: { count: number; forEachOwner(visit: (userId: number, from: number, to: number) => void): void };
}

/** What the address list asks of the store, as plain data. */
export interface AddressPlan {
  /** Whose addresses: the site's live customers (and, with `customer_id`, only that one). */
  owners: (userId: number) => boolean;
  page: { offset: number; limit: number };
  /**
   * Names `owners` at one version of everything it reads (the site, its customers' version, the
   * customer asked for): the matching ids are kept under it, so the next page of the same list
   * is cut out of them instead of visiting every customer again.
   */
  key?: string;
}

export class AddressStore {
  /** Public so that a snapshot of the sandbox can read what it holds. */
  readonly table: Table<Address>;
  private lastId: number;
  /** The ids of the last keyed plan (`AddressPlan.key`), at this table's version. */
  private kept: { key: string; version: number; ids: number[] } | undefined;

  constructor(
    private readonly base: AddressBase,
    quota?: Quota,
  ) {
    this.table = new Table(base.table, quota);
    this.lastId = base.maxId;
  }

  get(id: number): Address | undefined {
    return this.table.get(id);
  }

  has(id: number): boolean {
    return this.table.has(id);
  }

  nextId(): number {
    return ++this.lastId;
  }

  /** The last id given out, for a snapshot. */
  get lastIdGiven(): number {
    return this.lastId;
  }

  /** Takes a snapshot's position back (never behind the seeded ids). */
  restoreLastId(lastId: number): void {
    this.lastId = Math.max(this.lastId, lastId);
  }

  insert(address: Address): void {
    this.table.insert(address);
  }

  replace(address: Address): void {
    this.table.replace(address);
  }

  remove(id: number): void {
    this.table.remove(id);
  }

  /**
   * The addresses the plan asks for, in id order, and how many match in all. The ids are found
   * first (the generated seeded ones by owner, without rebuilding them) and only the page is read.
   */
  query(plan: AddressPlan): { records: Address[]; total: number } {
    const { table } = this;
    const { kept } = this;
    const ids = kept && kept.key === plan.key && kept.version === table.version ? kept.ids : this.matching(plan);
    if (plan.key !== undefined) this.kept = { key: plan.key, version: table.version, ids };
    const { offset, limit } = plan.page;
    return { records: ids.slice(offset, offset + limit).map((id) => table.get(id)!), total: ids.length };
  }

  /** Every id the plan's owners own, in id order. */
  private matching(plan: AddressPlan): number[] {
    const { table } = this;
    const ids: number[] = [];
    const generated = this.base.generated;
    generated?.forEachOwner((userId, from, to) => {
      if (!plan.owners(userId)) return;
      for (let id = from; id < to; id++) if (!table.wrote(id)) ids.push(id);
    });
    const seededCount = generated?.count ?? 0;
    for (const address of this.base.table.records.slice(seededCount)) {
      if (!table.wrote(address.id) && plan.owners(address.user_id)) ids.push(address.id);
    }
    for (const address of table.own()) if (plan.owners(address.user_id)) ids.push(address.id);
    ids.sort((a, b) => a - b);
    return ids;
  }
}
