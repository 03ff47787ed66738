import { describe, expect, it } from 'vitest';
import { BASE, createCustomer, del, get, post } from './helpers';
import { seededApp } from './helpers';

const SOURCES = '/api/v1/core/sources';

describe('POST /api/v1/core/sources', () => {
  it("creates a source (201 {data}); the customer's first becomes its default, the second does not", async () => {
    const app = seededApp();
    const customer = await createCustomer(app, { email: 'payer@example.com', first_name: 'Ada', last_name: 'Lovelace' });
    const first = await post(app, `${SOURCES}?site_id=1`, { customer_id: customer.id, object_gateway: 'stripe', object_id: 'tok_visa' });
    expect(first.status).toBe(201);
    expect(first.json.data).toMatchObject({
      status: 'chargeable',
      object_gateway: 'stripe',
      object_id: 'tok_visa',
      brand: 'Visa',
      last4: '4242',
    });
    const second = await post(app, `${SOURCES}?site_id=1`, { customer_id: customer.id, object_gateway: 'braintree', object_id: 'nonce-1' });
    expect(second.json.data).toMatchObject({ brand: null, last4: null });
    const after = (await get(app, `${BASE}/${customer.id}?site_id=1&expand=defaultSource`)).json.data;
    expect(after.default_source_id).toBe(first.json.data.id);
    expect(after.default_source).toEqual(first.json.data);
  });

  it('answers 400 with the missing fields, and for an unknown gateway', async () => {
    const app = seededApp();
    expect((await post(app, `${SOURCES}?site_id=1`, {})).json).toEqual({
      errors: {
        customer_id: ['The customer id field is required.'],
        object_gateway: ['The object gateway field is required.'],
        object_id: ['The object id field is required.'],
      },
    });
    const bad = await post(app, `${SOURCES}?site_id=1`, { customer_id: 1, object_gateway: 'paypal', object_id: 'x' });
    expect(bad.json).toEqual({ errors: { object_gateway: ['The selected object gateway is invalid.'] } });
  });

  it('names customer_id invalid too when site_id is missing or invalid (its exists rule matches no site)', async () => {
    const app = seededApp();
    const body = { customer_id: 1, object_gateway: 'stripe', object_id: 'x' };
    expect((await post(app, SOURCES, body)).json).toEqual({
      errors: { site_id: ['The site id field is required.'], customer_id: ['The selected customer id is invalid.'] },
    });
    expect((await post(app, `${SOURCES}?site_id=x`, body)).json).toEqual({
      errors: { site_id: ['The site id field must be an integer.'], customer_id: ['The selected customer id is invalid.'] },
    });
    // A customer_id that failed its own rules gets only their text.
    expect((await post(app, SOURCES, { ...body, customer_id: 'x' })).json).toEqual({
      errors: { site_id: ['The site id field is required.'], customer_id: ['The customer id field must be an integer.'] },
    });
  });
});

describe('DELETE /api/v1/core/sources/{id}', () => {
  it('deletes a source no subscription uses (204); it then answers 404 and is no longer the default', async () => {
    const app = seededApp();
    const customer = await createCustomer(app, { email: 'card@example.com' });
    const source = (await post(app, `${SOURCES}?site_id=1`, { customer_id: customer.id, object_gateway: 'stripe', object_id: 'tok_visa' }))
      .json.data;
    const answer = await del(app, `${SOURCES}/${source.id}?site_id=1`);
    expect(answer.status).toBe(204);
    expect((await del(app, `${SOURCES}/${source.id}?site_id=1`)).json).toEqual({
      message: `No query results for model [App\\Models\\Source] ${source.id}`,
    });
    expect((await get(app, `${BASE}/${customer.id}?site_id=1`)).json.data.default_source_id).toBeNull();
  });

  it('answers 400 "Cannot delete source already associated to a subscription" for a source a subscription charges', async () => {
    const app = seededApp();
    const page = (await get(app, `${BASE}?site_id=1&limit=100&expand=subscriptions`)).json.data;
    const owner = page.find((c: { subscriptions: { default_source: number | null }[] }) =>
      c.subscriptions.some((s) => s.default_source !== null),
    );
    const used = owner.subscriptions.find((s: { default_source: number | null }) => s.default_source !== null).default_source;
    const answer = await del(app, `${SOURCES}/${used}?site_id=1`);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ message: 'Cannot delete source already associated to a subscription' });
    expect((await get(app, `${BASE}/${owner.id}?site_id=1&expand=defaultSource`)).json.data.default_source_id).toBe(
      owner.default_source_id,
    );
  });

  it("answers 404 for a source of another site's customer", async () => {
    const app = seededApp();
    const other = await createCustomer(app, { email: 'elsewhere@example.com' }, 2);
    const source = (await post(app, `${SOURCES}?site_id=2`, { customer_id: other.id, object_gateway: 'stripe', object_id: 'tok_visa' }))
      .json.data;
    expect((await del(app, `${SOURCES}/${source.id}?site_id=1`)).status).toBe(404);
    expect((await del(app, `${SOURCES}/${source.id}?site_id=2`)).status).toBe(204);
  });
});
