/**
 * An account in a snapshot (src/core/snapshot.ts): the tables every site of it shares, the
 * customers of all its sites (each names its `site_id`: one id column, many sites), and what the
 * Open API remembers of sign-ins (password digests, revoked tokens), so a logged-in demo survives
 * a restart: its tokens are signed with `--token-secret`, the rest is here.
 */
import { z } from 'zod';
import { Address, Organization, Source, Subscription } from '../../../contracts/pelcro/schemas';
import { plainTable, type SandboxTable } from '../../core/snapshot';
import { SnapshotCustomer, toSnapshot, fromSnapshot } from './customers/snapshot';
import { type PelcroAccount, SEEDED_SITE } from './sandbox';
import { currentSubscription } from './seed/vocabulary';

const byId = (record: { id: number }) => record.id;

/** A customer in an account's snapshot: the site it belongs to beside it. */
const SiteCustomer = SnapshotCustomer.extend({ site_id: z.int().min(1) });
type SiteCustomer = z.infer<typeof SiteCustomer>;

/** A payment source with its owner (the Source object does not name it). */
const OwnedSource = Source.extend({ customer_id: z.int().min(1) });
type OwnedSource = z.infer<typeof OwnedSource>;

/**
 * A subscription in a snapshot. A snapshot written before plans carried `product_id`, `auto_renew`
 * and `product`, or with `cancel_at_period_end` a boolean, still restores: every plan is one of the
 * seed's catalogue, so what such a plan lacks comes from the catalogue plan of its id (a plan of no
 * catalogue id is refused as before), and the boolean becomes 1 or 0.
 */
const SnapshotSubscription = z.preprocess(currentSubscription, Subscription);

const PasswordDigest = z.object({ customer_id: z.int().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict();
const RevokedToken = z.object({ jti: z.string().min(1), exp: z.int().min(0) }).strict();

function customersTable(account: PelcroAccount): SandboxTable<SiteCustomer> {
  const sites = () => {
    // The seeded site is part of every account, opened or not.
    account.site(SEEDED_SITE);
    return account.openSites();
  };
  return {
    schema: SiteCustomer,
    keyOf: (c) => c.id,
    get size() {
      return sites().reduce((n, site) => n + site.customers.size, 0);
    },
    all: () => sites().flatMap((site) => [...site.customers.values()].map((r) => ({ ...toSnapshot(r), site_id: site.siteId }))),
    changes() {
      const records: SiteCustomer[] = [];
      const removed: number[] = [];
      for (const site of account.openSites()) {
        const own = site.customers.ownChanges();
        for (const r of own.records) records.push({ ...toSnapshot(r), site_id: site.siteId });
        removed.push(...own.removed.map(Number));
      }
      return { records, removed };
    },
    apply({ records, removed }) {
      const seeded = account.site(SEEDED_SITE).customers;
      const bySite = new Map<number, SiteCustomer[]>();
      for (const record of records) {
        // A seeded customer moved to another site leaves the seeded one.
        if (record.site_id !== SEEDED_SITE && seeded.isSeeded(record.id)) removed = [...removed, record.id];
        bySite.set(record.site_id, [...(bySite.get(record.site_id) ?? []), record]);
      }
      for (const [siteId, list] of bySite) {
        account.site(siteId).customers.restore({ records: list.map(({ site_id: _, ...c }) => fromSnapshot(c)), removed: [] });
      }
      seeded.restore({ records: [], removed: [...new Set(removed.map(Number))] });
    },
  };
}

function sourcesTable(account: PelcroAccount): SandboxTable<OwnedSource> {
  const store = account.sources;
  const owned = (source: z.infer<typeof Source>): OwnedSource => ({ ...source, customer_id: store.owner(source.id) ?? 0 });
  return {
    schema: OwnedSource,
    keyOf: byId,
    get size() {
      return store.table.size;
    },
    all: () => [...store.table.values()].map(owned),
    changes() {
      const { records, removed } = store.table.ownChanges();
      return { records: records.map(owned), removed };
    },
    apply({ records, removed }) {
      for (const { customer_id, ...source } of records) {
        if (store.table.seeded(source.id)) store.replace(source);
        else store.insert(source, customer_id);
      }
      for (const id of removed) store.remove(Number(id));
    },
  };
}

/** Records of a store with no seeded part: the records are the changes. */
function ownTable<J>(
  schema: z.ZodType<J>,
  keyOf: (r: J) => string | number,
  read: () => J[],
  write: (records: J[]) => void,
): SandboxTable<J> {
  return {
    schema,
    keyOf,
    get size() {
      return read().length;
    },
    all: read,
    changes: () => ({ records: read(), removed: [] }),
    apply: ({ records }) => write(records),
  };
}

/** The account's tables, by name, in the order a restore fills them. */
export function accountTables(account: PelcroAccount): Record<string, SandboxTable> {
  const sessions = account.sessions;
  return {
    customers: customersTable(account),
    addresses: plainTable(account.addresses.table, Address, byId),
    sources: sourcesTable(account),
    subscriptions: plainTable(account.subscriptions, SnapshotSubscription, byId),
    organizations: plainTable(account.organizations, Organization, byId),
    passwords: ownTable(
      PasswordDigest,
      (p) => p.customer_id,
      () => sessions.passwordDigests(),
      (records) => sessions.restore(records, []),
    ),
    revoked_tokens: ownTable(
      RevokedToken,
      (t) => t.jti,
      () => sessions.revokedTokens(),
      (records) => sessions.restore([], records),
    ),
  } as Record<string, SandboxTable>;
}
