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
import { type PageOf, type PageRequest, paginate } from '../page';

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

  constructor(
    base: BaseTable<StoredContact>,
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
  }

  replace(contact: StoredContact): void {
    this.table.replace(Object.freeze(contact));
  }

  remove(id: string): void {
    this.table.remove(id);
  }

  /** The records table (seeded base plus this sandbox's writes), for whoever copies a sandbox whole. */
  get records(): Table<StoredContact> {
    return this.table;
  }

  /** The list: every contact matching the plan, newest first (ties: the later written first). */
  query(plan: ContactPlan): PageOf<StoredContact> {
    const rows: StoredContact[] = [];
    for (const contact of this.table.values()) if (matches(contact, plan.where)) rows.push(contact);
    const order = new Map(rows.map((c, i) => [c, i]));
    rows.sort((a, b) => b.created - a.created || order.get(b)! - order.get(a)!);
    return paginate(rows, plan.page);
  }
}
