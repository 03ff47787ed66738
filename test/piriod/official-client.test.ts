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
