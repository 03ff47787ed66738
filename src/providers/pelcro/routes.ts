/**
 * The customer endpoints of Pelcro's Core API at their real paths. Each handler runs the same
 * pipeline: authenticate → read the input → validate → act on the sandbox → render.
 * Sandboxes are keyed by API key and site: the same key on two sites sees two separate stores.
 */
import type { Context, Hono } from 'hono';
import { BASE_PATH, CustomerCreate, CustomerUpdate } from '../../../contracts/pelcro/schemas';
import { ApiError } from '../../core/errors';
import { frozenMicros, type AppOptions } from '../../core/options';
import type { MountedProvider } from '../../core/provider';
import { SandboxRegistry } from '../../core/table';
import { authenticate } from './auth';
import { modelNotFound, respondWithError, routeNotFound } from './errors';
import { refuseDeclaredOversize, requestInput, type Input } from './input';
import { listCustomers, readExpand, readListQuery } from './list';
import type { PelcroBase, StoredCustomer } from './model';
import { customerJson } from './render';
import { PelcroSandbox } from './sandbox';
import { buildPelcroBase } from './seed';
import { ErrorBag, resolveSite } from './validation';
import { checkAgainstStore, newCustomer, updatedCustomer } from './writes';

const COLLECTION = `${BASE_PATH}/customers`;
const ITEM = `${BASE_PATH}/customers/:id`;
const NO_EXPAND = new Set<never>();

type Handler = (c: Context) => Promise<Response>;

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
function requestUrl(c: Context): string {
  const url = new URL(c.req.url);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Laravel's router matches a path with or without its trailing slash. */
const paths = (path: string) => [path, `${path}/`];

export function mountCustomerRoutes(app: Hono, options: AppOptions): MountedProvider {
  // The seeded base is built on first use, once per app, and shared by every sandbox.
  let base: PelcroBase | undefined;
  const frozen = frozenMicros(options);
  const sandboxes = new SandboxRegistry((_key) => new PelcroSandbox((base ??= buildPelcroBase(options)), frozen));
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
    const { records, pagination } = listCustomers(sandbox, query, requestUrl(c));
    const data = records.map((record) => customerJson(record, query.expand, sandbox)).join(',');
    return json(c, `{"data":[${data}],"links":${JSON.stringify(pagination.links)},"meta":${JSON.stringify(pagination.meta)}}`, 200);
  };

  const retrieve: Handler = async (c) => {
    const token = authenticate(c, options);
    const { siteId, expand } = readSiteAndExpand(await requestInput(c, limit));
    const sandbox = sandboxFor(token, siteId);
    const record = find(sandbox, c.req.param('id') ?? '');
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

  const update: Handler = async (c) => {
    const token = authenticate(c, options);
    const input = await requestInput(c, limit);
    const bag = new ErrorBag(Object.keys(CustomerUpdate.shape));
    const siteId = resolveSite(input, bag);
    const parsed = CustomerUpdate.safeParse(input);
    if (!parsed.success) bag.addIssues(parsed.error.issues, 'site_id');
    if (siteId === undefined) bag.throwIfAny();
    const sandbox = sandboxFor(token, siteId!);
    const record = find(sandbox, c.req.param('id') ?? '');
    checkAgainstStore(input, bag, sandbox, record);
    bag.throwIfAny();
    const next = updatedCustomer(record, asValidated(input, parsed), () => sandbox.now());
    if (next !== record) sandbox.replaceCustomer(record, next);
    return json(c, `{"data":${customerJson(next, NO_EXPAND, sandbox)}}`, 200);
  };

  const remove: Handler = async (c) => {
    const token = authenticate(c, options);
    const bag = new ErrorBag();
    const siteId = resolveSite(await requestInput(c, limit), bag);
    bag.throwIfAny();
    const sandbox = sandboxFor(token, siteId!);
    sandbox.deleteCustomer(find(sandbox, c.req.param('id') ?? ''));
    // "Use this endpoint to delete an existing customer, which will return an empty response on success."
    return c.body(null, 204);
  };

  const methodNotAllowed = (allow: string[]): Handler => async (c) => {
    // AbstractRouteCollection::getRouteForMethods answers OPTIONS itself: 200, empty, `Allow`
    // joined without spaces; any other verb the route lacks is a 405.
    if (c.req.method === 'OPTIONS') return c.body('', 200, { Allow: allow.join(',') });
    throw new ApiError({ kind: 'method_not_allowed', method: c.req.method, allow });
  };

  const guarded = (handler: Handler): Handler => async (c) => {
    try {
      return await handler(c);
    } catch (error) {
      return respondWithError(error, c);
    }
  };

  // Laravel's ValidatePostSize is global middleware: it refuses a declared oversize body before
  // routing and authentication.
  app.use('/api/*', async (c, next) => {
    try {
      refuseDeclaredOversize(c, limit);
    } catch (error) {
      return respondWithError(error, c);
    }
    await next();
  });
  for (const path of paths(COLLECTION)) {
    app.get(path, guarded(list));
    app.post(path, guarded(create));
    app.all(path, guarded(methodNotAllowed(['GET', 'HEAD', 'POST'])));
  }
  for (const path of paths(ITEM)) {
    app.get(path, guarded(retrieve));
    app.put(path, guarded(update));
    app.delete(path, guarded(remove));
    app.all(path, guarded(methodNotAllowed(['GET', 'HEAD', 'PUT', 'DELETE'])));
  }
  // Everything else under /api is Laravel's router answering an unknown route.
  app.all('/api/*', guarded(async (c) => {
    throw routeNotFound(c.req.path);
  }));
  return { reset: () => sandboxes.reset(), sandboxCount: () => sandboxes.keys().length };
}
