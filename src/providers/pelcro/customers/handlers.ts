/**
 * The customer routes of Pelcro's Core API, after the router has authenticated the request and read
 * its input: validate (the contract's schemas, then the checks against the store) → act on the
 * sandbox → render. A new or updated customer is derived from the schemas: the attributes a body
 * may set are the update body's fields that the customer has, each read as its Laravel rule means it.
 */
import { Customer, CustomerCreate, CustomerUpdate } from '../../../../contracts/pelcro/schemas';
import { laravel } from '../../../../contracts/pelcro/messages';
import { bcryptRefuses } from '../../../../lib/php/bcrypt';
import { withoutFiles } from '../../../../lib/php/upload';
import { ErrorBag, ruleValue, toInt } from '../../../../lib/php/validator';
import { ApiError } from '../../../core/errors';
import { tooManyMetadataKeys } from '../../../core/limits';
import { holdsNonFiniteNumber, keyOf } from '../../../../lib/ordered-json';
import { keepSentRecords, setOwn } from '../../../core/plain-object';
import { failIfInvalid, readSite, type Input } from '../input';
import type { Handler } from '../router';
import type { PelcroSandbox, PelcroSandboxes } from '../sandbox';
import { PageCache } from '../../../core/page-cache';
import { listHandler, readExpand } from './list';
import { renderOne } from './render';
import { blankCustomer, fullName, UNIQUE_FIELDS, writtenCustomer, type Draft, type StoredCustomer } from './store';
import { routeId } from '../route-id';

const FIELDS = CustomerUpdate.shape;
type Field = keyof typeof FIELDS;
/** A validated create or update body. */
type Body = Partial<Record<Field, unknown>>;

/** The customer attributes a body may set (`site_id`, `password` … are not attributes). */
const SETTABLE = Object.keys(FIELDS).filter((field): field is Field => Object.hasOwn(Customer.shape, field));

/**
 * The checks Laravel runs against the database: `unique` (per site) and `exists`. They look only
 * at fields that passed their own rules, whose raw input is then their validated value.
 */
export function checkAgainstStore(data: Input, bag: ErrorBag, sandbox: PelcroSandbox, self?: StoredCustomer): void {
  const selfId = self?.view.id;
  for (const field of UNIQUE_FIELDS) {
    const value = data[field];
    if (typeof value !== 'string' || bag.has(field)) continue;
    if (sandbox.customers.takenByOther(field, value, selfId)) bag.add(field, laravel.unique(field));
  }
  if (data.organization != null && !bag.has('organization') && !sandbox.organizations.has(toInt(data.organization))) {
    bag.add('organization', laravel.invalid('organization'));
  }
  if (data.default_source_id != null && !bag.has('default_source_id')) {
    const id = toInt(data.default_source_id);
    if (!self?.sourceIds.includes(id) || !sandbox.sources.has(id)) bag.add('default_source_id', laravel.invalid('default_source_id'));
  }
}

/**
 * Metadata without the keys set to null; PHP's empty array `[]` is an empty object, and a list the
 * array of keys 0 … n−1 it is (src/providers/pelcro/input.ts keeps a JSON list as a JS array). An
 * uploaded file inside it is kept as what its JSON column gives back (lib/php/upload.ts `withoutFiles`).
 *
 * Once the patch has set more keys than `maxKeys` and than the current metadata holds, the merge
 * stops with the refusal the store would give the whole (checkMetadata's first): each key of a
 * patch comes once, so no later null takes one back, and metadata with more keys than before has
 * changed, so an update would be charged. Building the whole of a 300,000-item list first held the
 * server 600 ms.
 */
function mergeMetadata(current: unknown, patch: unknown, maxKeys: number | undefined): Draft {
  const out: Draft = {};
  let held = 0;
  for (const [key, value] of Object.entries(current ?? {})) {
    setOwn(out, key, value);
    held++;
  }
  if (typeof patch !== 'object' || patch === null) return out;
  const bound = maxKeys === undefined ? Number.POSITIVE_INFINITY : Math.max(maxKeys, held);
  const list = Array.isArray(patch) ? patch : undefined;
  const keys = list ? undefined : Object.keys(patch);
  const count = list ? list.length : keys!.length;
  let set = 0;
  for (let i = 0; i < count; i++) {
    const key = list ? keyOf(String(i)) : keys![i];
    const value = list ? list[i] : (patch as Record<string, unknown>)[key];
    if (value === null) delete out[key];
    else {
      if (++set > bound) throw tooManyMetadataKeys(maxKeys!);
      setOwn(out, key, withoutFiles(value));
    }
  }
  return out;
}

/** Phone: "Non-numeric characters are stripped." */
const digitsOnly = (phone: unknown) => (typeof phone === 'string' ? phone.replace(/\D/g, '') : null);

/**
 * The body's attributes applied to `draft`: only the fields sent change; `metadata` merges (null
 * removes a key, `metadata: null` leaves it as it is), `organization: null` detaches.
 */
function apply(draft: Draft, body: Body, maxMetadataKeys: number | undefined): void {
  for (const field of SETTABLE) {
    const value = body[field];
    if (value === undefined) continue;
    if (field === 'metadata') {
      if (value !== null) draft.metadata = mergeMetadata(draft.metadata, value, maxMetadataKeys);
    } else if (field === 'phone') draft.phone = digitsOnly(value);
    else draft[field] = ruleValue(FIELDS[field], value) ?? null;
  }
}

/** `maxMetadataKeys`: the store's bound (CustomerStore.maxMetadataKeys), met as the metadata is merged. */
export function newCustomer(body: Body, id: number, now: number, maxMetadataKeys?: number): StoredCustomer {
  const draft = blankCustomer(id, now);
  apply(draft, body, maxMetadataKeys);
  const view = draft as Customer;
  view.name = fullName(view.first_name, view.last_name);
  // "Defaults to en" (Open API register; the Core API create page names no other default).
  view.language ??= 'en';
  if (body.password !== undefined) {
    view.has_password = true;
    view.password_last_updated_at = now;
  }
  return { view, sourceIds: [] };
}

/**
 * The customer after a PUT. Like Eloquent's save(), `updated_at` moves only when something
 * changed: the result is `current` itself otherwise.
 */
export function updatedCustomer(current: StoredCustomer, body: Body, now: () => number, maxMetadataKeys?: number): StoredCustomer {
  const before: Draft = current.view;
  const draft = writtenCustomer(before) as Draft;
  apply(draft, body, maxMetadataKeys);
  // A new password is always a change (its hash differs even when the text is the same).
  const passwordChanged = body.password !== undefined;
  const changed =
    passwordChanged ||
    Object.keys(draft).some((key) =>
      key === 'metadata' ? JSON.stringify(draft.metadata) !== JSON.stringify(before.metadata) : draft[key] !== before[key],
    );
  if (!changed) return current;
  const next = draft as Customer;
  // `name` follows first and last name, so it changes only with them.
  if (body.first_name !== undefined || body.last_name !== undefined) next.name = fullName(next.first_name, next.last_name);
  const at = now();
  if (passwordChanged) {
    next.has_password = true;
    next.password_last_updated_at = at;
  }
  next.updated_at = at;
  return { view: next, sourceIds: current.sourceIds };
}

/**
 * What the model cannot take, refused before anything is saved with the exception handler's 500:
 * - a password bcrypt refuses (a NUL byte, lib/php/bcrypt.ts);
 * - metadata json_encode refuses: a JSON number past the double range (`1e400`) decodes to INF,
 *   and Eloquent's `array` cast cannot encode it (Model::castAttributeAsJson throws
 *   JsonEncodingException, "Inf and NaN cannot be JSON encoded"). Seen side by side with a Laravel
 *   app; the mock had stored `null`.
 */
export function refuseUnstorable(body: { password?: unknown; metadata?: unknown }): void {
  if (typeof body.password === 'string' && bcryptRefuses(body.password))
    throw new ApiError({ kind: 'server_error', cause: 'bcrypt hashing' });
  if (body.metadata != null && holdsNonFiniteNumber(body.metadata)) throw new ApiError({ kind: 'server_error', cause: 'json encoding' });
}

/** Laravel's route-model binding: an id that is not a stored customer is a 404. */
function find(sandbox: PelcroSandbox, rawId: string): StoredCustomer {
  const id = routeId(rawId);
  const record = id === undefined ? undefined : sandbox.customers.get(id);
  if (!record) throw ApiError.notFound('customer', rawId);
  return record;
}

/** The handler of each customer operation, by operation id. */
export function customerHandlers(sandboxes: PelcroSandboxes, publicUrl?: string) {
  const retrieve: Handler = ({ c, token, input, params }) => {
    const bag = new ErrorBag(['site_id', 'expand']);
    const siteId = readSite(input, bag);
    const expand = readExpand(input, bag);
    failIfInvalid(bag);
    const sandbox = sandboxes.sandboxFor({ token, siteId: siteId! }, c);
    return renderOne(c, find(sandbox, params.id), sandbox, { expand });
  };

  const create: Handler = ({ c, token, input }) => {
    const bag = new ErrorBag(Object.keys(CustomerCreate.shape));
    const siteId = readSite(input, bag);
    const parsed = CustomerCreate.safeParse(input);
    if (!parsed.success) bag.addIssues(parsed.error.issues, { skip: 'site_id' });
    const sandbox = siteId === undefined ? undefined : sandboxes.sandboxFor({ token, siteId }, c);
    // Fields that passed their own rules are checked against the store even when others failed.
    if (sandbox) checkAgainstStore(input, bag, sandbox);
    failIfInvalid(bag);
    const body = keepSentRecords(parsed.data!, input, ['metadata']);
    refuseUnstorable(body);
    const record = newCustomer(body, sandbox!.customers.nextId(), sandbox!.now(), sandbox!.customers.maxMetadataKeys);
    sandbox!.customers.insert(record);
    if (typeof body.password === 'string') sandbox!.account.sessions.setPassword(record.view.id, body.password);
    // A Laravel resource for a model created in this request answers 201 (ResourceResponse::calculateStatus).
    return renderOne(c, record, sandbox!, { status: 201 });
  };

  const update: Handler = ({ c, token, input, params }) => {
    const bag = new ErrorBag(Object.keys(CustomerUpdate.shape));
    const siteId = readSite(input, bag);
    const parsed = CustomerUpdate.safeParse(input);
    if (!parsed.success) bag.addIssues(parsed.error.issues, { skip: 'site_id' });
    if (siteId === undefined) failIfInvalid(bag);
    const sandbox = sandboxes.sandboxFor({ token, siteId: siteId! }, c);
    const record = find(sandbox, params.id);
    checkAgainstStore(input, bag, sandbox, record);
    failIfInvalid(bag);
    const sent = keepSentRecords(parsed.data!, input, ['metadata']);
    refuseUnstorable(sent);
    const next = updatedCustomer(record, sent, () => sandbox.now(), sandbox.customers.maxMetadataKeys);
    if (next !== record) sandbox.customers.replace(record, next);
    if (typeof parsed.data!.password === 'string') sandbox.account.sessions.setPassword(record.view.id, parsed.data!.password);
    return renderOne(c, next, sandbox);
  };

  const remove: Handler = ({ c, token, input, params }) => {
    const bag = new ErrorBag();
    const siteId = readSite(input, bag);
    failIfInvalid(bag);
    const sandbox = sandboxes.sandboxFor({ token, siteId: siteId! }, c);
    sandbox.deleteCustomer(find(sandbox, params.id));
    // "Use this endpoint to delete an existing customer, which will return an empty response on success."
    return c.body(null, 204);
  };

  return {
    listCustomers: listHandler(sandboxes, new PageCache(), publicUrl),
    createCustomer: create,
    getCustomer: retrieve,
    updateCustomer: update,
    deleteCustomer: remove,
  };
}
