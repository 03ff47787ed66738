/**
 * Which sandbox a request gets: one per API key and site (the same key on two sites sees two
 * separate stores), each a copy-on-write view of the seeded records with its own id counters and
 * clock. The seeded base is built on first use, once per app, and shared by every sandbox, so
 * opening one costs O(1) whatever the seeded size.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { Address, Organization, Source, Subscription } from '../../../contracts/pelcro/schemas';
import { createClock, MICROS_PER_SECOND, type Clock } from '../../core/clock';
import type { Quota } from '../../core/limits';
import { fingerprint } from '../../core/log';
import { frozenMicros, type AppOptions } from '../../core/options';
import type { SandboxAddress } from '../../core/provider';
import { SandboxRegistry, sandboxId } from '../../core/registry';
import { plainTable, type SandboxTable, type Snapshotable } from '../../core/snapshot';
import { type BaseTable, Table } from '../../core/table';
import { customersTable } from './customers/snapshot';
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

/** A sandbox's counters in a snapshot: its clock, and the last customer id given out. */
const Counters = z.object({ clock: z.number().int().min(0), customers: z.object({ last_id: z.int().min(0) }).strict() }).strict();

const byId = (record: { id: number }) => record.id;

export class PelcroSandbox implements Snapshotable {
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

  /** The resources of a sandbox, by name, for snapshots: a new resource registers its table here. */
  tables(): Record<string, SandboxTable> {
    return {
      customers: customersTable(this.customers),
      addresses: plainTable(this.addresses, Address, byId),
      sources: plainTable(this.sources, Source, byId),
      subscriptions: plainTable(this.subscriptions, Subscription, byId),
      organizations: plainTable(this.organizations, Organization, byId),
    } as Record<string, SandboxTable>;
  }

  counters() {
    return { clock: this.clock.state(), customers: { last_id: this.customers.lastIdGiven } };
  }

  restoreCounters(raw: unknown): void {
    const counters = Counters.parse(raw);
    this.clock.restore(counters.clock);
    this.customers.restoreLastId(counters.customers.last_id);
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
  /** The sandbox the key names; `c`, the request, is told which (for the journal). */
  sandboxFor(key: SandboxKey, c?: Context): PelcroSandbox;
  reset(): void;
  count(): number;
  registry: SandboxRegistry<PelcroSandbox>;
  addressOf(credentials: unknown): SandboxAddress;
}

/** Credentials as the admin routes take them, to name one sandbox. */
export const SandboxCredentials = z.object({ token: z.string().min(1), site_id: z.int().min(1) }).strict();

const keyOf = ({ token, siteId }: SandboxKey) => `${token}\u0000${siteId}`;
/** The sandbox as the log and the admin routes show it: the key's fingerprint, never the key. */
const labelOf = ({ token, siteId }: SandboxKey) => `${fingerprint(token)}:site=${siteId}`;

export function createSandboxes(options: AppOptions): PelcroSandboxes {
  let base: PelcroBase | undefined;
  const frozen = frozenMicros(options);
  const seededBase = (): PelcroBase => {
    if (!base) base = buildPelcroBase(options);
    return base;
  };
  const registry = new SandboxRegistry((_id, quota) => new PelcroSandbox(seededBase(), frozen, quota), options.limits, {
    provider: 'pelcro',
  });
  return {
    sandboxFor: (key, c) => registry.get(keyOf(key), () => labelOf(key), c),
    reset: () => registry.reset(),
    count: () => registry.size,
    registry,
    addressOf(credentials) {
      const { token, site_id } = SandboxCredentials.parse(credentials);
      const key = { token, siteId: site_id };
      return { id: sandboxId(keyOf(key)), label: labelOf(key) };
    },
  };
}
