/**
 * A fourth round of Piriod drift: the kinds real APIs ship in a release — a type changed only past
 * page 1 or inside a nested object, decimals as strings, timestamps in another precision, a
 * parameter the pagination links drop, links and redirects that send the client over plain http or
 * to an internal host, an exact filter loosened into a substring match, search by whole words, an
 * update that ignores a field or writes null as "", PUT creating what it cannot find, `page=last`
 * refused, a second DELETE answered 204 again, errors keyed or labelled otherwise. Those the suite
 * first let through are listed in docs/contracts.md with the check that now fails on each.
 */
import { withUrl, type Drift } from '../harness';
import { pageOf, redirectTo } from './kit';
import { customers, lists } from './piriod';
import { jsonBodyOf } from './transport';

type Body = Record<string, unknown> & { results: Record<string, unknown>[]; count: number };

const customerPathOf = (url: URL) => /^\/customers\/([^/]+)\/$/.exec(url.pathname)?.[1];
const HTTPS_BASE = 'https://api.understudy.test';

/** The query of a list request rewritten by `edit` (the server sees something else than was sent). */
function listQuery(edit: (query: URLSearchParams) => boolean): Drift['request'] {
  return (request, url) => {
    if (request.method !== 'GET' || url.pathname !== '/customers/') return request;
    const changed = new URL(url);
    if (!edit(changed.searchParams)) return request;
    return withUrl(request, changed);
  };
}

/** Customers whose DELETE was answered: a second DELETE of one answers 204 again. */
const deleted = new Set<string>();

export const piriodShippedDrifts: Drift[] = [
  // ---- shapes ----
  {
    name: '`aggregations.sales` as a decimal string ("1234.00") on page 2 and after',
    response: lists((body, url) => {
      if (pageOf(url) < 2) return;
      for (const c of (body as Body).results) {
        const a = c.aggregations as Record<string, unknown>;
        a.sales = Number(a.sales).toFixed(2);
      }
    }),
  },
  {
    name: 'timestamps with milliseconds instead of microseconds',
    response: customers((c) => {
      c.created = String(c.created).replace(/\.(\d{3})\d{3}/, '.$1');
    }),
  },
  {
    name: 'a nested timestamp without its offset (contacts[].created)',
    response: customers((c) => {
      for (const contact of (c.contacts as Record<string, unknown>[]) ?? []) {
        if (typeof contact.created === 'string') contact.created = contact.created.replace(/[+-]\d{2}:\d{2}$/, '');
      }
    }),
  },
  {
    // The same digits, another instant: naive local times labelled UTC.
    name: 'timestamps in local time labelled UTC ("…T13:26:15Z" for 13:26:15-03:00)',
    response: customers((c) => {
      for (const field of ['created', 'updated']) c[field] = String(c[field]).replace(/[+-]\d{2}:\d{2}$/, 'Z');
    }),
  },
  {
    name: 'a customer status added to the enum ("suspended") on one record of page 2',
    response: lists((body, url) => {
      const last = (body as Body).results.at(-1);
      if (pageOf(url) === 2 && last) last.status = 'suspended';
    }),
  },
  {
    name: '`count` as a string',
    response: lists((body) => {
      body.count = String(body.count);
    }),
  },

  // ---- pagination ----
  {
    name: 'default page size 25 instead of 20',
    request: listQuery((query) => {
      if (query.has('page_size')) return false;
      query.set('page_size', '25');
      return true;
    }),
  },
  {
    name: 'pagination links on http:// when the API is called over https:// (no SECURE_PROXY_SSL_HEADER)',
    baseUrl: HTTPS_BASE,
    response: lists((body) => {
      for (const key of ['next', 'previous']) {
        if (typeof body[key] === 'string') body[key] = (body[key] as string).replace(/^https:/, 'http:');
      }
    }),
  },
  {
    name: '`count` one more than the results when a filter is applied',
    response: lists((body, url) => {
      if (url.searchParams.has('email') || url.searchParams.has('search')) body.count = (body.count as number) + 1;
    }),
  },

  // ---- filters and search ----
  {
    name: 'search matching whole words only (full-text search instead of icontains)',
    response: lists((body, url) => {
      const search = url.searchParams.get('search');
      if (!search) return;
      const terms = search
        .toLowerCase()
        .split(/[\s,]+/)
        .filter(Boolean);
      const b = body as Body;
      const words = (c: Record<string, unknown>) =>
        ['name', 'email', 'tax_id'].flatMap((f) =>
          String(c[f] ?? '')
            .toLowerCase()
            .split(/[^\p{L}\p{N}]+/u),
        );
      b.results = b.results.filter((c) => terms.every((t) => words(c).includes(t) || String(c.email ?? '').toLowerCase() === t));
      b.count = b.results.length;
    }),
  },

  // ---- errors ----
  {
    name: 'validation errors answered 422',
    response: (answer) => {
      if (answer.status === 400) answer.status = 422;
    },
  },
  {
    name: 'field errors nested under "errors"',
    response: (answer) => {
      const body = answer.json as Record<string, unknown> | undefined;
      if (answer.status === 400 && body && !('detail' in body)) answer.json = { errors: body };
    },
  },
  {
    name: 'errors labelled application/problem+json',
    response: (answer) => {
      if (answer.status >= 400 && answer.json !== undefined) answer.headers.set('content-type', 'application/problem+json');
    },
  },
  {
    name: 'the slash redirect sends the client to an internal host (http://10.0.3.7:8000)',
    response: (answer) => {
      const location = answer.headers.get('location');
      if (answer.status === 301 && location) answer.headers.set('location', new URL(location, 'http://10.0.3.7:8000').href);
    },
  },
  {
    name: 'the slash redirect downgrades https:// to http://',
    baseUrl: HTTPS_BASE,
    response: (answer, request) => {
      const url = new URL(request.url);
      if (answer.status !== 301 || !answer.headers.get('location')) return;
      redirectTo(answer, `http://${url.host}/customers/${url.search}`, 'text/html; charset=utf-8');
    },
  },

  // ---- writes ----
  {
    name: 'PATCH ignores `email`',
    request: async (request, url) => {
      if (request.method !== 'PATCH') return request;
      const body = await jsonBodyOf(request);
      if (!body || !('email' in body)) return request;
      delete body.email;
      return new Request(url, { method: 'PATCH', headers: request.headers, body: JSON.stringify(body) });
    },
  },
  {
    name: 'PUT applies only name and address (the other fields sent are ignored)',
    request: async (request, url) => {
      if (request.method !== 'PUT') return request;
      const body = await jsonBodyOf(request);
      if (!body) return request;
      const kept = { name: body.name, address: body.address };
      return new Request(url, { method: 'PUT', headers: request.headers, body: JSON.stringify(kept) });
    },
  },
  {
    name: 'null written as an empty string (a nullable field cleared reads back "")',
    response: customers(
      (c) => {
        for (const field of ['phone', 'website', 'address', 'zip_code', 'reference', 'manager']) if (c[field] === null) c[field] = '';
      },
      (r) => r.method === 'PATCH' || r.method === 'PUT',
    ),
  },
  {
    name: '`next` keeps page and page_size but drops every other parameter',
    response: lists((body) => {
      for (const key of ['next', 'previous']) {
        if (typeof body[key] !== 'string') continue;
        const link = new URL(body[key] as string);
        for (const name of [...link.searchParams.keys()]) if (name !== 'page' && name !== 'page_size') link.searchParams.delete(name);
        body[key] = link.href;
      }
    }),
  },
  {
    name: '`?email=` matching a part of the email (icontains, not exact)',
    request: listQuery((query) => {
      const email = query.get('email');
      if (email === null) return false;
      query.delete('email');
      query.set('search', email);
      return true;
    }),
  },
  {
    name: '`name__icontains` matching the start of the name only (istartswith)',
    response: lists((body, url) => {
      const part = url.searchParams.get('name__icontains');
      if (!part) return;
      const b = body as Body;
      b.results = b.results.filter((c) => String(c.name).toLowerCase().startsWith(part.toLowerCase()));
      b.count = b.results.length;
    }),
  },
  {
    name: '`page=last` refused with 404 "Invalid page." (DRF takes it)',
    response: (answer, request) => {
      if (new URL(request.url).searchParams.get('page') !== 'last') return;
      answer.status = 404;
      answer.json = { detail: 'Invalid page.' };
    },
  },
  {
    name: 'PUT to an unknown id creates the customer (201)',
    response: (answer, request) => {
      const url = new URL(request.url);
      if (request.method !== 'PUT' || !customerPathOf(url) || answer.status !== 404) return;
      answer.status = 201;
      answer.json = { id: customerPathOf(url), name: 'understudy' };
    },
  },
  {
    name: 'a second DELETE of a deleted customer answers 204 again',
    response: (answer, request) => {
      const id = customerPathOf(new URL(request.url));
      if (request.method !== 'DELETE' || !id) return;
      if (answer.status === 204) deleted.add(id);
      else if (answer.status === 404 && deleted.has(id)) {
        answer.status = 204;
        answer.json = undefined;
        answer.text = '';
        answer.headers.delete('content-type');
      }
    },
  },
];
