import { describe, expect, it } from 'vitest';
import { FROZEN, PELCRO, PIRIOD, createPelcro, createPiriod, json, mock } from './helpers';

const SECRET = 'a-demo-secret-of-at-least-32-characters';
const SDK = { 'Content-Type': 'application/json' };

/** Exports every sandbox through the admin route, as a file would hold it. */
async function exportText(m: ReturnType<typeof mock>): Promise<string> {
  return (await m.fetch('/__understudy/snapshot')).text();
}

async function importText(m: ReturnType<typeof mock>, text: string) {
  return json(m, '/__understudy/snapshot', { method: 'POST', body: text });
}

describe('a Pelcro account in a snapshot', () => {
  it('keeps a signed-in frontend signed in, a logged-out token refused and a set password, across a restore', async () => {
    const first = mock({ tokenSecret: SECRET });
    const register = await json(first, '/api/v1/sdk/auth/register?site_id=1', {
      method: 'POST',
      headers: SDK,
      body: JSON.stringify({ email: 'reader@example.com', password: 'secret1' }),
    });
    expect(register.status).toBe(201);
    const kept = register.body.data.auth_token as string;
    const login = await json(first, '/api/v1/sdk/auth/login?site_id=1', {
      method: 'POST',
      headers: SDK,
      body: JSON.stringify({ email: 'reader@example.com', password: 'secret1' }),
    });
    const retired = login.body.data.auth_token as string;
    expect(
      (await json(first, '/api/v1/sdk/auth/logout?site_id=1', { method: 'POST', headers: { Authorization: `Bearer ${retired}` } })).status,
    ).toBe(200);

    const second = mock({ tokenSecret: SECRET });
    expect((await importText(second, await exportText(first))).status).toBe(200);
    const me = await json(second, '/api/v1/sdk/customer?site_id=1', { method: 'POST', headers: { Authorization: `Bearer ${kept}` } });
    expect(me.status).toBe(200);
    expect(me.body.data.email).toBe('reader@example.com');
    expect(
      (await json(second, '/api/v1/sdk/customer?site_id=1', { method: 'POST', headers: { Authorization: `Bearer ${retired}` } })).status,
    ).toBe(403);
    const again = await json(second, '/api/v1/sdk/auth/login?site_id=1', {
      method: 'POST',
      headers: SDK,
      body: JSON.stringify({ email: 'reader@example.com', password: 'secret1' }),
    });
    expect(again.status).toBe(200);
  });

  it('is one sandbox for every site of the key: each customer comes back on its site, and ids go on after the last', async () => {
    const first = mock();
    const one = await createPelcro(first, { email: 'one@example.com' });
    const two = await createPelcro(first, { email: 'two@example.com', site_id: 2 });
    const document = first.snapshot({ provider: 'pelcro' });
    expect(document.sandboxes).toHaveLength(1);
    expect(document.sandboxes[0].tables.customers.records.map((c) => (c as { site_id: number }).site_id)).toEqual([1, 2]);

    const second = mock();
    second.restore(document);
    expect((await json(second, `/api/v1/core/customers/${one.body.data.id}?site_id=1`, { headers: PELCRO })).status).toBe(200);
    expect((await json(second, `/api/v1/core/customers/${two.body.data.id}?site_id=1`, { headers: PELCRO })).status).toBe(404);
    expect((await json(second, `/api/v1/core/customers/${two.body.data.id}?site_id=2`, { headers: PELCRO })).status).toBe(200);
    const next = await createPelcro(second, { email: 'three@example.com', site_id: 3 });
    expect(next.body.data.id).toBe(two.body.data.id + 1);
  });
});

describe('a Piriod sandbox in a snapshot', () => {
  it('writes metadata keys in the order sent and reads them back in that order', async () => {
    const first = mock();
    // Written by hand: JSON.stringify would already put "2" first.
    const created = await json(first, '/customers/', {
      method: 'POST',
      headers: PIRIOD,
      body: '{"name": "Ordered", "country": "MX", "metadata": {"b": 1, "2": 2, "a": 3}}',
    });
    expect(created.status).toBe(201);
    const text = await exportText(first);
    expect(text).toContain('"metadata":{"b":1,"2":2,"a":3}');
    expect(text).not.toContain('\uE000');

    const second = mock();
    expect((await importText(second, text)).status).toBe(200);
    const res = await second.fetch(`/customers/${created.body.id}/`, { headers: PIRIOD });
    expect(await res.text()).toContain('"metadata":{"b":1,"2":2,"a":3}');
  });

  it('keeps contacts made through /contacts/, and the test mode its key opened it in', async () => {
    const first = mock();
    const test = { ...PIRIOD, 'X-Piriod-Test-Mode': 'true' };
    const customer = await createPiriod(first, { name: 'Test SpA', country: 'MX' }, test);
    const contact = await json(first, '/contacts/', {
      method: 'POST',
      headers: test,
      body: JSON.stringify({ name: 'Ada', email: 'ada@example.com', customer: customer.body.id }),
    });
    expect(contact.status).toBe(201);

    const second = mock({ freezeTime: FROZEN });
    second.restore(first.snapshot());
    const back = await json(second, `/contacts/${contact.body.id}/`, { headers: test });
    expect(back.body).toEqual(contact.body);
    expect((await json(second, `/customers/${customer.body.id}/`, { headers: test })).body.contacts).toEqual([contact.body]);
    const another = await createPiriod(second, { name: 'Still test', country: 'MX' }, test);
    expect(another.body.test_mode).toBe(true);
  });
});
