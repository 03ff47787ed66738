/**
 * Ways a Piriod deployment could drift from its contract, each applied to the in-process mock's
 * answers (or to the requests it sees). The suite must catch every one.
 */
import { withUrl, dropParams, runOptions, type Drift } from '../harness';
import { customerEditor } from './kit';

export const isCustomer = (o: Record<string, unknown>) => typeof o.id === 'string' && o.id.startsWith('cus_');

/** Edits every customer in every answer. */
export const customers = customerEditor(isCustomer);

/** Edits the answer of list requests. */
export function lists(edit: (body: Record<string, unknown>, url: URL) => void): Drift['response'] {
  return (answer, request) => {
    const url = new URL(request.url);
    if (request.method === 'GET' && url.pathname === '/customers/' && answer.status === 200 && answer.json) {
      edit(answer.json as Record<string, unknown>, url);
    }
  };
}

const isWrite = (request: Request) => request.method === 'PATCH' || request.method === 'PUT';

export const piriodDrifts: Drift[] = [
  {
    name: 'a required field renamed (email → e_mail)',
    response: customers((c) => {
      c.e_mail = c.email;
      delete c.email;
    }),
  },
  {
    name: 'a required field dropped (created)',
    response: customers((c) => {
      delete c.created;
    }),
  },
  {
    name: 'a type change (aggregations.balance as a string)',
    response: customers((c) => {
      const a = c.aggregations as Record<string, unknown>;
      a.balance = String(a.balance);
    }),
  },
  {
    name: 'null where not nullable (name)',
    response: customers((c) => {
      c.name = null;
    }),
  },
  {
    name: 'timestamps as Unix seconds',
    response: customers((c) => {
      c.created = Math.floor(Date.parse(String(c.created)) / 1000);
    }),
  },
  {
    name: 'timestamps without an offset',
    response: customers((c) => {
      c.updated = String(c.updated).replace(/([+-]\d{2}:\d{2}|Z)$/, '');
    }),
  },
  {
    name: 'country as a bare code instead of a Country object',
    response: customers((c) => {
      c.country = (c.country as { id?: string } | null)?.id ?? null;
    }),
  },
  {
    name: 'a format broken (currency lower-cased)',
    response: customers((c) => {
      c.currency = String(c.currency).toLowerCase();
    }),
  },
  {
    name: 'a wrong success status (create answers 200)',
    response: (answer, request) => {
      if (request.method === 'POST' && answer.status === 201) answer.status = 200;
    },
  },
  {
    name: 'a wrong error status (unknown id answers 400)',
    response: (answer) => {
      if (answer.status === 404 && JSON.stringify(answer.json).includes('No Customer')) answer.status = 400;
    },
  },
  {
    name: 'a wrong error shape ({"error": …} instead of {"detail": …})',
    response: (answer) => {
      const body = answer.json as Record<string, unknown> | undefined;
      if (answer.status >= 400 && body && typeof body.detail === 'string') answer.json = { error: body.detail };
    },
  },
  {
    name: 'error texts reworded ("This field is required." → "Required.")',
    response: (answer) => {
      if (answer.status === 400 && answer.json)
        answer.json = JSON.parse(JSON.stringify(answer.json).replaceAll('This field is required.', 'Required.'));
    },
  },
  {
    name: 'a wrong content type (text/html)',
    response: (answer) => {
      answer.headers.set('content-type', 'text/html; charset=utf-8');
    },
  },
  {
    name: 'a wrong count (+1)',
    response: lists((body) => {
      body.count = (body.count as number) + 1;
    }),
  },
  {
    name: 'broken next links (page not advanced)',
    response: lists((body) => {
      if (typeof body.next === 'string') {
        const next = new URL(body.next);
        next.searchParams.set('page', String(Number(next.searchParams.get('page')) - 1));
        body.next = next.href;
      }
    }),
  },
  {
    name: 'next links that drop the other parameters',
    response: lists((body) => {
      if (typeof body.next === 'string') {
        const next = new URL(body.next);
        body.next = `${next.origin}${next.pathname}?page=${next.searchParams.get('page')}`;
      }
    }),
  },
  {
    name: 'previous links missing',
    response: lists((body) => {
      body.previous = null;
    }),
  },
  {
    name: 'a page past the end answers 200 with no results',
    response: (answer) => {
      if (answer.status === 404 && (answer.json as { detail?: string } | undefined)?.detail === 'Invalid page.') {
        answer.status = 200;
        answer.json = { count: 0, next: null, previous: null, results: [] };
      }
    },
  },
  { name: 'a filter ignored (email)', request: dropParams('email') },
  { name: 'a filter ignored (created range)', request: dropParams('created__gte', 'created__lte') },
  { name: 'search ignored', request: dropParams('search') },
  { name: 'ordering ignored', request: dropParams('ordering') },
  { name: 'page_size ignored', request: dropParams('page_size') },
  {
    // Every request is let in: whatever credentials it carried, the mock sees good ones.
    name: 'credentials not checked',
    request: (request, url) => {
      const headers = new Headers(request.headers);
      headers.set('Authorization', `Token ${runOptions.piriod.token}`);
      return withUrl(new Request(request, { headers }), url);
    },
  },
  {
    name: 'an update not applied (PATCH answers the old record)',
    request: async (request, url) =>
      request.method === 'PATCH' ? new Request(url, { method: 'PATCH', headers: request.headers, body: '{}' }) : request,
  },
  {
    name: '`updated` not moved by an update',
    response: customers((c) => {
      c.updated = c.created;
    }, isWrite),
  },
  {
    name: 'a retrieve that differs from the list',
    response: customers(
      (c) => {
        c.phone = `${c.phone ?? ''}0`;
      },
      (r) => r.method === 'GET' && /\/customers\/cus_/.test(r.url),
    ),
  },
  {
    name: 'an unsupported verb accepted (POST on a customer answers 204)',
    response: (answer, request) => {
      if (request.method === 'POST' && /^\/customers\/[^/]+\/$/.test(new URL(request.url).pathname)) {
        answer.status = 204;
        answer.json = undefined;
        answer.text = '';
      }
    },
  },
];
