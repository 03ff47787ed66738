/**
 * Customers as the API returns them: the stored unexpanded form as is, or with the requested
 * relations turned from ids into objects (`?expand=`). Records are immutable, so the JSON text of
 * an unexpanded customer is computed once and reused by every later response.
 */
import type { Address, ExpandName, Subscription } from '../../../contracts/pelcro/schemas';
import type { StoredCustomer } from './model';
import type { PelcroSandbox } from './sandbox';

const jsonCache = new WeakMap<StoredCustomer, string>();

function unexpandedJson(record: StoredCustomer): string {
  let json = jsonCache.get(record);
  if (json === undefined) {
    json = JSON.stringify(record.view);
    jsonCache.set(record, json);
  }
  return json;
}

/** The customer with the given relations expanded, attribute order unchanged. */
export function expandCustomer(record: StoredCustomer, expand: ReadonlySet<ExpandName>, sandbox: PelcroSandbox): object {
  const view = record.view;
  const out: Record<string, unknown> = { ...view };
  if (expand.has('addresses')) {
    out.addresses = view.addresses.map((id) => sandbox.addresses.get(id)).filter((a): a is Address => a !== undefined);
  }
  if (expand.has('defaultSource')) {
    out.default_source = view.default_source_id === null ? null : (sandbox.sources.get(view.default_source_id) ?? null);
  }
  if (expand.has('organization')) {
    out.organization = view.organization === null ? null : (sandbox.organizations.get(view.organization) ?? null);
  }
  if (expand.has('subscriptions')) {
    out.subscriptions = view.subscriptions
      .map((id) => sandbox.subscriptions.get(id))
      .filter((s): s is Subscription => s !== undefined);
  }
  return out;
}

/** The JSON text of one customer as the API returns it. */
export function customerJson(record: StoredCustomer, expand: ReadonlySet<ExpandName>, sandbox: PelcroSandbox): string {
  return expand.size === 0 ? unexpandedJson(record) : JSON.stringify(expandCustomer(record, expand, sandbox));
}
