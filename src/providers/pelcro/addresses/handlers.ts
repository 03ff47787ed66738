/**
 * The address routes of Pelcro's Core API, after the router has authenticated the request and read
 * its input: validate (the contract's schemas, then `customer_id` against the site's customers) →
 * act on the sandbox → render. An address belongs to a site through its customer: another site's
 * address is a 404, and a deleted customer's addresses are gone with it (decision 002).
 */
import { type Address, AddressCreate, AddressUpdate } from '../../../../contracts/pelcro/schemas';
import { laravel } from '../../../../contracts/pelcro/messages';
import { ErrorBag, ruleValue, toInt } from '../../../../lib/php/validator';
import { ApiError } from '../../../core/errors';
import type { StoredCustomer } from '../customers/store';
import { failIfInvalid, readSite, type Input } from '../input';
import type { Handler } from '../router';
import type { PelcroSandbox, PelcroSandboxes } from '../sandbox';
import { addressListHandler } from './list';
import { renderAddress } from './render';
import { routeId } from '../route-id';

const FIELDS = AddressUpdate.shape;
type Field = keyof typeof FIELDS;
/** The address attributes a body may set (`site_id` is not one). */
const SETTABLE = (Object.keys(FIELDS) as Field[]).filter((field) => field !== 'site_id');

/** The attributes a body sets, read as their rules mean them (`is_default: "1"` is true). */
export function attributesOf(body: Partial<Record<Field, unknown>>): Partial<Address> {
  const out: Record<string, unknown> = {};
  for (const field of SETTABLE) {
    const value = body[field];
    if (value !== undefined) out[field] = ruleValue(FIELDS[field], value) ?? null;
  }
  return out as Partial<Address>;
}

/**
 * The `exists` rule on `customer_id`: a live customer of the call's site. Without a valid site
 * (`sandbox` undefined) it still runs, as Laravel runs every field's rules whatever `site_id` gave
 * (an `exists` scoped by an absent or invalid site matches no row), so the 400 names both fields.
 */
export function checkCustomer(input: Input, bag: ErrorBag, sandbox: PelcroSandbox | undefined): StoredCustomer | undefined {
  if (input.customer_id == null || bag.has('customer_id')) return undefined;
  const customer = sandbox?.customer(toInt(input.customer_id));
  if (!customer) bag.add('customer_id', laravel.invalid('customer_id'));
  return customer;
}

/** "One default per type per customer": a new default clears the others of its type. */
function clearOtherDefaults(sandbox: PelcroSandbox, customer: StoredCustomer, kept: Address): void {
  for (const id of customer.view.addresses) {
    const other = sandbox.addresses.get(id);
    if (other && other.id !== kept.id && other.type === kept.type && other.is_default) {
      sandbox.addresses.replace(Object.assign({}, other, { is_default: false }));
    }
  }
}

/** A new address of `customer`, stored and linked; the caller validated `attributes`. */
export function addAddress(sandbox: PelcroSandbox, customer: StoredCustomer, attributes: Partial<Address>): Address {
  sandbox.now();
  const address: Address = {
    id: sandbox.addresses.nextId(),
    user_id: customer.view.id,
    type: 'shipping',
    first_name: null,
    last_name: null,
    title: null,
    salutation: null,
    company: null,
    department: null,
    line1: '',
    line2: null,
    city: null,
    state: null,
    country: '',
    postal_code: null,
    phone: null,
    is_default: false,
    old_provider_id: null,
    ...attributes,
  };
  sandbox.addresses.insert(address);
  const linked = sandbox.relink(customer, { addresses: [...customer.view.addresses, address.id] });
  if (address.is_default) clearOtherDefaults(sandbox, linked, address);
  return address;
}

/**
 * `address` with `attributes` (validated by the caller) applied; stored only when something changed,
 * and a new default clears the others of its type. The address as it now is.
 */
export function changeAddress(sandbox: PelcroSandbox, customer: StoredCustomer, address: Address, attributes: Partial<Address>): Address {
  const next: Address = Object.assign({}, address, attributes);
  if (JSON.stringify(next) !== JSON.stringify(address)) {
    sandbox.now();
    sandbox.addresses.replace(next);
    if (next.is_default) clearOtherDefaults(sandbox, customer, next);
  }
  return next;
}

/** Route-model binding scoped to the site: an address whose customer is not on it is a 404. */
export function find(sandbox: PelcroSandbox, rawId: string): { address: Address; customer: StoredCustomer } {
  const id = routeId(rawId);
  const address = id === undefined ? undefined : sandbox.addresses.get(id);
  const customer = address && sandbox.customer(address.user_id);
  if (!address || !customer) throw ApiError.notFound('address', rawId);
  return { address, customer };
}

function siteOnly(input: Input): number {
  const bag = new ErrorBag();
  const siteId = readSite(input, bag);
  failIfInvalid(bag);
  return siteId!;
}

/** The handler of each address operation, by operation id. */
export function addressHandlers(sandboxes: PelcroSandboxes, publicUrl?: string) {
  const create: Handler = ({ c, token, input }) => {
    const bag = new ErrorBag(Object.keys(AddressCreate.shape));
    const siteId = readSite(input, bag);
    const parsed = AddressCreate.safeParse(input);
    if (!parsed.success) bag.addIssues(parsed.error.issues, { skip: 'site_id' });
    const sandbox = siteId === undefined ? undefined : sandboxes.sandboxFor({ token, siteId }, c);
    const customer = checkCustomer(input, bag, sandbox);
    failIfInvalid(bag);
    const address = addAddress(sandbox!, customer!, attributesOf(parsed.data!));
    return renderAddress(c, address, 201);
  };

  const retrieve: Handler = ({ c, token, input, params }) => {
    const sandbox = sandboxes.sandboxFor({ token, siteId: siteOnly(input) }, c);
    return renderAddress(c, find(sandbox, params.id).address);
  };

  const update: Handler = ({ c, token, input, params }) => {
    const bag = new ErrorBag(Object.keys(FIELDS));
    const siteId = readSite(input, bag);
    const parsed = AddressUpdate.safeParse(input);
    if (!parsed.success) bag.addIssues(parsed.error.issues, { skip: 'site_id' });
    if (siteId === undefined) failIfInvalid(bag);
    const sandbox = sandboxes.sandboxFor({ token, siteId: siteId! }, c);
    const { address, customer } = find(sandbox, params.id);
    failIfInvalid(bag);
    return renderAddress(c, changeAddress(sandbox, customer, address, attributesOf(parsed.data!)));
  };

  const remove: Handler = ({ c, token, input, params }) => {
    const sandbox = sandboxes.sandboxFor({ token, siteId: siteOnly(input) }, c);
    const { address, customer } = find(sandbox, params.id);
    sandbox.now();
    sandbox.addresses.remove(address.id);
    sandbox.relink(customer, { addresses: customer.view.addresses.filter((id) => id !== address.id) });
    // As a customer's delete: "an empty response on success".
    return c.body(null, 204);
  };

  return {
    listAddresses: addressListHandler(sandboxes, publicUrl),
    createAddress: create,
    getAddress: retrieve,
    updateAddress: update,
    deleteAddress: remove,
  };
}
