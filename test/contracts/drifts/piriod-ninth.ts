/**
 * A ninth round of Piriod drift, from a probe of some forty deployments drifting as a release or a
 * proxy might (a field renamed in one endpoint's answer only, a nested number a string only when it
 * has decimals, timestamps without microseconds or offset on writes only, `next` looping back to
 * page 1, `count` still counting deleted customers, error bodies reshaped for one resource, 405
 * without `Allow`, an order kept on page 1 only, a deleted customer's contacts still readable,
 * `+` read as a space in a filter value, rate-limit headers). Those the suite let through are here,
 * with the check that now fails on each (docs/contracts.md); the faithful variations below it must pass.
 */
import { asJson, reordered, everywhere, withUrl, type Answer, type Drift } from '../harness';
import { isCustomer } from './piriod';

const isList = (request: Request) => request.method === 'GET' && new URL(request.url).pathname === '/customers/';
const isJson = (contentType: string | null) => (contentType ?? '').startsWith('application/json');

export const piriodNinthDrifts: Drift[] = [
  {
    // A search backend that keeps the first term of several (a "simple" query parser). Caught by
    // piriod.filter.search-terms, which now picks two terms each of which another customer of the
    // page holds without the other, so a search keeping one of them answers that customer.
    name: 'search matching on its first word only',
    request: (request, url) => {
      const search = url.searchParams.get('search');
      if (!isList(request) || !search?.includes(' ')) return request;
      url.searchParams.set('search', search.split(' ')[0]);
      return withUrl(request, url);
    },
  },
  {
    // A gateway whose counter overshoots: Remaining below 0 on answers it let through. A client
    // pacing itself by it stops for nothing. Caught on every answer (contracts/check/rate-limit.ts).
    name: 'X-RateLimit-Remaining negative on 200 answers',
    response: (answer) => {
      if (answer.status !== 200) return;
      answer.headers.set('x-ratelimit-limit', '100');
      answer.headers.set('x-ratelimit-remaining', '-3');
    },
  },
];

/** Deployments that honour the contract in ways the mock does not show: the run must pass. */
export const piriodNinthFaithful: Drift[] = [
  {
    // DRF's PageNumberPagination drops `page` from the link to page 1; a paginator that writes
    // page=1 links to the same page.
    name: '`previous` of page 2 written with page=1',
    response: (answer, request) => {
      const page = answer.json as { previous?: string | null } | undefined;
      if (request.method !== 'GET' || typeof page?.previous !== 'string') return;
      const url = new URL(page.previous);
      if (url.searchParams.has('page')) return;
      url.searchParams.set('page', '1');
      page.previous = url.href;
    },
  },
  {
    // A query string is a set of parameters: their order names the same page (RFC 3986 leaves it to the server).
    name: '`next` links with their query parameters in another order',
    response: (answer, request) => {
      const page = answer.json as { next?: string | null } | undefined;
      if (request.method !== 'GET' || typeof page?.next !== 'string') return;
      const url = new URL(page.next);
      url.search = new URLSearchParams([...url.searchParams.entries()].reverse()).toString();
      page.next = url.href;
    },
  },
  {
    // COMPACT_JSON = False: DRF's JSONRenderer writes ", " and ": "; a trailing newline is white space (RFC 8259 §2).
    name: 'JSON with spaces after separators and a trailing newline (COMPACT_JSON = False)',
    response: (answer) => {
      if (answer.json === undefined) return;
      answer.text = `${JSON.stringify(answer.json, null, 1).replace(/\n\s*/g, ' ')}\n`;
      answer.json = undefined;
    },
  },
  {
    // A serializer whose fields are declared in another order: JSON objects are unordered (RFC 8259 §4).
    name: 'every object with its keys in another order',
    response: (answer) => {
      if (answer.json !== undefined) answer.json = reordered(answer.json);
    },
  },
  {
    // APIView.default_response_headers: Allow with the view's methods and Vary: Accept on every answer.
    name: "DRF's Allow and Vary: Accept on every answer",
    response: (answer, request) => {
      const detail = new URL(request.url).pathname.split('/').length > 3;
      answer.headers.set('allow', detail ? 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS' : 'GET, POST, HEAD, OPTIONS');
      answer.headers.set('vary', 'Accept');
    },
  },
  {
    // A proxy that names the charset JSON is always in (RFC 8259 §8.1: UTF-8).
    name: 'Content-Type application/json; charset=utf-8',
    response: (answer) => {
      if (isJson(answer.headers.get('content-type'))) answer.headers.set('content-type', 'application/json; charset=utf-8');
    },
  },
  {
    // The IETF draft's RateLimit and RateLimit-Policy (not X-RateLimit-*): nothing to judge.
    name: 'RateLimit and RateLimit-Policy headers (IETF draft) on every answer',
    response: (answer) => {
      answer.headers.set('ratelimit', 'limit=1000, remaining=998, reset=60');
      answer.headers.set('ratelimit-policy', '1000;w=60');
    },
  },
  {
    // A phone kept in another layout (spaces added) for the customers the run creates: the suite
    // reads a phone by its digits, since the stored layout is not documented.
    name: 'phone stored with spaces for new customers',
    response: (() => {
      const made = new Set<unknown>();
      return (answer: Answer, request: Request) => {
        if (request.method === 'POST' && answer.status === 201) everywhere(answer.json, isCustomer, (c) => void made.add(c.id));
        everywhere(answer.json, isCustomer, (c) => {
          if (made.has(c.id) && typeof c.phone === 'string' && !c.phone.includes(' ')) {
            c.phone = c.phone.replace(/^(\+\d\d)(\d)(\d{4})(\d+)$/, '$1 $2 $3 $4');
          }
        });
      };
    })(),
  },
  {
    // APPEND_SLASH = False: a path without its slash is a 404, a refusal that puts no data at risk.
    name: 'a path without its trailing slash answered 404 (APPEND_SLASH off)',
    response: (answer) => {
      if (answer.status !== 301) return;
      asJson(answer, 404, { detail: 'Not found.' });
      answer.headers.delete('location');
    },
  },
];
