/**
 * Customers in a snapshot (src/core/snapshot.ts): each as the API renders it (the contract's
 * Customer, contacts and sources included), so a snapshot reads like the API's own answers and is
 * checked by the same schema. Read back, a customer keeps what the view shows: attributes by
 * their stored form (a country and a state by id), instants to the microsecond.
 */
import { z } from 'zod';
import { COUNTRIES, stateById } from '../../../../contracts/piriod/reference';
import { Customer, Source } from '../../../../contracts/piriod/schemas';
import { parseDjangoDateTime, toInstantMicros } from '../../../../lib/python/time';
import type { SandboxTable } from '../../../core/snapshot';
import { customerView } from './render';
import { CustomerRecord, type CustomerStore, type StoredContact, type StoredSource } from './store';

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

function recordOf(view: SnapshotCustomer, seq: number): CustomerRecord {
  const instants = <T extends { created: string; updated: string }>(o: T) => ({
    ...o,
    created: micros(o.created),
    updated: micros(o.updated),
  });
  return new CustomerRecord(
    view.id,
    {
      address: view.address,
      country: view.country?.id ?? null,
      currency: view.currency,
      email: view.email,
      metadata: view.metadata,
      name: view.name,
      phone: view.phone,
      state: view.state?.id ?? null,
      tax_id: view.tax_id,
      tax_settings: view.tax_settings ?? {},
      website: view.website,
    },
    {
      aggregations: view.aggregations,
      contacts: view.contacts.map(instants) as StoredContact[],
      sources: view.sources.map(instants) as StoredSource[],
    },
    micros(view.created),
    micros(view.updated),
    seq,
  );
}

/** The customers table of a sandbox, for snapshots. */
export function customersTable(store: CustomerStore): SandboxTable<SnapshotCustomer> {
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
      // A seeded customer keeps its place in insertion order; a new one takes the next.
      store.restore({ records: records.map((c) => recordOf(c, store.seeded(c.id)?.seq ?? store.nextSeq())), removed: removed.map(String) });
    },
  };
}
