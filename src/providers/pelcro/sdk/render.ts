/**
 * The Open API's customer resource: the Core customer's attributes with its related records
 * embedded (addresses, subscriptions, payment sources, the organization as an object), then
 * `full_name`, `balance`, the `invoices` and `orders` the mock does not serve, and the token.
 */
import type { Context } from 'hono';
import { writeJson } from '../../../../lib/ordered-json';
import { RESOURCE_ARRAYS } from '../../../../lib/php/resource';
import { jsonAnswer, laravelJson, laravelText } from '../json';
import type { Address, SdkCustomer, SdkPaymentMethod, Source, Subscription } from '../../../../contracts/pelcro/schemas';
import type { StoredCustomer } from '../customers/store';
import type { PelcroSandbox } from '../sandbox';
import { usedBySubscription } from '../sources/handlers';

const live = <T>(records: readonly (T | undefined)[]): T[] => records.filter((r): r is T => r !== undefined);

/**
 * A payment source of `customer` as the Open API shows it: the Core source, whether it is the
 * default, whether the customer may delete it, and its card under `properties` (what
 * react-pelcro-js reads: contracts/pelcro/sdk.ts `SdkPaymentMethod`).
 */
export function sdkPaymentMethod(source: Source, customer: StoredCustomer, sandbox: PelcroSandbox): SdkPaymentMethod {
  return {
    ...source,
    is_default: customer.view.default_source_id === source.id,
    // **guess**: a subscription's source cannot go (the Core API's rule); the default can, once
    // another is made the default (react-pelcro-js asks for one first when `deletable` is true).
    deletable: !usedBySubscription(sandbox, customer, source.id),
    properties: { brand: source.brand, last4: source.last4, exp_month: source.exp_month, exp_year: source.exp_year },
  };
}

/** Every payment method of `customer` still live, in the order added. */
export function sdkPaymentMethods(customer: StoredCustomer, sandbox: PelcroSandbox): SdkPaymentMethod[] {
  return live<Source>(customer.sourceIds.map((s) => sandbox.sources.get(s))).map((s) => sdkPaymentMethod(s, customer, sandbox));
}

/** The customer as the Open API shows it to the customer holding `authToken`. */
export function sdkCustomer(record: StoredCustomer, sandbox: PelcroSandbox, authToken: string): SdkCustomer {
  const { id, addresses, default_source_id, default_source: _, organization, subscriptions, ...attributes } = record.view;
  return {
    id,
    addresses: live<Address>(addresses.map((a) => sandbox.addresses.get(a))),
    default_source_id,
    organization: organization === null ? null : (sandbox.organizations.get(organization) ?? null),
    subscriptions: live<Subscription>(subscriptions.map((s) => sandbox.subscriptions.get(s))),
    sources: sdkPaymentMethods(record, sandbox),
    ...attributes,
    // **guess**: the name shown to the customer; `name` of the Core resource, which may be null.
    full_name: record.view.name,
    // **guess**: the customer's account credit in cents; the mock keeps no ledger.
    balance: 0,
    invoices: [],
    orders: [],
    auth_token: authToken,
  };
}

/**
 * The customer in the `{data}` envelope, its arrays as a resource writes them (lib/php/resource.ts):
 * metadata keys as sent, `{"5": "x"}` as `["x"]`, an empty one as `[]`.
 */
export function renderSdkCustomer(
  c: Context,
  record: StoredCustomer,
  sandbox: PelcroSandbox,
  authToken: string,
  status: 200 | 201 = 200,
): Response {
  return jsonAnswer(c, status, laravelText(writeJson({ data: sdkCustomer(record, sandbox, authToken) }, RESOURCE_ARRAYS)));
}

/** One payment method in the `{data}` envelope; a resource of a model created in the request answers 201. */
export function renderSdkPaymentMethod(
  c: Context,
  source: Source,
  customer: StoredCustomer,
  sandbox: PelcroSandbox,
  status: 200 | 201 = 200,
): Response {
  return jsonAnswer(c, status, laravelJson({ data: sdkPaymentMethod(source, customer, sandbox) }));
}
