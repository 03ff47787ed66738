/**
 * Customers as the API returns them: the stored unexpanded form as is, or with the requested
 * relations turned from ids into objects (`?expand=`). Records are immutable, so the JSON text of
 * an unexpanded customer is computed once and reused by every later response.
 */
import { EXPAND_NAMES, type ExpandName } from '../../../contracts/pelcro/schemas';
import type { Address, Subscription } from '../../../contracts/pelcro/schemas';
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

/** Parses `?expand=`: the names, or the unknown ones when there are any. */
export function parseExpand(raw: unknown): { names: Set<ExpandName> } | { unknown: string[] } {
  const names = new Set<ExpandName>();
  if (raw === undefined || raw === null) return { names };
  if (typeof raw !== 'string') return { unknown: [String(JSON.stringify(raw))] };
  const unknown: string[] = [];
  for (const part of raw.split(',')) {
    const name = part.trim();
    if (name === '') continue;
    if ((EXPAND_NAMES as readonly string[]).includes(name)) names.add(name as ExpandName);
    else unknown.push(name);
  }
  return unknown.length > 0 ? { unknown } : { names };
}
