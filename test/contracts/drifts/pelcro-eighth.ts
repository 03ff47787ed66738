/**
 * An eighth round of Pelcro drift, from a probe of some thirty deployments drifting as a release or
 * a proxy might (fields moving between nested objects, ids as strings only past a value, `meta`
 * off on the last page only, limits out of bounds, 200 and 201 swapped, one field's error in
 * another language, bodies gzipped without saying so, 304s without a validator, a read right after
 * a write answering the record before it, enum values in another case, ids re-used after a delete,
 * the Open API's answers reshaped). Those the suite let through are here, with the check that now
 * fails on each (docs/contracts.md); the faithful variations below it must pass.
 */
import { everywhere, throttledOnce, withUrl, type Answer, type Drift } from '../harness';
import { LIST } from './pelcro';

const isList = (request: Request) => request.method === 'GET' && new URL(request.url).pathname === LIST;
const pathOf = (request: Request) => new URL(request.url).pathname;
const isSdk = (request: Request) => pathOf(request).startsWith('/api/v1/sdk/');

export const pelcroEighthDrifts: Drift[] = [
  {
    // A paginator with a floor of its own: `limit=1` gets the default page of 10. Caught by
    // pelcro.list.limit-bounds, which now asks limit=1 too.
    name: 'limit under 5 ignored (the default 10 answered)',
    request: (request, url) => {
      const limit = Number(url.searchParams.get('limit'));
      if (!isList(request) || !(limit > 0 && limit < 5)) return request;
      url.searchParams.delete('limit');
      return withUrl(request, url);
    },
  },
  {
    // A translated lang/xx/auth.php served to an English client. Caught by pelcro.sdk.current.
    name: "the Open API's 401 message in Spanish",
    response: (answer, request) => {
      if (isSdk(request) && answer.status === 401) answer.json = { message: 'No autenticado.' };
    },
  },
  {
    // A payment methods query that lost its where('user_id', …). Caught by pelcro.sdk.payment-methods.
    name: "the Open API's payment methods listing another customer's source",
    response: (answer, request) => {
      const page = answer.json as { data?: Record<string, unknown>[] } | undefined;
      if (!isSdk(request) || request.method !== 'GET' || !pathOf(request).endsWith('/payment_methods')) return;
      if (Array.isArray(page?.data) && page.data.length > 0) page.data.push({ ...page.data[0], id: 3 });
    },
  },
  (() => {
    // A sources table whose ids are handed out again (a sequence reset, ids computed as max + 1
    // after the highest was deleted): the next source created after a delete takes the deleted
    // one's id everywhere, in answers and in the paths that name it. Caught by
    // pelcro.sdk.payment-methods, which holds the Open API's new payment methods to ids no source
    // deleted earlier in the run had.
    let deleted: number | undefined;
    let reissued: number | undefined;
    const sourcePath = /\/(sources|payment_methods)\/(\d+)$/;
    return {
      name: 'a new source re-using the id of a deleted one (Core or Open API create)',
      request: (request: Request, url: URL) => {
        const match = sourcePath.exec(url.pathname);
        if (reissued === undefined || !match || Number(match[2]) !== deleted) return request;
        url.pathname = url.pathname.replace(sourcePath, `/$1/${reissued}`);
        return withUrl(request, url);
      },
      response: (answer: Answer, request: Request) => {
        const path = pathOf(request);
        if (request.method === 'DELETE' && path.includes('/sources/') && answer.status === 204 && reissued === undefined) {
          deleted = Number(path.split('/').pop());
        }
        const created = (answer.json as { data?: { id?: number } } | undefined)?.data;
        const isCreate = request.method === 'POST' && answer.status === 201 && /\/(sources|payment_methods)$/.test(path);
        if (deleted !== undefined && reissued === undefined && isCreate && typeof created?.id === 'number') reissued = created.id;
        if (reissued === undefined || deleted === undefined) return;
        const [from, to] = [reissued, deleted];
        everywhere(
          answer.json,
          (o) => 'object_gateway' in o || 'default_source_id' in o,
          (o) => {
            if ('object_gateway' in o && o.id === from) o.id = to;
            if (o.default_source_id === from) o.default_source_id = to;
          },
        );
      },
    };
  })(),
];

/** Deployments that honour the contract in ways the mock does not show: the run must pass. */
export const pelcroEighthFaithful: Drift[] = [
  // RFC 9110 §10.2.3: Retry-After is delay-seconds or an HTTP-date; a proxy's throttle may send the date.
  throttledOnce(
    'one 429 whose Retry-After is an HTTP-date',
    (answer, request) => isList(request) && answer.status === 200,
    () => new Date().toUTCString(),
    { message: 'Too Many Attempts.' },
  ),
  // ThrottleRequests on the Open API's route group.
  throttledOnce(
    'one 429 on the Open API (Retry-After: 0)',
    (answer, request) => isSdk(request) && answer.status === 200,
    () => '0',
    { message: 'Too Many Attempts.' },
  ),
  {
    // json_encode without JSON_UNESCAPED_SLASHES or JSON_UNESCAPED_UNICODE: Laravel's JsonResponse default.
    name: 'JSON with slashes and non-ASCII escaped (json_encode defaults)',
    response: (answer) => {
      if (answer.json === undefined) return;
      answer.text = JSON.stringify(answer.json)
        .replace(/\//g, '\\/')
        .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      answer.json = undefined;
    },
  },
  {
    // nginx in front of PHP-FPM with expose_php on, and the session middleware on the api group.
    name: 'Server: nginx, X-Powered-By: PHP and a laravel_session cookie',
    response: (answer) => {
      answer.headers.set('server', 'nginx');
      answer.headers.set('x-powered-by', 'PHP/8.2.12');
      answer.headers.append('set-cookie', 'laravel_session=abc; path=/; httponly; samesite=lax');
    },
  },
  {
    // An ETag middleware: a 304 only to a request that sends If-None-Match, which the run never does.
    name: 'a strong ETag on every 200 GET',
    response: (answer, request) => {
      if (request.method === 'GET' && answer.status === 200) answer.headers.set('etag', `"${answer.text.length.toString(16)}"`);
    },
  },
  {
    name: 'X-Request-Id and Vary: Origin, Accept-Encoding on every answer',
    response: (answer) => {
      answer.headers.set('x-request-id', '9f1c2d3e-0000-4000-8000-000000000000');
      answer.headers.set('vary', 'Origin, Accept-Encoding');
    },
  },
  {
    // response()->noContent() through a middleware that sets a default Content-Type: no body either way.
    name: 'a 204 with a Content-Type and no body',
    response: (answer) => void (answer.status === 204 && answer.headers.set('content-type', 'text/html; charset=UTF-8')),
  },
];
