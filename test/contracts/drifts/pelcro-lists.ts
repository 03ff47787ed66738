/**
 * Ways a Pelcro list could drift that only show across pages or under a filter: records repeated
 * or missing between pages, `meta.links` pointing elsewhere, sorting kept on page 1 only, filter
 * values dropped or loosened. Written after the first suite, as drift it had not seen.
 */
import { withUrl, type Drift } from '../harness';
import { pageMemory, pageOf } from './kit';
import { LIST, lists } from './pelcro';

type Customer = Record<string, unknown>;
type Body = { data: Customer[]; links: Record<string, unknown>; meta: Record<string, unknown> };

/** With `param` in the query, keeps the customers `keep` accepts (one page: the filter checks read 100). */
function narrow(param: string, keep: (customer: Customer, value: string) => boolean): Drift['response'] {
  return (answer, request) => {
    const url = new URL(request.url);
    const value = url.searchParams.get(param);
    if (request.method !== 'GET' || url.pathname !== LIST || answer.status !== 200 || value === null) return;
    const b = answer.json as Body;
    b.data = b.data.filter((c) => keep(c, value));
    b.meta.total = b.data.length;
  };
}

/** An `OP:VALUES` filter's operator and values. */
function filterOf(raw: string): { op: string; values: string[] } {
  const m = /^(\w+):(.*)$/.exec(raw);
  return m ? { op: m[1], values: m[2].split(',') } : { op: 'eq', values: raw.split(',') };
}

const repeated = pageMemory();
const duplicated = pageMemory();

export const pelcroListDrifts: Drift[] = [
  // ---- pagination ----
  {
    name: 'a record of page 1 repeated on page 2',
    response: (answer, request) => {
      const url = new URL(request.url);
      if (request.method !== 'GET' || url.pathname !== LIST || answer.status !== 200) return;
      const b = answer.json as Body;
      if (pageOf(url) === 1) duplicated.remember(url, b.data);
      const before = duplicated.before(url);
      if (pageOf(url) === 2 && before?.length && b.data.length) b.data[0] = before[0] as Customer;
    },
  },
  {
    name: 'a page that repeats the previous page (links right)',
    response: (answer, request) => {
      const url = new URL(request.url);
      if (request.method !== 'GET' || url.pathname !== LIST || answer.status !== 200) return;
      const b = answer.json as Body;
      repeated.remember(url, b.data);
      const before = repeated.before(url);
      if (before && before.length === b.data.length) b.data = before as Customer[];
    },
  },
  {
    name: '`links.next` present on the last page',
    response: lists((body) => {
      if (body.links.next === null && (body.meta.total as number) > 0) {
        body.links.next = String(body.links.last).replace(/page=(\d+)/, (_m, n) => `page=${Number(n) + 1}`);
      }
    }),
  },
  {
    name: '`links.prev` always pointing to page 1',
    response: lists((body) => {
      if (body.links.prev !== null) body.links.prev = body.links.first;
    }),
  },
  {
    name: '`meta.total` right but page 2 one short',
    response: (answer, request) => {
      const url = new URL(request.url);
      if (request.method === 'GET' && url.pathname === LIST && answer.status === 200 && pageOf(url) === 2) (answer.json as Body).data.pop();
    },
  },
  {
    name: '`meta.total` changing between pages',
    response: (answer, request) => {
      const url = new URL(request.url);
      if (request.method === 'GET' && url.pathname === LIST && answer.status === 200 && pageOf(url) > 1)
        (answer.json as Body).meta.total = ((answer.json as Body).meta.total as number) + 1;
    },
  },
  {
    name: 'results unsorted on page 2 only',
    response: (answer, request) => {
      const url = new URL(request.url);
      if (request.method === 'GET' && url.pathname === LIST && answer.status === 200 && url.searchParams.has('sort') && pageOf(url) === 2)
        (answer.json as Body).data.reverse();
    },
  },
  {
    name: '`meta.links` page URLs off by one',
    response: lists((body) => {
      for (const link of body.meta.links as { url: string | null; label: string }[]) {
        if (/^\d+$/.test(link.label) && link.url) link.url = link.url.replace(/page=(\d+)/, (_m, n) => `page=${Number(n) + 1}`);
      }
    }),
  },
  {
    name: '`meta.links` "Next" not the next page',
    response: lists((body) => {
      const links = body.meta.links as { url: string | null; label: string }[];
      links[links.length - 1].url = links[0].url;
    }),
  },

  // ---- filters ----
  {
    name: 'comma-separated filter values: only the first one used',
    response: narrow('filter[email]', (c, raw) => {
      const { op, values } = filterOf(raw);
      return op !== 'eq' || values.length < 2 || String(c.email).toLowerCase() === values[0].toLowerCase();
    }),
  },
  {
    name: '`like` anchored at the start (LIKE v%)',
    response: narrow('filter[email]', (c, raw) => {
      const { op, values } = filterOf(raw);
      return op !== 'like' || values.some((v) => String(c.email).toLowerCase().startsWith(v.toLowerCase()));
    }),
  },
  {
    name: 'a metadata value filter ignored',
    request: (request, url) => {
      const names = [...url.searchParams.keys()].filter((k) => k.startsWith('filter[metadata.'));
      if (names.length === 0) return request;
      for (const name of names) url.searchParams.delete(name);
      return withUrl(request, url);
    },
  },
];
