/**
 * The customer endpoints of Pelcro's Core API at their real paths. Each handler runs the same
 * pipeline: authenticate → read the input → validate → act on the sandbox → render.
 * Sandboxes are keyed by API key and site: the same key on two sites sees two separate stores.
 */
import type { Context, Hono } from 'hono';
import { CustomerCreate, CustomerUpdate } from '../../../contracts/pelcro/schemas';
import { ApiError } from '../../core/errors';
import { frozenMicros, type AppOptions } from '../../core/options';
import { refuseDeclaredOversize } from '../../core/body';
import type { MountedProvider } from '../../core/provider';
import { SandboxRegistry } from '../../core/table';
import { trimChar } from '../../core/text';
import { authenticate } from './auth';
import { modelNotFound, respondWithError, routeNotFound } from './errors';
import { requestInput, type Input } from './input';
import { readExpand } from './expand';
import { listCustomers, readListQuery } from './list';
import type { PelcroBase, StoredCustomer } from './model';
import { customerJson } from './render';
import { ALLOWED_METHODS, matchCustomerRoute, rawPath, type CustomerRoute } from './router';
import { PelcroSandbox } from './sandbox';
import { buildPelcroBase } from './seed';
import { ErrorBag, resolveSite } from './validation';
import { checkAgainstStore, newCustomer, updatedCustomer } from './writes';

const NO_EXPAND = new Set<never>();

/** A handler of one customer route; `id` is the decoded `{id}` of the item route. */
type Handler = (c: Context, id: string) => Promise<Response>;

/**
 * The validated body. The schemas transform nothing, so the cleaned input is the validated value;
 * it is used rather than Zod's output because Zod rebuilds records by assignment, which would turn
 * a metadata key named "__proto__" into a prototype instead of keeping it as data.
 */
function asValidated<T>(input: Input, parsed: { success: boolean; data?: T }): T {
  if (!parsed.success) throw new Error('asValidated called on a failed parse');
  return input as T;
}

function json(c: Context, text: string, status: 200 | 201): Response {
  return c.body(text, status, { 'Content-Type': 'application/json' });
}

/** `$request->url()`: the URL without query string or trailing slash, for pagination links. */
function requestUrl(c: Context, publicUrl: string | undefined): string {
  const url = new URL(c.req.url);
  return `${publicUrl ?? url.origin}${trimChar(url.pathname, '/', 'end')}`;
}

export function mountCustomerRoutes(app: Hono, options: AppOptions): MountedProvider {
  // The seeded base is built on first use, once per app, and shared by every sandbox.
  let base: PelcroBase | undefined;
  const frozen = frozenMicros(options);
  const sandboxes = new SandboxRegistry((_key, quota) => new PelcroSandbox((base ??= buildPelcroBase(options)), frozen, quota), options.limits);
  const sandboxFor = (token: string, siteId: number) => sandboxes.get(`${token}\u0000${siteId}`);
  const limit = options.bodyLimitBytes;

  const find = (sandbox: PelcroSandbox, rawId: string): StoredCustomer => {
    const record = /^\d{1,15}$/.test(rawId) ? sandbox.customer(Number(rawId)) : undefined;
    if (!record) throw modelNotFound(rawId);
    return record;
  };

  /** site_id and expand of a single-customer call. */
  const readSiteAndExpand = (input: Input) => {
    const bag = new ErrorBag(['site_id', 'expand']);
    const siteId = resolveSite(input, bag);
    const expand = readExpand(input, bag);
    bag.throwIfAny();
    return { siteId: siteId!, expand };
  };

  const list: Handler = async (c) => {
    const token = authenticate(c, options);
    const query = readListQuery(await requestInput(c, limit));
    const sandbox = sandboxFor(token, query.siteId);
    const { records, pagination } = listCustomers(sandbox, query, requestUrl(c, options.publicUrl));
    const data = records.map((record) => customerJson(record, query.expand, sandbox)).join(',');
    return json(c, `{"data":[${data}],"links":${JSON.stringify(pagination.links)},"meta":${JSON.stringify(pagination.meta)}}`, 200);
  };

  const retrieve: Handler = async (c, id) => {
    const token = authenticate(c, options);
    const { siteId, expand } = readSiteAndExpand(await requestInput(c, limit));
    const sandbox = sandboxFor(token, siteId);
    const record = find(sandbox, id);
    return json(c, `{"data":${customerJson(record, expand, sandbox)}}`, 200);
  };

  const create: Handler = async (c) => {
    const token = authenticate(c, options);
    const input = await requestInput(c, limit);
    const bag = new ErrorBag(Object.keys(CustomerCreate.shape));
    const siteId = resolveSite(input, bag);
    const parsed = CustomerCreate.safeParse(input);
    if (!parsed.success) bag.addIssues(parsed.error.issues, 'site_id');
    const sandbox = siteId === undefined ? undefined : sandboxFor(token, siteId);
    // Fields that passed their own rules are checked against the store even when others failed.
    if (sandbox) checkAgainstStore(input, bag, sandbox);
    bag.throwIfAny();
    const record = newCustomer(asValidated(input, parsed), sandbox!.nextCustomerId(), sandbox!.now());
    sandbox!.insertCustomer(record);
    // A Laravel resource for a model created in this request answers 201 (ResourceResponse::calculateStatus).
    return json(c, `{"data":${customerJson(record, NO_EXPAND, sandbox!)}}`, 201);
  };

  const update: Handler = async (c, id) => {
    const token = authenticate(c, options);
    const input = await requestInput(c, limit);
    const bag = new ErrorBag(Object.keys(CustomerUpdate.shape));
    const siteId = resolveSite(input, bag);
    const parsed = CustomerUpdate.safeParse(input);
    if (!parsed.success) bag.addIssues(parsed.error.issues, 'site_id');
    if (siteId === undefined) bag.throwIfAny();
    const sandbox = sandboxFor(token, siteId!);
    const record = find(sandbox, id);
    checkAgainstStore(input, bag, sandbox, record);
    bag.throwIfAny();
    const next = updatedCustomer(record, asValidated(input, parsed), () => sandbox.now());
    if (next !== record) sandbox.replaceCustomer(record, next);
    return json(c, `{"data":${customerJson(next, NO_EXPAND, sandbox)}}`, 200);
  };

  const remove: Handler = async (c, id) => {
    const token = authenticate(c, options);
    const bag = new ErrorBag();
    const siteId = resolveSite(await requestInput(c, limit), bag);
    bag.throwIfAny();
    const sandbox = sandboxFor(token, siteId!);
    sandbox.deleteCustomer(find(sandbox, id));
    // "Use this endpoint to delete an existing customer, which will return an empty response on success."
    return c.body(null, 204);
  };

  // Maps, not object literals: a method named like an Object.prototype member must find nothing.
  const handlers: Record<CustomerRoute['name'], Map<string, Handler>> = {
    collection: new Map([['GET', list], ['HEAD', list], ['POST', create]]),
    item: new Map([['GET', retrieve], ['HEAD', retrieve], ['PUT', update], ['DELETE', remove]]),
  };

  /**
   * Everything under /api goes through Laravel's order: ValidatePostSize (global middleware, before
   * routing), then the router (404 for an unknown path; for a known path without the method, the
   * OPTIONS answer or a 405), then the route's own pipeline.
   */
  app.all('/api/*', async (c) => {
    try {
      // ValidatePostSize: a declared Content-Length past the limit is refused before routing and auth.
      refuseDeclaredOversize(c, limit);
      const path = rawPath(c.req.url);
      const route = matchCustomerRoute(path);
      if (!route) throw routeNotFound(path);
      // Symfony's Request::getMethod() upper-cases the verb.
      const method = c.req.method.toUpperCase();
      const handler = handlers[route.name].get(method);
      if (handler) return await handler(c, route.name === 'item' ? route.id : '');
      const allow = [...ALLOWED_METHODS[route.name]];
      // AbstractRouteCollection::getRouteForMethods answers OPTIONS itself: 200, empty, `Allow`
      // joined without spaces; any other verb the route lacks is a 405.
      if (method === 'OPTIONS') return c.body('', 200, { Allow: allow.join(',') });
      throw new ApiError({ kind: 'method_not_allowed', method, allow });
    } catch (error) {
      return respondWithError(error, c);
    }
  });
  return { reset: () => sandboxes.reset(), sandboxCount: () => sandboxes.keys().length };
}
