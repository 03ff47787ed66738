/**
 * One sandbox (an API key and a site): copy-on-write views of the seeded records, its own
 * uniqueness indexes, id counter and clock. Opening one costs O(1) whatever the seeded size.
 */
import type { Address, Customer, Organization, Source, Subscription } from '../../../contracts/pelcro/schemas';
import { createClock, MICROS_PER_SECOND, type Clock } from '../../core/clock';
import type { Quota } from '../../core/limits';
import { Table } from '../../core/table';
import type { PelcroBase, StoredCustomer } from './model';
import { UniqueIndex, uniqueKey } from './unique';

export class PelcroSandbox {
  readonly customers: Table<StoredCustomer>;
  readonly addresses: Table<Address>;
  readonly sources: Table<Source>;
  readonly subscriptions: Table<Subscription>;
  readonly organizations: Table<Organization>;
  readonly emails: UniqueIndex;
  readonly usernames: UniqueIndex;
  readonly oldProviderIds: UniqueIndex;
  private readonly clock: Clock;
  private lastCustomerId: number;

  constructor(base: PelcroBase, frozenAtMicros: number | undefined, quota?: Quota) {
    this.customers = new Table(base.customers, quota, (record) => record.view.metadata);
    this.addresses = new Table(base.addresses);
    this.sources = new Table(base.sources);
    this.subscriptions = new Table(base.subscriptions);
    this.organizations = new Table(base.organizations);
    this.emails = new UniqueIndex(base.emails);
    this.usernames = new UniqueIndex(base.usernames);
    this.oldProviderIds = new UniqueIndex(base.oldProviderIds);
    this.clock = createClock(frozenAtMicros);
    this.lastCustomerId = base.maxIds.customer;
  }

  /** The time of a write in Unix seconds (Pelcro truncates to seconds). Call once per write. */
  now(): number {
    return Math.floor(this.clock.tick() / MICROS_PER_SECOND);
  }

  /** Ids are never reused, not even those of deleted customers (an auto-increment column). */
  nextCustomerId(): number {
    return ++this.lastCustomerId;
  }

  customer(id: number): StoredCustomer | undefined {
    return this.customers.get(id);
  }

  insertCustomer(record: StoredCustomer): void {
    this.customers.insert(record);
    this.claimKeys(record.view);
  }

  replaceCustomer(before: StoredCustomer, after: StoredCustomer): void {
    this.customers.replace(after);
    this.releaseKeys(before.view, after.view);
    this.claimKeys(after.view);
  }

  /**
   * Pelcro's soft delete of a customer and, with it, of its subscriptions, payment sources and
   * addresses: every later call answers 404 for them. The customer's email, username and
   * old_provider_id stay taken (docs/decisions/002-pelcro-soft-delete.md).
   */
  deleteCustomer(record: StoredCustomer): void {
    this.now();
    for (const id of record.view.subscriptions) this.subscriptions.remove(id);
    for (const id of record.sourceIds) this.sources.remove(id);
    for (const id of record.view.addresses) this.addresses.remove(id);
    this.customers.remove(record.view.id);
  }

  private claimKeys(view: Customer): void {
    if (view.email !== null) this.emails.claim(view.email, view.id);
    if (view.username !== null) this.usernames.claim(view.username, view.id);
    if (view.old_provider_id !== null) this.oldProviderIds.claim(view.old_provider_id, view.id);
  }

  /** Frees the values an update changed away from (an update is a real change, unlike a delete). */
  private releaseKeys(before: Customer, after: Customer): void {
    const release = (index: UniqueIndex, old: string | null, next: string | null) => {
      if (old !== null && (next === null || uniqueKey(old) !== uniqueKey(next))) index.release(old);
    };
    release(this.emails, before.email, after.email);
    release(this.usernames, before.username, after.username);
    release(this.oldProviderIds, before.old_provider_id, after.old_provider_id);
  }
}
