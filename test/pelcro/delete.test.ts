import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../src/core/options';
import { emptyCustomerBase } from '../../src/providers/pelcro/customers/store';
import { PelcroAccount } from '../../src/providers/pelcro/sandbox';
import { buildPelcroBase } from '../../src/providers/pelcro/seed/index';
import { BASE, call, createCustomer, del, get, seededApp, post, put } from './helpers';

const item = (id: number | string) => `${BASE}/${id}?site_id=1`;

describe('DELETE /api/v1/core/customers/{id}', () => {
  it('answers 204 with an empty body, then 404 on every later call', async () => {
    const app = seededApp();
    const answer = await del(app, item(3));
    expect(answer.status).toBe(204);
    expect(answer.text).toBe('');
    for (const later of [get(app, item(3)), put(app, item(3), { first_name: 'x' }), del(app, item(3))]) {
      const response = await later;
      expect(response.status).toBe(404);
      expect(response.json).toEqual({ message: 'No query results for model [App\\Models\\Customer] 3' });
    }
  });

  it('drops the customer from the list and its total', async () => {
    const app = seededApp();
    await del(app, item(1));
    const list = (await get(app, `${BASE}?site_id=1`)).json;
    expect(list.meta.total).toBe(49);
    expect(list.data[0].id).toBe(2);
  });

  it("soft-deletes the customer's subscriptions, payment sources and addresses with it", () => {
    const base = buildPelcroBase(parseOptions({ providers: ['pelcro'] }));
    const sandbox = new PelcroAccount(base, emptyCustomerBase(), undefined).site(1);
    const record = base.customers.table.records.find((c) => c.view.addresses.length && c.view.subscriptions.length && c.sourceIds.length)!;
    sandbox.deleteCustomer(record);
    expect(sandbox.customers.get(record.view.id)).toBeUndefined();
    for (const id of record.view.addresses) expect(sandbox.addresses.get(id)).toBeUndefined();
    for (const id of record.view.subscriptions) expect(sandbox.subscriptions.get(id)).toBeUndefined();
    for (const id of record.sourceIds) expect(sandbox.sources.get(id)).toBeUndefined();
    // The seeded base is untouched: a fresh sandbox still has them.
    expect(new PelcroAccount(base, emptyCustomerBase(), undefined).site(1).customers.get(record.view.id)).toBe(record);
  });

  it("keeps the deleted customer's email, username and old_provider_id taken (soft delete, see decision 002)", async () => {
    const app = seededApp();
    const gone = await createCustomer(app, { email: 'gone@example.com', username: 'gone_user', old_provider_id: 'legacy-gone' });
    await del(app, item(gone.id));
    const again = await post(app, `${BASE}?site_id=1`, {
      email: 'gone@example.com',
      username: 'gone_user',
      old_provider_id: 'legacy-gone',
    });
    expect(again.status).toBe(400);
    expect(again.json.errors).toEqual({
      email: ['The email has already been taken.'],
      username: ['The username has already been taken.'],
      old_provider_id: ['The old provider id has already been taken.'],
    });
  });

  it("never reuses a deleted customer's id", async () => {
    const app = seededApp();
    const first = await createCustomer(app, { email: 'one@example.com' });
    await del(app, item(first.id));
    expect((await createCustomer(app, { email: 'two@example.com' })).id).toBe(first.id + 1);
  });

  it('leaves other sandboxes alone', async () => {
    const app = seededApp();
    await del(app, item(5));
    expect((await get(app, item(5), { anonymous: true, headers: { Authorization: 'Bearer another-key' } })).status).toBe(200);
  });

  it('reads site_id from a JSON body', async () => {
    const app = seededApp();
    const answer = await call(app, 'DELETE', `${BASE}/6`, { body: { site_id: 1 } });
    expect(answer.status).toBe(204);
  });

  it('answers 400 without a site_id and deletes nothing', async () => {
    const app = seededApp();
    const answer = await del(app, `${BASE}/7`);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ errors: { site_id: ['The site id field is required.'] } });
    expect((await get(app, item(7))).status).toBe(200);
  });
});
