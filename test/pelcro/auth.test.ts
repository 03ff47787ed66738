import { describe, expect, it } from 'vitest';
import { BASE, createCustomer, get, seededApp } from './helpers';

describe('Pelcro authentication (Authorization: Bearer <API key>)', () => {
  const app = seededApp();

  it.each([
    ['no Authorization header', undefined],
    ['an empty bearer token', 'Bearer '],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['a bare token', 'abc123'],
  ])('answers 401 {"message": "Unauthenticated."} for %s', async (_case, header) => {
    const answer = await get(app, `${BASE}?site_id=1`, { anonymous: true, headers: header ? { Authorization: header } : {} });
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ message: 'Unauthenticated.' });
  });

  it('authenticates before validating: a 401 wins over a missing site_id', async () => {
    const answer = await get(app, BASE, { anonymous: true });
    expect(answer.status).toBe(401);
  });

  it('accepts any non-empty key by default, whatever the case of "Bearer"', async () => {
    expect((await get(app, `${BASE}?site_id=1`, { anonymous: true, headers: { Authorization: 'bearer anything' } })).status).toBe(200);
  });

  it('answers 401 for a key outside options.tokens and 200 for one inside', async () => {
    const restricted = seededApp({ tokens: ['good'] });
    const bad = await get(restricted, `${BASE}?site_id=1`, { anonymous: true, headers: { Authorization: 'Bearer bad' } });
    const good = await get(restricted, `${BASE}?site_id=1`, { anonymous: true, headers: { Authorization: 'Bearer good' } });
    expect(bad.status).toBe(401);
    expect(bad.json).toEqual({ message: 'Unauthenticated.' });
    expect(good.status).toBe(200);
  });
});

describe('Pelcro sandboxes (one account per API key, its sites sharing one id column)', () => {
  it("answers 404 for a site-1 customer's id asked with site_id=2 (the seeded customers live on site 1)", async () => {
    const app = seededApp();
    expect((await get(app, `${BASE}/1?site_id=1`)).status).toBe(200);
    const other = await get(app, `${BASE}/1?site_id=2`);
    expect(other.status).toBe(404);
    expect(other.json).toEqual({ message: 'No query results for model [App\\Models\\Customer] 1' });
    expect((await get(app, `${BASE}?site_id=2`)).json.meta.total).toBe(0);
  });

  it("never hands out one id on two sites: the id column is the account's", async () => {
    const app = seededApp();
    const one = await createCustomer(app, { email: 'a@example.com' }, 1);
    const two = await createCustomer(app, { email: 'a@example.com' }, 2);
    const three = await createCustomer(app, { email: 'b@example.com' }, 3);
    expect([one.id, two.id, three.id]).toEqual([51, 52, 53]);
    expect((await get(app, `${BASE}/${two.id}?site_id=1`)).status).toBe(404);
    expect((await get(app, `${BASE}/${two.id}?site_id=2`)).json.data.email).toBe('a@example.com');
  });

  it('keeps what one key writes away from another key and from another site', async () => {
    const app = seededApp();
    const created = await createCustomer(app, { email: 'only-here@example.com' }, 7);
    const own = await get(app, `${BASE}/${created.id}?site_id=7`);
    const otherSite = await get(app, `${BASE}/${created.id}?site_id=8`);
    const otherKey = await get(app, `${BASE}/${created.id}?site_id=7`, { anonymous: true, headers: { Authorization: 'Bearer other' } });
    expect(own.status).toBe(200);
    expect(otherSite.status).toBe(404);
    expect(otherKey.status).toBe(404);
  });
});
