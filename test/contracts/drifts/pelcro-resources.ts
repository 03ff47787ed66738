/**
 * Ways a Pelcro deployment's addresses, payment sources and Open API could drift from the
 * contract, each applied to the in-process mock's answers (or the requests it sees). The suite
 * must catch every one.
 */
import { dropParams, everywhere, withUrl, type Drift } from '../harness';

const SDK = '/api/v1/sdk/';
const isSdk = (request: Request) => new URL(request.url).pathname.startsWith(SDK);
const pathOf = (request: Request) => new URL(request.url).pathname;
const isAddress = (o: Record<string, unknown>) => typeof o.id === 'number' && 'line1' in o && 'user_id' in o;

/** The answer's `data` object, when it has one. */
function dataOf(json: unknown): Record<string, unknown> | undefined {
  const data = (json as { data?: unknown } | undefined)?.data;
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
}

/** A copy of `request` sent as `method` to `path` (query kept), with `body` when given. */
function rerouted(request: Request, url: URL, method: string, path: string, body?: unknown): Request {
  const next = new URL(url);
  next.pathname = path;
  const headers = new Headers(request.headers);
  if (body !== undefined) headers.set('Content-Type', 'application/json');
  return new Request(next, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** react-pelcro-js's address edit: PUT /sdk/address, the address named by `address_id` in the body. */
const isAddressEdit = (request: Request) => request.method === 'PUT' && pathOf(request) === `${SDK}address`;

/** An address edit that stores nothing: the mock is asked for the current customer instead. */
const editIgnored: NonNullable<Drift['request']> = (request, url) =>
  isAddressEdit(request) ? rerouted(request, url, 'POST', `${SDK}customer`) : request;

const dropCustomerId = dropParams('customer_id') as NonNullable<Drift['request']>;

/** A base64url JSON part of a JWT. */
const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export const pelcroResourceDrifts: Drift[] = [
  {
    name: 'an address created on another customer (user_id of someone else)',
    response: (answer, request) => {
      const data = dataOf(answer.json);
      if (request.method === 'POST' && pathOf(request).endsWith('/core/addresses') && data) data.user_id = (data.user_id as number) + 1;
    },
  },
  {
    name: 'the address list ignores customer_id',
    request: (request, url) => (url.pathname.endsWith('/core/addresses') ? dropCustomerId(request, url) : request),
  },
  {
    name: 'a second default address leaves the first one the default',
    response: (answer, request) => {
      if (request.method === 'GET' && /\/core\/addresses\/\d+$/.test(pathOf(request))) {
        everywhere(answer.json, isAddress, (a) => {
          a.is_default = true;
        });
      }
    },
  },
  {
    name: 'an address seen from another site',
    request: (request, url) => {
      if (!/\/core\/addresses\/\d+$/.test(url.pathname) || url.searchParams.get('site_id') === '1') return request;
      url.searchParams.set('site_id', '1');
      return withUrl(request, url);
    },
  },
  {
    name: 'the state rule not kept for the US (an address without a state is created)',
    response: (answer, request) => {
      const errors = (answer.json as { errors?: Record<string, unknown> } | undefined)?.errors;
      if (pathOf(request).endsWith('/core/addresses') && answer.status === 400 && errors && 'state' in errors && !('line1' in errors)) {
        answer.status = 201;
        answer.json = { data: {} };
      }
    },
  },
  {
    name: 'an address delete that deletes nothing (answers 204, the address stays)',
    request: (request, url) =>
      request.method === 'DELETE' && /\/core\/addresses\/\d+$/.test(url.pathname) ? rerouted(request, url, 'GET', url.pathname) : request,
    response: (answer, request) => {
      if (request.method === 'DELETE' && /\/core\/addresses\/\d+$/.test(pathOf(request))) {
        answer.status = 204;
        answer.json = undefined;
        answer.text = '';
      }
    },
  },
  {
    name: "the first payment source does not become the customer's default",
    response: (answer, request) => {
      const data = dataOf(answer.json);
      if (request.method === 'GET' && /\/core\/customers\/\d+$/.test(pathOf(request)) && data) data.default_source_id = null;
    },
  },
  {
    name: 'a source delete that deletes nothing (the second delete answers 204 again)',
    request: (request, url) =>
      request.method === 'DELETE' && /\/core\/sources\/\d+$/.test(url.pathname)
        ? rerouted(request, url, 'GET', '/api/v1/core/customers/1')
        : request,
    response: (answer, request) => {
      if (request.method === 'DELETE' && /\/core\/sources\/\d+$/.test(pathOf(request))) {
        answer.status = 204;
        answer.json = undefined;
        answer.text = '';
      }
    },
  },
  {
    name: 'a customer token that never expires (no exp claim)',
    response: (answer, request) => {
      const data = dataOf(answer.json);
      if (!isSdk(request) || typeof data?.auth_token !== 'string') return;
      const [header, payload, signature] = data.auth_token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      delete claims.exp;
      data.auth_token = [header, part(claims), signature].join('.');
    },
  },
  {
    name: 'a customer token that is not a JWT (an opaque session id)',
    response: (answer, request) => {
      const data = dataOf(answer.json);
      if (isSdk(request) && typeof data?.auth_token === 'string') data.auth_token = 'sess_0123456789abcdef';
    },
  },
  {
    name: "a logout that doesn't (the token still works)",
    request: (request, url) => (url.pathname === `${SDK}auth/logout` ? rerouted(request, url, 'POST', `${SDK}customer`) : request),
    response: (answer, request) => {
      if (pathOf(request) === `${SDK}auth/logout` && answer.status === 200) answer.json = { message: 'Successfully logged out' };
    },
  },
  {
    name: 'a refresh that leaves the old token usable',
    request: (request, url) => (url.pathname === `${SDK}customer/refresh` ? rerouted(request, url, 'PUT', `${SDK}customer`, {}) : request),
  },
  {
    name: 'the Open API reaches another sandbox than the Core API (one account, two stores)',
    request: (request, url) => {
      if (!isSdk(request) || !request.headers.has('x-understudy-account')) return request;
      const headers = new Headers(request.headers);
      headers.set('x-understudy-account', 'someone-else');
      return request.text().then((body) => new Request(url, { method: request.method, headers, body: body || undefined }));
    },
  },
  {
    name: 'a taken email on register answered with the Core text',
    response: (answer, request) => {
      const errors = (answer.json as { errors?: Record<string, unknown> } | undefined)?.errors;
      if (pathOf(request) === `${SDK}auth/register` && errors?.email) errors.email = ['The email has already been taken.'];
    },
  },
  {
    name: 'registered_on_other_sites left out of a taken email',
    response: (answer, request) => {
      const errors = (answer.json as { errors?: Record<string, unknown> } | undefined)?.errors;
      if (pathOf(request) === `${SDK}auth/register` && errors) delete errors.registered_on_other_sites;
    },
  },
  {
    name: 'the Open API customer in the Core shape (addresses as ids, no auth_token)',
    response: (answer, request) => {
      const data = dataOf(answer.json);
      if (!isSdk(request) || !data || !('auth_token' in data)) return;
      data.addresses = ((data.addresses as { id: number }[]) ?? []).map((a) => a.id);
      delete data.auth_token;
    },
  },
  {
    name: 'the Open API customer with its organization as an id',
    response: (answer, request) => {
      const data = dataOf(answer.json);
      if (isSdk(request) && data && 'auth_token' in data) data.organization = 1;
    },
  },
  {
    name: 'a protected call without a token answered 403 instead of 401',
    response: (answer, request) => {
      if (isSdk(request) && answer.status === 401) answer.status = 403;
    },
  },
  {
    name: 'a new email keeps email_confirm',
    response: (answer, request) => {
      const data = dataOf(answer.json);
      if (request.method === 'PUT' && pathOf(request) === `${SDK}customer` && data) data.email_confirm = true;
    },
  },
  {
    name: 'a payment method without its token is created (201) instead of 404',
    response: (answer, request) => {
      if (pathOf(request) === `${SDK}payment_methods` && answer.status === 404) {
        answer.status = 201;
        answer.json = { data: { id: 1 } };
      }
    },
  },
  {
    name: 'an address edit that changes nothing (PUT /sdk/address answers the customer, its address as it was)',
    request: editIgnored,
  },
  {
    // A deployment without the route: Laravel's 405 for a verb its router lacks, nothing stored.
    name: 'PUT /sdk/address answered 405 (the route missing, POST its only verb)',
    request: (request, url) => (isAddressEdit(request) ? rerouted(request, url, 'PATCH', `${SDK}address`, {}) : request),
    response: (answer, request) => {
      if (!isAddressEdit(request)) return;
      answer.json = { message: 'The PUT method is not supported for route api/v1/sdk/address. Supported methods: POST.' };
      answer.headers.set('allow', 'POST');
    },
  },
  {
    name: 'an address edit answering its addresses with `line1` renamed `address_line1`',
    response: (answer, request) => {
      if (!isAddressEdit(request)) return;
      for (const address of (dataOf(answer.json)?.addresses ?? []) as Record<string, unknown>[]) {
        address.address_line1 = address.line1;
        delete address.line1;
      }
    },
  },
  {
    // An answer built from the request, the store left as it was: the Core API still lists the old address.
    name: 'an address edit answered as sent but not stored (the Core API lists the address unchanged)',
    request: editIgnored,
    response: async (answer, request) => {
      if (!isAddressEdit(request)) return;
      const { address_id, site_id: _site, ...sent } = (await request.json()) as Record<string, unknown>;
      const addresses = (dataOf(answer.json)?.addresses ?? []) as Record<string, unknown>[];
      const address = addresses.find((a) => a.id === address_id);
      if (address) Object.assign(address, sent);
    },
  },
];
