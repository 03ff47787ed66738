/**
 * An eighth round of Piriod drift, from a probe of some thirty deployments drifting as a release or
 * a proxy might (fields moving between nested objects, numbers as strings only past a value, links
 * losing filters on later pages, `count` off on the last page only, page sizes out of bounds, 200
 * and 201 swapped, one field's error in another language, bodies gzipped without saying so, 304s
 * without a validator, a read right after a write answering the record before it, enum values in
 * another case, ids re-used after a delete, offsets dropped). Those the suite let through are here,
 * with the check that now fails on each (docs/contracts.md); the faithful variations below it must pass.
 */
import { throttledOnce, withUrl, type Drift } from '../harness';

const isList = (request: Request) => request.method === 'GET' && new URL(request.url).pathname === '/customers/';

export const piriodEighthDrifts: Drift[] = [
  {
    // A paginator with a floor of its own (or a proxy that strips small sizes): `page_size=1` gets
    // the default page. Caught by piriod.list.page-size-cap, which now asks page_size=1 too.
    name: 'page_size under 5 ignored (the default 20 answered)',
    request: (request, url) => {
      const size = Number(url.searchParams.get('page_size'));
      if (!isList(request) || !(size > 0 && size < 5)) return request;
      url.searchParams.delete('page_size');
      return withUrl(request, url);
    },
  },
  {
    // A queryset whose order_by is dropped when the page is large (a "fast path" for exports).
    // Caught by piriod.ordering.default, which holds the shared page of 100 to newest first.
    name: 'page_size=100 answered oldest first (the default order kept for smaller pages)',
    response: (answer, request) => {
      const query = new URL(request.url).searchParams;
      const page = answer.json as { results?: unknown[] } | undefined;
      if (isList(request) && query.get('page_size') === '100' && query.size === 1 && Array.isArray(page?.results)) {
        page.results.reverse();
      }
    },
  },
];

/** Deployments that honour the contract in ways the mock does not show: the run must pass. */
export const piriodEighthFaithful: Drift[] = [
  // RFC 9110 §10.2.3: Retry-After is delay-seconds or an HTTP-date; a proxy's throttle may send the date.
  throttledOnce(
    'one 429 whose Retry-After is an HTTP-date',
    (answer, request) => isList(request) && answer.status === 200,
    () => new Date().toUTCString(),
    { detail: 'Request was throttled.' },
  ),
  // DRF throttles in initial(), before the view: a throttled POST created nothing and may be sent again.
  throttledOnce(
    'one 429 on a POST (throttled before the view runs)',
    (answer, request) => request.method === 'POST' && answer.status === 201,
    () => '0',
    { detail: 'Request was throttled. Expected available in 0 seconds.' },
  ),
  {
    // Django's SecurityMiddleware and XFrameOptionsMiddleware, on by default in a new project.
    name: "Django's security headers (X-Frame-Options, nosniff, Referrer-Policy, COOP)",
    response: (answer) => {
      answer.headers.set('x-frame-options', 'DENY');
      answer.headers.set('x-content-type-options', 'nosniff');
      answer.headers.set('referrer-policy', 'same-origin');
      answer.headers.set('cross-origin-opener-policy', 'same-origin');
    },
  },
  {
    // LocaleMiddleware adds Content-Language and Vary: Accept-Language; DRF's negotiation Vary: Accept.
    name: 'Vary: Accept, Cookie and Content-Language: es',
    response: (answer) => {
      answer.headers.set('vary', 'Accept, Cookie, Origin');
      answer.headers.set('content-language', 'es');
    },
  },
  {
    // ConditionalGetMiddleware: an ETag on every 200 GET, and a 304 only to a request that sends If-None-Match.
    name: 'a strong ETag on every 200 GET (ConditionalGetMiddleware)',
    response: (answer, request) => {
      if (request.method === 'GET' && answer.status === 200) answer.headers.set('etag', `"${answer.text.length.toString(16)}"`);
    },
  },
  {
    // DRF's JSONRenderer with UNICODE_JSON = False writes every non-ASCII character as \uXXXX.
    name: 'JSON with non-ASCII escaped (UNICODE_JSON = False)',
    response: (answer) => {
      if (answer.json === undefined) return;
      answer.text = JSON.stringify(answer.json).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      answer.json = undefined;
    },
  },
  {
    // A load balancer's request id and an APM's timings.
    name: 'X-Request-Id and Server-Timing on every answer',
    response: (answer) => {
      answer.headers.set('x-request-id', '9f1c2d3e-0000-4000-8000-000000000000');
      answer.headers.set('server-timing', 'db;dur=3.1, app;dur=12');
    },
  },
  {
    // SECURE_HSTS_SECONDS set: SecurityMiddleware adds it to every answer.
    name: 'Strict-Transport-Security on every answer',
    response: (answer) => void answer.headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains'),
  },
];
