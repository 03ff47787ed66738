import { describe, expect, it } from 'vitest';
import { Contact, ContactList, Customer, CustomerList } from '../../contracts/piriod/schemas';
import { chilean, seededApp } from './helpers';

/**
 * The requests Piriod's official Node client (piriod-node-sdk, src/piriod.js and
 * src/api/resource.js) sends, replayed byte for byte: axios with `Authorization: Token <key>`,
 * `Content-Type: application/json` on every request (GETs included), `X-Simple-Workspace` when an
 * organization is given, paths always ending in `/`, updates with PUT, lists with axios params,
 * `delete(resource, id)` as DELETE. Only the base URL differs from a call to the real API.
 */
const app = seededApp();
const sdkHeaders = {
  Authorization: 'Token sdk-key',
  'Content-Type': 'application/json',
  'X-Simple-Workspace': 'acc_sdk',
  Accept: 'application/json, text/plain, */*',
  'User-Agent': 'axios/0.27.2',
};

async function sdk(method: string, path: string, data?: unknown) {
  const res = await app.request(path, { method, headers: sdkHeaders, body: data === undefined ? undefined : JSON.stringify(data) });
  // biome-ignore lint/suspicious/noExplicitAny: the parsed answer, read field by field
  return { status: res.status, body: (await res.json()) as any };
}

describe('the official Node client against the mock', () => {
  it('resource.create → resource.get → resource.update (PUT) → resource.list round-trips', async () => {
    const created = await sdk('POST', '/customers/', chilean({ email: 'sdk@andes.cl' }));
    expect(created.status).toBe(201);
    expect(Customer.safeParse(created.body).success).toBe(true);

    const fetched = await sdk('GET', `/customers/${created.body.id}/`);
    expect(fetched).toEqual({ status: 200, body: created.body });

    const updated = await sdk('PUT', `/customers/${created.body.id}/`, chilean({ name: 'Comercial Andes Renamed SpA' }));
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: created.body.id, name: 'Comercial Andes Renamed SpA', email: 'sdk@andes.cl' });

    const listed = await sdk('GET', '/customers/?email=sdk%40andes.cl');
    expect(listed.status).toBe(200);
    expect(CustomerList.safeParse(listed.body).success).toBe(true);
    expect(listed.body.results.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
  });

  it("keeps the organization's writes to its own workspace", async () => {
    const created = await sdk('POST', '/customers/', chilean({ email: 'only-here@andes.cl' }));
    const elsewhere = await app.request(`/customers/${created.body.id}/`, {
      headers: { ...sdkHeaders, 'X-Simple-Workspace': 'acc_other' },
    });
    expect(elsewhere.status).toBe(404);
  });

  it('resource.delete on a customer with no history answers 204, and the customer is gone', async () => {
    const created = await sdk('POST', '/customers/', chilean({ email: 'to-delete@andes.cl' }));
    const res = await app.request(`/customers/${created.body.id}/`, { method: 'DELETE', headers: sdkHeaders });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect((await sdk('GET', `/customers/${created.body.id}/`)).status).toBe(404);
  });

  it('contacts: create → get → update (PUT) → list → delete round-trips, and the customer shows them', async () => {
    const customer = await sdk('POST', '/customers/', chilean({ email: 'contacts@andes.cl' }));
    const body = { name: 'Valentina Rojas', email: 'valentina@andes.cl', customer: customer.body.id };
    const created = await sdk('POST', '/contacts/', body);
    expect(created.status).toBe(201);
    expect(Contact.safeParse(created.body).success).toBe(true);
    expect(created.body).toMatchObject({ ...body, invoicing: true, collections: true });

    expect(await sdk('GET', `/contacts/${created.body.id}/`)).toEqual({ status: 200, body: created.body });
    const updated = await sdk('PUT', `/contacts/${created.body.id}/`, { ...body, name: 'Valentina Rojas Soto', collections: false });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: created.body.id, name: 'Valentina Rojas Soto', collections: false });

    const listed = await sdk('GET', `/contacts/?customer=${customer.body.id}`);
    expect(ContactList.safeParse(listed.body).success).toBe(true);
    expect(listed.body.results).toEqual([updated.body]);
    expect((await sdk('GET', `/customers/${customer.body.id}/`)).body.contacts).toEqual([updated.body]);

    const deleted = await app.request(`/contacts/${created.body.id}/`, { method: 'DELETE', headers: sdkHeaders });
    expect(deleted.status).toBe(204);
    expect((await sdk('GET', `/contacts/${created.body.id}/`)).status).toBe(404);
    expect((await sdk('GET', `/customers/${customer.body.id}/`)).body.contacts).toEqual([]);
  });

  it('answers a PUT with only some fields the way DRF does: name is required again', async () => {
    const listed = await sdk('GET', '/customers/');
    const answer = await sdk('PUT', `/customers/${listed.body.results[0].id}/`, { email: 'partial@andes.cl' });
    expect(answer).toEqual({ status: 400, body: { name: ['This field is required.'] } });
  });
});

/**
 * What the client reads of an answer: `response.data` on success; on failure its `handleError`
 * turns the body into one message (src/errors.js `extractErrorMessage`: a string as is, a list
 * joined with ", ", `non_field_errors` first, else every value of the object) and picks the error
 * class by status (400, 401, 404, 500; any other is a GeneralError).
 */
function extractErrorMessage(data: unknown): string {
  if (typeof data === 'string') return data;
  if (Array.isArray(data)) return data.map(extractErrorMessage).join(', ');
  if (typeof data === 'object' && data !== null) {
    const object = data as Record<string, unknown>;
    if (object.non_field_errors) return extractErrorMessage(object.non_field_errors);
    return Object.values(object).map(extractErrorMessage).join(', ');
  }
  return 'Unknown error';
}

describe('the official Node client: queries as axios 0.27 writes them, errors as it reads them', () => {
  const list = async (query: string) => (await sdk('GET', `/customers/${query}`)).body;

  it('resource.get(resource) without an id is the list', async () => {
    const answer = await sdk('GET', '/customers/');
    expect(answer.status).toBe(200);
    expect(CustomerList.safeParse(answer.body).success).toBe(true);
  });

  it('reads a Date param as axios writes it (toISOString, milliseconds and Z)', async () => {
    const all = await list('?page_size=100');
    const since = await list('?created__gte=2025-03-01T00:00:00.000Z&page_size=100');
    const expected = all.results.filter((c: { created: string }) => Date.parse(c.created) >= Date.parse('2025-03-01T00:00:00Z'));
    expect(since.results.map((c: { id: string }) => c.id)).toEqual(expected.map((c: { id: string }) => c.id));
  });

  it('ignores an array param, which axios writes as `status__in[]=…`: django-filter declares no such name', async () => {
    const ids = (page: { count: number; results: { id: string }[] }) => [page.count, page.results.map((c) => c.id)];
    expect(ids(await list('?status__in[]=archived&status__in[]=pending'))).toEqual(ids(await list('')));
  });

  it('reads spaces written as "+" in a search', async () => {
    const name: string = (await list('?page_size=1')).results[0].name;
    const answer = await list(`?search=${encodeURIComponent(name).replace(/%20/g, '+')}`);
    expect(answer.results.map((c: { name: string }) => c.name)).toContain(name);
  });

  it.each([
    ['a create without a name', 'POST', '/customers/', { country: 'CL', tax_id: '76.123.456-0' }, 400, 'This field is required.'],
    ['a wrong RUT', 'POST', '/customers/', { name: 'X', country: 'CL', tax_id: '76.123.456-1' }, 400, 'Invalid format.'],
    ['an unknown id', 'GET', '/customers/cus_nope/', undefined, 404, 'No Customer matches the given query.'],
    ['resource.create with an id (POST on an instance)', 'POST', '/customers/cus_nope/', {}, 405, 'Method "POST" not allowed.'],
    [
      'a contact of an unknown customer',
      'POST',
      '/contacts/',
      { name: 'A', email: 'a@b.cl', customer: 'cus_nope' },
      400,
      'Primary key "cus_nope" invalid - object is not exists.',
    ],
    ['a source create (sources are read-only)', 'POST', '/sources/', {}, 405, 'Method "POST" not allowed.'],
  ])('answers %s with a body its handleError turns into one message', async (_name, method, path, data, status, message) => {
    const answer = await sdk(method, path, data);
    expect([answer.status, extractErrorMessage(answer.body)]).toEqual([status, message]);
  });

  it('answers a key it does not know 401 "Invalid token." (an UnauthorizedError)', async () => {
    const strict = seededApp({ tokens: ['sdk-key'] });
    const res = await strict.request('/customers/', { headers: { ...sdkHeaders, Authorization: 'Token wrong' } });
    expect([res.status, extractErrorMessage(await res.json())]).toEqual([401, 'Invalid token.']);
  });

  it("lists a customer's sources and retrieves one, as resource.list('sources', {customer}) and resource.get('sources', id) do", async () => {
    const listed = await sdk('GET', '/customers/?page_size=100');
    const owner = listed.body.results.find((c: { sources: unknown[] }) => c.sources.length > 0);
    const sources = await sdk('GET', `/sources/?customer=${owner.id}`);
    expect(sources.status).toBe(200);
    expect(sources.body.results.length).toBeGreaterThan(0);
    const one = await sdk('GET', `/sources/${sources.body.results[0].id}/`);
    expect(one).toEqual({ status: 200, body: sources.body.results[0] });
  });
});

/**
 * The customer calls of cevidallara/piriod-mcp (index.js `makeApi` and its `find_customer` tool):
 * Node's own fetch, `Authorization: Token …`, a lower-case `x-simple-workspace`, JSON content type
 * on a GET, `search` written with encodeURIComponent (spaces as %20), every answer read with
 * `res.json()`.
 */
describe('piriod-mcp find_customer against the mock', () => {
  const mcp = async (path: string) => {
    const res = await app.request(path, {
      headers: { Authorization: 'Token mcp-key', 'x-simple-workspace': 'acc_mcp', 'Content-Type': 'application/json' },
    });
    // biome-ignore lint/suspicious/noExplicitAny: the parsed answer, read field by field
    return { status: res.status, body: (await res.json()) as any };
  };

  it('finds a customer by full name, by email, and by two words in any order', async () => {
    const first = (await mcp('/customers/?page_size=1')).body.results[0];
    const [given, ...rest] = first.name.split(' ');
    for (const search of [first.name, first.email, `${rest.join(' ')} ${given}`]) {
      const answer = await mcp(`/customers/?search=${encodeURIComponent(search)}`);
      expect(answer.status).toBe(200);
      expect(answer.body.results.map((c: { id: string }) => c.id)).toContain(first.id);
    }
  });

  it('answers JSON for a search that matches nobody, an empty one, and a lone quote', async () => {
    const everyone = (await mcp('/customers/')).body.count;
    expect((await mcp(`/customers/?search=${encodeURIComponent('María García Zzz')}`)).body).toMatchObject({ count: 0, results: [] });
    expect((await mcp('/customers/?search=')).body.count).toBe(everyone);
    expect((await mcp(`/customers/?search=${encodeURIComponent('"')}`)).status).toBe(200);
  });
});
