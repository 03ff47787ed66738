/**
 * Where contacts live. The seeded contacts (those of the seeded customers) form one BaseTable per
 * app, shared read-only by every sandbox; a sandbox's ContactStore keeps only its own writes (a
 * copy-on-write Table). Each customer's `contacts` field is a copy kept in step by the handlers
 * (../contacts/handlers.ts), so a customer's view never reads another store.
 *
 * `query(plan)` answers the list: the plan is plain data (conditions and page) read from the
 * query string; how it is answered is the store's business.
 */
import type { Quota } from '../../../core/limits';
import { BaseTable, Table } from '../../../core/table';
import { randomId, type Rng } from '../../../core/random';
import type { ContactCondition } from '../../../../contracts/piriod/contacts';
import type { StoredContact } from '../customers/store';
import { type PageOf, type PageRequest, baseNewestFirst, newestFirst, paginate } from '../page';

export type { StoredContact };

/** What the contact list asks of the store: plain data, read from the query string. */
export interface ContactPlan {
  where: ContactCondition[];
  page: PageRequest;
}

/** The seeded contacts of one app, in the seeded customers' order. */
export function seededContacts(contacts: Iterable<StoredContact>): BaseTable<StoredContact> {
  return new BaseTable([...contacts], (c) => c.id);
}

function matches(contact: StoredContact, where: readonly ContactCondition[]): boolean {
  for (const { field, value } of where) if (contact[field] !== value) return false;
  return true;
}

/** One sandbox's contacts: the seeded ones overlaid with what the sandbox wrote. */
export class ContactStore {
  private readonly table: Table<StoredContact>;
  /** The records newest first, kept until the next write. */
  private order?: { writes: number; rows: readonly StoredContact[] };

  private writes = 0;

  constructor(
    private readonly base: BaseTable<StoredContact>,
    private readonly rng: Rng,
    quota?: Quota,
  ) {
    this.table = new Table(base, quota);
  }

  get(id: string): StoredContact | undefined {
    return this.table.get(id);
  }

  /** A fresh contact id, drawn from the sandbox's own seeded generator. */
  mintId(): string {
    let id: string;
    do id = randomId(this.rng, 'con_', 20);
    while (this.table.has(id));
    return id;
  }

  insert(contact: StoredContact): void {
    this.table.insert(Object.freeze(contact));
    this.writes++;
  }

  replace(contact: StoredContact): void {
    this.table.replace(Object.freeze(contact));
    this.writes++;
  }

  remove(id: string): void {
    if (this.table.remove(id)) this.writes++;
  }

  /** The records table (seeded base plus this sandbox's writes), for whoever copies a sandbox whole. */
  get records(): Table<StoredContact> {
    return this.table;
  }

  /** Every contact newest first (ties: the later written first). */
  private ordered(): readonly StoredContact[] {
    if (this.writes === 0) return baseNewestFirst(this.base);
    if (this.order?.writes !== this.writes) this.order = { writes: this.writes, rows: newestFirst(this.table.values()) };
    return this.order.rows;
  }

  /** The list: every contact matching the plan, in order. */
  query(plan: ContactPlan): PageOf<StoredContact> {
    const all = this.ordered();
    return paginate(plan.where.length === 0 ? all : all.filter((c) => matches(c, plan.where)), plan.page);
  }
}
