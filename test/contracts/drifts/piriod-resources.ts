/**
 * Ways a Piriod deployment could drift from what the newest reference documents: DELETE,
 * the newer customer fields and filters, contacts and payment sources. Each must be caught.
 */
import { MESSAGES } from '../../../contracts/piriod/messages';
import { CUSTOMER_STATUSES } from '../../../contracts/piriod/schemas';
import { dropParams, everywhere, withUrl, type Drift } from '../harness';
import { createIgnoring } from './kit';
import { customers } from './piriod';
import { jsonBodyOf } from './transport';

const pathOf = (r: Request) => new URL(r.url).pathname;
const isCustomerDelete = (r: Request) => r.method === 'DELETE' && /^\/customers\/[^/]+\/$/.test(pathOf(r));
const isContactCreate = (r: Request) => r.method === 'POST' && pathOf(r) === '/contacts/';

export const piriodResourceDrifts: Drift[] = [
  {
    // The server answers 204 but neither deletes nor archives: the request never reaches it.
    name: 'a DELETE that neither deletes nor archives (204, the customer stays active)',
    request: (request, url) => (isCustomerDelete(request) ? new Request(url, { method: 'GET', headers: request.headers }) : request),
    response: (answer, request) => {
      if (!isCustomerDelete(request)) return;
      answer.status = 204;
      answer.json = undefined;
      answer.text = '';
    },
  },
  {
    name: 'DELETE answers 200 with the customer instead of an empty 204',
    response: (answer, request) => {
      if (isCustomerDelete(request) && answer.status === 204) {
        answer.status = 200;
        answer.json = { id: pathOf(request).split('/')[2], status: 'archived' };
      }
    },
  },
  {
    name: 'an eighth contact of one org unit accepted',
    response: (answer, request) => {
      const body = answer.json as { non_field_errors?: string[] } | undefined;
      if (isContactCreate(request) && answer.status === 400 && body?.non_field_errors?.[0] === MESSAGES.tooManyContacts(7)) {
        answer.status = 201;
        answer.json = { id: 'con_understudyEighth0000', name: 'eighth' };
      }
    },
  },
  {
    name: "a missing customer answered with DRF's own does_not_exist text",
    response: (answer) => {
      if (answer.status === 400 && answer.text.includes('object is not exists.'))
        answer.json = JSON.parse(
          answer.text.replace(
            /Primary key \\"([^"\\]+)\\" invalid - object is not exists\./g,
            'Invalid pk \\"$1\\" - object does not exist.',
          ),
        );
    },
  },
  {
    name: 'a metadata filter ignored',
    request: (request, url) => {
      const names = [...url.searchParams.keys()].filter((n) => n.startsWith('metadata__'));
      return names.length ? dropParams(...names)!(request, url) : request;
    },
  },
  { name: 'the status filter ignored', request: dropParams('status') },
  {
    name: 'an invalid status filter ignored (200 instead of 400)',
    request: (request, url) => {
      const status = url.searchParams.get('status');
      if (url.pathname !== '/customers/' || status === null || (CUSTOMER_STATUSES as readonly string[]).includes(status)) return request;
      url.searchParams.delete('status');
      return withUrl(request, url);
    },
  },
  {
    name: "a customer's contacts out of step with /contacts/ (one missing from the list)",
    response: (answer, request) => {
      const url = new URL(request.url);
      const body = answer.json as { results?: unknown[]; count?: number } | undefined;
      if (url.pathname === '/contacts/' && url.searchParams.has('customer') && body?.results?.length) {
        body.results.pop();
        body.count = (body.count ?? 1) - 1;
      }
    },
  },
  {
    name: 'the sources filter by customer ignored',
    request: (request, url) => (url.pathname === '/sources/' ? dropParams('customer')!(request, url) : request),
  },
  {
    name: 'a source filter ignored (gateway)',
    request: (request, url) => (url.pathname === '/sources/' ? dropParams('gateway')!(request, url) : request),
  },
  {
    name: 'a contact filter ignored (invoicing)',
    request: (request, url) => (url.pathname === '/contacts/' ? dropParams('invoicing')!(request, url) : request),
  },
  {
    name: 'a source retrieved unlike the list shows it (status changed)',
    response: (answer, request) => {
      if (request.method === 'GET' && /^\/sources\/sou_/.test(pathOf(request)) && answer.json)
        (answer.json as Record<string, unknown>).status = 'failed';
    },
  },
  {
    name: 'test_mode not set on a customer created in test mode',
    response: customers(
      (c) => {
        c.test_mode = false;
      },
      (r) => r.method === 'POST',
    ),
  },
  { name: 'a newer field dropped on create (zip_code)', request: createIgnoring('zip_code') },
  {
    name: 'contacts default to invoicing false',
    request: async (request, url) => {
      if (!isContactCreate(request)) return request;
      const body = await jsonBodyOf(request);
      if (!body || 'invoicing' in body) return request;
      return new Request(url, { method: 'POST', headers: request.headers, body: JSON.stringify({ ...body, invoicing: false }) });
    },
  },
  deletedContactKept(),
  {
    name: 'the customer status outside its enum ("deleted")',
    response: customers((c) => {
      c.status = 'deleted';
    }),
  },
];

/** A contact deleted through /contacts/ that its customer keeps showing. */
function deletedContactKept(): Drift {
  const deleted: string[] = [];
  return {
    name: "a deleted contact stays in its customer's contacts",
    response: (answer, request) => {
      const path = pathOf(request);
      if (request.method === 'DELETE' && path.startsWith('/contacts/')) deleted.push(path.split('/')[2]);
      if (request.method !== 'GET' || !path.startsWith('/customers/cus_') || deleted.length === 0) return;
      const contacts = (answer.json as { contacts?: Record<string, unknown>[] } | undefined)?.contacts;
      if (!contacts) return;
      for (const id of deleted) if (!contacts.some((c) => c.id === id)) contacts.push({ ...contacts[0], id });
    },
  };
}
