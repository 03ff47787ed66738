/**
 * Which sandbox a request gets: one per API key and site (the same key on two sites sees two
 * separate stores), each a copy-on-write view of the seeded records with its own id counters and
 * clock. The seeded base is built on first use, once per app, and shared by every sandbox, so
 * opening one costs O(1) whatever the seeded size.
 */
import type { Address, Organization, Source, Subscription } from '../../../contracts/pelcro/schemas';
import { createClock, MICROS_PER_SECOND, type Clock } from '../../core/clock';
import type { Quota } from '../../core/limits';
import { frozenMicros, type AppOptions } from '../../core/options';
import { type BaseTable, SandboxRegistry, Table } from '../../core/table';
import { CustomerStore, type CustomerBase, type StoredCustomer } from './customers/store';
import { buildPelcroBase } from './seed';

/** The seeded records of one app, built once and shared read-only by every sandbox. */
export interface PelcroBase {
  customers: CustomerBase;
  addresses: BaseTable<Address>;
  sources: BaseTable<Source>;
  subscriptions: BaseTable<Subscription>;
  organizations: BaseTable<Organization>;
}

export class PelcroSandbox {
  readonly customers: CustomerStore;
  readonly addresses: Table<Address>;
  readonly sources: Table<Source>;
  readonly subscriptions: Table<Subscription>;
  readonly organizations: Table<Organization>;
  private readonly clock: Clock;

  constructor(base: PelcroBase, frozenAtMicros: number | undefined, quota?: Quota) {
    this.customers = new CustomerStore(base.customers, quota);
    this.addresses = new Table(base.addresses);
    this.sources = new Table(base.sources);
    this.subscriptions = new Table(base.subscriptions);
    this.organizations = new Table(base.organizations);
    this.clock = createClock(frozenAtMicros);
  }

  /** The time of a write in Unix seconds (Pelcro truncates to seconds). Call once per write. */
  now(): number {
    return Math.floor(this.clock.tick() / MICROS_PER_SECOND);
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
}

/** What names a sandbox: the API key and the site. */
export interface SandboxKey {
  token: string;
  siteId: number;
}

/** The sandboxes of one app. */
export interface PelcroSandboxes {
  sandboxFor(key: SandboxKey): PelcroSandbox;
  reset(): void;
  count(): number;
}

export function createSandboxes(options: AppOptions): PelcroSandboxes {
  let base: PelcroBase | undefined;
  const frozen = frozenMicros(options);
  const seededBase = (): PelcroBase => {
    if (!base) base = buildPelcroBase(options);
    return base;
  };
  const registry = new SandboxRegistry((_key, quota) => new PelcroSandbox(seededBase(), frozen, quota), options.limits);
  return {
    sandboxFor: ({ token, siteId }) => registry.get(`${token}\u0000${siteId}`),
    reset: () => registry.reset(),
    count: () => registry.keys().length,
  };
}
