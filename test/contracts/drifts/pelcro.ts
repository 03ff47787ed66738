/**
 * Ways a Pelcro deployment could drift from its contract, each applied to the in-process mock's
 * answers (or to the requests it sees). The suite must catch every one.
 */
import { withUrl, dropParams, runOptions, type Drift } from '../harness';
import { customerEditor } from './kit';

export const isCustomer = (o: Record<string, unknown>) => typeof o.id === 'number' && 'email_confirm' in o;
export const LIST = '/api/v1/core/customers';

/** Edits every customer in every answer. */
export const customers = customerEditor(isCustomer);

export function lists(
  edit: (body: { data: unknown[]; links: Record<string, unknown>; meta: Record<string, unknown> }) => void,
): Drift['response'] {
  return (answer, request) => {
    if (request.method === 'GET' && new URL(request.url).pathname === LIST && answer.status === 200 && answer.json) {
      edit(answer.json as never);
    }
  };
}

export const pelcroDrifts: Drift[] = [
  {
    name: 'a required field renamed (email → email_address)',
    response: customers((c) => {
      c.email_address = c.email;
      delete c.email;
    }),
  },
  {
    name: 'a required field dropped (created_at)',
    response: customers((c) => {
      delete c.created_at;
    }),
  },
  {
    name: 'a type change (id as a string)',
    response: customers((c) => {
      c.id = String(c.id);
    }),
  },
  {
    name: 'null where not nullable (email_confirm)',
    response: customers((c) => {
      c.email_confirm = null;
    }),
  },
  {
    name: 'timestamps as ISO strings',
    response: customers((c) => {
      c.updated_at = new Date((c.updated_at as number) * 1000).toISOString();
    }),
  },
  {
    name: 'timestamps in milliseconds',
    response: customers((c) => {
      c.created_at = (c.created_at as number) * 1000 + 1;
    }),
  },
  {
    name: 'a wrong success status (retrieve answers 201)',
    response: (answer, request) => {
      if (request.method === 'GET' && /\/customers\/\d+/.test(request.url) && answer.status === 200) answer.status = 201;
    },
  },
  {
    name: 'a wrong error status (validation answers 422)',
    response: (answer) => {
      if (answer.status === 400) answer.status = 422;
    },
  },
  {
    name: 'a wrong error shape (errors as a flat list)',
    response: (answer) => {
      const body = answer.json as { errors?: Record<string, string[]> } | undefined;
      if (answer.status === 400 && body?.errors) answer.json = { errors: Object.values(body.errors).flat() };
    },
  },
  {
    name: 'validation texts reworded',
    response: (answer) => {
      if (answer.status === 400 && answer.json)
        answer.json = JSON.parse(JSON.stringify(answer.json).replaceAll(' field must be a valid email address.', ' is not an email.'));
    },
  },
  {
    name: 'a wrong content type (text/html)',
    response: (answer) => {
      answer.headers.set('content-type', 'text/html; charset=UTF-8');
    },
  },
  {
    name: 'the {"data"} envelope missing on retrieve',
    response: (answer, request) => {
      const body = answer.json as { data?: unknown } | undefined;
      if (request.method === 'GET' && /\/customers\/\d+/.test(request.url) && body?.data) answer.json = body.data;
    },
  },
  {
    name: 'a wrong total (+1)',
    response: lists((body) => {
      body.meta.total = (body.meta.total as number) + 1;
    }),
  },
  {
    name: 'per_page as a string',
    response: lists((body) => {
      body.meta.per_page = String(body.meta.per_page);
    }),
  },
  {
    name: 'broken next links (page not advanced)',
    response: lists((body) => {
      if (typeof body.links.next === 'string') body.links.next = body.links.next.replace(/page=(\d+)/, (_m, n) => `page=${Number(n) - 1}`);
    }),
  },
  {
    name: 'meta.links labels changed',
    response: lists((body) => {
      (body.meta.links as { label: string }[]).forEach((l) => {
        l.label = l.label.replace('&laquo; ', '').replace(' &raquo;', '');
      });
    }),
  },
  {
    name: 'a page past the end answers 404',
    response: (answer, request) => {
      const body = answer.json as { data?: unknown[] } | undefined;
      if (
        request.method === 'GET' &&
        new URL(request.url).pathname === LIST &&
        Array.isArray(body?.data) &&
        body.data.length === 0 &&
        new URL(request.url).searchParams.has('page')
      ) {
        answer.status = 404;
        answer.json = { message: 'Not Found' };
      }
    },
  },
  { name: 'a filter ignored (filter[email])', request: dropParams('filter[email]') },
  { name: 'a metadata filter ignored', request: dropParams('filter[metadata]') },
  { name: 'sort ignored', request: dropParams('sort') },
  { name: 'expand ignored', request: dropParams('expand') },
  { name: 'limit ignored', request: dropParams('limit') },
  {
    name: 'a limit over 100 clamped instead of refused',
    request: (request, url) => {
      if (Number(url.searchParams.get('limit')) <= 100) return request;
      url.searchParams.set('limit', '100');
      return withUrl(request, url);
    },
  },
  {
    name: 'credentials not checked',
    request: (request, url) => {
      const headers = new Headers(request.headers);
      headers.set('Authorization', `Bearer ${runOptions.pelcro.token}`);
      return withUrl(new Request(request, { headers }), url);
    },
  },
  {
    name: 'metadata replaced instead of merged on update',
    response: customers(
      (c) => {
        c.metadata = { extra: 'added' };
      },
      (r) => r.method === 'PUT',
    ),
  },
  {
    name: 'a delete that does not delete',
    request: (request, url) => (request.method === 'DELETE' ? new Request(url, { method: 'GET', headers: request.headers }) : request),
  },
  {
    name: 'a duplicate email accepted',
    response: (answer, request) => {
      const errors = (answer.json as { errors?: Record<string, string[]> } | undefined)?.errors;
      if (request.method === 'POST' && errors?.email?.some((m) => m.includes('already been taken'))) {
        answer.status = 201;
        answer.json = { data: { id: 999_999 } };
      }
    },
  },
];
