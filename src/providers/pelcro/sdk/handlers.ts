/**
 * The Open API's routes (`/api/v1/sdk`), after the router has read the input and, on a protected
 * route, the customer's token (`session`): validate → act on the token's sandbox → render the
 * Open API's customer with a token. The rules of the fields are the Core API's (one Laravel
 * application validates both); what the Open API adds is listed in docs/fidelity/pelcro.md.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import {
  MAX_SOURCES_PER_CUSTOMER,
  SdkAddressCreate,
  SdkAddressUpdate,
  SdkCustomerUpdate,
  SdkLogin,
  SdkPaymentMethodCreate,
  SdkPaymentMethodUpdate,
  SdkRegister,
  type Source,
} from '../../../../contracts/pelcro/schemas';
import { laravel, sdk } from '../../../../contracts/pelcro/messages';
import { filterInt } from '../../../../lib/php/scalars';
import { ErrorBag, toBool, toInt } from '../../../../lib/php/validator';
import { ApiError } from '../../../core/errors';
import { keepSentRecords } from '../../../core/plain-object';
import { addAddress, attributesOf, changeAddress, find as findAddress } from '../addresses/handlers';
import type { CustomerAuth, CustomerSession } from '../auth';
import { checkAgainstStore, refuseUnstorable, newCustomer, updatedCustomer } from '../customers/handlers';
import type { StoredCustomer } from '../customers/store';
import { failIfInvalid, readSite, type Input } from '../input';
import type { Handler } from '../router';
import type { PelcroSandbox, PelcroSandboxes } from '../sandbox';
import { DEMO_PASSWORD } from '../seed/vocabulary';
import { addSource, findSource, removeSource, usedBySubscription } from '../sources/handlers';
import { renderSdkCustomer, renderSdkPaymentMethod, sdkPaymentMethods } from './render';
import { jsonAnswer, laravelJson } from '../json';

/** tymon/jwt-auth's `iss`: the URL of the request that issued the token. */
function issuerOf(c: Context): string {
  const url = new URL(c.req.url);
  return `${url.origin}${url.pathname}`;
}

/** The input limited to the fields a schema declares (what else a client sends is not read). */
function only(input: Input, fields: readonly string[]): Input {
  const out: Input = {};
  for (const field of fields) if (Object.hasOwn(input, field)) out[field] = input[field];
  return out;
}

/** The session of a protected route (the router put it there). */
function sessionOf(session: CustomerSession | undefined): CustomerSession {
  if (!session) throw new Error('a protected Open API route reached without a session');
  return session;
}

/**
 * `site_id` of a protected call: required, and the token's own site (a token of another site is
 * refused like an invalid one: **guess**).
 */
function checkSite(siteId: number | undefined, bag: ErrorBag, session: CustomerSession): void {
  failIfInvalid(bag);
  if (siteId !== session.claims.site_id) throw new ApiError({ kind: 'forbidden', reason: 'token_invalid' });
}

/** The session of a protected call that reads no body: its `site_id` checked (checkSite). */
function siteSession(current: CustomerSession | undefined, input: Input): CustomerSession {
  const session = sessionOf(current);
  const bag = new ErrorBag();
  checkSite(readSite(input, bag), bag, session);
  return session;
}

/**
 * A protected call's body checked against `schema` (only the fields it declares are read) and its
 * `site_id` (checkSite), the errors of both reported together as Laravel's validator bag holds them.
 */
function siteBody<S extends z.ZodObject>(schema: S, input: Input, session: CustomerSession): z.output<S> {
  const fields = Object.keys(schema.shape);
  const bag = new ErrorBag(fields);
  const siteId = readSite(input, bag);
  const parsed = schema.safeParse(only(input, fields));
  if (!parsed.success) bag.addIssues(parsed.error.issues, { skip: 'site_id' });
  checkSite(siteId, bag, session);
  return parsed.data!;
}

function currentCustomer(session: CustomerSession): StoredCustomer {
  const record = session.site.customer(session.customerId);
  if (!record) throw new ApiError({ kind: 'forbidden', reason: 'user_not_found' });
  return record;
}

/** A payment method of the current customer; another customer's is not this customer's to see (404). */
function ownSource(session: CustomerSession, rawId: string): { source: Source; customer: StoredCustomer } {
  const found = findSource(session.site, rawId);
  if (found.customer.view.id !== session.customerId) throw ApiError.notFound('source', rawId);
  return found;
}

/** An organization by id, or by name: found in the account, or created there (register's company field). */
function organizationId(site: PelcroSandbox, value: unknown): number | null | undefined {
  if (value === undefined || value === null) return value as null | undefined;
  // What the `integer` rule accepts is an id (a JSON `7.0` too); anything else the `string` rule let through is a name.
  if (filterInt(value) !== undefined) return toInt(value);
  const name = String(value);
  for (const org of site.organizations.values()) if (org.name.toLowerCase() === name.toLowerCase()) return org.id;
  let id = 1;
  for (const org of site.organizations.values()) id = Math.max(id, org.id + 1);
  site.organizations.insert({ id, name });
  return id;
}

/** The handler of each Open API operation, by operation id. */
export function sdkHandlers(sandboxes: PelcroSandboxes, auth: CustomerAuth) {
  const register: Handler = async ({ c, token: apiKey, input }) => {
    const bag = new ErrorBag(Object.keys(SdkRegister.shape));
    const siteId = readSite(input, bag);
    const data = only(input, Object.keys(SdkRegister.shape));
    const parsed = SdkRegister.safeParse(data);
    if (!parsed.success) bag.addIssues(parsed.error.issues, { skip: 'site_id' });
    const site = siteId === undefined ? undefined : sandboxes.sandboxFor({ token: apiKey, siteId }, c);
    let extra: Record<string, boolean> | undefined;
    if (site) {
      const email = data.email;
      if (typeof email === 'string' && !bag.has('email') && site.customers.takenByOther('email', email)) {
        // react-pelcro-js compares this text exactly and takes `registered_on_other_sites` out first.
        bag.add('email', sdk.emailInUse);
        extra = { registered_on_other_sites: site.account.emailOnOtherSites(email, site.siteId) };
      }
      const { email: _email, organization: _organization, ...rest } = data;
      checkAgainstStore(rest, bag, site);
      const org = data.organization;
      if (org != null && !bag.has('organization') && filterInt(org) !== undefined && !site.organizations.has(toInt(org))) {
        bag.add('organization', laravel.invalid('organization'));
      }
    }
    if (!bag.empty) throw new ApiError({ kind: 'validation', fields: bag.toFields(), extra });
    const body = keepSentRecords(parsed.data!, data, ['metadata']);
    refuseUnstorable(body);
    const now = site!.now();
    const created = newCustomer(
      { ...body, organization: organizationId(site!, body.organization) },
      site!.customers.nextId(),
      now,
      site!.customers.maxMetadataKeys,
    );
    // Registering signs the customer in.
    const record: StoredCustomer = { ...created, view: { ...created.view, last_login_at: now, last_login_method: 'password' } };
    site!.customers.insert(record);
    site!.account.sessions.setPassword(record.view.id, body.password as string);
    const token = await auth.issue(apiKey, site!, record.view.id, issuerOf(c));
    // A resource of a model created in the request answers 201 (ResourceResponse::calculateStatus).
    return renderSdkCustomer(c, record, site!, token, 201);
  };

  const login: Handler = async ({ c, token: apiKey, input }) => {
    const bag = new ErrorBag(Object.keys(SdkLogin.shape));
    const siteId = readSite(input, bag);
    const parsed = SdkLogin.safeParse(only(input, Object.keys(SdkLogin.shape)));
    if (!parsed.success) bag.addIssues(parsed.error.issues, { skip: 'site_id' });
    failIfInvalid(bag);
    const site = sandboxes.sandboxFor({ token: apiKey, siteId: siteId! }, c);
    const { email, username, password } = parsed.data!;
    const field = typeof email === 'string' ? 'email' : 'username';
    const id = typeof email === 'string' ? site.customers.ownerOf('email', email) : site.customers.ownerOf('username', username!);
    const found = id === undefined ? undefined : site.customer(id);
    // A customer without a password (social sign-in) cannot sign in with one.
    const matches = found?.view.has_password === true && site.account.sessions.passwordMatches(found.view.id, password!, DEMO_PASSWORD);
    if (!found || !matches) throw ApiError.validation({ [field]: [sdk.loginFailed] });
    const now = site.now();
    // Named field by field: a seeded customer rebuilds its view and sources on read (no spread).
    const record: StoredCustomer = {
      view: { ...found.view, last_login_at: now, last_login_method: 'password', updated_at: now },
      sourceIds: found.sourceIds,
    };
    site.customers.replace(found, record);
    const token = await auth.issue(apiKey, site, record.view.id, issuerOf(c));
    return renderSdkCustomer(c, record, site, token);
  };

  const logout: Handler = ({ c, input, session: current }) => {
    const session = siteSession(current, input);
    session.site.account.sessions.revoke(session.claims.jti, session.claims.exp, Math.floor(Date.now() / 1000));
    return jsonAnswer(c, 200, laravelJson({ message: sdk.loggedOut }));
  };

  const current: Handler = ({ c, input, session: s }) => {
    const session = siteSession(s, input);
    return renderSdkCustomer(c, currentCustomer(session), session.site, session.token);
  };

  const update: Handler = async ({ c, input, session: s }) => {
    const session = sessionOf(s);
    const fields = Object.keys(SdkCustomerUpdate.shape);
    const bag = new ErrorBag(fields);
    const siteId = readSite(input, bag);
    const data = only(input, fields);
    const parsed = SdkCustomerUpdate.safeParse(data);
    if (!parsed.success) bag.addIssues(parsed.error.issues, { skip: 'site_id' });
    const record = currentCustomer(session);
    checkAgainstStore(data, bag, session.site, record);
    checkSite(siteId, bag, session);
    const site = session.site;
    const sent = keepSentRecords(parsed.data!, data, ['metadata']);
    refuseUnstorable(sent);
    let next = updatedCustomer(record, sent, () => site.now(), site.customers.maxMetadataKeys);
    // A new email is not confirmed yet.
    if (next !== record && next.view.email !== record.view.email)
      next = { view: { ...next.view, email_confirm: false }, sourceIds: next.sourceIds };
    if (next !== record) site.customers.replace(record, next);
    // The answer carries a fresh token; the one used stays valid until it expires (**guess**).
    const token = await auth.issue(session.apiKey, site, next.view.id, issuerOf(c));
    return renderSdkCustomer(c, next, site, token);
  };

  const refresh: Handler = async ({ c, input, session: s }) => {
    const session = sessionOf(s);
    const bag = new ErrorBag();
    const siteId = readSite(input, bag);
    failIfInvalid(bag);
    if (siteId !== session.claims.site_id) throw new ApiError({ kind: 'unauthenticated', reason: 'token_invalid' });
    // tymon/jwt-auth's refresh blacklists the token it replaces.
    session.site.account.sessions.revoke(session.claims.jti, session.claims.exp, Math.floor(Date.now() / 1000));
    const token = await auth.issue(session.apiKey, session.site, session.customerId, issuerOf(c));
    return renderSdkCustomer(c, currentCustomer(session), session.site, token);
  };

  const address: Handler = ({ c, input, session: s }) => {
    const session = sessionOf(s);
    const body = siteBody(SdkAddressCreate, input, session);
    const record = currentCustomer(session);
    const attributes = attributesOf(body);
    addAddress(session.site, record, { ...attributes, type: attributes.type ?? 'shipping' });
    // The answer is the customer, the new address among its addresses.
    return renderSdkCustomer(c, currentCustomer(session), session.site, session.token);
  };

  // docs.pelcro.com (Open API) "Update address"; react-pelcro-js calls it as address.update with
  // the address's id in the body. Validated first (the id is input, not a route parameter), then
  // looked up among the current customer's own addresses: another's is not found (404).
  const updateAddress: Handler = ({ c, input, session: s }) => {
    const session = sessionOf(s);
    const { address_id, ...fields } = siteBody(SdkAddressUpdate, input, session);
    // findOrFail($id) names the id as it was given (ModelNotFoundException::setModel implodes it):
    // a string that passed `integer` keeps its spelling (`-0`, `+7`, found or not as the database
    // reads the text: routeId), a number or `true` is written as PHP writes it (`7.0` is 7, true 1),
    // exact past 2^53 (`9223372036854775807` stays itself).
    const id = typeof address_id === 'string' ? address_id : String(filterInt(address_id));
    const { address, customer } = findAddress(session.site, id);
    if (customer.view.id !== session.customerId) throw ApiError.notFound('address', id);
    changeAddress(session.site, customer, address, attributesOf(fields));
    return renderSdkCustomer(c, currentCustomer(session), session.site, session.token);
  };

  const createPaymentMethod: Handler = ({ c, input, session: s }) => {
    const session = sessionOf(s);
    const body = siteBody(SdkPaymentMethodCreate, input, session);
    if (body.token == null) throw new ApiError({ kind: 'bad_request', reason: 'payment_token_missing' });
    const record = currentCustomer(session);
    if (record.sourceIds.length >= MAX_SOURCES_PER_CUSTOMER) throw new ApiError({ kind: 'bad_request', reason: 'too_many_sources' });
    const source = addSource(session.site, record, { gateway: body.gateway ?? 'stripe', objectId: body.token });
    return renderSdkPaymentMethod(c, source, currentCustomer(session), session.site, 201);
  };

  const updatePaymentMethod: Handler = ({ c, input, params, session: s }) => {
    const session = sessionOf(s);
    const body = siteBody(SdkPaymentMethodUpdate, input, session);
    const { source, customer } = ownSource(session, params.id);
    // An expiry not sent keeps the card's; one unchanged is no write.
    const exp_month = body.exp_month === undefined ? source.exp_month : toInt(body.exp_month);
    const exp_year = body.exp_year === undefined ? source.exp_year : toInt(body.exp_year);
    let card = source;
    if (exp_month !== source.exp_month || exp_year !== source.exp_year) {
      card = { ...source, exp_month, exp_year, updated_at: session.site.now() };
      session.site.sources.replace(card);
    }
    const makeDefault = toBool(body.is_default);
    const isDefault = customer.view.default_source_id === source.id;
    let owner = customer;
    if (makeDefault !== isDefault) {
      session.site.now();
      owner = session.site.relink(customer, { default_source_id: makeDefault ? source.id : null });
    }
    return renderSdkPaymentMethod(c, card, owner, session.site);
  };

  // docs.pelcro.com (Open API) "List payment methods", "Retrieve payment method", "Delete payment
  // method"; react-pelcro-js calls them as paymentMethods.list and deletePaymentMethod.
  const listPaymentMethods: Handler = ({ c, input, session: s }) => {
    const session = siteSession(s, input);
    return jsonAnswer(c, 200, laravelJson({ data: sdkPaymentMethods(currentCustomer(session), session.site) }));
  };

  const getPaymentMethod: Handler = ({ c, input, params, session: s }) => {
    const session = siteSession(s, input);
    const { source, customer } = ownSource(session, params.id);
    return renderSdkPaymentMethod(c, source, customer, session.site);
  };

  const deletePaymentMethod: Handler = ({ c, input, params, session: s }) => {
    const session = siteSession(s, input);
    const { source, customer } = ownSource(session, params.id);
    // "If the payment method has is_default attribute set to true or is associated to valid
    // subscriptions, it cannot be deleted" (docs.pelcro.com "Delete payment method").
    if (usedBySubscription(session.site, customer, source.id))
      throw new ApiError({ kind: 'bad_request', reason: 'source_in_subscription' });
    if (customer.view.default_source_id === source.id) throw new ApiError({ kind: 'bad_request', reason: 'default_source_undeletable' });
    // "Returns a Payment method resource when successful": the one deleted, as it was.
    const answer = renderSdkPaymentMethod(c, source, customer, session.site);
    removeSource(session.site, customer, source);
    return answer;
  };

  return {
    sdkRegister: register,
    sdkLogin: login,
    sdkLogout: logout,
    sdkGetCustomer: current,
    sdkUpdateCustomer: update,
    sdkRefreshToken: refresh,
    sdkCreateAddress: address,
    sdkUpdateAddress: updateAddress,
    sdkCreatePaymentMethod: createPaymentMethod,
    sdkUpdatePaymentMethod: updatePaymentMethod,
    sdkListPaymentMethods: listPaymentMethods,
    sdkGetPaymentMethod: getPaymentMethod,
    sdkDeletePaymentMethod: deletePaymentMethod,
  };
}
