import { describe, expect, it } from 'vitest';
import { CustomerEnvelope } from '../../contracts/pelcro/schemas';
import { BASE, createCustomer, get, post, seededApp, put } from './helpers';

const item = (id: number) => `${BASE}/${id}?site_id=1`;

/** A seeded customer that has at least one payment source, and one of another customer. */
async function customersWithSources(app: ReturnType<typeof seededApp>) {
  const list = (await get(app, `${BASE}?site_id=1&limit=100&expand=defaultSource`)).json.data;
  const withSource = list.filter((c: { default_source_id: number | null }) => c.default_source_id !== null);
  return { owner: withSource[0], other: withSource[1] };
}

describe('PUT /api/v1/core/customers/{id}', () => {
  it('changes only the fields sent and answers 200 {"data": customer}', async () => {
    const app = seededApp();
    const before = await createCustomer(app, { email: 'p@example.com', first_name: 'Ann', last_name: 'Lee', phone: '5550001' });
    const answer = await put(app, item(before.id), { last_name: 'Smith', tele_marketing: true });
    expect(answer.status).toBe(200);
    expect(CustomerEnvelope.safeParse(answer.json).success).toBe(true);
    expect(answer.json.data).toEqual({
      ...before,
      last_name: 'Smith',
      name: 'Ann Smith',
      tele_marketing: true,
      updated_at: before.updated_at + 1,
    });
  });

  it('merges metadata and removes a key set to null', async () => {
    const app = seededApp();
    const before = await createCustomer(app, { email: 'm@example.com', metadata: { k: 'v', keep: 1 } });
    const answer = await put(app, item(before.id), { metadata: { k: null, added: { nested: true } } });
    expect(answer.json.data.metadata).toEqual({ keep: 1, added: { nested: true } });
    expect((await get(app, item(before.id))).json.data.metadata).toEqual({ keep: 1, added: { nested: true } });
  });

  it('leaves metadata alone when metadata is null', async () => {
    const app = seededApp();
    const before = await createCustomer(app, { email: 'mn@example.com', metadata: { k: 'v' } });
    expect((await put(app, item(before.id), { metadata: null })).json.data.metadata).toEqual({ k: 'v' });
  });

  it('sets and then detaches the organization with organization: null', async () => {
    const app = seededApp();
    const before = await createCustomer(app, { email: 'o@example.com' });
    expect((await put(app, item(before.id), { organization: 2 })).json.data.organization).toBe(2);
    expect((await put(app, item(before.id), { organization: null })).json.data.organization).toBeNull();
  });

  it("accepts a default_source_id of the customer's own sources", async () => {
    const app = seededApp();
    const { owner } = await customersWithSources(app);
    const answer = await put(app, item(owner.id), { default_source_id: owner.default_source_id });
    expect(answer.status).toBe(200);
    const clear = await put(app, item(owner.id), { default_source_id: null });
    expect(clear.json.data.default_source_id).toBeNull();
  });

  it.each([
    ["another customer's source", 'other'],
    ['a source that does not exist', 'missing'],
  ])('answers 400 for a default_source_id that is %s', async (_case, which) => {
    const app = seededApp();
    const { owner, other } = await customersWithSources(app);
    const id = which === 'other' ? other.default_source_id : 999_999;
    const answer = await put(app, item(owner.id), { default_source_id: id });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ errors: { default_source_id: ['The selected default source id is invalid.'] } });
  });

  it("keeps a customer's own email available to itself and refuses another's", async () => {
    const app = seededApp();
    const a = await createCustomer(app, { email: 'a@example.com' });
    await createCustomer(app, { email: 'b@example.com' });
    expect((await put(app, item(a.id), { email: 'A@example.com' })).status).toBe(200);
    const clash = await put(app, item(a.id), { email: 'b@example.com' });
    expect(clash.json).toEqual({ errors: { email: ['The email has already been taken.'] } });
  });

  it('frees the old email when it changes', async () => {
    const app = seededApp();
    const a = await createCustomer(app, { email: 'old@example.com' });
    await put(app, item(a.id), { email: 'new@example.com' });
    expect((await createCustomer(app, { email: 'old@example.com' })).email).toBe('old@example.com');
  });

  it('does not move updated_at when nothing changes (Eloquent saves only dirty models)', async () => {
    const app = seededApp();
    const before = await createCustomer(app, { email: 'same@example.com', first_name: 'Same' });
    const answer = await put(app, item(before.id), { first_name: 'Same', email: 'same@example.com' });
    expect(answer.json.data).toEqual(before);
  });

  it('sets has_password and password_last_updated_at on a new password', async () => {
    const app = seededApp();
    const before = await createCustomer(app, { email: 'pw@example.com' });
    expect(before.has_password).toBe(false);
    const answer = await put(app, item(before.id), { password: 'a-new-one' });
    expect(answer.json.data).toMatchObject({ has_password: true, password_last_updated_at: before.created_at + 1 });
    expect(answer.text).not.toContain('a-new-one');
  });

  it('answers 500 "Server Error" for a password bcrypt refuses (a NUL byte), and saves nothing', async () => {
    const app = seededApp();
    const before = await createCustomer(app, { email: 'nul@example.com' });
    for (const password of ['\u0000', 'secret\u0000']) {
      const answer = await put(app, item(before.id), { password, first_name: 'Changed' });
      expect([answer.status, answer.json]).toEqual([500, { message: 'Server Error' }]);
    }
    expect((await get(app, item(before.id))).json.data).toEqual(before);
    const created = await post(app, `${BASE}?site_id=1`, { email: 'nul2@example.com', password: 'abcdef\u0000' });
    expect(created.status).toBe(500);
    expect((await get(app, `${BASE}?site_id=1&filter[email]=nul2@example.com`)).json.data).toEqual([]);
  });

  it('answers 500 "Server Error" for metadata holding a number past the double range (Eloquent cannot encode INF), and saves nothing', async () => {
    const app = seededApp();
    const before = await createCustomer(app, { email: 'inf@example.com', metadata: { kept: 'yes' } });
    for (const body of ['{"metadata": {"a": 1e400}}', '{"first_name": "Changed", "metadata": {"b": {"c": [1, -1e999]}}}']) {
      const answer = await put(app, item(before.id), body);
      expect([answer.status, answer.json], body).toEqual([500, { message: 'Server Error' }]);
    }
    expect((await get(app, item(before.id))).json.data).toEqual(before);
    const created = await post(app, `${BASE}?site_id=1`, '{"email": "inf2@example.com", "metadata": {"n": 1e400}}');
    expect(created.status).toBe(500);
    expect((await get(app, `${BASE}?site_id=1&filter[email]=inf2@example.com`)).json.data).toEqual([]);
    // The largest double is a number json_encode writes: stored.
    const largest = await put(app, item(before.id), '{"metadata": {"a": 1.7976931348623157e308}}');
    expect(largest.status).toBe(200);
  });

  it('answers 400 with every failing field and changes nothing', async () => {
    const app = seededApp();
    const before = await createCustomer(app, { email: 'v@example.com' });
    const answer = await put(app, item(before.id), { email: 'nope', language: 'english', first_name: 'Valid' });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      errors: { email: ['The email field must be a valid email address.'], language: ['The selected language is invalid.'] },
    });
    expect((await get(app, item(before.id))).json.data).toEqual(before);
  });

  it('answers 200 unchanged for malformed JSON, read as an empty body', async () => {
    const app = seededApp();
    const before = await createCustomer(app, { email: 'j@example.com' });
    const answer = await put(app, item(before.id), '{"first_name": ');
    expect(answer.status).toBe(200);
    expect(answer.json.data).toEqual(before);
  });

  it('answers 404 for an unknown id once site_id is valid', async () => {
    const answer = await put(seededApp(), item(424242), { first_name: 'x' });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ message: 'No query results for model [App\\Models\\Customer] 424242' });
  });

  it('answers 404 for an unknown id whatever the body, once site_id is valid', async () => {
    const answer = await put(seededApp(), item(424242), { email: 'not-an-email' });
    expect(answer.status).toBe(404);
  });

  it('answers 400 for a missing site_id before looking the customer up', async () => {
    const answer = await put(seededApp(), `${BASE}/424242`, { first_name: 'x'.repeat(300) });
    expect(answer.status).toBe(400);
    expect(answer.json.errors).toEqual({
      site_id: ['The site id field is required.'],
      first_name: ['The first name field must not be greater than 255 characters.'],
    });
  });
});
