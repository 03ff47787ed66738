/**
 * A seventh round of Pelcro drift, from a probe of some thirty deployments drifting as a release
 * might (types changing on some records or after a write, pagination under sort, filters ignored
 * only together, error shapes of one status, a byte order mark, headers, ids after create, repeated deletes, empty
 * pages, Open API tokens refused after unrelated writes). Those the suite let through are here,
 * with the check that now fails on each (docs/contracts.md); the faithful variations below it must pass.
 */
import { withUrl, type Answer, type Drift } from '../harness';
import { LIST } from './pelcro';

const isList = (request: Request) => request.method === 'GET' && new URL(request.url).pathname === LIST;
const hasFilter = (url: URL) => [...url.searchParams.keys()].some((k) => k.startsWith('filter'));

export const pelcroSeventhDrifts: Drift[] = [
  (() => {
    // ORDER BY email planned per page: page 2 opens with page 1's last customer, one never seen.
    const lastOfPage1 = new Map<string, unknown>();
    return {
      name: 'sort=-email: page 2 repeating the last customer of page 1 in place of its own first',
      response: (answer: Answer, request: Request) => {
        const query = new URL(request.url).searchParams;
        if (!isList(request) || answer.status !== 200 || query.get('sort') !== '-email') return;
        const page = answer.json as { data: unknown[] };
        const key = query.get('limit') ?? '';
        if (Number(query.get('page') ?? '1') === 1) lastOfPage1.set(key, page.data.at(-1));
        else if (lastOfPage1.has(key) && page.data.length > 0) page.data[0] = lastOfPage1.get(key);
      },
    };
  })(),
  {
    // A filter scope that starts a new query when a filter is given, losing the orderBy.
    name: '`sort` ignored when a filter is also given',
    request: (request, url) => {
      if (!isList(request) || !url.searchParams.has('sort') || !hasFilter(url)) return request;
      url.searchParams.delete('sort');
      return withUrl(request, url);
    },
  },
  {
    name: 'the customers list marked Cache-Control: public, max-age=300',
    response: (answer, request) =>
      void (isList(request) && answer.status === 200 && answer.headers.set('cache-control', 'public, max-age=300')),
  },
  {
    name: 'a 201 whose Location names another address',
    response: (answer, request) => {
      if (answer.status === 201 && new URL(request.url).pathname.endsWith('/addresses')) {
        answer.headers.set('location', new URL('/api/v1/core/addresses/1', request.url).href);
      }
    },
  },
  {
    // RFC 8259 §8.1 forbids it; the run's decoder would drop it, PHP's json_decode and Go's encoding/json do not.
    name: 'a UTF-8 byte order mark before every JSON body',
    response: (answer) => {
      if (answer.json !== undefined)
        answer.bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(JSON.stringify(answer.json))]);
    },
  },
  (() => {
    // A soft delete whose route binding still finds trashed customers: a retried DELETE succeeds again.
    const deleted = new Set<string>();
    return {
      name: 'a second DELETE of a deleted customer answering 204 again',
      response: (answer: Answer, request: Request) => {
        const path = new URL(request.url).pathname;
        if (request.method !== 'DELETE' || !path.startsWith(`${LIST}/`)) return;
        if (answer.status === 204) deleted.add(path);
        else if (answer.status === 404 && deleted.has(path)) {
          answer.status = 204;
          answer.json = undefined;
          answer.text = '';
        }
      },
    };
  })(),
];

/** Deployments that honour the contract in ways the mock does not show: the run must pass. */
export const pelcroSeventhFaithful: Drift[] = [
  {
    name: 'a 201 with a Location naming the record created',
    response: (answer, request) => {
      const id = (answer.json as { data?: { id?: number } } | undefined)?.data?.id;
      if (answer.status === 201 && id !== undefined) answer.headers.set('location', `${request.url.split('?')[0]}/${id}`);
    },
  },
  {
    // Laravel's ThrottleRequests on every answer it lets through.
    name: 'X-RateLimit-Limit and X-RateLimit-Remaining on every answer',
    response: (answer) => {
      answer.headers.set('x-ratelimit-limit', '60');
      answer.headers.set('x-ratelimit-remaining', '59');
    },
  },
  {
    // abort(404) in a controller: Laravel's handler renders the exception's empty message as it is
    // (Handler::convertExceptionToArray).
    name: 'an address 404 with an empty message (abort(404))',
    response: (answer, request) => {
      if (answer.status === 404 && new URL(request.url).pathname.includes('/addresses/')) answer.json = { message: '' };
    },
  },
  {
    // Laravel's paginator carries the query on in its links only with withQueryString().
    name: 'pagination links carrying the query (withQueryString)',
    response: (answer, request) => {
      if (!isList(request) || answer.status !== 200) return;
      const links = (answer.json as { links?: Record<string, unknown> }).links ?? {};
      const asked = new URL(request.url).searchParams;
      for (const [key, link] of Object.entries(links)) {
        if (typeof link !== 'string') continue;
        const url = new URL(link);
        for (const [name, value] of asked) if (name !== 'page') url.searchParams.set(name, value);
        links[key] = url.href;
      }
    },
  },
];
