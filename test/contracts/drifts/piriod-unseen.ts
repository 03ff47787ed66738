/**
 * A third round of Piriod drift, from a probe that read the suite to find where it did not look:
 * links to another path, a filter that matches nothing refused, records missing from or left in
 * the unfiltered list, the default and `updated` orders, the 401's scheme, and timestamps out of
 * order past page 1. Each needed a check of its own (docs/contracts.md).
 */
import type { Drift } from '../harness';
import { pageOf } from './kit';
import { lists } from './piriod';

type Body = Record<string, unknown> & { results: Record<string, unknown>[]; count: number };

const FILTERING = ['email', 'search', 'name__icontains'];
const isRunCustomer = (c: Record<string, unknown>) => typeof c.name === 'string' && c.name.startsWith('understudy contract check');
const customerPathOf = (url: URL) => /^\/customers\/([^/]+)\/$/.exec(url.pathname)?.[1];

/** Customers whose DELETE was answered 204 but never reached the store. */
const deletedInName = new Set<string>();

export const piriodUnseenDrifts: Drift[] = [
  {
    name: '`next` and `previous` pointing under another path (/internal/customers/)',
    response: lists((body) => {
      for (const key of ['next', 'previous']) {
        if (typeof body[key] === 'string') body[key] = (body[key] as string).replace('/customers/', '/internal/customers/');
      }
    }),
  },
  {
    name: 'a filter or search that matches nothing answers 400 instead of an empty page',
    response: (answer, request) => {
      const url = new URL(request.url);
      const body = answer.json as Body | undefined;
      if (request.method !== 'GET' || url.pathname !== '/customers/' || answer.status !== 200 || body?.count !== 0) return;
      answer.status = 400;
      answer.json = { detail: 'No customer matches the filter.' };
    },
  },
  {
    name: 'a created customer missing from the unfiltered list (a stale replica)',
    response: lists((body, url) => {
      if (FILTERING.some((p) => url.searchParams.has(p))) return;
      const b = body as Body;
      const kept = b.results.filter((c) => !isRunCustomer(c));
      b.count -= b.results.length - kept.length;
      b.results = kept;
    }),
  },
  {
    name: 'DELETE answers 204 and the customer 404, but it stays in the list',
    // The DELETE of a customer that exists is answered 204 but never reaches the store (it is
    // sent on as a GET, whose answer names the customer's contacts, which then 404 too).
    request: (request, url) => {
      if (request.method !== 'DELETE' || !customerPathOf(url)) return request;
      return new Request(url, { method: 'GET', headers: request.headers });
    },
    response: (answer, request) => {
      const url = new URL(request.url);
      const id = customerPathOf(url);
      if (request.method === 'DELETE' && id) {
        if (answer.status !== 200) return;
        deletedInName.add(id);
        for (const contact of (answer.json as { contacts?: { id: string }[] }).contacts ?? []) deletedInName.add(contact.id);
        answer.status = 204;
        answer.json = undefined;
        answer.text = '';
        answer.headers.delete('content-type');
        return;
      }
      const contact = /^\/contacts\/([^/]+)\/$/.exec(url.pathname)?.[1];
      if (request.method === 'GET' && [id, contact].some((i) => i !== undefined && deletedInName.has(i))) {
        answer.status = 404;
        answer.json = { detail: 'No Customer matches the given query.' };
      }
    },
  },
  {
    name: 'the default order oldest first (the docs say newest first)',
    response: lists((body, url) => {
      if (!url.searchParams.has('ordering')) (body as Body).results.reverse();
    }),
  },
  {
    name: '`ordering=updated` ignored (a documented ordering field)',
    request: (request, url) => {
      if (request.method !== 'GET' || !url.searchParams.get('ordering')?.includes('updated')) return request;
      const stripped = new URL(url);
      stripped.searchParams.delete('ordering');
      return new Request(stripped, { headers: request.headers });
    },
  },
  {
    name: 'a 401 whose WWW-Authenticate names another scheme (Bearer realm="api")',
    response: (answer) => {
      if (answer.status === 401) answer.headers.set('www-authenticate', 'Bearer realm="api"');
    },
  },
  {
    name: '`updated` before `created` on the records of page 2 and after',
    response: lists((body, url) => {
      if (pageOf(url) < 2) return;
      for (const c of (body as Body).results) c.updated = '2001-01-01T00:00:00.000000-03:00';
    }),
  },
];
