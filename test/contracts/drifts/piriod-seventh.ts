/**
 * A seventh round of Piriod drift, from a probe of some thirty deployments drifting as a release
 * might (types changing on some records or after a write, timestamps written otherwise on write,
 * pagination under ordering, filters ignored only together, a byte order mark, error shapes of one status, headers,
 * ids after create, repeated deletes, empty pages). Those the suite let through are here, with
 * the check that now fails on each (docs/contracts.md); the faithful variations below it must pass.
 */
import { everywhere, withUrl, type Answer, type Drift } from '../harness';
import { pageOf } from './kit';

const isList = (request: Request) => request.method === 'GET' && new URL(request.url).pathname === '/customers/';
const orderingOf = (request: Request) => new URL(request.url).searchParams.get('ordering');

/** The parameters of a customers list that are not paging or ordering: its filters. */
const filtersOf = (url: URL) => [...url.searchParams.keys()].filter((k) => !['ordering', 'page', 'page_size'].includes(k));

/**
 * The seeded account's two customers on either side of the name-ordered walk's page boundary
 * (26 a page over 51 customers, the run's own among them): the last of page 1 and the first of page 2.
 */
const LAST_OF_PAGE_1 = { id: 'cus_91HEYHnwM4OS0YgzSUUl', name: 'Inmobiliaria Atacama S.A.' };
const FIRST_OF_PAGE_2 = 'cus_7TbELBoJHReTu9GQsiOO';

export const piriodSeventhDrifts: Drift[] = [
  (() => {
    // ORDER BY name with no tie-breaker, each page planned apart: page 2 opens with page 1's last
    // record and the record it displaced is never seen (names all distinct, so no tie excuses it).
    const lastOfPage1 = new Map<string, unknown>();
    return {
      name: 'ordering=name: page 2 repeating the last customer of page 1 in place of its own first',
      response: (answer: Answer, request: Request) => {
        const url = new URL(request.url);
        if (!isList(request) || answer.status !== 200 || !orderingOf(request)?.endsWith('name')) return;
        const page = answer.json as { results: unknown[] };
        const key = `${orderingOf(request)}|${url.searchParams.get('page_size')}`;
        if (pageOf(url) === 1) lastOfPage1.set(key, page.results.at(-1));
        else if (lastOfPage1.has(key) && page.results.length > 0) page.results[0] = lastOfPage1.get(key);
      },
    };
  })(),
  {
    // An OFFSET one too far on pages after the first, `count` right.
    name: 'ordering=created: page 2 one customer short (an offset one too far)',
    response: (answer, request) => {
      if (!isList(request) || answer.status !== 200 || orderingOf(request) !== 'created') return;
      if (pageOf(new URL(request.url)) >= 2) (answer.json as { results: unknown[] }).results.shift();
    },
  },
  {
    // A filter_queryset that rebuilds the queryset when a filter is given, losing order_by.
    name: '`ordering` ignored when a filter is also given',
    request: (request, url) => {
      if (!isList(request) || !url.searchParams.has('ordering') || filtersOf(url).length === 0) return request;
      url.searchParams.delete('ordering');
      return withUrl(request, url);
    },
  },
  {
    // A CDN rule for GETs: one account's list served to another key, or a stale one after a write.
    name: 'the customers list marked Cache-Control: public, max-age=300',
    response: (answer, request) =>
      void (isList(request) && answer.status === 200 && answer.headers.set('cache-control', 'public, max-age=300')),
  },
  {
    name: 'a 201 whose Location names another customer',
    response: (answer, request) =>
      void (answer.status === 201 && answer.headers.set('location', new URL('/customers/cus_1UJBSiBkxVjtEKX6eeQF/', request.url).href)),
  },
  {
    // RFC 8259 §8.1 forbids it; the run's decoder would drop it, PHP's json_decode and Go's encoding/json do not.
    name: 'a UTF-8 byte order mark before every JSON body',
    response: (answer) => {
      if (answer.json !== undefined)
        answer.bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(JSON.stringify(answer.json))]);
    },
  },
  {
    // has_next as `page * size <= count`: only a list an exact multiple of its page size shows it,
    // as the seeded 50 customers are in a read-only run's two-page walks (25 a page).
    name: '`next` on the last page when count is a multiple of the page size (a read-only run)',
    options: { readOnly: true },
    response: (answer, request) => {
      const page = answer.json as { count?: number; next?: string | null } | undefined;
      const url = new URL(request.url);
      const size = Number(url.searchParams.get('page_size') ?? '20');
      if (!isList(request) || answer.status !== 200 || page?.next !== null || !page.count || page.count % size !== 0) return;
      url.searchParams.set('page', String(pageOf(url) + 1));
      page.next = url.href;
    },
  },
];

/** Deployments that honour the contract in ways the mock does not show: the run must pass. */
export const piriodSeventhFaithful: Drift[] = [
  (() => {
    // A live account: a customer created by someone else between the name walk's two pages, named
    // to sort before the boundary, pushes page 1's last customer onto page 2 and the count up one.
    const lastOfPage1 = new Map<string, unknown>();
    return {
      name: 'a customer created elsewhere between the pages of a walk (page 1 last customer shifted onto page 2)',
      response: (answer: Answer, request: Request) => {
        const url = new URL(request.url);
        if (!isList(request) || answer.status !== 200 || orderingOf(request) !== 'name') return;
        const page = answer.json as { count: number; results: unknown[] };
        const key = url.searchParams.get('page_size') ?? '';
        if (pageOf(url) === 1) lastOfPage1.set(key, page.results.at(-1));
        else if (lastOfPage1.has(key)) {
          page.results.unshift(lastOfPage1.get(key));
          page.count += 1;
        }
      },
    };
  })(),
  {
    // Two customers of one name straddle the boundary; PostgreSQL, free to order ties as it
    // plans each page, shows the tied customer of page 1 again and the other on neither.
    name: 'two customers of one name across a page boundary, the tied one answered on both pages',
    response: (answer, request) => {
      everywhere(
        answer.json,
        (o) => o.id === FIRST_OF_PAGE_2,
        (c) => {
          c.name = LAST_OF_PAGE_1.name;
        },
      );
      if (!isList(request) || answer.status !== 200 || orderingOf(request) !== 'name' || pageOf(new URL(request.url)) !== 2) return;
      const page = answer.json as { results: Record<string, unknown>[] };
      if (page.results[0]?.id === FIRST_OF_PAGE_2) page.results[0] = { ...page.results[0], id: LAST_OF_PAGE_1.id };
    },
  },
  {
    // RFC 9110 §15.3.2; DRF adds it when the serializer has a `url` field.
    name: 'a 201 with a Location naming the record created',
    response: (answer, request) => {
      const id = (answer.json as { id?: string } | undefined)?.id;
      if (answer.status === 201 && id) answer.headers.set('location', new URL(`${new URL(request.url).pathname}${id}/`, request.url).href);
    },
  },
  {
    name: 'Cache-Control: no-cache, no-store, must-revalidate, private, an ETag and rate-limit headers',
    response: (answer) => {
      answer.headers.set('cache-control', 'no-cache, no-store, must-revalidate, private');
      answer.headers.set('etag', 'W/"5d41402a"');
      answer.headers.set('x-ratelimit-limit', '1000');
      answer.headers.set('x-ratelimit-remaining', '999');
    },
  },
  {
    // DRF's DateTimeField writes an instant in UTC with `Z` (to_representation drops +00:00).
    name: 'timestamps in UTC with Z (TIME_ZONE = "UTC")',
    response: (answer) =>
      everywhere(
        answer.json,
        (o) => typeof o.id === 'string' && /^(cus|con)_/.test(o.id),
        (record) => {
          for (const key of ['created', 'updated']) {
            const value = record[key];
            if (typeof value !== 'string') continue;
            const micro = /\.(\d{6})/.exec(value)?.[1] ?? '000000';
            record[key] = new Date(value).toISOString().replace(/\.\d{3}Z$/, `.${micro}Z`);
          }
        },
      ),
  },
];
