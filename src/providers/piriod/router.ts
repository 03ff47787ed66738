/**
 * The request pipeline, in the order Django and DRF run it, one stage per function:
 *
 * 1. route — Django's URL resolver over the declared routes (contracts/piriod/routes.ts), DRF's
 *    router lookup `[^/.]+` for `{id}`. A path that resolves only with a trailing slash is
 *    redirected there (CommonMiddleware, APPEND_SLASH: 301 for any method, query kept); anything
 *    else is Django's HTML 404.
 * 2. negotiate, authenticate, check the workspace, check the method — DRF's APIView.initial:
 *    content negotiation (`?format=`: reading the query, where more than 1,000 fields are Django's
 *    HTML 400, TooManyFieldsSent; then `Accept`, whose `indent` lays out every JSON answer after
 *    it), authentication (401), then the workspace header (guess:
 *    after authentication), then the token's membership of the workspace (403, a permission),
 *    then the method (405), so an unauthenticated POST to an instance is a 401.
 * 3. act — the operation's handler reads the input, validates it, acts on the store, renders.
 *    An exception neither DRF nor Django handles (a body UTF-8 cannot encode, a value the database
 *    refuses: UncaughtException) is Django's HTML 500 page.
 *
 * Every DRF response carries `Allow` (APIView.finalize_response sets it on all of them).
 */
import type { Context } from 'hono';
import { ApiError, type Problem } from '../../core/errors';
import type { AppOptions } from '../../core/options';
import type { MountedProvider } from '../../core/provider';
import { KeptMap } from '../../core/kept-map';
import { type CachedPage, PageCache } from '../../core/page-cache';
import { renderedAnswer, requestTarget } from '../../core/request-context';
import { contactFieldInfo, customerFieldInfo } from '../../../contracts/piriod/actions';
import { DJANGO_BAD_REQUEST_HTML, DJANGO_NOT_FOUND_HTML, DJANGO_SERVER_ERROR_HTML, VIEW_NAMES } from '../../../contracts/piriod/messages';
import { ROUTES, ROUTE_PATHS, type OperationId } from '../../../contracts/piriod/routes';
import { pyJsonIndent } from '../../../lib/python/json';
import { acceptedMediaType, jsonIndent } from '../../../lib/python/media-type';
import { djangoPath, escapeUriPath, iriToUri } from '../../../lib/python/path';
import { QueryDict } from '../../../lib/python/query';
import { targetQuery } from '../../../lib/request-target';
import { authenticate } from './auth';
import { checkQueryFields, SuspiciousOperation } from './input';
import { createContact, deleteContact, findContact, updateContact } from './contacts/handlers';
import { listContacts } from './contacts/list';
import { contactJson } from './contacts/render';
import { createCustomer, deleteCustomer, findCustomer, updateCustomer } from './customers/handlers';
import { listCustomers } from './customers/list';
import { recordJson, toJson } from './customers/render';
import { findSource } from './sources/handlers';
import { listSources } from './sources/list';
import { sourceJson } from './sources/render';
import { renderPiriodError, UncaughtException } from './errors';
import { createSandboxes, type PiriodSandbox, type SandboxOf } from './sandbox';
import { checkDetailFilters } from './detail-filters';

// Django's http_method_names order; HEAD follows GET, OPTIONS is APIView's.
const METHOD_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** One URL pattern: the declared path, its matcher, its operations by method and its `Allow`. */
interface UrlPattern {
  regex: RegExp;
  /** The resource: the path's first segment. */
  resource: keyof typeof VIEW_NAMES;
  /** A pattern with a `{param}` is an instance view (DRF's "Instance" suffix), else a list. */
  view: 'list' | 'detail';
  operations: ReadonlyMap<string, OperationId>;
  allow: readonly string[];
}

const PATTERNS: readonly UrlPattern[] = ROUTE_PATHS.map((path) => {
  const operations = new Map<string, OperationId>(ROUTES.filter((r) => r.path === path).map((r) => [r.method, r.operationId]));
  const methods = new Set([...operations.keys(), 'OPTIONS']);
  if (methods.has('GET')) methods.add('HEAD');
  const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, '(?<$1>[^/.]+)');
  return {
    regex: new RegExp(`^${source}$`),
    resource: path.split('/')[1] as keyof typeof VIEW_NAMES,
    view: path.includes('{') ? 'detail' : 'list',
    operations,
    allow: METHOD_ORDER.filter((m) => methods.has(m)),
  };
});

/** The first segments of the declared paths: where the provider is mounted. */
const MOUNT_POINTS = [...new Set(ROUTE_PATHS.map((path) => `/${path.split('/')[1]}`))];

interface Resolved {
  pattern: UrlPattern;
  params: Record<string, string>;
}

/** Django's URL resolver over the declared routes. */
function resolve(path: string): Resolved | undefined {
  for (const pattern of PATTERNS) {
    const m = pattern.regex.exec(path);
    if (m) return { pattern, params: { ...m.groups } };
  }
  return undefined;
}

/**
 * The path as the client sent it (src/core/request-context.ts requestTarget: the raw request
 * target the Node server adapter keeps). Parsing the URL resolves dot segments (`/./`, `/%2e/`,
 * `/../`), which Django never does.
 */
function rawPathOf(c: Context): string {
  const target = requestTarget(c);
  const query = target.indexOf('?');
  return query < 0 ? target : target.slice(0, query);
}

/** What a request target resolves to: its URL, the path Django routes and the pattern it reaches. */
interface Target {
  url: URL;
  path: string;
  resolved: Resolved | undefined;
}

/**
 * Targets kept once asked twice (KeptMap's doorkeeper: a walk over pages read once keeps none),
 * up to a length, so a flood of long distinct targets keeps at most 1,024 short ones: parsing the
 * URL and trying the patterns took a retrieve 4–5 µs of its 38–42 (measured). Their parameters
 * are frozen, as every request of that target shares them.
 */
const TARGETS_KEPT = 1024;
/**
 * Accept headers whose negotiation is kept: clients send few distinct ones, and short ones, so a
 * flood of long distinct headers keeps at most 256 of 256 characters (not 256 of 16 KiB).
 */
const ACCEPT_KEPT = 256;
const LONGEST_KEPT_ACCEPT = 256;
const LONGEST_KEPT_TARGET = 1024;

function targetOf(c: Context, kept: KeptMap<string, Target>): Target {
  const href = c.req.url;
  const raw = (c.env as { incoming?: { url?: unknown } } | undefined)?.incoming?.url;
  // The raw target too: `/./customers/` and `/customers/` are one URL but not one Django path.
  const key = typeof raw === 'string' ? `${href} ${raw}` : href;
  const keep = key.length <= LONGEST_KEPT_TARGET;
  let target = keep ? kept.get(key) : undefined;
  if (target === undefined) {
    const url = new URL(href);
    const path = djangoPath(rawPathOf(c));
    const resolved = resolve(path);
    if (resolved) Object.freeze(resolved.params);
    target = { url, path, resolved };
    if (keep) kept.offer(key, target);
  }
  return target;
}

/** One of Django's own HTML pages (django/views/defaults.py, DEBUG off): outside DRF, so no `Allow`. */
function djangoPage(html: string, status: number, method?: string): Response {
  return new Response(html, { status, headers: headLength(method, { 'Content-Type': 'text/html' }, html) });
}

/**
 * `headers` with, for a HEAD, the Content-Length of the body the GET carries: CommonMiddleware's
 * process_response sets it on every answer that passes it (django/middleware/common.py), a HEAD's
 * too, whose content is the GET's; the WSGI server sends the header and drops the body. Hono then
 * keeps the headers of the GET answer it strips. Counted for a HEAD only: a GET's is the server's.
 */
function headLength(method: string | undefined, headers: Record<string, string>, body: string | CachedPage): Record<string, string> {
  if (method !== 'HEAD') return headers;
  headers['Content-Length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.bytes.byteLength);
  return headers;
}

/**
 * What Django answers for a path no pattern resolves: APPEND_SLASH's 301, or its HTML 404. The
 * Location is CommonMiddleware's `request.get_full_path(force_append_slash=True)`: the path quoted
 * by escape_uri_path, the query by iri_to_uri (http/request.py `_get_full_path`), and a leading
 * `//` escaped (escape_leading_slashes).
 */
function unresolved(c: Context, path: string, query: string): Response {
  if (!path.endsWith('/') && resolve(`${path}/`)) {
    const location = escapeUriPath(`${path}/`).replace(/^\/\//, '/%2F') + (query ? `?${iriToUri(query)}` : '');
    return new Response('', {
      status: 301,
      headers: headLength(c.req.method, { Location: location, 'Content-Type': 'text/html; charset=utf-8' }, ''),
    });
  }
  return djangoPage(DJANGO_NOT_FOUND_HTML, 404, c.req.method);
}

/**
 * A JSON answer; with the request `c`, built with the app's shared headers (src/core/request-context.ts).
 * With an `indent` the accepted media type asks for, the compact text is laid out as JSONRenderer
 * then dumps it; `Content-Type` is the renderer's own either way (Response.rendered_content). The
 * request's `method` decides a HEAD's Content-Length (a fault's answer has no `c`).
 */
function json(
  c: Context | undefined,
  status: number,
  body: string | CachedPage,
  allow: readonly string[],
  own: Record<string, string> = {},
  indent?: number,
  method: string | undefined = c?.req.method,
): Response {
  // DRF's 204 has no body, and so no Content-Type (Response.rendered_content deletes it).
  // Object.assign, not a spread: see withSharedHeaders.
  if (status === 204) return renderedAnswer(c, status, null, Object.assign({ Allow: allow.join(', ') }, own));
  const text = indent === undefined ? body : pyJsonIndent(typeof body === 'string' ? body : body.text, indent);
  const headers = Object.assign({ 'Content-Type': 'application/json', Allow: allow.join(', ') }, own);
  return renderedAnswer(c, status, text, headLength(method, headers, text));
}

/** Every write to a sandbox's tables moves this on: a page kept at one version is that sandbox's page still. */
function dataVersion(sandbox: PiriodSandbox): number {
  return sandbox.customers.records.version + sandbox.contacts.records.version + sandbox.sources.records.version;
}

/** A list page, from the cache while the sandbox is unchanged (src/core/page-cache.ts). */
function listPage(call: Call, render: (base: string, linkQuery: QueryDict) => string): CachedPage {
  const { c, sandbox, url, path, publicUrl, pages, query } = call;
  const base = absoluteUrl(c, url, path, publicUrl);
  const raw = targetQuery(requestTarget(c));
  const rawBytes = RAW_BYTE.test(raw);
  // An unwritten sandbox's pages are the seed's, whatever its token (test mode and country shape
  // only writes; named all the same, so pages are shared only between sandboxes alike in both).
  const pristine = `${sandbox.testMode ? 'test' : 'live'}/${sandbox.accountCountry}`;
  // A query sent with raw bytes links otherwise than the same query percent-encoded: keyed apart.
  const key = rawBytes ? `${base}${url.search} ${raw}` : `${base}${url.search}`;
  const linkQuery = rawBytes ? new QueryDict(iriToUri(raw)) : query;
  return pages.page(sandbox, dataVersion(sandbox), key, () => render(base, linkQuery), pristine, isFirstPage(url));
}

/**
 * A byte above 0x7f sent raw in the query (src/core/server.ts): the WSGI server hands it to Django
 * as a latin-1 character. request.GET decodes the bytes as UTF-8, but DRF's links start from
 * build_absolute_uri, which quotes QUERY_STRING with iri_to_uri: each such character is encoded
 * again as UTF-8 and parse_qs reads it back as that character (`ñ` sent raw, `%C3%B1` in the
 * filters, links `%C3%83%C2%B1`); seen side by side with DRF 3.15.1 behind Django's WSGI server.
 */
const RAW_BYTE = /[\x80-\xff]/;

/** Whether a list query asks its first page in one of its orders, and nothing else. */
function isFirstPage(url: URL): boolean {
  for (const name of url.searchParams.keys()) if (name !== 'ordering') return false;
  return url.searchParams.getAll('ordering').length <= 1;
}

function errorResponse(
  c: Context | undefined,
  problem: Problem,
  method: string,
  path: string,
  allow: readonly string[],
  indent?: number,
): Response {
  const rendered = renderPiriodError(problem, { method, path });
  return json(c, rendered.status, toJson(rendered.body), allow, rendered.headers, indent, method);
}

/**
 * Content negotiation comes first in APIView.initial. With the JSON renderer alone, a `?format=`
 * other than `json` leaves no renderer: DRF 3.15's filter_renderers raises Http404 (answered
 * compact: finalize_response negotiates again by force, taking the renderer's own media type).
 * Then the `Accept` header (any type when absent) must name something the JSON renderer matches, or
 * select_renderer raises NotAcceptable: 406, compact, before authentication (`text/html`, an empty
 * header, `application/xml`). Otherwise the answer is the indent the accepted media type asks for
 * (JSONRenderer.get_indent).
 */
function negotiate(query: QueryDict, accept: string | undefined, accepted: KeptMap<string, string | null>): number | undefined {
  const format = query.get('format');
  if (format && format !== 'json') throw ApiError.notFound();
  // What most clients send is accepted without parsing, as it is (no parameters, so no indent).
  if (accept === undefined || accept === '*/*' || accept === 'application/json') return undefined;
  const keep = accept.length <= LONGEST_KEPT_ACCEPT;
  let type = keep ? accepted.get(accept) : undefined;
  if (type === undefined) {
    type = acceptedMediaType(accept, 'application/json') ?? null;
    if (keep) accepted.set(accept, type);
  }
  if (type === null) throw new ApiError({ kind: 'not_acceptable' });
  // Only a parameter named `indent` (in any case) indents.
  return /indent/i.test(type) ? jsonIndent(type) : undefined;
}

function requireWorkspace(workspace: string | undefined, options: AppOptions): void {
  if (options.requireWorkspace && !workspace) {
    throw new ApiError({ kind: 'bad_request', field: 'non_field_errors', reason: 'workspace_required' });
  }
}

/**
 * A token bound to workspaces (`--tokens key@acc_1`) is a user of those alone: another workspace
 * is DRF's 403 (a permission check, so after authentication and before the method).
 */
function checkMembership(token: string, workspace: string | undefined, options: AppOptions): void {
  const workspaces = options.tokenWorkspaces?.get(token);
  if (workspaces && workspace && !workspaces.has(workspace)) throw new ApiError({ kind: 'forbidden' });
}

/** The operation the method names on this pattern; HEAD is answered by GET (Hono drops the body). */
function operationFor(pattern: UrlPattern, method: string): OperationId | 'options' {
  if (!pattern.allow.includes(method)) throw new ApiError({ kind: 'method_not_allowed', method, allow: [...pattern.allow] });
  if (method === 'OPTIONS') return 'options';
  return pattern.operations.get(method === 'HEAD' ? 'GET' : method)!;
}

/**
 * DRF's SimpleMetadata for OPTIONS (reached only without the app's CORS preflight handling).
 * `determine_actions` describes the serializer for POST on the list and PUT on the detail when the
 * user may make that request: any authenticated token may write, and a PUT needs `get_object()` to
 * succeed, so an unknown id leaves the answer without `actions` (its Http404 is swallowed).
 */
function metadata(pattern: UrlPattern, sandbox: PiriodSandbox, params: Record<string, string>, query: QueryDict) {
  const body: Record<string, unknown> = {
    name: VIEW_NAMES[pattern.resource][pattern.view],
    description: '',
    renders: ['application/json'],
    parses: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
  };
  const method = pattern.view === 'list' ? 'POST' : 'PUT';
  // Sources are read-only: no POST or PUT, so no actions.
  if (pattern.resource === 'sources') return body;
  if (pattern.view === 'detail') {
    try {
      // get_object runs the list's filters first (./detail-filters.ts).
      checkDetailFilters(pattern.resource, sandbox, query, params.id);
      if (pattern.resource === 'contacts') findContact(sandbox, params.id);
      else findCustomer(sandbox, params.id);
    } catch (error) {
      if (error instanceof ApiError) return body;
      throw error;
    }
  }
  body.actions = { [method]: pattern.resource === 'contacts' ? contactFieldInfo() : customerFieldInfo() };
  return body;
}

/**
 * The request's absolute URL without its query, as DRF builds page links from it; the origin is
 * the configured public URL when there is one (the mock behind a proxy).
 */
function absoluteUrl(c: Context, url: URL, path: string, publicUrl: string | undefined): string {
  const host = c.req.header('host') ?? url.host;
  const scheme = c.req.header('x-forwarded-proto') === 'https' ? 'https' : url.protocol.slice(0, -1);
  return `${publicUrl ?? `${scheme}://${host}`}${escapeUriPath(path)}`;
}

interface Call {
  c: Context;
  sandbox: PiriodSandbox;
  /** The sandbox again, for a write once its body has arrived (SandboxOf). */
  sandboxOf: SandboxOf;
  params: Record<string, string>;
  query: QueryDict;
  url: URL;
  path: string;
  limitBytes: number;
  publicUrl: string | undefined;
  pages: PageCache;
}

/** Each declared operation's handler: its status and its JSON body. */
const ACTIONS: Record<OperationId, (call: Call) => Promise<[number, string | CachedPage]> | [number, string | CachedPage]> = {
  listCustomers: (call) => [200, listPage(call, (base, links) => listCustomers(call.sandbox, call.query, base, links))],
  createCustomer: async ({ c, sandboxOf, limitBytes }) => [201, recordJson(await createCustomer(c, sandboxOf, limitBytes))],
  getCustomer: ({ sandbox, params }) => [200, recordJson(findCustomer(sandbox, params.id))],
  updateCustomer: async ({ c, sandboxOf, params, limitBytes }) => [
    200,
    recordJson(await updateCustomer(c, sandboxOf, params.id, false, limitBytes)),
  ],
  partialUpdateCustomer: async ({ c, sandboxOf, params, limitBytes }) => [
    200,
    recordJson(await updateCustomer(c, sandboxOf, params.id, true, limitBytes)),
  ],
  deleteCustomer: ({ sandbox, params }) => {
    deleteCustomer(sandbox, params.id);
    return [204, ''];
  },
  listContacts: (call) => [200, listPage(call, (base, links) => listContacts(call.sandbox, call.query, base, links))],
  createContact: async ({ c, sandboxOf, limitBytes }) => [201, contactJson(await createContact(c, sandboxOf, limitBytes))],
  getContact: ({ sandbox, params }) => [200, contactJson(findContact(sandbox, params.id))],
  updateContact: async ({ c, sandboxOf, params, limitBytes }) => [
    200,
    contactJson(await updateContact(c, sandboxOf, params.id, false, limitBytes)),
  ],
  partialUpdateContact: async ({ c, sandboxOf, params, limitBytes }) => [
    200,
    contactJson(await updateContact(c, sandboxOf, params.id, true, limitBytes)),
  ],
  deleteContact: ({ sandbox, params }) => {
    deleteContact(sandbox, params.id);
    return [204, ''];
  },
  listSources: (call) => [200, listPage(call, (base, links) => listSources(call.sandbox, call.query, base, links))],
  getSource: ({ sandbox, params }) => [200, sourceJson(findSource(sandbox, params.id))],
};

export function mountPiriod(options: AppOptions): MountedProvider {
  const sandboxes = createSandboxes(options);
  const pages = new PageCache();
  const targets = new KeptMap<string, Target>(TARGETS_KEPT);
  // Each Accept header's accepted media type (null: none, DRF's 406), read once.
  const acceptedTypes = new KeptMap<string, string | null>(ACCEPT_KEPT);

  // Not async: a read is answered at once, with no promise between the request and its bytes.
  const handle = (c: Context): Response | Promise<Response> => {
    // CommonMiddleware.process_request calls request.get_host() on every request, before the URL
    // is resolved: an empty Host has no domain, so DisallowedHost (a SuspiciousOperation) is
    // Django's HTML 400, redirects and 404s included (django/http/request.py get_host,
    // split_domain_port). Other hosts Django's ALLOWED_HOSTS or host_validation_re refuse are
    // served: the mock is reached under names the real API never sees (`my_mock:8080`).
    // Raised in CommonMiddleware's process_request, the page skips its process_response: no
    // Content-Length for a HEAD.
    if (c.req.header('host') === '') return djangoPage(DJANGO_BAD_REQUEST_HTML, 400);
    const { url, path, resolved } = targetOf(c, targets);
    // The query as sent, the WSGI server's QUERY_STRING: URL parsing percent-encodes some
    // characters Django leaves as they are (`'` becomes `%27`).
    if (!resolved) return unresolved(c, path, targetQuery(requestTarget(c)));
    const { pattern, params } = resolved;
    // The JSON indent of the accepted media type, once content negotiation has run.
    let indent: number | undefined;
    const failure = (error: unknown): Response => {
      if (error instanceof ApiError) {
        // Rendering the error may fail in turn (a message quoting a lone surrogate).
        try {
          return errorResponse(c, error.problem, c.req.method, path, pattern.allow, indent);
        } catch (unrendered) {
          return failure(unrendered);
        }
      }
      // Django's own answers, outside DRF (core/handlers/exception.py response_for_exception).
      // Both raised in the view: the answer passes CommonMiddleware on its way out.
      if (error instanceof SuspiciousOperation) return djangoPage(DJANGO_BAD_REQUEST_HTML, 400, c.req.method);
      if (error instanceof UncaughtException) return djangoPage(DJANGO_SERVER_ERROR_HTML, 500, c.req.method);
      throw error;
    };
    try {
      const search = url.search.slice(1);
      checkQueryFields(search);
      const query = new QueryDict(search);
      indent = negotiate(query, c.req.header('accept'), acceptedTypes);
      const { token } = authenticate(c.req.header('authorization'), options.tokens);
      const workspace = c.req.header('x-simple-workspace') || undefined;
      requireWorkspace(workspace, options);
      checkMembership(token, workspace, options);
      // Django upper-cases the method.
      const operation = operationFor(pattern, c.req.method.toUpperCase());
      const testMode = c.req.header('x-piriod-test-mode')?.trim().toLowerCase() === 'true';
      const sandboxOf = () => sandboxes.sandboxFor({ token, workspace, testMode }, c);
      const sandbox = sandboxOf();
      if (operation === 'options') return json(c, 200, toJson(metadata(pattern, sandbox, params, query)), pattern.allow, {}, indent);
      // A detail route's get_object runs the list's filters before its lookup (./detail-filters.ts).
      if (pattern.view === 'detail') checkDetailFilters(pattern.resource, sandbox, query, params.id);
      const acted = ACTIONS[operation]({
        c,
        sandbox,
        sandboxOf,
        params,
        query,
        url,
        path,
        limitBytes: options.bodyLimitBytes,
        publicUrl: options.publicUrl,
        pages,
      });
      if (acted instanceof Promise) return acted.then(([status, body]) => json(c, status, body, pattern.allow, {}, indent), failure);
      return json(c, acted[0], acted[1], pattern.allow, {}, indent);
    } catch (error) {
      return failure(error);
    }
  };

  return {
    reset: () => sandboxes.reset(),
    sandboxCount: () => sandboxes.count(),
    handle,
    registry: sandboxes.registry,
    mountPoints: MOUNT_POINTS,
    prepare: () => sandboxes.prepare(),
    prepareSoon: () => sandboxes.prepareSoon(),
    addressOf: (credentials) => sandboxes.addressOf(credentials),
    faultResponse(status, request, retryAfterSeconds) {
      // Django's own page for an unhandled error; DRF's exceptions for the rest.
      if (status === 500) return djangoPage(DJANGO_SERVER_ERROR_HTML, status, request.method);
      const allow = resolve(djangoPath(request.path))?.pattern.allow ?? [];
      return errorResponse(undefined, { kind: 'fault', status, retryAfterSeconds }, request.method, request.path, allow);
    },
  };
}
