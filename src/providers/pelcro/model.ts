/**
 * How Pelcro records are held in memory. A customer is stored in its response form without expand
 * (`view`), so an unexpanded answer is the stored value itself; what the response does not show
 * (which payment sources are the customer's) sits beside it.
 */
import type { Address, Customer, Organization, Source, Subscription } from '../../../contracts/pelcro/schemas';
import { BaseTable } from '../../core/table';
import type { BaseUniqueIndex } from './unique';

export interface StoredCustomer {
  readonly view: Customer;
  /** The customer's payment sources (the Source object does not name its owner). */
  readonly sourceIds: readonly number[];
}

/** The seeded records of one app, built once and shared read-only by every sandbox. */
export interface PelcroBase {
  customers: BaseTable<StoredCustomer>;
  addresses: BaseTable<Address>;
  sources: BaseTable<Source>;
  subscriptions: BaseTable<Subscription>;
  organizations: BaseTable<Organization>;
  emails: BaseUniqueIndex;
  usernames: BaseUniqueIndex;
  oldProviderIds: BaseUniqueIndex;
  /** The highest seeded id per resource: a sandbox's new ids continue after it. */
  maxIds: { customer: number; address: number; source: number; subscription: number };
}

export const customerKey = (record: StoredCustomer) => record.view.id;
export const idKey = (record: { id: number }) => record.id;

/** `name` is the full name Pelcro derives from first and last name (null when both are empty). */
export function fullName(first: string | null, last: string | null): string | null {
  const name = [first, last].filter((part) => part !== null && part !== '').join(' ');
  return name === '' ? null : name;
}
