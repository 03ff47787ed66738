/**
 * Customers in a snapshot (src/core/snapshot.ts): each as the API renders it (the contract's
 * Customer, contacts and sources included), so a snapshot reads like the API's own answers and is
 * checked by the same schema. Read back, a customer keeps what the view shows: attributes by
 * their stored form (a country and a state by id), instants to the microsecond.
 */
import { z } from 'zod';
import { COUNTRIES, stateById } from '../../../../contracts/piriod/reference';
import { Contact, Customer, Source } from '../../../../contracts/piriod/schemas';
import { parseDjangoDateTime, toInstantMicros } from '../../../../lib/python/time';
import type { SandboxTable } from '../../../core/snapshot';
import type { Table } from '../../../core/table';
import type { ContactStore } from '../contacts/store';
import type { SourceStore } from '../sources/store';
import { contactView, customerView, sourceView } from './render';
import { CustomerRecord, type CustomerStore, type StoredAttrs, type StoredContact, type StoredSource } from './store';

function micros(value: string): number {
  const fields = parseDjangoDateTime(value);
  const at = fields && toInstantMicros(fields);
  if (at === undefined) throw new Error(`not an instant: ${value}`);
  return at;
}

/** A customer in a snapshot: the API's Customer, with its sources as objects (never bare ids). */
export const SnapshotCustomer = Customer.extend({ sources: z.array(Source) }).superRefine((c, ctx) => {
  if (c.country && COUNTRIES.get(c.country.id)?.name !== c.country.name) {
    ctx.addIssue({ code: 'custom', path: ['country', 'id'], message: `no country ${c.country.id} named ${c.country.name}` });
  }
  if (c.state && !stateById(c.state.id)) ctx.addIssue({ code: 'custom', path: ['state', 'id'], message: `no state ${c.state.id}` });
});
export type SnapshotCustomer = z.infer<typeof SnapshotCustomer>;

/** A contact or source read back: its instants to the microsecond, as stored. */
function instants<T extends { created: string; updated: string }>(
  o: T,
): Omit<T, 'created' | 'updated'> & { created: number; updated: number } {
  return { ...o, created: micros(o.created), updated: micros(o.updated) };
}

/**
 * A customer read back. Its `sources` field shows only the listed ones, so the customer's sources
 * come from the sources table when it is given (restored before the customers).
 */
function recordOf(view: SnapshotCustomer, seq: number, sourcesOf: (id: string) => StoredSource[] | undefined): CustomerRecord {
  const { id, aggregations, contacts, sources, test_mode, country, state, created, updated, ...rest } = view;
  return new CustomerRecord(
    id,
    { ...rest, country: country?.id ?? null, state: state?.id ?? null, tax_settings: rest.tax_settings ?? {} } as StoredAttrs,
    {
      aggregations,
      contacts: contacts.map(instants) as StoredContact[],
      sources: sourcesOf(id) ?? (sources.map(instants) as StoredSource[]),
      testMode: test_mode,
    },
    micros(created),
    micros(updated),
    seq,
  );
}

/** The customers table of a sandbox, for snapshots. */
export function customersTable(store: CustomerStore, sources?: SourceStore): SandboxTable<SnapshotCustomer> {
  const view = (record: CustomerRecord) => customerView(record) as SnapshotCustomer;
  return {
    schema: SnapshotCustomer,
    keyOf: (c) => c.id,
    get size() {
      return store.size;
    },
    all: () => [...store.values()].map(view),
    changes() {
      const { records, removed } = store.ownChanges();
      return { records: records.map(view), removed };
    },
    apply({ records, removed }) {
      // Each restored customer's sources, read for it alone (the seeded ones are built from their
      // customer when read: listing every source would rebuild every seeded customer).
      const sourcesOf = (id: string) => sources?.ofCustomer(id);
      // A seeded customer keeps its place in insertion order; a new one takes the next.
      store.restore({
        records: records.map((c) => recordOf(c, store.seeded(c.id)?.seq ?? store.nextSeq(), sourcesOf)),
        removed: removed.map(String),
      });
    },
  };
}

/** A store of records rendered with their instants as text (contacts, sources), as snapshots read it. */
interface RenderedStore<T> {
  readonly records: Table<T>;
  restore(changes: { records: readonly T[]; removed: readonly string[] }): void;
}

/** A table of such a store, for snapshots: each record as the API renders it by `view`. */
function renderedTable<J extends { id: string; created: string; updated: string }, T>(
  schema: z.ZodType<J>,
  store: RenderedStore<T>,
  view: (record: T) => unknown,
): SandboxTable<J> {
  return {
    schema,
    keyOf: (r) => r.id,
    get size() {
      return store.records.size;
    },
    all: () => [...store.records.values()].map((r) => view(r) as J),
    changes() {
      const { records, removed } = store.records.ownChanges();
      return { records: records.map((r) => view(r) as J), removed };
    },
    apply({ records, removed }) {
      store.restore({ records: records.map((r) => instants(r) as unknown as T), removed: removed.map(String) });
    },
  };
}

/** The contacts table of a sandbox, for snapshots: each contact as the API renders it. */
export function contactsTable(store: ContactStore): SandboxTable<Contact> {
  return renderedTable(Contact, store, contactView);
}

/** The sources table of a sandbox, for snapshots: each source as the API renders it. */
export function sourcesTable(store: SourceStore): SandboxTable<Source> {
  return renderedTable(Source, store, sourceView);
}
