/**
 * A third round of Pelcro drift, from a probe that read the suite to find where it did not look:
 * links to another path, a filter that matches nothing refused, a new customer missing from the
 * unfiltered list, the default sort, a `limit` silently capped, a PUT that drops the email, and
 * timestamps out of order past page 1. Each needed a check of its own (docs/contracts.md).
 */
import type { Drift } from '../harness';
import { jsonBodyOf } from './transport';
import { lists } from './pelcro';

type Body = { data: Record<string, unknown>[]; links: Record<string, unknown>; meta: Record<string, unknown> };

const LIST = '/api/v1/core/customers';
const elsewhere = (link: unknown) => (typeof link === 'string' ? link.replace('/customers', '/internal/customers') : link);
const isRunCustomer = (c: Record<string, unknown>) => typeof c.email === 'string' && c.email.startsWith('understudy-contract+');

/** Rewrites the query of a list request. */
function listQuery(edit: (query: URLSearchParams) => void): Drift['request'] {
  return (request, url) => {
    if (request.method !== 'GET' || url.pathname !== LIST) return request;
    const changed = new URL(url);
    edit(changed.searchParams);
    return new Request(changed, { headers: request.headers });
  };
}

let page = 1;

export const pelcroUnseenDrifts: Drift[] = [
  {
    name: 'every pagination link pointing under another path (/internal/customers)',
    response: lists((body) => {
      for (const key of ['first', 'last', 'prev', 'next']) body.links[key] = elsewhere(body.links[key]);
      body.meta.path = elsewhere(body.meta.path);
      for (const entry of (body.meta.links as { url: unknown }[]) ?? []) entry.url = elsewhere(entry.url);
    }),
  },
  {
    name: 'a filter that matches nothing answers 400 instead of an empty page',
    response: (answer, request) => {
      const body = answer.json as Body | undefined;
      if (request.method !== 'GET' || new URL(request.url).pathname !== LIST || answer.status !== 200) return;
      if (body?.meta?.total !== 0) return;
      answer.status = 400;
      answer.json = { message: 'No customer matches the filter.' };
    },
  },
  {
    name: 'a created customer missing from the unfiltered list (a stale replica)',
    response: (answer, request) => {
      const url = new URL(request.url);
      if (request.method !== 'GET' || url.pathname !== LIST || answer.status !== 200) return;
      if ([...url.searchParams.keys()].some((k) => k.startsWith('filter'))) return;
      const body = answer.json as Body;
      body.data = body.data.filter((c) => !isRunCustomer(c));
    },
  },
  {
    name: 'the default sort by id descending (the docs say by id)',
    response: (answer, request) => {
      const url = new URL(request.url);
      if (request.method === 'GET' && url.pathname === LIST && answer.status === 200 && !url.searchParams.has('sort'))
        (answer.json as Body).data.reverse();
    },
  },
  {
    name: '`limit` silently capped at 50',
    request: listQuery((query) => {
      if (Number(query.get('limit')) > 50) query.set('limit', '50');
    }),
  },
  {
    name: 'PUT validates a new email but does not store it',
    request: async (request, url) => {
      if (request.method !== 'PUT') return request;
      const body = await jsonBodyOf(request);
      if (!body || typeof body.email !== 'string' || !/^[^@\s]+@[^@\s]+\.[a-z]+$/i.test(body.email)) return request;
      delete body.email;
      return new Request(url, { method: 'PUT', headers: request.headers, body: JSON.stringify(body) });
    },
  },
  {
    name: '`updated_at` before `created_at` on the records of page 2 and after',
    request: (request, url) => {
      page = url.pathname === LIST ? Number(url.searchParams.get('page') ?? '1') : page;
      return request;
    },
    response: lists((body) => {
      if (page < 2) return;
      for (const c of body.data as Record<string, unknown>[]) c.updated_at = 1;
    }),
  },
];
