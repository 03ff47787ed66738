import { type Context, Hono } from 'hono';
import { cors } from 'hono/cors';
import { isDocumentedProvider, openApiText } from '../contracts/openapi/documents';
import { adminGuard, hasAdminToken } from './core/admin';
import { boundedText, mountSandboxRoutes, tooLarge } from './core/admin-routes';
import { Faults } from './core/faults';
import { parseOptions, type AppOptions, type AppOptionsInput, type ProviderName } from './core/options';
import type { MountedProvider } from './core/provider';
import { Sandboxes } from './core/sandboxes';
import { onceReady } from './core/later';
import { type Handle, providerTraffic } from './core/traffic';
import { hasSharedHeaders, noteAnswerSandbox, noteSharedHeaders, usedSandbox } from './core/request-context';
import { providers } from './providers';

/** Prefix reserved for the mock's own routes; no provider path lives under it. */
export const ADMIN_PREFIX = '/__understudy';
/** The largest body a reset reads (its credentials). */
const RESET_BODY_BYTES = 64 * 1024;

export const isAdminPath = (path: string) => path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`);

export interface UnderstudyApp {
  app: Hono;
  options: AppOptions;
  /** Every provider's sandboxes: list, reset, snapshots, journal. */
  sandboxes: Sandboxes;
  /** The fault rules in force. */
  faults: Faults;
  /**
   * Builds every provider's seeded data now instead of at its first request, one provider a turn
   * of the event loop, so requests that arrive meanwhile are read in between (`serve` calls it
   * once the first provider request has come; a provider already seeded by a request is skipped).
   */
  prepare(): Promise<ProviderName[]>;
  /**
   * Starts every provider's seed in slices of a millisecond or so (src/core/slices.ts), so the
   * seeded data is built while the server waits for its first client, and a health probe meanwhile
   * waits a slice, not the seed; a provider request that comes first finishes its provider's seed
   * itself. `serve` calls it once it listens. Resolves once every seed is built.
   */
  prepareSoon(): Promise<void>;
}

/**
 * The provider answers' headers a page on another origin may read beyond the CORS-safelisted ones:
 * `Retry-After` of a 429 or 503 (a frontend's retry waits for it), DRF's `Allow` and its 401's
 * `WWW-Authenticate`. Without this header a browser hides them from the page's script.
 */
const EXPOSED_HEADERS = 'Allow, Retry-After, WWW-Authenticate';

/**
 * The headers hono's cors() gives a request that is no preflight, for every answer outside the
 * mock's own routes. cors() sets them on `c.res` before the handler runs, which makes Hono copy
 * the handler's response into a full web Response (a stream per body), a third of a small answer's
 * cost. So a provider builds its usual answers with them (renderedAnswer), and any other answer
 * gets them once it exists (withShared).
 */
function sharedHeaders(c: Context, provider?: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  const shared = corsHeaders(c.req.header('origin'));
  return provider ? Object.assign(shared, provider) : shared;
}

/** The CORS headers of an answer to a request from `origin` (undefined: the request named none). */
function corsHeaders(origin: string | undefined): Record<string, string> {
  // Credentials only beside a named origin: the Fetch standard refuses them with `*`, which is
  // only ever sent to a client that named no origin (no browser on another origin).
  const shared: Record<string, string> = origin
    ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' }
    : { 'Access-Control-Allow-Origin': '*' };
  shared['Access-Control-Expose-Headers'] = EXPOSED_HEADERS;
  shared.Vary = 'Origin';
  return shared;
}

/**
 * The CORS headers of an answer the HTTP server gives before the app sees the request (node's 431
 * to headers or a target over the bound, its 400 to a request it cannot parse), from what the bytes
 * read of that request name: its path and its Origin. The same as a provider answer's, so a page
 * on another origin reads that refusal as it reads the provider's own (without them its script
 * gets a bare network error and the console a misleading CORS one). None for the mock's own
 * routes, when the path is not known, or when no Origin is (a client that is no browser page gets
 * node's answer as it is).
 */
export function refusalHeaders(path: string | undefined, origin: string | undefined): Record<string, string> {
  return path === undefined || origin === undefined || isAdminPath(path) ? {} : corsHeaders(origin);
}

const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * A CORS preflight: an OPTIONS naming Access-Control-Request-Method (the Fetch standard's). A plain
 * OPTIONS (DRF's metadata) is the provider's, and a page on another origin may read it like any answer.
 */
function isPreflight(c: Context): boolean {
  return c.req.method === 'OPTIONS' && Boolean(c.req.header('access-control-request-method'));
}

/** `res` with the shared headers (a provider's own answer headers included), unless it was built with them. */
function withShared(res: Response, shared: Readonly<Record<string, string>>): Response {
  if (hasSharedHeaders(res)) return res;
  for (const [name, value] of Object.entries(shared)) {
    if (name === 'Vary') res.headers.append(name, value);
    else res.headers.set(name, value);
  }
  return res;
}

/**
 * Builds the whole mock: every selected provider mounted at its real paths on one Hono app, plus
 * the mock's own routes under `/__understudy/`. Does no I/O and listens on nothing: tests call
 * `app.request()`, only the CLI binds a port.
 */
export function createApp(input: AppOptionsInput = {}): Hono {
  return buildApp(input).app;
}

export function buildApp(input: AppOptionsInput = {}): UnderstudyApp {
  const options = parseOptions(input);
  const app = new Hono();

  // Browsers on another origin (a frontend dev server) must be able to call the provider routes,
  // Authorization header included. The real APIs' CORS policies are not mirrored: this is a
  // convenience of the mock, listed in the notes. Only a real preflight (it names
  // Access-Control-Request-Method) is answered by the CORS layer; a plain OPTIONS reaches the
  // provider, which answers it as the real API does (DRF's metadata). The mock's own routes never
  // get CORS headers: no page on another origin may read or drive them (src/core/admin.ts).
  // The methods the providers' routes answer, OPTIONS included (a page may ask for DRF's metadata).
  const corsLayer = cors({ origin: (origin) => origin || '*', credentials: true, maxAge: 600, allowMethods: CORS_METHODS });
  const preflight = (c: Context) => corsLayer(c, async () => {}) as Promise<Response>;
  app.use(`${ADMIN_PREFIX}/*`, adminGuard(options, `${ADMIN_PREFIX}/health`));

  const mounted = new Map<ProviderName, MountedProvider>();
  const faults = new Faults(options.seed, options.faults, options.faultHeaders);
  // Built once the providers are mounted (below); no request is answered before that.
  let sandboxes: Sandboxes;

  /** The app's 500: a bug in the mock is reported as what it is, never as a provider error. */
  const failed = (err: Error, c: Context) =>
    c.json({ error: 'internal_error', message: `understudy failed to handle this request: ${err.message}` }, 500);

  /**
   * A provider's route: a preflight answered by the CORS layer; any other request through the
   * faults and the journal (src/core/traffic.ts) to the provider, its answer with the shared headers.
   */
  const providerRoute = (name: ProviderName, provider: MountedProvider): Handle => {
    const traffic = providerTraffic({ name, provider, sandboxes: () => sandboxes, faults, failed });
    return (c) => {
      if (isPreflight(c)) return preflight(c);
      const shared = sharedHeaders(c, provider.answerHeaders);
      noteSharedHeaders(c, shared);
      return onceReady(traffic(c), (res) => {
        const answer = withShared(res, shared);
        const used = usedSandbox(c);
        return used ? noteAnswerSandbox(answer, used.entry.label) : answer;
      });
    };
  };

  /** What an operator may know: providers, seed, open sandboxes, bounds and memory. */
  const status = () => ({
    status: 'ok',
    providers: options.providers,
    seed: options.seed,
    scenario: options.scenario.name,
    sandboxes: Object.fromEntries([...mounted].map(([name, p]) => [name, p.sandboxCount()])),
    limits: options.limits,
  });

  // Health tells an anonymous caller only that the mock is up: nothing about its tenants.
  app.get(`${ADMIN_PREFIX}/health`, (c) => c.json(hasAdminToken(c, options) ? status() : { status: 'ok' }));
  app.get(`${ADMIN_PREFIX}/status`, (c) => c.json(status()));

  // Start again from the seeded data without restarting the server (WireMock's /__admin/reset):
  // every sandbox, only those of `?provider=`, or one: `?provider=&sandbox=ID`, or a JSON body
  // with the provider and the credentials that reach it (`{"provider": "piriod", "token": "t"}`).
  app.post(`${ADMIN_PREFIX}/reset`, async (c) => {
    let only = c.req.query('provider');
    let id = c.req.query('sandbox');
    // Credentials are a few bytes: a larger body is refused as it arrives, not held whole.
    const text = await boundedText(c, RESET_BODY_BYTES);
    if (text === undefined) return tooLarge(c, RESET_BODY_BYTES);
    let credentials: Record<string, unknown> | undefined;
    if (text.trim() !== '') {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return c.json(
          { error: 'bad_request', message: 'the body must be JSON: {"provider": …, "token": …} or {"provider": …, "sandbox": …}' },
          400,
        );
      }
      const { provider, sandbox, ...rest } = (body ?? {}) as Record<string, unknown>;
      only = typeof provider === 'string' ? provider : only;
      id = typeof sandbox === 'string' ? sandbox : id;
      if (Object.keys(rest).length > 0) credentials = rest;
    }
    if (only !== undefined && !mounted.has(only as ProviderName)) {
      return c.json({ error: 'bad_request', message: `provider must be one of ${[...mounted.keys()].join(', ')}` }, 400);
    }
    if ((id !== undefined || credentials !== undefined) && only === undefined) {
      return c.json({ error: 'bad_request', message: 'resetting one sandbox needs its provider' }, 400);
    }
    if (credentials !== undefined) {
      try {
        id = sandboxes.addressOf(only!, credentials).id;
      } catch (error) {
        const issue = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues?.[0];
        return c.json({ error: 'bad_request', message: issue ? `${issue.path.join('.')}: ${issue.message}` : String(error) }, 400);
      }
    }
    if (id !== undefined) {
      sandboxes.reset(only, id);
      return c.json({ reset: [{ provider: only, id }] });
    }
    const names = only === undefined ? [...mounted.keys()] : [only as ProviderName];
    for (const name of names) sandboxes.reset(name);
    return c.json({ reset: names });
  });

  // The committed OpenAPI document of each provider this app serves, byte for byte.
  app.get(`${ADMIN_PREFIX}/openapi/:file`, (c) => {
    const file = c.req.param('file');
    const name = file.endsWith('.json') ? file.slice(0, -'.json'.length) : '';
    if (!isDocumentedProvider(name) || !options.providers.includes(name)) {
      const available = options.providers.map((p) => `${ADMIN_PREFIX}/openapi/${p}.json`).join(', ');
      return c.json({ error: 'not_found', message: `no OpenAPI document at ${c.req.path}; try ${available}` }, 404);
    }
    return c.body(openApiText(name), 200, { 'Content-Type': 'application/json; charset=UTF-8' });
  });

  for (const name of options.providers) mounted.set(name, providers[name].mount(options));
  sandboxes = new Sandboxes(mounted, { scenario: options.scenario.name, seed: options.seed }, options.journal);
  // One handler per mount point (`/api/*` matches `/api` too), and no middleware on these paths:
  // Hono calls a path's only handler directly.
  const routes = [...mounted].map(([name, provider]) => ({ provider, handle: providerRoute(name, provider) }));
  for (const { provider, handle } of routes) for (const mount of provider.mountPoints) app.all(`${mount}/*`, handle);
  mountSandboxRoutes(app, ADMIN_PREFIX, sandboxes, faults);
  for (const [i, document] of options.snapshots.entries())
    sandboxes.preload(document, options.snapshots.length === 1 ? 'snapshot' : `snapshots[${i}]`);

  const unknownRoute = (c: Context) =>
    c.json(
      {
        error: 'not_found',
        message: `understudy serves no route at ${c.req.method} ${c.req.path}`,
        routes: options.providers.flatMap((name) => providers[name].routes),
      },
      404,
    );
  // A path no route serves: one a provider claims (Pelcro's `//api/…`), else the mock's own 404,
  // with the shared headers (or the preflight's answer) outside the mock's own routes.
  app.notFound((c) => {
    const path = c.req.path;
    if (isAdminPath(path)) return unknownRoute(c);
    const claimed = routes.find(({ provider }) => provider.claims?.(path));
    if (claimed) return claimed.handle(c);
    if (isPreflight(c)) return preflight(c);
    return withShared(unknownRoute(c), sharedHeaders(c));
  });

  app.onError(failed);

  /** The providers whose seeded data it built (not those a request had already built). */
  const prepare = async () => {
    const built: ProviderName[] = [];
    for (const [name, provider] of mounted) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (provider.prepare()) built.push(name);
    }
    return built;
  };
  /** Every provider's seed started in slices; resolves once all are built. */
  const prepareSoon = async () => {
    await Promise.all([...mounted.values()].map((provider) => provider.prepareSoon()));
  };
  return { app, options, sandboxes, faults, prepare, prepareSoon };
}
