/**
 * Customers in a snapshot (src/core/snapshot.ts): each as the API renders it without expand (the
 * contract's Customer), plus `source_ids`, the payment sources it owns (a Source does not name its
 * owner, so the customer carries them, as the store does).
 */
import { z } from 'zod';
import { Customer } from '../../../../contracts/pelcro/schemas';
import type { SandboxTable } from '../../../core/snapshot';
import { customerOf, type CustomerStore, type StoredCustomer } from './store';

export const SnapshotCustomer = Customer.extend({ source_ids: z.array(z.int().min(1)) });
export type SnapshotCustomer = z.infer<typeof SnapshotCustomer>;

export const toSnapshot = (record: StoredCustomer): SnapshotCustomer => ({ ...record.view, source_ids: [...record.sourceIds] });

export function fromSnapshot({ source_ids, ...view }: SnapshotCustomer): StoredCustomer {
  return { view: customerOf(view), sourceIds: source_ids };
}

/** The customers table of a sandbox, for snapshots. */
export function customersTable(store: CustomerStore): SandboxTable<SnapshotCustomer> {
  return {
    schema: SnapshotCustomer,
    keyOf: (c) => c.id,
    get size() {
      return store.size;
    },
    all: () => [...store.values()].map(toSnapshot),
    changes() {
      const { records, removed } = store.ownChanges();
      return { records: records.map(toSnapshot), removed };
    },
    apply: ({ records, removed }) => store.restore({ records: records.map(fromSnapshot), removed: removed.map(Number) }),
  };
}
