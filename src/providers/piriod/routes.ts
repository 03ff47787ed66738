/**
 * The request pipeline, in the order Django and DRF run it:
 *
 * 1. Django's URL resolver: `/customers/` and `/customers/{id}/` (DRF router, lookup `[^/.]+`).
 *    A path that resolves only with a trailing slash is redirected there (CommonMiddleware,
 *    APPEND_SLASH: 301 for any method, query kept); anything else is Django's HTML 404.
 * 2. DRF's APIView.initial: content negotiation (`?format=`), authentication (401), then the
 *    workspace header (guess: after authentication), then the method (405) — so an
 *    unauthenticated DELETE is a 401.
 * 3. The handler: body → schema → sandbox → JSON.
 *
 * Every DRF response carries `Allow` (APIView.finalize_response sets it on all of them).
 */
import type { Context, Hono } from 'hono';
import { ApiError, type Problem } from '../../core/errors';
import { createClock } from '../../core/clock';
import { frozenMicros, type AppOptions } from '../../core/options';
import { createRng } from '../../core/random';
import type { MountedProvider } from '../../core/provider';
import { SandboxRegistry } from '../../core/table';
import { authenticate } from './auth';
import { renderPiriodError } from './errors';
import { fixtureRecords, parseFixtures } from './fixtures';
import { createCustomer, findCustomer, updateCustomer } from './handlers';
import { listCustomers } from './list';
import { djangoPath, escapeUriPath } from './path';
import { QueryDict } from './query';
import { recordJson, toJson } from './render';
import { generateCustomers } from './seed';
import { PiriodBase, Sandbox } from './store';

type View = { kind: 'list' } | { kind: 'detail'; id: string };

const ALLOW = {
  // Django's http_method_names order; HEAD follows GET, OPTIONS is APIView's.
  list: ['GET', 'POST', 'HEAD', 'OPTIONS'],
  detail: ['GET', 'PUT', 'PATCH', 'HEAD', 'OPTIONS'],
} as const;

const DJANGO_NOT_FOUND =
  '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n' +
  '  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';

const WORKSPACE_REQUIRED = 'x-simple-workspace header is required.';

function resolve(path: string): View | undefined {
  if (path === '/customers/') return { kind: 'list' };
  const m = /^\/customers\/([^/.]+)\/$/.exec(path);
  return m ? { kind: 'detail', id: m[1] } : undefined;
}

/**
 * The path as the client sent it. Parsing the URL resolves dot segments (`/./`, `/%2e/`, `/../`),
 * which Django never does; the Node server adapter keeps the raw request target in its env.
 */
function rawPathOf(c: Context, url: URL): string {
  const target = (c.env as { incoming?: { url?: unknown } } | undefined)?.incoming?.url;
  if (typeof target !== 'string' || !target.startsWith('/')) return url.pathname;
  const query = target.indexOf('?');
  return query < 0 ? target : target.slice(0, query);
}

function json(status: number, body: string, allow: readonly string[], headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { 'Content-Type': 'application/json', Allow: allow.join(', '), ...headers },
  });
}

function errorResponse(problem: Problem, allow: readonly string[]): Response {
  const rendered = renderPiriodError(problem);
  return json(rendered.status, toJson(rendered.body), allow, rendered.headers);
}

export function mountPiriod(app: Hono, options: AppOptions): MountedProvider {
  // Fixtures are checked now, so a bad scenario fails at start; records are built on first use.
  const fixtures = parseFixtures(options.scenario.piriod.fixtures);
  let base: PiriodBase | undefined;
  const seededBase = (): PiriodBase => {
    if (!base) {
      const generated = generateCustomers(options.seed, options.scenario.piriod.customers);
      const taken = new Set(generated.map((r) => r.id));
      base = new PiriodBase([...generated, ...fixtureRecords(fixtures, options.seed, taken, generated.length)]);
    }
    return base;
  };
  const frozen = frozenMicros(options);
  const sandboxes = new SandboxRegistry(
    (key, quota) => new Sandbox(seededBase(), createClock(frozen), createRng(`${options.seed}:${key}`), quota),
    options.limits,
  );

  const handle = async (c: Context): Promise<Response> => {
    const url = new URL(c.req.url);
    const path = djangoPath(rawPathOf(c, url));
    const view = resolve(path);
    if (!view) {
      if (!path.endsWith('/') && resolve(`${path}/`)) {
        const location = escapeUriPath(`${path}/`).replace(/^\/\//, '/%2F') + url.search;
        return new Response('', { status: 301, headers: { Location: location, 'Content-Type': 'text/html; charset=utf-8' } });
      }
      return new Response(DJANGO_NOT_FOUND, { status: 404, headers: { 'Content-Type': 'text/html' } });
    }

    const allow = ALLOW[view.kind];
    const query = new QueryDict(url.search.slice(1));
    try {
      // Content negotiation comes first in APIView.initial. With the JSON renderer alone, a
      // `?format=` other than `json` leaves no renderer: DRF 3.15's filter_renderers raises Http404.
      const format = query.get('format');
      if (format && format !== 'json') throw ApiError.notFound();
      const auth = authenticate(c.req.header('authorization'), options.tokens);
      if ('kind' in auth) throw new ApiError(auth);
      const workspace = c.req.header('x-simple-workspace') || undefined;
      if (options.requireWorkspace && !workspace) {
        throw new ApiError({ kind: 'bad_request', field: 'non_field_errors', message: WORKSPACE_REQUIRED });
      }
      // Django upper-cases the method; HEAD is answered by GET (Hono drops the body).
      const method = c.req.method.toUpperCase();
      if (!(allow as readonly string[]).includes(method)) {
        throw new ApiError({ kind: 'method_not_allowed', method, allow: [...allow] });
      }
      if (method === 'OPTIONS') return json(200, toJson(metadata(view)), allow);

      // Test mode is a world of its own in Piriod (the official client's X-Piriod-Test-Mode), so
      // it names a sandbox of its own too.
      const testMode = c.req.header('x-piriod-test-mode')?.trim().toLowerCase() === 'true';
      const sandbox = sandboxes.get(`${auth.token}\n${workspace ?? ''}${testMode ? '\ntest' : ''}`);
      const limit = options.bodyLimitBytes;
      if (view.kind === 'list') {
        if (method === 'POST') return json(201, recordJson(await createCustomer(c, sandbox, limit)), allow);
        const host = c.req.header('host') ?? url.host;
        const scheme = c.req.header('x-forwarded-proto') === 'https' ? 'https' : url.protocol.slice(0, -1);
        return json(200, listCustomers(sandbox, query, `${options.publicUrl ?? `${scheme}://${host}`}${escapeUriPath(path)}`), allow);
      }
      if (method === 'GET' || method === 'HEAD') return json(200, recordJson(findCustomer(sandbox, view.id)), allow);
      return json(200, recordJson(await updateCustomer(c, sandbox, view.id, method === 'PATCH', limit)), allow);
    } catch (error) {
      if (error instanceof ApiError) return errorResponse(error.problem, allow);
      throw error;
    }
  };

  app.all('/customers', handle);
  app.all('/customers/*', handle);
  return { reset: () => sandboxes.reset(), sandboxCount: () => sandboxes.keys().length };
}

/** DRF's SimpleMetadata for OPTIONS (reached only without the app's CORS preflight handling). */
function metadata(view: View) {
  return {
    name: view.kind === 'list' ? 'Customer List' : 'Customer Instance',
    description: '',
    renders: ['application/json'],
    parses: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
  };
}

