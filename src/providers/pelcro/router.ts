/**
 * Laravel's router for the declared routes (contracts/pelcro/routes.ts), and the pipeline every
 * request under /api goes through, in Laravel's order: ValidatePostSize (global middleware, before
 * routing) → the router (404 for an unknown path; for a known path without the method, the OPTIONS
 * answer or a 405) → authenticate → read the input → the route's handler (validate → act on the
 * sandbox → render).
 *
 * Illuminate\Routing\Matching\UriValidator matches `rawurldecode(rtrim($pathInfo, '/'))` against the
 * route's regex, case-sensitively, and route parameters come from the decoded path. So every
 * trailing slash is ignored, `customers%2F7` is customer 7, and a path that does not decode to UTF-8
 * (`%FF`) matches no route (PCRE's `u` mode refuses it). The path is the one the client sent:
 * nginx hands PHP `$request_uri` as it came (**guess**: `fastcgi_param REQUEST_URI $request_uri`,
 * the usual Laravel setup), and Symfony's getPathInfo() resolves no dot segment, so
 * `/api/v1/core/./customers` is no route and `/customers/..` is customer "..".
 */
import type { Context } from 'hono';
import { isSdkOperation, ROUTES, SDK_PUBLIC_OPERATIONS, type OperationId } from '../../../contracts/pelcro/routes';
import { parseStrWarns } from '../../../lib/php/params';
import { intendedMethod, routingPath, symfonyHostValid, targetPath, targetQuery } from '../../../lib/php/request';
import { refuseDeclaredOversize } from '../../core/body';
import { ApiError } from '../../core/errors';
import { KeptMap } from '../../core/kept-map';
import { attempt, type Later, onceReady } from '../../core/later';
import { bodiless, requestTarget } from '../../core/request-context';
import { phpTarget } from '../../../lib/request-target';
import type { AppOptions } from '../../core/options';
import type { MountedProvider } from '../../core/provider';
import { addressHandlers } from './addresses/handlers';
import { ACCOUNT_HEADER, authenticate, CustomerAuth, type CustomerSession } from './auth';
import { customerHandlers } from './customers/handlers';
import { faultAnswer, respondWithError } from './errors';
import { allInput, queryOf, readBody, type Body, type Input } from './input';
import { createSandboxes } from './sandbox';
import { sdkHandlers } from './sdk/handlers';
import { sourceHandlers } from './sources/handlers';

/**
 * What a route's handler receives: the request, the API key of its sandbox, its input and its
 * path parameters; on a protected Open API route, the customer its token names.
 */
export interface RouteRequest {
  c: Context;
  token: string;
  input: Input;
  params: Record<string, string>;
  session?: CustomerSession;
}

export type Handler = (request: RouteRequest) => Response | Promise<Response>;

/** One path template of the declared routes with the operations it answers. */
interface PathRoute {
  pattern: RegExp;
  names: string[];
  /** Method → operation; a Map, so that a method named like an Object.prototype member finds nothing. */
  operations: Map<string, OperationId>;
  /** The methods in the order Laravel lists them in a 405 and an OPTIONS answer. */
  allow: string[];
}

/** The declared routes grouped by path; a GET route answers HEAD too, as Laravel's Router::get does. */
function pathRoutes(): PathRoute[] {
  const byPath = new Map<string, PathRoute>();
  for (const route of ROUTES) {
    let entry = byPath.get(route.path);
    if (!entry) {
      const names: string[] = [];
      const source = route.path
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const name = /^\{([^}]+)\}$/.exec(part)?.[1];
          if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
          names.push(name);
          return '([^/]+)';
        })
        .join('');
      entry = { pattern: new RegExp(`^${source}$`), names, operations: new Map(), allow: [] };
      byPath.set(route.path, entry);
    }
    const methods = route.method === 'GET' ? ['GET', 'HEAD'] : [route.method];
    for (const method of methods) {
      entry.operations.set(method, route.operationId);
      entry.allow.push(method);
    }
  }
  return [...byPath.values()];
}

const PATHS = pathRoutes();

/**
 * Every Laravel answer's Cache-Control: Symfony's ResponseHeaderBag sets it on every Response it
 * makes (`computeCacheControlValue`: `no-cache, private` without Cache-Control, Expires or
 * Last-Modified), JsonResponse, a 204 and the OPTIONS answer alike.
 */
const LARAVEL_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'Cache-Control': 'no-cache, private' });

/** The header Symfony's Request::getMethod() reads an overriding method from (on a POST only). */
const METHOD_OVERRIDE_HEADER = 'x-http-method-override';

/**
 * A POST overridden to HEAD is answered without a body, as Symfony's Response::prepare does for
 * `isMethod('HEAD')`; a request that is a HEAD on the wire is stripped by Hono already. Only what
 * the route answers is prepared (Router::runRoute → prepareResponse, errors of its middleware and
 * controller included): a 404 or 405 of route matching and a 413 of ValidatePostSize are rendered
 * by the exception handler outside it and keep their body, since the request is a POST on the wire.
 */
function headAnswer(c: Context, method: string, res: Response): Response {
  return method === 'HEAD' && c.req.method.toUpperCase() !== 'HEAD' ? bodiless(res) : res;
}

/** `/api` under more than one leading slash. */
const SLASHES_API = /^\/{2,}api(?:\/|$)/;

/** The declared path a raw (still percent-encoded) request path reaches, with its parameters. */
export function matchPath(raw: string): { route: PathRoute; params: Record<string, string> } | undefined {
  const path = routingPath(raw);
  if (path === undefined) return undefined;
  for (const route of PATHS) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    for (const [i, name] of route.names.entries()) params[name] = match[i + 1];
    return { route, params };
  }
  return undefined;
}

/** What a raw request target reaches: its query as PHP parsed it, its path and the declared route. */
interface Target {
  query: Input;
  path: string;
  matched: ReturnType<typeof matchPath>;
  /** Whether parse_str() warns when Laravel reads the query again (lib/php/params.ts parseStrWarns). */
  warns: boolean;
}

/**
 * Targets kept once asked twice (KeptMap's doorkeeper: a walk over pages read once keeps none),
 * up to a length, so a flood of long distinct targets keeps at most 1,024 short ones: parsing the
 * query and matching the path cost every request again. What is kept is frozen, as every request
 * of that target shares it: a request's input is a copy of its top level, and nothing writes into the
 * arrays below it, which cleaning hands on as they are when it changes nothing (src/providers/pelcro/input.ts).
 */
const TARGETS_KEPT = 1024;
const LONGEST_KEPT_TARGET = 512;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

function targetOf(raw: string, kept: KeptMap<string, Target>): Target {
  const keep = raw.length <= LONGEST_KEPT_TARGET;
  let target = keep ? kept.get(raw) : undefined;
  if (target === undefined) {
    const path = targetPath(raw);
    target = { query: queryOf(raw), path, matched: matchPath(path), warns: parseStrWarns(targetQuery(raw)) };
    if (keep) {
      deepFreeze(target.query);
      if (target.matched) Object.freeze(target.matched.params);
      kept.offer(raw, target);
    }
  }
  return target;
}

/** Mounts the pipeline for every declared route on `app`. */
export function mountPelcro(options: AppOptions): MountedProvider {
  const sandboxes = createSandboxes(options);
  const targets = new KeptMap<string, Target>(TARGETS_KEPT);
  /** The last Host header found valid (see the check in `handle`). */
  let validHost: string | undefined;
  const customerAuth = new CustomerAuth(options, sandboxes);
  const handlers: Record<OperationId, Handler> = {
    ...customerHandlers(sandboxes, options.publicUrl),
    ...addressHandlers(sandboxes, options.publicUrl),
    ...sourceHandlers(sandboxes),
    ...sdkHandlers(sandboxes, customerAuth),
  };
  /**
   * Who a request is. The Core API: the API key. The Open API: a protected route's customer token
   * (which names its sandbox), a public one's sandbox from ACCOUNT_HEADER or the default key
   * (docs/decisions/006-one-account-two-apis.md). The refresh route answers a bad token with 401.
   */
  const identify = (c: Context, operationId: OperationId): Later<{ token: string; session?: CustomerSession }> => {
    if (!isSdkOperation(operationId)) return authenticate(c.req.header('authorization'), options.tokens);
    if (SDK_PUBLIC_OPERATIONS.includes(operationId)) return { token: customerAuth.apiKeyOf(c.req.header(ACCOUNT_HEADER)) };
    const refresh = operationId === 'sdkRefreshToken';
    return onceReady(
      customerAuth.session(c.req.header('authorization'), refresh ? 'unauthenticated' : 'forbidden', refresh, c),
      (session) => ({
        token: session.apiKey,
        session,
      }),
    );
  };
  const limit = options.bodyLimitBytes;
  /**
   * The body of a POST whose override Symfony reads from it (lib/php/request.ts intendedMethod),
   * read before routing as Laravel's HandleCors asks for the method first; undefined for a body
   * past the limit, which PHP drops (post_max_size): then only the query can override.
   */
  const earlyBody = async (c: Context): Promise<Body | undefined> => {
    try {
      return await readBody(c, limit);
    } catch (error) {
      if (error instanceof ApiError && error.problem.kind === 'payload_too_large') return undefined;
      throw error;
    }
  };
  // Not async: a read (no body to wait for) is answered in the same turn (src/core/later.ts).
  const pipeline = (c: Context): Later<Response> => {
    let method = c.req.method.toUpperCase();
    /** Whether the matched route runs: its answers, errors too, are prepared (headAnswer). */
    let routeRuns = false;
    /** Past the method override, the rest of the pipeline; `body` is the early read of a POST's. */
    const routed = (target: Target, header: string | undefined, body: Body | undefined, tooLarge: boolean): Later<Response> => {
      const { query, path, matched } = target;
      const intended = intendedMethod(method, header, body?.fields ?? {}, query);
      if (intended === undefined) throw new ApiError({ kind: 'bad_request', reason: 'method_override' });
      method = intended;
      // ValidatePostSize: a declared Content-Length past the limit is refused before routing and auth.
      if (tooLarge) throw new ApiError({ kind: 'payload_too_large', limitBytes: limit });
      refuseDeclaredOversize(c, limit);
      if (!matched) throw new ApiError({ kind: 'no_route', path });
      const operationId = matched.route.operations.get(method);
      if (operationId === undefined) {
        const allow = [...matched.route.allow];
        // AbstractRouteCollection::getRouteForMethods answers OPTIONS itself: 200, empty, `Allow`
        // joined without spaces, as a plain Illuminate Response, which Symfony's Response::prepare
        // gives its default `text/html; charset=UTF-8`; any other verb the route lacks is a 405.
        if (method === 'OPTIONS') return c.body('', 200, { Allow: allow.join(','), 'Content-Type': 'text/html; charset=UTF-8' });
        throw new ApiError({ kind: 'method_not_allowed', method, allow });
      }
      routeRuns = true;
      return onceReady(identify(c, operationId), ({ token, session }) =>
        // The body as PHP parsed the request's own method: an overridden POST keeps its form or
        // multipart fields, files included (a real multipart PUT arrives empty).
        onceReady(body ?? readBody(c, limit), (read) =>
          onceReady(handlers[operationId]({ c, token, input: allInput(query, read), params: matched.params, session }), (res) =>
            headAnswer(c, method, res),
          ),
        ),
      );
    };
    return attempt(
      () => {
        // A Host Symfony's Request::getHost() refuses fails every request, before routing and the
        // query's parse (seen side by side with a Laravel app; lib/php/request.ts symfonyHostValid).
        // The last Host found valid is remembered: a client sends the same one every time, and the
        // check (a trim and two regular expressions) then costs a comparison.
        const host = c.req.header('host');
        if (host !== validHost) {
          if (!symfonyHostValid(host)) throw new ApiError({ kind: 'bad_request', reason: 'bad_host' });
          validHost = host;
        }
        const target = targetOf(phpTarget(requestTarget(c)), targets);
        // HandleCors (global middleware, first to read the query) matches its `api/*` paths with
        // fullUrlIs(), whose getQueryString() parse_str()s the query again: a query PHP warns about
        // ends there, in an ErrorException (Laravel 11.x; fruitcake/laravel-cors before it alike).
        if (target.warns) throw new ApiError({ kind: 'server_error', cause: 'parse_str warning' });
        // The method override (Symfony's getMethod, first called by Laravel's HandleCors, the global
        // middleware before ValidatePostSize): a POST's body is read now, unless the header decides.
        const header = c.req.header(METHOD_OVERRIDE_HEADER);
        if (method === 'POST' && (header === undefined || header === '' || header === '0')) {
          return earlyBody(c).then((body) => routed(target, header, body, body === undefined));
        }
        return routed(target, header, undefined, false);
      },
      (error) => (routeRuns ? headAnswer(c, method, respondWithError(error, c)) : respondWithError(error, c)),
    );
  };
  return {
    reset: () => sandboxes.reset(),
    sandboxCount: () => sandboxes.count(),
    handle: pipeline,
    registry: sandboxes.registry,
    mountPoints: ['/api'],
    answerHeaders: LARAVEL_HEADERS,
    // nginx merges slashes before choosing a location, so `//api/…` reaches Laravel too, whose
    // routes never match a path starting with `//` (its 404). Node's URL keeps the slashes, which
    // the `/api` mount does not match: the app asks here for such paths.
    claims: (path) => SLASHES_API.test(path),
    prepare: () => sandboxes.prepare(),
    prepareSoon: () => sandboxes.prepareSoon(),
    addressOf: (credentials) => sandboxes.addressOf(credentials),
    faultResponse: faultAnswer,
  };
}
