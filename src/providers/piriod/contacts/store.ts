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
import { Table } from '../../../core/table';
import { randomId, type SeededRng } from '../../../core/random';
import type { ContactCondition } from '../../../../contracts/piriod/contacts';
import type { StoredContact } from '../customers/store';
import { type PageOf, type PageRequest, paginate } from '../page';
import { OwnedBuilder, type SeededOwned, ownedList } from '../seed/owned';

export type { StoredContact };

/** What the contact list asks of the store: plain data, read from the query string. */
export interface ContactPlan {
  where: ContactCondition[];
  page: PageRequest;
}

type ContactField = Exclude<ContactCondition['field'], 'customer'>;

/** The seeded contacts of one app, in the seeded customers' order, kept compactly (../seed/owned.ts). */
export type SeededContacts = SeededOwned<StoredContact, ContactField>;

/** Collects the seeded contacts as their customers are generated: each filterable field a code or a hash. */
export function seededContactsBuilder(): OwnedBuilder<StoredContact, ContactField> {
  return new OwnedBuilder<StoredContact, ContactField>({
    orgunit: ['code', (c) => c.orgunit],
    name: ['hash', (c) => c.name],
    email: ['hash', (c) => c.email],
    invoicing: ['code', (c) => c.invoicing],
    collections: ['code', (c) => c.collections],
  });
}

/** One sandbox's contacts: the seeded ones overlaid with what the sandbox wrote. */
export class ContactStore {
  private readonly table: Table<StoredContact>;

  constructor(
    private readonly base: SeededContacts,
    private readonly rng: SeededRng,
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

  /** Writes a snapshot's changes into this fresh store. */
  restore(changes: { records: readonly StoredContact[]; removed: readonly string[] }): void {
    this.table.restore({ records: changes.records.map((c) => Object.freeze(c)), removed: changes.removed });
  }

  /** Where the id generator stands, for a snapshot. */
  counters(): { ids: number[] } {
    return { ids: this.rng.state() };
  }

  restoreCounters(counters: { ids: readonly number[] }): void {
    this.rng.restore(counters.ids);
  }

  /** The list: every contact matching the plan, newest first (ties: the later written first). */
  query(plan: ContactPlan): PageOf<StoredContact> {
    return paginate(ownedList(this.base, this.table, plan.where), plan.page);
  }
}
