/**
 * Which sandbox a request gets. A Pelcro account is one database: its sites share the customers'
 * auto-increment ids (and the addresses', sources' …), while each site sees only its own customers.
 * So a sandbox is an **account**, named by the API key; a request's `site_id` picks the account's
 * view of that site (`PelcroSandbox`). Two sites of one key never hand out the same id, and a
 * site-1 customer's id answers 404 on site 2. The seeded customers live on SEEDED_SITE; every other
 * site starts empty. Addresses, payment sources and subscriptions belong to the account's tables
 * and reach a site through their customer.
 *
 * Every account is a copy-on-write view of the seeded records with its own id counters and clock;
 * the seeded base is built on first use, once per app, and shared, so opening one costs O(1)
 * whatever the seeded size.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import type { Customer, Organization, Subscription } from '../../../contracts/pelcro/schemas';
import { createClock, MICROS_PER_SECOND, type Clock } from '../../core/clock';
import type { Quota } from '../../core/limits';
import { fingerprint } from '../../core/log';
import { frozenMicros, type AppOptions } from '../../core/options';
import type { SandboxAddress } from '../../core/provider';
import { SandboxRegistry, sandboxId } from '../../core/registry';
import type { SandboxTable, Snapshotable } from '../../core/snapshot';
import { type BaseTable, Table } from '../../core/table';
import { accountTables } from './snapshot';
import { AddressStore, type AddressBase } from './addresses/store';
import { CustomerStore, emptyCustomerBase, type CustomerBase, type StoredCustomer } from './customers/store';
import { SessionStore } from './sdk/store';
import { pelcroBaseSteps } from './seed';
import { SlicedBuild } from '../../core/slices';
import { SourceStore, type SourceBase } from './sources/store';

/** The site the scenario's customers are seeded on (the README's examples use it). */
export const SEEDED_SITE = 1;

/** The seeded records of one app, built once and shared read-only by every sandbox. */
export interface PelcroBase {
  customers: CustomerBase;
  addresses: AddressBase;
  sources: SourceBase;
  subscriptions: BaseTable<Subscription>;
  organizations: BaseTable<Organization>;
}

/** The approximate bytes a site's view holds before it writes anything (charged once, on opening). */
const SITE_BYTES = 256;

/** Auto-increment ids of one table, continuing after the seeded ones and never reused. */
export class IdSequence {
  constructor(private last: number) {}
  next(): number {
    return ++this.last;
  }
  /** The last id given out, for a snapshot. */
  get lastGiven(): number {
    return this.last;
  }
  /** Takes a snapshot's position back (never behind the seeded ids). */
  restore(last: number): void {
    this.last = Math.max(this.last, last);
  }
}

/** An account's counters in a snapshot: its clock and the last id each id column gave out. */
const LastId = z.object({ last_id: z.int().min(0) }).strict();
const Counters = z
  .object({
    clock: z.number().int().min(0),
    customers: LastId,
    addresses: LastId.optional(),
    sources: LastId.optional(),
  })
  .strict();

/** One account (API key): its sites, the tables they share and what the Open API issued. */
export class PelcroAccount implements Snapshotable {
  readonly addresses: AddressStore;
  readonly sources: SourceStore;
  readonly subscriptions: Table<Subscription>;
  readonly organizations: Table<Organization>;
  /** The customers' id column, one for every site of the account. */
  readonly customerIds: IdSequence;
  /** Customer tokens the Open API revoked (logout, refresh). */
  readonly sessions: SessionStore;
  private readonly sites = new Map<number, PelcroSandbox>();
  private readonly clock: Clock;

  constructor(
    private readonly base: PelcroBase,
    private readonly emptySite: CustomerBase,
    frozenAtMicros: number | undefined,
    private readonly quota?: Quota,
  ) {
    this.addresses = new AddressStore(base.addresses, quota);
    this.sources = new SourceStore(base.sources, quota);
    this.subscriptions = new Table(base.subscriptions, quota);
    this.organizations = new Table(base.organizations, quota);
    this.customerIds = new IdSequence(base.customers.maxId);
    this.sessions = new SessionStore(quota);
    this.clock = createClock(frozenAtMicros);
  }

  /** The account's resources, by name, for snapshots: a new resource registers its table here. */
  tables(): Record<string, SandboxTable> {
    return accountTables(this);
  }

  counters() {
    return {
      clock: this.clock.state(),
      customers: { last_id: this.customerIds.lastGiven },
      addresses: { last_id: this.addresses.lastIdGiven },
      sources: { last_id: this.sources.lastIdGiven },
    };
  }

  restoreCounters(raw: unknown): void {
    const counters = Counters.parse(raw);
    this.clock.restore(counters.clock);
    this.customerIds.restore(counters.customers.last_id);
    if (counters.addresses) this.addresses.restoreLastId(counters.addresses.last_id);
    if (counters.sources) this.sources.restoreLastId(counters.sources.last_id);
  }

  /** The sites opened so far (the seeded one first when open), for snapshots. */
  openSites(): PelcroSandbox[] {
    return [...this.sites.values()];
  }

  /** The account's view of a site, opened on first use (and charged to the account's bounds). */
  site(siteId: number): PelcroSandbox {
    let site = this.sites.get(siteId);
    if (!site) {
      this.quota?.charge(0, SITE_BYTES);
      const customers = siteId === SEEDED_SITE ? this.base.customers : this.emptySite;
      site = new PelcroSandbox(this, siteId, new CustomerStore(customers, this.quota, this.customerIds));
      this.sites.set(siteId, site);
    }
    return site;
  }

  /** The time of a write in Unix seconds (Pelcro truncates to seconds). Call once per write. */
  now(): number {
    return Math.floor(this.clock.tick() / MICROS_PER_SECOND);
  }

  /** Whether a customer of another site than `siteId` has this email (sites never opened hold none but the seeded one). */
  emailOnOtherSites(email: string, siteId: number): boolean {
    const others = new Set([...this.sites.keys(), SEEDED_SITE]);
    others.delete(siteId);
    return [...others].some((other) => this.site(other).customers.ownerOf('email', email) !== undefined);
  }
}

/** One site of an account: its own customers, the account's related tables. */
export class PelcroSandbox {
  constructor(
    readonly account: PelcroAccount,
    readonly siteId: number,
    readonly customers: CustomerStore,
  ) {}

  get addresses(): AddressStore {
    return this.account.addresses;
  }

  get sources(): SourceStore {
    return this.account.sources;
  }

  get subscriptions(): Table<Subscription> {
    return this.account.subscriptions;
  }

  get organizations(): Table<Organization> {
    return this.account.organizations;
  }

  /**
   * Moves on with every write to what this site's answers show: its customers and the account's
   * tables a customer can expand into. A list page kept at one version is still that page.
   */
  get dataVersion(): number {
    const { account } = this;
    return (
      this.customers.version +
      account.addresses.table.version +
      account.sources.table.version +
      account.subscriptions.version +
      account.organizations.version
    );
  }

  /** The time of a write in Unix seconds. Call once per write. */
  now(): number {
    return this.account.now();
  }

  /** A live customer of this site, by id. */
  customer(id: number): StoredCustomer | undefined {
    return this.customers.get(id);
  }

  /**
   * The customer with its related ids changed (an address or source added or removed): another
   * table changed, so `updated_at` stays (**guess**: Eloquent touches a parent only when the child
   * model lists it in `$touches`). Returns the stored record.
   */
  relink(
    record: StoredCustomer,
    change: Partial<Pick<Customer, 'addresses' | 'default_source_id'>>,
    sourceIds?: readonly number[],
  ): StoredCustomer {
    const next: StoredCustomer = { view: Object.assign({}, record.view, change), sourceIds: sourceIds ?? record.sourceIds };
    this.customers.replace(record, next);
    return next;
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

/** What names a sandbox: the API key (the account) and the site. */
export interface SandboxKey {
  token: string;
  siteId: number;
}

/** The sandboxes of one app. */
export interface PelcroSandboxes {
  /** The site view the key names; `c`, the request, is told which account (for the journal). */
  sandboxFor(key: SandboxKey, c?: Context): PelcroSandbox;
  accountFor(token: string, c?: Context): PelcroAccount;
  reset(): void;
  count(): number;
  registry: SandboxRegistry<PelcroAccount>;
  addressOf(credentials: unknown): SandboxAddress;
  /** Builds the seeded data now, if not yet built; whether it did. */
  prepare(): boolean;
  /** Starts building the seeded data in slices; resolves once it is built (by the slices or a request). */
  prepareSoon(): Promise<void>;
}

/**
 * Credentials as the admin routes take them, to name one sandbox: the API key (an account). A
 * `site_id` is taken and changes nothing: every site of the account is one sandbox.
 */
export const SandboxCredentials = z.object({ token: z.string().min(1), site_id: z.int().min(1).optional() }).strict();

/** The sandbox as the log and the admin routes show it: the key's fingerprint, never the key. */
const labelOf = (token: string) => fingerprint(token);

export function createSandboxes(options: AppOptions): PelcroSandboxes {
  let emptySite: CustomerBase | undefined;
  const frozen = frozenMicros(options);
  // Built at the first request, or in slices once `serve` listens (prepareSoon), whichever is first.
  const seed = new SlicedBuild(() => pelcroBaseSteps(options));
  const seededBase = (): PelcroBase => seed.now();
  const registry = new SandboxRegistry<PelcroAccount>(
    (_id, quota) => {
      emptySite ??= emptyCustomerBase();
      return new PelcroAccount(seededBase(), emptySite, frozen, quota);
    },
    options.limits,
    { provider: 'pelcro' },
  );
  const accountFor = (token: string, c?: Context) => registry.get(token, () => labelOf(token), c);
  return {
    sandboxFor: ({ token, siteId }, c) => accountFor(token, c).site(siteId),
    accountFor,
    reset: () => registry.reset(),
    count: () => registry.size,
    registry,
    addressOf(credentials) {
      const { token } = SandboxCredentials.parse(credentials);
      return { id: sandboxId(token), label: labelOf(token) };
    },
    prepare() {
      const built = seed.done;
      seed.now();
      return !built;
    },
    prepareSoon() {
      seed.soon();
      return seed.ready;
    },
  };
}
