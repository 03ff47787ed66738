/**
 * A website frontend on another origin, as a browser runs it against the running mock: every call
 * goes through the CORS checks a browser makes with `credentials: "include"` (a preflight for a
 * JSON body or an Authorization header, then the actual answer), and a call the browser would
 * block fails here too. The page registers, logs in, reads and updates its customer and adds an
 * address; the site's backend then lists that customer and address through the Core API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock';

const ORIGIN = 'http://shop.example.test:5173';
/** Request headers a page may send without a preflight (the Fetch standard's CORS-safelisted ones). */
const SAFELISTED = new Set(['accept', 'accept-language', 'content-language']);
const SIMPLE_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ providers: ['pelcro'], port: 0 });
});
afterAll(() => mock.close());

function listed(header: string | null): string[] {
  return (header ?? '').split(',').map((v) => v.trim().toLowerCase());
}

/** The browser's CORS check of an answer to a credentialed request: the exact origin, and credentials allowed. */
function corsAllows(response: Response): boolean {
  return (
    response.headers.get('access-control-allow-origin') === ORIGIN && response.headers.get('access-control-allow-credentials') === 'true'
  );
}

/** `fetch(url, {credentials: "include", ...})` from a page at ORIGIN, with the browser's CORS rules. */
// biome-ignore lint/suspicious/noExplicitAny: answers read field by field in the test
type Json = any;

async function pageFetch(path: string, init: { method: string; headers?: Record<string, string>; body?: unknown }): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const names = Object.keys(headers).map((h) => h.toLowerCase());
  const needsPreflight =
    !['GET', 'HEAD', 'POST'].includes(init.method) ||
    names.some((h) => !SAFELISTED.has(h) && !(h === 'content-type' && SIMPLE_TYPES.has(headers['Content-Type'])));
  if (needsPreflight) {
    const requested = names.filter((h) => !SAFELISTED.has(h)).sort();
    const preflight = await fetch(`${mock.url}${path}`, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': init.method, 'Access-Control-Request-Headers': requested.join(',') },
    });
    if (!preflight.ok || !corsAllows(preflight)) throw new TypeError(`Failed to fetch: preflight of ${init.method} ${path} refused`);
    const methods = listed(preflight.headers.get('access-control-allow-methods'));
    if (!['GET', 'HEAD', 'POST'].includes(init.method) && !methods.includes(init.method.toLowerCase()))
      throw new TypeError(`Failed to fetch: ${init.method} not allowed`);
    const allowed = listed(preflight.headers.get('access-control-allow-headers'));
    for (const h of requested) if (!allowed.includes(h)) throw new TypeError(`Failed to fetch: header ${h} not allowed`);
  }
  const response = await fetch(`${mock.url}${path}`, {
    method: init.method,
    headers: { ...headers, Origin: ORIGIN },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!corsAllows(response)) throw new TypeError(`Failed to fetch: the answer to ${init.method} ${path} is not readable from ${ORIGIN}`);
  return response;
}

/** A call of the site's backend: server to server, with its Core API key. */
async function backend(path: string): Promise<Response> {
  return fetch(`${mock.url}${path}`, { headers: { Authorization: 'Bearer demo' } });
}

describe('a frontend on another origin, through the Open API, against the running mock', () => {
  it('registers, logs in, reads and updates its customer, adds an address, and the Core API lists them', async () => {
    const site = 3;
    const registered = await pageFetch(`/api/v1/sdk/auth/register?site_id=${site}`, {
      method: 'POST',
      body: { email: 'page@example.com', password: 'secret-pw', first_name: 'Page' },
    });
    expect(registered.status).toBe(201);
    const { auth_token: first, id } = ((await registered.json()) as Json).data;

    const login = await pageFetch(`/api/v1/sdk/auth/login?site_id=${site}`, {
      method: 'POST',
      body: { email: 'page@example.com', password: 'secret-pw' },
    });
    expect(login.status).toBe(200);
    const token = ((await login.json()) as Json).data.auth_token;
    expect(token).not.toBe(first);
    const auth = { Authorization: `Bearer ${token}` };

    const me = await pageFetch(`/api/v1/sdk/customer?site_id=${site}`, { method: 'POST', headers: auth });
    expect(((await me.json()) as Json).data).toMatchObject({ id, email: 'page@example.com', first_name: 'Page' });

    const updated = await pageFetch(`/api/v1/sdk/customer?site_id=${site}`, {
      method: 'PUT',
      headers: auth,
      body: { last_name: 'Turner' },
    });
    expect(((await updated.json()) as Json).data).toMatchObject({ id, last_name: 'Turner', full_name: 'Page Turner' });

    const withAddress = await pageFetch(`/api/v1/sdk/address?site_id=${site}`, {
      method: 'POST',
      headers: auth,
      body: { line1: '1 Infinite Loop', city: 'Cupertino', state: 'CA', country: 'US' },
    });
    const address = ((await withAddress.json()) as Json).data.addresses[0];
    expect(address).toMatchObject({ user_id: id, line1: '1 Infinite Loop', type: 'shipping' });

    const customers = (await (await backend(`/api/v1/core/customers?site_id=${site}&expand=addresses`)).json()) as Json;
    expect(customers.data).toEqual([expect.objectContaining({ id, last_name: 'Turner', addresses: [address] })]);
    const addresses = (await (await backend(`/api/v1/core/addresses?site_id=${site}&customer_id=${id}`)).json()) as Json;
    expect(addresses.data).toEqual([address]);
  });

  it('lets the page read the 401 and 403 refusals (a browser blocks unreadable errors)', async () => {
    const none = await pageFetch('/api/v1/sdk/customer?site_id=1', { method: 'POST' });
    expect(none.status).toBe(401);
    expect((await none.json()) as Json).toEqual({ message: 'Unauthenticated.' });
    const bad = await pageFetch('/api/v1/sdk/customer?site_id=1', { method: 'POST', headers: { Authorization: 'Bearer not.a.token' } });
    expect(bad.status).toBe(403);
  });

  it('lets the page pick its sandbox with X-Understudy-Account (the preflight allows the header)', async () => {
    const registered = await pageFetch('/api/v1/sdk/auth/register?site_id=1', {
      method: 'POST',
      headers: { 'X-Understudy-Account': 'worker-9' },
      body: { email: 'worker@example.com', password: 'secret-pw' },
    });
    const { id } = ((await registered.json()) as Json).data;
    expect(
      (await fetch(`${mock.url}/api/v1/core/customers/${id}?site_id=1`, { headers: { Authorization: 'Bearer worker-9' } })).status,
    ).toBe(200);
    expect((await backend(`/api/v1/core/customers/${id}?site_id=1`)).status).toBe(404);
  });
});
