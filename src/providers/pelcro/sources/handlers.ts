/**
 * The payment source routes of Pelcro's Core API: validate (the contract's schema, then
 * `customer_id` against the site's customers) → act on the sandbox → render. The mock talks to no
 * gateway: a source records the gateway's object as given, with the card details of the gateway's
 * well-known test tokens (Stripe's `tok_visa` …) and none otherwise.
 */
import { SourceCreate, type Source } from '../../../../contracts/pelcro/schemas';
import { ErrorBag } from '../../../../lib/php/validator';
import { ApiError } from '../../../core/errors';
import { checkCustomer } from '../addresses/handlers';
import type { StoredCustomer } from '../customers/store';
import { failIfInvalid, readSite } from '../input';
import type { Handler } from '../router';
import type { PelcroSandbox, PelcroSandboxes } from '../sandbox';
import { renderSource } from './render';
import { routeId } from '../route-id';

type Card = Pick<Source, 'brand' | 'last4' | 'funding' | 'country'>;

/** Stripe's documented test tokens and payment methods ("Testing" › "Cards"), by the card they stand for. */
const TEST_CARDS: Record<string, Card> = {
  visa: { brand: 'Visa', last4: '4242', funding: 'credit', country: 'US' },
  visa_debit: { brand: 'Visa', last4: '5556', funding: 'debit', country: 'US' },
  mastercard: { brand: 'MasterCard', last4: '4444', funding: 'credit', country: 'US' },
  amex: { brand: 'American Express', last4: '8431', funding: 'credit', country: 'US' },
  discover: { brand: 'Discover', last4: '1117', funding: 'credit', country: 'US' },
};

function cardOf(objectId: string): Card {
  const name = /^(?:tok|pm_card)_([a-z_]+)$/.exec(objectId)?.[1];
  return (
    (name !== undefined && Object.hasOwn(TEST_CARDS, name) ? TEST_CARDS[name] : undefined) ?? {
      brand: null,
      last4: null,
      funding: null,
      country: null,
    }
  );
}

/** What a new source is made of. */
export interface NewSource {
  gateway: Source['object_gateway'];
  objectId: string;
}

/** A new source of `customer`, stored; the customer's first source (no default yet) becomes its default. */
export function addSource(sandbox: PelcroSandbox, customer: StoredCustomer, { gateway, objectId }: NewSource): Source {
  const now = sandbox.now();
  const card = cardOf(objectId);
  const year = new Date(now * 1000).getUTCFullYear();
  const source: Source = {
    id: sandbox.sources.nextId(),
    status: 'chargeable',
    object_gateway: gateway,
    object_id: objectId,
    exp_month: card.last4 === null ? null : 12,
    exp_year: card.last4 === null ? null : year + 3,
    ...card,
    name: customer.view.name,
    created_at: now,
    updated_at: now,
  };
  sandbox.sources.insert(source, customer.view.id);
  const change = customer.view.default_source_id === null ? { default_source_id: source.id } : {};
  sandbox.relink(customer, change, [...customer.sourceIds, source.id]);
  return source;
}

/** A live source of a customer of this site, or the 404 of route-model binding. */
export function findSource(sandbox: PelcroSandbox, rawId: string): { source: Source; customer: StoredCustomer } {
  const id = routeId(rawId);
  const source = id === undefined ? undefined : sandbox.sources.get(id);
  const owner = id === undefined ? undefined : sandbox.sources.owner(id);
  const customer = owner === undefined ? undefined : sandbox.customer(owner);
  if (!source || !customer) throw ApiError.notFound('source', rawId);
  return { source, customer };
}

/** Whether one of the customer's subscriptions charges this source. */
export function usedBySubscription(sandbox: PelcroSandbox, customer: StoredCustomer, sourceId: number): boolean {
  return customer.view.subscriptions.some((id) => sandbox.subscriptions.get(id)?.default_source === sourceId);
}

/**
 * A soft delete: the source answers 404 from now on. A deleted default leaves the customer without
 * one (**guess**: Pelcro does not say whether another source takes its place).
 */
export function removeSource(sandbox: PelcroSandbox, customer: StoredCustomer, source: Source): void {
  sandbox.now();
  sandbox.sources.remove(source.id);
  const change = customer.view.default_source_id === source.id ? { default_source_id: null } : {};
  sandbox.relink(
    customer,
    change,
    customer.sourceIds.filter((id) => id !== source.id),
  );
}

/** The handler of each source operation, by operation id. */
export function sourceHandlers(sandboxes: PelcroSandboxes) {
  const create: Handler = ({ c, token, input }) => {
    const bag = new ErrorBag(Object.keys(SourceCreate.shape));
    const siteId = readSite(input, bag);
    const parsed = SourceCreate.safeParse(input);
    if (!parsed.success) bag.addIssues(parsed.error.issues, { skip: 'site_id' });
    const sandbox = siteId === undefined ? undefined : sandboxes.sandboxFor({ token, siteId }, c);
    const customer = checkCustomer(input, bag, sandbox);
    failIfInvalid(bag);
    const body = parsed.data!;
    const source = addSource(sandbox!, customer!, { gateway: body.object_gateway!, objectId: body.object_id! });
    return renderSource(c, source, 201);
  };

  const remove: Handler = ({ c, token, input, params }) => {
    const bag = new ErrorBag();
    const siteId = readSite(input, bag);
    failIfInvalid(bag);
    const sandbox = sandboxes.sandboxFor({ token, siteId: siteId! }, c);
    const { source, customer } = findSource(sandbox, params.id);
    if (usedBySubscription(sandbox, customer, source.id)) throw new ApiError({ kind: 'bad_request', reason: 'source_in_subscription' });
    removeSource(sandbox, customer, source);
    return c.body(null, 204);
  };

  return { createSource: create, deleteSource: remove };
}
