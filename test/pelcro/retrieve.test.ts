import { describe, expect, it } from 'vitest';
import { Customer, CustomerEnvelope, EXPAND_NAMES, customerEnvelope, type ExpandName } from '../../contracts/pelcro/schemas';
import { BASE, get, seededApp } from './helpers';

const app = seededApp();

/** A seeded customer that has every kind of related record, found by scanning the first page. */
async function richCustomerId(): Promise<number> {
  const list = await get(app, `${BASE}?site_id=1&limit=100&expand=addresses,subscriptions,organization,defaultSource`);
  const found = list.json.data.find(
    (c: { addresses: unknown[]; subscriptions: unknown[]; organization: unknown; default_source: unknown }) =>
      c.addresses.length > 0 && c.subscriptions.length > 0 && c.organization !== null && c.default_source !== null,
  );
  if (!found) throw new Error('the default seed should have a customer with every relation');
  return found.id;
}

describe('GET /api/v1/core/customers/{id}', () => {
  it('answers 200 {"data": customer} with every attribute of the start document, related objects as ids', async () => {
    const answer = await get(app, `${BASE}/1?site_id=1`);
    expect(answer.status).toBe(200);
    expect(CustomerEnvelope.safeParse(answer.json).success).toBe(true);
    expect(Object.keys(answer.json.data)).toEqual(Object.keys(Customer.shape));
    expect(answer.json.data.id).toBe(1);
    expect(answer.json.data.default_source).toBeNull();
    expect(answer.json.data).not.toHaveProperty('password');
  });

  it('answers 404 in Laravel shape for an unknown id', async () => {
    const answer = await get(app, `${BASE}/999999?site_id=1`);
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ message: 'No query results for model [App\\Models\\Customer] 999999' });
  });

  it('answers 404 for an id that is not a number, echoing it', async () => {
    const answer = await get(app, `${BASE}/abc?site_id=1`);
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ message: 'No query results for model [App\\Models\\Customer] abc' });
  });

  it('finds the customer an id written as another whole number names, as the database compares it', async () => {
    const plain = await get(app, `${BASE}/1?site_id=1`);
    for (const id of ['01', '1.0', '1e0', '+1', '%201', '.1e1']) {
      const answer = await get(app, `${BASE}/${id}?site_id=1`);
      expect(answer.status, id).toBe(200);
      expect(answer.text, id).toBe(plain.text);
    }
    for (const id of ['1.5', '0x1', '1abc', '-1']) {
      const answer = await get(app, `${BASE}/${id}?site_id=1`);
      expect(answer.json, id).toEqual({ message: `No query results for model [App\\Models\\Customer] ${id}` });
    }
  });

  it.each([
    ['missing', '', 'The site id field is required.'],
    ['empty', '?site_id=', 'The site id field is required.'],
    ['not an integer', '?site_id=abc', 'The site id field must be an integer.'],
    ['a decimal', '?site_id=1.5', 'The site id field must be an integer.'],
    ['past 2^53', '?site_id=99999999999999999999', 'The site id field must be an integer.'],
    ['zero', '?site_id=0', 'The selected site id is invalid.'],
  ])('answers 400 when site_id is %s', async (_case, query, message) => {
    const answer = await get(app, `${BASE}/1${query}`);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ errors: { site_id: [message] } });
  });
});

describe('GET /api/v1/core/customers/{id}?expand=', () => {
  const combos: ExpandName[][] = [[], ...EXPAND_NAMES.map((n) => [n]), ['subscriptions', 'defaultSource'], [...EXPAND_NAMES]];

  it.each(combos.map((c) => [c.join(',') || '(none)', c] as const))('turns ids into objects for expand=%s only', async (_label, expand) => {
    const id = await richCustomerId();
    const answer = await get(app, `${BASE}/${id}?site_id=1&expand=${expand.join(',')}`);
    expect(answer.status).toBe(200);
    const parsed = customerEnvelope(expand).safeParse(answer.json);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    const data = answer.json.data;
    expect(typeof data.addresses[0]).toBe(expand.includes('addresses') ? 'object' : 'number');
    expect(typeof data.subscriptions[0]).toBe(expand.includes('subscriptions') ? 'object' : 'number');
    expect(typeof data.organization).toBe(expand.includes('organization') ? 'object' : 'number');
    expect(data.default_source === null).toBe(!expand.includes('defaultSource'));
  });

  it('expands records consistent with the customer: own addresses, own default source, own subscriptions', async () => {
    const id = await richCustomerId();
    const plain = (await get(app, `${BASE}/${id}?site_id=1`)).json.data;
    const full = (await get(app, `${BASE}/${id}?site_id=1&expand=${EXPAND_NAMES.join(',')}`)).json.data;
    expect(full.addresses.map((a: { id: number }) => a.id)).toEqual(plain.addresses);
    for (const address of full.addresses) expect(address.user_id).toBe(id);
    expect(full.default_source.id).toBe(plain.default_source_id);
    expect(full.organization.id).toBe(plain.organization);
    expect(full.subscriptions.map((s: { id: number }) => s.id)).toEqual(plain.subscriptions);
    for (const subscription of full.subscriptions) {
      if (subscription.address !== null) expect(plain.addresses).toContain(subscription.address);
      expect(subscription.default_source).toBe(plain.default_source_id);
    }
  });

  it('ignores spaces and empty entries in the list', async () => {
    const answer = await get(app, `${BASE}/1?site_id=1&expand=${encodeURIComponent(' addresses ,,organization')}`);
    expect(answer.status).toBe(200);
    expect(customerEnvelope(['addresses', 'organization']).safeParse(answer.json).success).toBe(true);
  });

  it.each([['foo'], ['default_source'], ['Addresses'], ['addresses,bar']])('answers 400 naming the unknown expand %s', async (expand) => {
    const answer = await get(app, `${BASE}/1?site_id=1&expand=${expand}`);
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.json.errors)).toEqual(['expand']);
    expect(answer.json.errors.expand[0]).toMatch(
      /^The selected expand is invalid\. Unknown: .*Valid values: addresses, defaultSource, organization, subscriptions\.$/,
    );
  });

  it('answers 400 "The expand field must be a string." for expand[]=addresses', async () => {
    const answer = await get(app, `${BASE}/1?site_id=1&expand[]=addresses`);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ errors: { expand: ['The expand field must be a string.'] } });
  });
});
