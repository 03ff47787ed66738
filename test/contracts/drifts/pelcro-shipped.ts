/**
 * A fourth round of Pelcro drift: the kinds a Laravel release ships — a model without its casts
 * (booleans as 0/1, decimals as strings, dates as "Y-m-d H:i:s") inside expanded relations, an
 * enum value added, Laravel's default page size, `meta` counters off by one, links and redirects
 * that send the client over plain http or to an internal host, an `eq` filter loosened into `like`,
 * a PUT that ignores fields, errors keyed or labelled otherwise. Those the suite first let through
 * are listed in docs/contracts.md with the check that now fails on each.
 */
import { everywhere, withUrl, type Drift } from '../harness';
import { redirectTo } from './kit';
import { LIST, customers, lists } from './pelcro';
import { jsonBodyOf } from './transport';

const HTTPS_BASE = 'https://api.understudy.test';
const isAddress = (o: Record<string, unknown>) => typeof o.line1 === 'string' && 'user_id' in o;
const isSubscription = (o: Record<string, unknown>) => typeof o.plan === 'object' && 'quantity' in o;
const isPlan = (o: Record<string, unknown>) => 'interval_count' in o;

/** Laravel's "Y-m-d H:i:s" for Unix seconds. */
const laravelDate = (seconds: number) => new Date(seconds * 1000).toISOString().replace('T', ' ').slice(0, 19);

/** The query of a list request rewritten by `edit` (the server sees something else than was sent). */
function listQuery(edit: (query: URLSearchParams) => boolean): Drift['request'] {
  return (request, url) => {
    if (request.method !== 'GET' || url.pathname !== LIST) return request;
    const changed = new URL(url);
    if (!edit(changed.searchParams)) return request;
    return withUrl(request, changed);
  };
}

export const pelcroShippedDrifts: Drift[] = [
  // ---- shapes ----
  {
    name: 'expanded addresses without their casts (is_default as 0/1)',
    response: (answer) =>
      everywhere(answer.json, isAddress, (a) => {
        a.is_default = a.is_default ? 1 : 0;
      }),
  },
  {
    name: 'a plan amount as a decimal string ("12.00") inside expanded subscriptions',
    response: (answer) =>
      everywhere(answer.json, isPlan, (p) => {
        p.amount = (Number(p.amount) / 100).toFixed(2);
      }),
  },
  {
    name: 'subscription dates as "Y-m-d H:i:s" strings',
    response: (answer) =>
      everywhere(answer.json, isSubscription, (s) => {
        if (typeof s.current_period_end === 'number') s.current_period_end = laravelDate(s.current_period_end);
      }),
  },
  {
    name: 'a subscription status added to the enum ("paused")',
    response: (answer) =>
      everywhere(answer.json, isSubscription, (s) => {
        s.status = 'paused';
      }),
  },
  {
    name: 'timestamps as float seconds (microtime)',
    response: customers((c) => {
      c.updated_at = (c.updated_at as number) + 0.25;
    }),
  },

  {
    name: 'expand honoured on the list but ignored on a retrieve',
    request: (request, url) => {
      if (!/\/core\/customers\/\d+$/.test(url.pathname) || !url.searchParams.has('expand')) return request;
      url.searchParams.delete('expand');
      return withUrl(request, url);
    },
  },

  // ---- pagination ----
  {
    name: "Laravel's default page size (15) instead of Pelcro's 10",
    request: listQuery((query) => {
      if (query.has('limit')) return false;
      query.set('limit', '15');
      return true;
    }),
  },
  {
    name: '`meta.last_page` one more than the pages',
    response: lists((body) => {
      body.meta.last_page = (body.meta.last_page as number) + 1;
    }),
  },
  {
    name: '`meta.to` one short',
    response: lists((body) => {
      if (typeof body.meta.to === 'number') body.meta.to -= 1;
    }),
  },
  {
    name: 'pagination links on http:// when the API is called over https:// (TrustProxies not set)',
    baseUrl: HTTPS_BASE,
    response: lists((body) => {
      const http = (link: unknown) => (typeof link === 'string' ? link.replace(/^https:/, 'http:') : link);
      for (const key of ['first', 'last', 'prev', 'next']) body.links[key] = http(body.links[key]);
      body.meta.path = http(body.meta.path);
      for (const entry of (body.meta.links as { url: unknown }[]) ?? []) entry.url = http(entry.url);
    }),
  },

  // ---- filters and sorting ----
  {
    name: '`sort=-email` sorted ascending (the direction ignored for email)',
    request: listQuery((query) => {
      if (query.get('sort') !== '-email') return false;
      query.set('sort', 'email');
      return true;
    }),
  },

  // ---- errors ----
  {
    name: 'an unknown id answered 400',
    response: (answer) => {
      if (answer.status === 404) answer.status = 400;
    },
  },
  {
    name: 'the 401 keyed "error" instead of "message"',
    response: (answer) => {
      const body = answer.json as { message?: string } | undefined;
      if (answer.status === 401 && body?.message) answer.json = { error: body.message };
    },
  },
  {
    name: 'Laravel 10\'s timezone text ("The timezone must be a valid timezone.")',
    response: (answer) => {
      if (answer.status === 400 && answer.json)
        answer.json = JSON.parse(JSON.stringify(answer.json).replaceAll('field must be a valid timezone.', 'must be a valid timezone.'));
    },
  },
  {
    name: 'errors labelled application/problem+json',
    response: (answer) => {
      if (answer.status >= 400 && answer.json !== undefined) answer.headers.set('content-type', 'application/problem+json');
    },
  },
  {
    name: 'the slash redirect sends the client to an internal host (http://10.0.3.7)',
    response: (answer, request) => {
      const url = new URL(request.url);
      if (!url.pathname.endsWith('/')) return;
      redirectTo(answer, `http://10.0.3.7${url.pathname.slice(0, -1)}${url.search}`, 'text/html; charset=UTF-8');
    },
  },
  {
    name: 'the slash redirect downgrades https:// to http://',
    baseUrl: HTTPS_BASE,
    response: (answer, request) => {
      const url = new URL(request.url);
      if (!url.pathname.endsWith('/')) return;
      redirectTo(answer, `http://${url.host}${url.pathname.slice(0, -1)}${url.search}`, 'text/html; charset=UTF-8');
    },
  },

  // ---- writes ----
  {
    name: 'a create answered 200 instead of 201',
    response: (answer, request) => {
      if (request.method === 'POST' && answer.status === 201) answer.status = 200;
    },
  },
  {
    name: 'DELETE answers 200 {"message": "Deleted"}',
    response: (answer, request) => {
      if (request.method === 'DELETE' && answer.status < 300) {
        answer.status = 200;
        answer.json = { message: 'Deleted' };
        answer.headers.set('content-type', 'application/json');
      }
    },
  },
  {
    name: 'PUT ignores every field but first_name, email and metadata',
    request: async (request, url) => {
      if (request.method !== 'PUT' || !/\/core\/customers\/\d+$/.test(url.pathname)) return request;
      const body = await jsonBodyOf(request);
      if (!body) return request;
      const kept = Object.fromEntries(Object.entries(body).filter(([k]) => ['site_id', 'first_name', 'email', 'metadata'].includes(k)));
      return new Request(url, { method: 'PUT', headers: request.headers, body: JSON.stringify(kept) });
    },
  },
  {
    name: 'PUT echoes a new last_name but does not store it',
    request: async (request, url) => {
      if (request.method !== 'PUT' || !/\/core\/customers\/\d+$/.test(url.pathname)) return request;
      const body = await jsonBodyOf(request);
      if (!body || !('last_name' in body)) return request;
      delete body.last_name;
      return new Request(url, { method: 'PUT', headers: request.headers, body: JSON.stringify(body) });
    },
    response: async (answer, request) => {
      if (request.method !== 'PUT' || answer.status !== 200) return;
      const data = (answer.json as { data?: Record<string, unknown> }).data;
      const body = await jsonBodyOf(request);
      if (data && body && 'last_name' in body) data.last_name = body.last_name;
    },
  },
  {
    name: '`eq` filters behaving as `like` (a part of the value matches)',
    request: listQuery((query) => {
      let changed = false;
      for (const [name, value] of [...query.entries()]) {
        if (!name.startsWith('filter[') || name === 'filter[metadata]') continue;
        const values = value.startsWith('eq:') ? value.slice(3) : value.includes(':') ? undefined : value;
        if (values === undefined || values.includes(',')) continue;
        query.set(name, `like:${values}`);
        changed = true;
      }
      return changed;
    }),
  },
];
