import { describe, expect, it } from 'vitest';
import { deletionOf } from '../../src/providers/piriod/customers/handlers';
import { generateCustomers } from '../../src/providers/piriod/seed';
import { call, chilean, seededApp } from './helpers';

/** Every seeded customer of the default scenario, as the list renders them. */
async function seeded(app: ReturnType<typeof seededApp>) {
  // biome-ignore lint/suspicious/noExplicitAny: answers read field by field
  return (await call(app, 'GET', '/customers/?page_size=100')).json.results as any[];
}

describe('DELETE /customers/{id}/', () => {
  it('deletes a customer with no history for good: 204 with no body, then 404, its contacts gone too', async () => {
    const app = seededApp();
    const customer = (await call(app, 'POST', '/customers/', { body: chilean() })).json;
    const contact = (await call(app, 'POST', '/contacts/', { body: { name: 'Ana', email: 'ana@andes.cl', customer: customer.id } })).json;
    const res = await call(app, 'DELETE', `/customers/${customer.id}/`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(res.headers.get('content-type')).toBeNull();
    expect(res.headers.get('allow')).toBe('GET, PUT, PATCH, DELETE, HEAD, OPTIONS');
    expect((await call(app, 'GET', `/customers/${customer.id}/`)).json).toEqual({ detail: 'No Customer matches the given query.' });
    expect((await call(app, 'GET', `/contacts/${contact.id}/`)).status).toBe(404);
    expect((await call(app, 'DELETE', `/customers/${customer.id}/`)).status).toBe(404);
  });

  it('archives a customer with invoices: 204, still retrievable with status archived, and filterable', async () => {
    const app = seededApp();
    const former = (await seeded(app)).find(
      (c) => c.aggregations.sales > 0 && c.aggregations.sales_current_period === 0 && c.status === 'active',
    );
    const res = await call(app, 'DELETE', `/customers/${former.id}/`);
    expect(res.status).toBe(204);
    const after = (await call(app, 'GET', `/customers/${former.id}/`)).json;
    expect(after.status).toBe('archived');
    expect(after.contacts).toEqual(former.contacts);
    expect(Date.parse(after.updated)).toBeGreaterThan(Date.parse(former.updated));
    const archived = (await call(app, 'GET', '/customers/?status=archived&page_size=100')).json.results.map((c: { id: string }) => c.id);
    expect(archived).toContain(former.id);
    // Again: still archived, nothing changes.
    expect((await call(app, 'DELETE', `/customers/${former.id}/`)).status).toBe(204);
    expect((await call(app, 'GET', `/customers/${former.id}/`)).json).toEqual(after);
  });

  it('archives a customer that never paid but holds a chargeable source', async () => {
    const app = seededApp({ scenario: { name: 'many', piriod: { customers: 400, fixtures: [] } } });
    const all = [];
    for (let page = 1; page <= 4; page++) all.push(...(await call(app, 'GET', `/customers/?page_size=100&page=${page}`)).json.results);
    const holder = all.find((c) => c.aggregations.sales === 0 && c.sources.some((s: { status: string }) => s.status === 'chargeable'));
    expect(holder).toBeDefined();
    expect((await call(app, 'DELETE', `/customers/${holder.id}/`)).status).toBe(204);
    expect((await call(app, 'GET', `/customers/${holder.id}/`)).json.status).toBe('archived');
  });

  it('answers 400 in DRF ValidationError shape for a customer with active subscriptions, and changes nothing', async () => {
    const app = seededApp();
    const subscriber = (await seeded(app)).find((c) => c.aggregations.sales_current_period > 0);
    const before = await call(app, 'GET', `/customers/${subscriber.id}/`);
    const res = await call(app, 'DELETE', `/customers/${subscriber.id}/`);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ non_field_errors: ['Customer has active subscriptions; cancel them first.'] });
    expect((await call(app, 'GET', `/customers/${subscriber.id}/`)).text).toBe(before.text);
  });

  it('answers 404 for an unknown id, and 401 before anything without credentials', async () => {
    const app = seededApp();
    expect((await call(app, 'DELETE', '/customers/cus_nope/')).status).toBe(404);
    expect((await call(app, 'DELETE', '/customers/cus_nope/', { anonymous: true })).status).toBe(401);
  });

  it('keeps a deletion to its own sandbox: another token still sees the seeded customer', async () => {
    const app = seededApp();
    const gone = (await seeded(app)).find((c) => c.aggregations.sales === 0 && !c.sources.length);
    expect(gone).toBeDefined();
    expect((await call(app, 'DELETE', `/customers/${gone.id}/`)).status).toBe(204);
    const other = await call(app, 'GET', `/customers/${gone.id}/`, { headers: { Authorization: 'Token someone-else' } });
    expect(other.status).toBe(200);
  });

  it('seeds every fate: customers to delete, to archive and to refuse', () => {
    const fates = new Set(generateCustomers(1, 200).map(deletionOf));
    expect([...fates].sort()).toEqual(['archived', 'deleted', 'refused']);
  });
});
