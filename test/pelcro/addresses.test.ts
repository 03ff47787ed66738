import { describe, expect, it } from 'vitest';
import { BASE, call, createCustomer, del, get, post, put, seededApp } from './helpers';

const ADDRESSES = '/api/v1/core/addresses';
const item = (id: number | string, site = 1) => `${ADDRESSES}/${id}?site_id=${site}`;
const valid = { type: 'billing', line1: '1 Main St', city: 'Springfield', state: 'IL', country: 'US', postal_code: '62701' };

describe('POST /api/v1/core/addresses', () => {
  it('names customer_id invalid too when site_id is missing (Laravel runs its exists rule all the same)', async () => {
    const answer = await post(seededApp(), ADDRESSES, { customer_id: 1, type: 'billing', line1: 'x', country: 'FR' });
    expect([answer.status, answer.json]).toEqual([
      400,
      { errors: { site_id: ['The site id field is required.'], customer_id: ['The selected customer id is invalid.'] } },
    ]);
  });

  it('creates an address of a customer of the site (201 {data}) that expand=addresses then shows', async () => {
    const app = seededApp();
    const customer = await createCustomer(app, { email: 'home@example.com' });
    const answer = await post(app, `${ADDRESSES}?site_id=1`, { ...valid, customer_id: customer.id, first_name: 'Ada' });
    expect(answer.status).toBe(201);
    expect(answer.json.data).toMatchObject({ user_id: customer.id, type: 'billing', line1: '1 Main St', country: 'US', is_default: false });
    const expanded = await get(app, `${BASE}/${customer.id}?site_id=1&expand=addresses`);
    expect(expanded.json.data.addresses).toEqual([answer.json.data]);
    expect((await get(app, `${BASE}/${customer.id}?site_id=1`)).json.data.addresses).toEqual([answer.json.data.id]);
  });

  it('answers 400 with every missing field, in the order of the rules', async () => {
    const answer = await post(seededApp(), `${ADDRESSES}?site_id=1`, {});
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      errors: {
        type: ['The type field is required.'],
        line1: ['The line1 field is required.'],
        country: ['The country field is required.'],
        customer_id: ['The customer id field is required.'],
      },
    });
  });

  it.each([
    ['US', 'The state field is required when country is US.'],
    ['CA', 'The state field is required when country is CA.'],
    ['AU', 'The state field is required when country is AU.'],
  ])('requires a state for %s (Laravel required_if names the country sent)', async (country, message) => {
    const answer = await post(seededApp(), `${ADDRESSES}?site_id=1`, { ...valid, customer_id: 1, state: null, country });
    expect(answer.json).toEqual({ errors: { state: [message] } });
  });

  it('takes no state for another country, and refuses a country that is not an ISO code', async () => {
    const app = seededApp();
    expect((await post(app, `${ADDRESSES}?site_id=1`, { ...valid, customer_id: 1, state: null, country: 'FR' })).status).toBe(201);
    const bad = await post(app, `${ADDRESSES}?site_id=1`, { ...valid, customer_id: 1, country: 'ZZ' });
    expect(bad.json).toEqual({ errors: { country: ['The selected country is invalid.'] } });
  });

  it('answers "The selected customer id is invalid." for a customer of another site or a deleted one', async () => {
    const app = seededApp();
    const elsewhere = await createCustomer(app, { email: 'two@example.com' }, 2);
    expect((await post(app, `${ADDRESSES}?site_id=1`, { ...valid, customer_id: elsewhere.id })).json).toEqual({
      errors: { customer_id: ['The selected customer id is invalid.'] },
    });
    await del(app, `${BASE}/3?site_id=1`);
    expect((await post(app, `${ADDRESSES}?site_id=1`, { ...valid, customer_id: 3 })).json.errors.customer_id).toEqual([
      'The selected customer id is invalid.',
    ]);
  });

  it('keeps one default per type: a new default clears the old one', async () => {
    const app = seededApp();
    const customer = await createCustomer(app, { email: 'defaults@example.com' });
    const first = (await post(app, `${ADDRESSES}?site_id=1`, { ...valid, customer_id: customer.id, is_default: true })).json.data;
    const shipping = (await post(app, `${ADDRESSES}?site_id=1`, { ...valid, type: 'shipping', customer_id: customer.id, is_default: 1 }))
      .json.data;
    const second = (await post(app, `${ADDRESSES}?site_id=1`, { ...valid, customer_id: customer.id, is_default: '1' })).json.data;
    expect(second.is_default).toBe(true);
    expect((await get(app, item(first.id))).json.data.is_default).toBe(false);
    expect((await get(app, item(shipping.id))).json.data.is_default).toBe(true);
  });
});

describe('GET|PUT|DELETE /api/v1/core/addresses/{id}', () => {
  it("answers 404 for another site's address, in Laravel's model words", async () => {
    const app = seededApp();
    const answer = await get(app, item(1, 2));
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ message: 'No query results for model [App\\Models\\Address] 1' });
    expect((await get(app, item(1, 1))).status).toBe(200);
  });

  it('updates only the fields sent, and refuses to null what an address must have', async () => {
    const app = seededApp();
    const created = (await post(app, `${ADDRESSES}?site_id=1`, { ...valid, customer_id: 2 })).json.data;
    const answer = await put(app, item(created.id), { city: 'Chicago', line2: 'Apt 4' });
    expect(answer.status).toBe(200);
    expect(answer.json.data).toEqual({ ...created, city: 'Chicago', line2: 'Apt 4' });
    const refused = await put(app, item(created.id), { line1: '', country: null });
    expect(refused.json).toEqual({ errors: { line1: ['The line1 field is required.'], country: ['The country field is required.'] } });
    expect((await get(app, item(created.id))).json.data.line1).toBe('1 Main St');
  });

  it("deletes an address (204) and takes it out of its customer's addresses", async () => {
    const app = seededApp();
    const created = (await post(app, `${ADDRESSES}?site_id=1`, { ...valid, customer_id: 4 })).json.data;
    const answer = await del(app, item(created.id));
    expect(answer.status).toBe(204);
    expect(answer.text).toBe('');
    expect((await get(app, item(created.id))).status).toBe(404);
    expect((await get(app, `${BASE}/4?site_id=1`)).json.data.addresses).not.toContain(created.id);
  });

  it("is gone with its customer (the customer's soft delete removes its addresses)", async () => {
    const app = seededApp();
    const created = (await post(app, `${ADDRESSES}?site_id=1`, { ...valid, customer_id: 5 })).json.data;
    await del(app, `${BASE}/5?site_id=1`);
    expect((await get(app, item(created.id))).status).toBe(404);
  });
});

describe('GET /api/v1/core/addresses', () => {
  it("lists the site's addresses in a Laravel page, filtered by customer_id", async () => {
    const app = seededApp();
    const all = await get(app, `${ADDRESSES}?site_id=1&limit=5`);
    expect(all.status).toBe(200);
    expect(all.json.data).toHaveLength(5);
    expect(all.json.meta).toMatchObject({ per_page: 5, current_page: 1 });
    const one = await get(app, `${ADDRESSES}?site_id=1&customer_id=1`);
    expect(one.json.data.every((a: { user_id: number }) => a.user_id === 1)).toBe(true);
    expect((await get(app, `${ADDRESSES}?site_id=2`)).json.meta.total).toBe(0);
  });

  it('answers 400 for an empty customer_id, which Laravel reads as a null the integer rule refuses', async () => {
    const answer = await get(seededApp(), `${ADDRESSES}?site_id=1&customer_id=`);
    expect([answer.status, answer.json]).toEqual([400, { errors: { customer_id: ['The customer id field must be an integer.'] } }]);
  });

  it('lists from an offset PHP computes past PHP_INT_MAX as Eloquent casts it (here 0)', async () => {
    const answer = await get(seededApp(), `${ADDRESSES}?site_id=1&limit=3&page=9223372036854775807`);
    expect(answer.json.data).toHaveLength(3);
    expect(answer.text).toContain('"current_page":9223372036854775807,"from":2.7670116110564327e+19,');
  });

  it('answers a page past 2^53 with an empty page numbered exactly as sent', async () => {
    const answer = await get(seededApp(), `${ADDRESSES}?site_id=1&page=9007199254740993`);
    expect(answer.status).toBe(200);
    expect(answer.json.data).toEqual([]);
    expect(answer.text).toContain('"current_page":9007199254740993,"from":null,');
  });

  it('lists seeded, changed and new addresses in id order, each as it now is, the deleted ones left out', async () => {
    const app = seededApp();
    type Row = { id: number; user_id: number; city: string };
    const read = async () => {
      const rows: Row[] = [];
      for (let page = 1; ; page++) {
        const answer = await get(app, `${ADDRESSES}?site_id=1&limit=10&page=${page}`);
        rows.push(...answer.json.data);
        if (page >= answer.json.meta.last_page) return { rows, total: answer.json.meta.total as number };
      }
    };
    const before = (await read()).rows;
    const changed = before[0];
    const removed = before.find((a) => a.user_id !== changed.user_id)!;
    const owner = before.find((a) => a.user_id !== changed.user_id && a.user_id !== removed.user_id)!.user_id;
    expect((await put(app, item(changed.id), { city: 'Changed' })).status).toBe(200);
    expect((await del(app, item(removed.id))).status).toBe(204);
    expect((await del(app, `${BASE}/${owner}?site_id=1`)).status).toBe(204);
    const created = (await post(app, `${ADDRESSES}?site_id=1`, { ...valid, customer_id: changed.user_id })).json.data;
    const expected = [
      ...before.filter((a) => a.id !== removed.id && a.user_id !== owner).map((a) => (a.id === changed.id ? { ...a, city: 'Changed' } : a)),
      created,
    ];
    const after = await read();
    expect(after.rows).toEqual(expected);
    expect(after.total).toBe(expected.length);
  });

  it('answers the same page again with an address deleted or created in between, no customer changed', async () => {
    const app = seededApp();
    const page = `${ADDRESSES}?site_id=1&limit=5&page=2`;
    const before = (await get(app, page)).json;
    const gone = before.data[0];
    expect((await del(app, item(gone.id))).status).toBe(204);
    const afterDelete = (await get(app, page)).json;
    expect(afterDelete.meta.total).toBe(before.meta.total - 1);
    expect(afterDelete.data.map((a: { id: number }) => a.id)).not.toContain(gone.id);
    const created = (await post(app, `${ADDRESSES}?site_id=1`, { ...valid, customer_id: 1 })).json.data;
    const last = (await get(app, `${ADDRESSES}?site_id=1&limit=5&page=${Math.ceil(before.meta.total / 5)}`)).json;
    expect(last.meta.total).toBe(before.meta.total);
    expect(last.data.at(-1)).toEqual(created);
  });

  it('answers 400 without a site_id, for a limit past 100 and for an empty one', async () => {
    const app = seededApp();
    expect((await get(app, ADDRESSES)).json).toEqual({ errors: { site_id: ['The site id field is required.'] } });
    expect((await get(app, `${ADDRESSES}?site_id=1&limit=101`)).json).toEqual({
      errors: { limit: ['The limit field must not be greater than 100.'] },
    });
    expect((await get(app, `${ADDRESSES}?site_id=1&limit=`)).json).toEqual({
      errors: { limit: ['The limit field must be an integer.', 'The limit field must be at least 1.'] },
    });
  });

  it('answers 401 without an API key', async () => {
    expect((await call(seededApp(), 'GET', `${ADDRESSES}?site_id=1`, { anonymous: true })).status).toBe(401);
  });
});
