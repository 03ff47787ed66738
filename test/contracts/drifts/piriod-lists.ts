/**
 * Ways a Piriod list could drift that only show across pages or under a filter: records repeated
 * or missing between pages, links that lose parameters, ordering kept on page 1 only, lookups
 * and search loosened or narrowed. Written after the first suite, as drift it had not seen.
 */
import { compareInstants } from '../../../contracts/check/invariants';
import { withUrl, type Drift } from '../harness';
import { pageMemory, pageOf } from './kit';
import { lists } from './piriod';

type Body = Record<string, unknown> & { results: Record<string, unknown>[]; count: number };

/** With `param` in the query, keeps the results `keep` accepts (one page: the filter checks read 100 a page). */
function narrow(param: string, keep: (customer: Record<string, unknown>, url: URL) => boolean): Drift['response'] {
  return lists((body, url) => {
    if (!url.searchParams.has(param)) return;
    const b = body as Body;
    b.results = b.results.filter((c) => keep(c, url));
    b.count = b.results.length;
  });
}

const searchable = (c: Record<string, unknown>, fields = ['name', 'email', 'tax_id']) => fields.map((f) => String(c[f] ?? ''));
const terms = (url: URL) => (url.searchParams.get('search') ?? '').split(/[\s,]+/).filter(Boolean);

const repeated = pageMemory();
const duplicated = pageMemory();
export const piriodListDrifts: Drift[] = [
  // ---- pagination ----
  {
    name: 'a record of page 1 repeated on page 2',
    response: lists((body, url) => {
      const b = body as Body;
      if (pageOf(url) === 1) duplicated.remember(url, b.results);
      const before = duplicated.before(url);
      if (pageOf(url) === 2 && before?.length && b.results.length) b.results[0] = before[0] as Record<string, unknown>;
    }),
  },
  {
    name: 'a page that repeats the previous page (links right)',
    response: lists((body, url) => {
      const b = body as Body;
      repeated.remember(url, b.results);
      const before = repeated.before(url);
      if (before && before.length === b.results.length) b.results = before as Record<string, unknown>[];
    }),
  },
  {
    name: '`next` present on the last page',
    response: lists((body, url) => {
      if (body.next === null && (body.count as number) > 0) {
        const next = new URL(url);
        next.searchParams.set('page', String(pageOf(url) + 1));
        body.next = next.href;
      }
    }),
  },
  {
    name: '`previous` always pointing to page 1',
    response: lists((body) => {
      if (typeof body.previous === 'string') {
        const previous = new URL(body.previous);
        previous.searchParams.delete('page');
        body.previous = previous.href;
      }
    }),
  },
  {
    name: '`previous` links that drop the other parameters',
    response: lists((body) => {
      if (typeof body.previous === 'string') {
        const previous = new URL(body.previous);
        const page = previous.searchParams.get('page');
        body.previous = `${previous.origin}${previous.pathname}${page ? `?page=${page}` : ''}`;
      }
    }),
  },
  {
    name: '`count` right but page 2 one short',
    response: lists((body, url) => {
      if (pageOf(url) === 2) (body as Body).results.pop();
    }),
  },
  {
    name: '`count` changing between pages',
    response: lists((body, url) => {
      if (pageOf(url) > 1) body.count = (body.count as number) + 1;
    }),
  },
  {
    name: 'results unsorted on page 2 only',
    response: lists((body, url) => {
      if (url.searchParams.has('ordering') && pageOf(url) === 2) (body as Body).results.reverse();
    }),
  },

  // ---- filters and search ----
  {
    name: '`__icontains` behaving as `__contains`',
    request: (request, url) => {
      const names = [...url.searchParams.keys()].filter((k) => k.endsWith('__icontains'));
      if (names.length === 0) return request;
      for (const name of names) {
        const value = url.searchParams.get(name) as string;
        url.searchParams.delete(name);
        url.searchParams.set(name.replace('__icontains', '__contains'), value);
      }
      return withUrl(request, url);
    },
  },
  {
    name: '`__in` using only its first value',
    request: (request, url) => {
      const names = [...url.searchParams.keys()].filter((k) => k.endsWith('__in'));
      if (names.length === 0) return request;
      for (const name of names) url.searchParams.set(name, (url.searchParams.get(name) as string).split(',')[0]);
      return withUrl(request, url);
    },
  },
  {
    name: 'search case-sensitive',
    response: narrow('search', (c, url) => terms(url).every((t) => searchable(c).some((v) => v.includes(t)))),
  },
  {
    name: 'search ignoring the email',
    response: narrow('search', (c, url) =>
      terms(url).every((t) => searchable(c, ['name', 'tax_id']).some((v) => v.toLowerCase().includes(t.toLowerCase()))),
    ),
  },
  {
    name: 'search terms not split (the whole text as one phrase)',
    response: narrow('search', (c, url) => {
      const phrase = (url.searchParams.get('search') ?? '').toLowerCase();
      return searchable(c).some((v) => v.toLowerCase().includes(phrase));
    }),
  },
  {
    name: '`created__gte` exclusive',
    response: narrow('created__gte', (c, url) => {
      const bound = url.searchParams.get('created__gte');
      return bound === null || compareInstants(c.created as string, bound) !== 0;
    }),
  },
];
