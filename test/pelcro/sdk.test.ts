import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SdkCustomerEnvelope } from '../../contracts/pelcro/schemas';
import { DEMO_PASSWORD } from '../../src/providers/pelcro/seed/vocabulary';
import { BASE, call, get, seededApp, type Answer } from './helpers';
import type { Hono } from 'hono';

const SDK = '/api/v1/sdk';
const ANON = { anonymous: true } as const;
const bearer = (token: string) => ({ anonymous: true, headers: { Authorization: `Bearer ${token}` } });
const sdkPost = (app: Hono, path: string, body?: unknown, options: Parameters<typeof call>[3] = ANON) =>
  call(app, 'POST', `${SDK}${path}`, { ...options, body });
const sdkPut = (app: Hono, path: string, body: unknown, options: Parameters<typeof call>[3]) =>
  call(app, 'PUT', `${SDK}${path}`, { ...options, body });

async function register(app: Hono, fields: Record<string, unknown> = {}, site = 1): Promise<Answer> {
  return sdkPost(app, `/auth/register?site_id=${site}`, { email: 'reader@example.com', password: 'secret1', ...fields });
}

afterEach(() => vi.useRealTimers());

describe('POST /api/v1/sdk/auth/register', () => {
  it('answers 500 "Server Error" for a password bcrypt refuses (a NUL byte), and registers nobody', async () => {
    const app = seededApp();
    const answer = await register(app, { password: 'secret1\u0000' });
    expect([answer.status, answer.json]).toEqual([500, { message: 'Server Error' }]);
    expect((await register(app)).status).toBe(201);
  });

  it('answers a company name past 255 characters with the max text, not "must be a string"', async () => {
    const app = seededApp();
    for (const name of ['o'.repeat(256), 'é'.repeat(256)]) {
      expect((await register(app, { organization: name })).json).toEqual({
        errors: { organization: ['The organization field must not be greater than 255 characters.'] },
      });
    }
    expect((await register(app, { organization: 'é'.repeat(255) })).status).toBe(201);
    expect((await register(app, { email: 'b@example.com', organization: ['x'] })).json).toEqual({
      errors: { organization: ['The organization field must be a string.'] },
    });
  });

  it("creates the customer (201) in the Open API's shape, with a signed HS256 JWT naming it", async () => {
    const app = seededApp();
    const answer = await register(app, { first_name: 'Ada', last_name: 'Lovelace', organization: 'Analytical Engines' });
    expect(answer.status).toBe(201);
    expect(SdkCustomerEnvelope.safeParse(answer.json).success).toBe(true);
    const data = answer.json.data;
    expect(data).toMatchObject({ email: 'reader@example.com', full_name: 'Ada Lovelace', balance: 0, has_password: true, addresses: [] });
    expect(data.organization).toEqual({ id: expect.any(Number), name: 'Analytical Engines' });
    expect(decodeProtectedHeader(data.auth_token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(data.auth_token);
    expect(claims).toMatchObject({ sub: String(data.id), site_id: 1 });
    expect(claims.exp! - claims.iat!).toBe(3600);
  });

  it('writes metadata keys as sent and arrays as the Core resource does (no stored key escapes)', async () => {
    const answer = await sdkPost(seededApp(), '/auth/register?site_id=1', {
      email: 'meta@example.com',
      password: 'secret1',
      metadata: { 1: 'a', plan: { 0: 'x' }, empty: {} },
    });
    expect(answer.status).toBe(201);
    expect(answer.text).toContain('"metadata":{"1":"a","plan":["x"],"empty":[]}');
    expect(answer.headers.get('content-type')).toBe('application/json');
  });

  it('answers a taken email exactly as react-pelcro-js expects it', async () => {
    const app = seededApp();
    await register(app);
    const again = await register(app, { email: 'READER@example.com' });
    expect(again.status).toBe(400);
    expect(again.json).toEqual({ errors: { email: ['This email is already in use.'], registered_on_other_sites: false } });
    await register(app, { email: 'two-sites@example.com' }, 2);
    const elsewhere = await register(app, { email: 'two-sites@example.com' }, 2);
    expect(elsewhere.json.errors.registered_on_other_sites).toBe(false);
    await register(app, { email: 'two-sites@example.com' }, 3);
    expect((await register(app, { email: 'two-sites@example.com' }, 3)).json.errors.registered_on_other_sites).toBe(true);
  });

  it('answers 400 for a missing email and a short password, and a missing site_id', async () => {
    const app = seededApp();
    const answer = await sdkPost(app, '/auth/register?site_id=1', { password: 'abc' });
    expect(answer.json).toEqual({
      errors: { email: ['The email field is required.'], password: ['The password field must be at least 6 characters.'] },
    });
    expect((await sdkPost(app, '/auth/register', { email: 'a@example.com', password: 'secret1' })).json).toEqual({
      errors: { site_id: ['The site id field is required.'] },
    });
  });

  it("registers into the default key's sandbox, so the Core API lists the customer for that site", async () => {
    const app = seededApp();
    const created = (await register(app, {}, 4)).json.data;
    const listed = await get(app, `${BASE}?site_id=4`, bearer('demo'));
    expect(listed.json.data.map((c: { id: number }) => c.id)).toEqual([created.id]);
    // Another key's sandbox does not see it: parallel workers stay apart.
    expect((await get(app, `${BASE}?site_id=4`, bearer('worker-2'))).json.meta.total).toBe(0);
  });

  it('registers into the sandbox X-Understudy-Account names', async () => {
    const app = seededApp();
    const created = (
      await sdkPost(
        app,
        '/auth/register?site_id=1',
        { email: 'w@example.com', password: 'secret1' },
        {
          anonymous: true,
          headers: { 'X-Understudy-Account': 'worker-7' },
        },
      )
    ).json.data;
    expect((await get(app, `${BASE}/${created.id}?site_id=1`, bearer('worker-7'))).status).toBe(200);
    expect((await get(app, `${BASE}/${created.id}?site_id=1`, bearer('demo'))).status).toBe(404);
    // Its token finds that sandbox by itself.
    expect((await sdkPost(app, '/customer?site_id=1', undefined, bearer(created.auth_token))).json.data.id).toBe(created.id);
  });
});

describe('POST /api/v1/sdk/auth/login', () => {
  it('signs a seeded customer in with the demo password, by email or username', async () => {
    const app = seededApp();
    const seeded = (await get(app, `${BASE}?site_id=1&limit=100`)).json.data.find(
      (c: { has_password: boolean; username: string | null }) => c.has_password && c.username,
    );
    const byEmail = await sdkPost(app, '/auth/login?site_id=1', { email: seeded.email, password: DEMO_PASSWORD });
    expect(byEmail.status).toBe(200);
    expect(byEmail.json.data).toMatchObject({ id: seeded.id, last_login_method: 'password' });
    const byName = await sdkPost(app, '/auth/login?site_id=1', { username: seeded.username, password: DEMO_PASSWORD });
    expect(byName.json.data.id).toBe(seeded.id);
  });

  it("answers 400 with Laravel's auth.failed text for a wrong password or an unknown email", async () => {
    const app = seededApp();
    await register(app);
    for (const body of [
      { email: 'reader@example.com', password: 'wrong-one' },
      { email: 'nobody@example.com', password: 'secret1' },
    ]) {
      const answer = await sdkPost(app, '/auth/login?site_id=1', body);
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ errors: { email: ['These credentials do not match our records.'] } });
    }
    expect((await sdkPost(app, '/auth/login?site_id=1', { email: 'reader@example.com', password: 'secret1' })).status).toBe(200);
  });

  it('reads a password as bcrypt does: its first 72 bytes, so one differing only past them signs in', async () => {
    const app = seededApp();
    const long = `${'é'.repeat(35)}pp`; // 72 bytes of UTF-8
    expect((await register(app, { password: `${long}A` })).status).toBe(201);
    const login = (password: string) => sdkPost(app, '/auth/login?site_id=1', { email: 'reader@example.com', password });
    expect((await login(`${long}B`)).status).toBe(200);
    expect((await login(long)).status).toBe(200);
    expect((await login(`${'é'.repeat(35)}pq`)).status).toBe(400);
  });

  it('signs in with a password set through the Core API', async () => {
    const app = seededApp();
    await call(app, 'POST', `${BASE}?site_id=1`, {
      body: { email: 'core@example.com', password: 'from-core' },
      headers: { Authorization: 'Bearer demo' },
    });
    expect((await sdkPost(app, '/auth/login?site_id=1', { email: 'core@example.com', password: 'from-core' })).status).toBe(200);
  });
});

describe('the customer token', () => {
  it('answers 401 without a token and 403 for one that is not ours, on every protected route', async () => {
    const app = seededApp();
    const routes: [string, string][] = [
      ['POST', '/customer'],
      ['PUT', '/customer'],
      ['POST', '/auth/logout'],
      ['POST', '/address'],
      ['GET', '/payment_methods'],
      ['POST', '/payment_methods'],
      ['GET', '/payment_methods/1'],
      ['PUT', '/payment_methods/1'],
      ['DELETE', '/payment_methods/1'],
    ];
    const forged = `${(await register(app)).json.data.auth_token.slice(0, -4)}AAAA`;
    for (const [method, path] of routes) {
      const none = await call(app, method, `${SDK}${path}?site_id=1`, ANON);
      expect(none.status).toBe(401);
      expect(none.json).toEqual({ message: 'Unauthenticated.' });
      const bad = await call(app, method, `${SDK}${path}?site_id=1`, bearer(forged));
      expect(bad.status).toBe(403);
      expect(bad.json).toEqual({ message: 'Token Signature could not be verified.' });
    }
  });

  it('stops working after logout (403 "The token has been blacklisted")', async () => {
    const app = seededApp();
    const token = (await register(app)).json.data.auth_token;
    expect((await sdkPost(app, '/auth/logout?site_id=1', undefined, bearer(token))).json).toEqual({ message: 'Successfully logged out' });
    const after = await sdkPost(app, '/customer?site_id=1', undefined, bearer(token));
    expect(after.status).toBe(403);
    expect(after.json).toEqual({ message: 'The token has been blacklisted' });
  });

  it('expires after the configured lifetime (403 "Token has expired"); refresh still renews it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T00:00:00Z'));
    const app = seededApp({ tokenTtlSeconds: 60 });
    const token = (await register(app)).json.data.auth_token;
    expect((await sdkPost(app, '/customer?site_id=1', undefined, bearer(token))).status).toBe(200);
    vi.setSystemTime(new Date('2026-03-01T00:01:01Z'));
    const expired = await sdkPost(app, '/customer?site_id=1', undefined, bearer(token));
    expect(expired.status).toBe(403);
    expect(expired.json).toEqual({ message: 'Token has expired' });
    const refreshed = await sdkPost(app, '/customer/refresh?site_id=1', undefined, bearer(token));
    expect(refreshed.status).toBe(200);
    expect((await sdkPost(app, '/customer?site_id=1', undefined, bearer(refreshed.json.data.auth_token))).status).toBe(200);
    // The refreshed token is spent.
    expect((await sdkPost(app, '/customer/refresh?site_id=1', undefined, bearer(token))).status).toBe(401);
  });

  it('answers 401 on refresh without a token or with a forged one', async () => {
    const app = seededApp();
    expect((await sdkPost(app, '/customer/refresh?site_id=1')).status).toBe(401);
    expect((await sdkPost(app, '/customer/refresh?site_id=1', undefined, bearer('a.b.c'))).json).toEqual({
      message: 'Token Signature could not be verified.',
    });
  });

  it("does not open another site's customer (403) and is refused once the customer is deleted", async () => {
    const app = seededApp();
    const data = (await register(app)).json.data;
    expect((await sdkPost(app, '/customer?site_id=2', undefined, bearer(data.auth_token))).status).toBe(403);
    await call(app, 'DELETE', `${BASE}/${data.id}?site_id=1`, { headers: { Authorization: 'Bearer demo' } });
    expect((await sdkPost(app, '/customer?site_id=1', undefined, bearer(data.auth_token))).json).toEqual({ message: 'User not found' });
  });

  it('is signed with --token-secret when given, so another server with the same secret accepts it', async () => {
    const secret = 'a-shared-secret-of-at-least-32-chars!';
    const token = (await register(seededApp({ tokenSecret: secret }))).json.data.auth_token;
    const other = seededApp({ tokenSecret: secret });
    await register(other);
    expect((await sdkPost(other, '/customer?site_id=1', undefined, bearer(token))).status).not.toBe(403);
    expect((await sdkPost(seededApp(), '/customer?site_id=1', undefined, bearer(token))).status).toBe(403);
  });
});

describe('PUT /api/v1/sdk/customer', () => {
  it('updates only what is sent, answers a fresh token, and a new email is unconfirmed', async () => {
    const app = seededApp();
    const seeded = (await get(app, `${BASE}?site_id=1&limit=100`)).json.data.find(
      (c: { has_password: boolean; email_confirm: boolean }) => c.has_password && c.email_confirm,
    );
    const token = (await sdkPost(app, '/auth/login?site_id=1', { email: seeded.email, password: DEMO_PASSWORD })).json.data.auth_token;
    const named = await sdkPut(app, '/customer?site_id=1', { first_name: 'Grace' }, bearer(token));
    expect(named.status).toBe(200);
    expect(named.json.data).toMatchObject({ first_name: 'Grace', last_name: seeded.last_name, email_confirm: true });
    expect(named.json.data.auth_token).not.toBe(token);
    const moved = await sdkPut(app, '/customer?site_id=1', { email: 'grace@example.com' }, bearer(token));
    expect(moved.json.data).toMatchObject({ email: 'grace@example.com', email_confirm: false });
    // The Core API sees the change.
    expect((await get(app, `${BASE}/${seeded.id}?site_id=1`, bearer('demo'))).json.data).toMatchObject({
      first_name: 'Grace',
      email: 'grace@example.com',
    });
  });

  it("answers 400 for another customer's email", async () => {
    const app = seededApp();
    await register(app, { email: 'first@example.com' });
    const token = (await register(app, { email: 'second@example.com' })).json.data.auth_token;
    expect((await sdkPut(app, '/customer?site_id=1', { email: 'first@example.com' }, bearer(token))).json).toEqual({
      errors: { email: ['The email has already been taken.'] },
    });
  });
});

describe('POST /api/v1/sdk/address and /payment_methods', () => {
  it('adds an address (type shipping by default) and answers the customer holding it', async () => {
    const app = seededApp();
    const token = (await register(app)).json.data.auth_token;
    const answer = await sdkPost(app, '/address?site_id=1', { line1: '10 Downing St', country: 'GB' }, bearer(token));
    expect(answer.status).toBe(200);
    expect(answer.json.data.addresses).toEqual([expect.objectContaining({ type: 'shipping', line1: '10 Downing St', country: 'GB' })]);
    expect((await sdkPost(app, '/address?site_id=1', { country: 'GB' }, bearer(token))).json).toEqual({
      errors: { line1: ['The line1 field is required.'] },
    });
  });

  it('adds a payment method (201), 404 without its token, and makes another the default with PUT', async () => {
    const app = seededApp();
    const token = (await register(app)).json.data.auth_token;
    const first = await sdkPost(app, '/payment_methods?site_id=1', { token: 'tok_visa' }, bearer(token));
    expect(first.status).toBe(201);
    expect(first.json.data).toMatchObject({ brand: 'Visa', last4: '4242' });
    const missing = await sdkPost(app, '/payment_methods?site_id=1', {}, bearer(token));
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ message: 'The token field is required.' });
    const second = (await sdkPost(app, '/payment_methods?site_id=1', { token: 'tok_mastercard' }, bearer(token))).json.data;
    const made = await sdkPut(app, `/payment_methods/${second.id}?site_id=1`, { is_default: true }, bearer(token));
    expect(made.status).toBe(200);
    const me = (await sdkPost(app, '/customer?site_id=1', undefined, bearer(token))).json.data;
    expect(me.default_source_id).toBe(second.id);
    expect(me.sources.map((s: { id: number }) => s.id)).toEqual([first.json.data.id, second.id]);
  });

  it('shows each payment method as react-pelcro-js reads it: is_default, deletable and the card under properties', async () => {
    const app = seededApp();
    const token = (await register(app)).json.data.auth_token;
    const created = await sdkPost(app, '/payment_methods?site_id=1', { token: 'tok_visa' }, bearer(token));
    const card = { brand: 'Visa', last4: '4242', exp_month: 12, exp_year: 2029 };
    expect(created.json.data).toMatchObject({ is_default: true, deletable: true, properties: card });
    const second = (await sdkPost(app, '/payment_methods?site_id=1', { token: 'tok_mastercard' }, bearer(token))).json.data;
    expect(second).toMatchObject({ is_default: false, properties: { brand: 'MasterCard', last4: '4444' } });
    const made = await sdkPut(app, `/payment_methods/${second.id}?site_id=1`, { is_default: true }, bearer(token));
    expect(made.json.data.is_default).toBe(true);
    const me = (await sdkPost(app, '/customer?site_id=1', undefined, bearer(token))).json;
    expect(SdkCustomerEnvelope.safeParse(me).success).toBe(true);
    expect(me.data.sources.map((s: { is_default: boolean }) => s.is_default)).toEqual([false, true]);
    expect(me.data.sources[0].properties).toEqual(card);
  });

  it('lists (GET), retrieves (GET {id}) and deletes (DELETE {id}, answering it) payment methods, as react-pelcro-js calls them', async () => {
    const app = seededApp();
    const token = (await register(app)).json.data.auth_token;
    const first = (await sdkPost(app, '/payment_methods?site_id=1', { token: 'tok_visa' }, bearer(token))).json.data;
    const second = (await sdkPost(app, '/payment_methods?site_id=1', { token: 'tok_mastercard' }, bearer(token))).json.data;
    const list = await call(app, 'GET', `${SDK}/payment_methods?site_id=1`, bearer(token));
    expect(list.status).toBe(200);
    expect(list.json).toEqual({ data: [first, second] });
    const one = await call(app, 'GET', `${SDK}/payment_methods/${second.id}?site_id=1`, bearer(token));
    expect(one.json).toEqual({ data: second });
    // The default cannot be deleted: react-pelcro-js makes another the default first.
    const refused = await call(app, 'DELETE', `${SDK}/payment_methods/${first.id}?site_id=1`, bearer(token));
    expect(refused.status).toBe(400);
    expect(refused.json).toEqual({ message: 'Cannot delete the default payment method' });
    await sdkPut(app, `/payment_methods/${second.id}?site_id=1`, { is_default: true }, bearer(token));
    const deleted = await call(app, 'DELETE', `${SDK}/payment_methods/${first.id}?site_id=1`, bearer(token));
    expect(deleted.status).toBe(200);
    expect(deleted.json.data).toMatchObject({ id: first.id, is_default: false });
    expect((await call(app, 'GET', `${SDK}/payment_methods?site_id=1`, bearer(token))).json.data.map((m: { id: number }) => m.id)).toEqual([
      second.id,
    ]);
    expect((await call(app, 'GET', `${SDK}/payment_methods/${first.id}?site_id=1`, bearer(token))).status).toBe(404);
    const theirs = (await register(app, { email: 'theirs@example.com' })).json.data.auth_token;
    expect((await call(app, 'GET', `${SDK}/payment_methods/${second.id}?site_id=1`, bearer(theirs))).status).toBe(404);
    expect((await call(app, 'DELETE', `${SDK}/payment_methods/${second.id}?site_id=1`, bearer(theirs))).status).toBe(404);
  });

  it("sets the card's new expiry sent with PUT, as react-pelcro-js's card update form sends it", async () => {
    const app = seededApp();
    const token = (await register(app)).json.data.auth_token;
    const card = (await sdkPost(app, '/payment_methods?site_id=1', { token: 'tok_visa' }, bearer(token))).json.data;
    const body = { payment_method_id: card.id, gateway: 'stripe', exp_month: 4, exp_year: '2031', is_default: true };
    const updated = await sdkPut(app, `/payment_methods/${card.id}?site_id=1`, body, bearer(token));
    expect(updated.status).toBe(200);
    expect(updated.json.data).toMatchObject({ exp_month: 4, exp_year: 2031, properties: { exp_month: 4, exp_year: 2031 } });
    const me = (await sdkPost(app, '/customer?site_id=1', undefined, bearer(token))).json.data;
    expect(me.sources[0]).toMatchObject({ exp_month: 4, exp_year: 2031 });
    const bad = await sdkPut(app, `/payment_methods/${card.id}?site_id=1`, { exp_month: 13, is_default: true }, bearer(token));
    expect(bad.json).toEqual({ errors: { exp_month: ['The exp month field must not be greater than 12.'] } });
  });

  it("answers 404 for another customer's payment method", async () => {
    const app = seededApp();
    const mine = (await register(app, { email: 'mine@example.com' })).json.data.auth_token;
    const theirs = (await register(app, { email: 'theirs@example.com' })).json.data.auth_token;
    const source = (await sdkPost(app, '/payment_methods?site_id=1', { token: 'tok_visa' }, bearer(theirs))).json.data;
    expect((await sdkPut(app, `/payment_methods/${source.id}?site_id=1`, { is_default: true }, bearer(mine))).status).toBe(404);
  });
});

describe('PUT /api/v1/sdk/address', () => {
  // The body react-pelcro-js 3.55's address update form sends (window.Pelcro.address.update).
  const edit = (address_id: unknown, fields: Record<string, unknown> = {}) => ({
    address_id,
    type: 'shipping',
    first_name: 'Ada',
    last_name: 'Lovelace',
    line1: '1 Main Street',
    line2: 'Apt 2',
    city: 'Austin',
    state: 'TX',
    country: 'US',
    postal_code: '78701',
    is_default: false,
    ...fields,
  });

  async function withTwoAddresses(app: Hono) {
    const token = (await register(app)).json.data.auth_token;
    const body = { line1: '1 Main St', city: 'Austin', state: 'TX', country: 'US' };
    await sdkPost(app, '/address?site_id=1', body, bearer(token));
    const added = await sdkPost(app, '/address?site_id=1', { ...body, line1: '2 Oak St', is_default: true }, bearer(token));
    const [first, second] = added.json.data.addresses;
    return { token, first, second };
  }

  it('changes the address named by address_id and answers the customer holding it', async () => {
    const app = seededApp();
    const { token, first } = await withTwoAddresses(app);
    const answer = await sdkPut(app, '/address?site_id=1', edit(first.id), bearer(token));
    expect(answer.status).toBe(200);
    expect(SdkCustomerEnvelope.safeParse(answer.json).success).toBe(true);
    expect(answer.json.data.auth_token).toBe(token);
    expect(answer.json.data.addresses[0]).toEqual({
      ...first,
      first_name: 'Ada',
      last_name: 'Lovelace',
      line1: '1 Main Street',
      line2: 'Apt 2',
      postal_code: '78701',
    });
  });

  it('makes it the default of its type and clears the one before', async () => {
    const app = seededApp();
    const { token, first, second } = await withTwoAddresses(app);
    const answer = await sdkPut(app, '/address?site_id=1', edit(first.id, { is_default: true }), bearer(token));
    expect(answer.json.data.addresses.map((a: { id: number; is_default: boolean }) => [a.id, a.is_default])).toEqual([
      [first.id, true],
      [second.id, false],
    ]);
  });

  it('answers 400 with the Core rules: address_id required and an integer, line1 not null, state for the US', async () => {
    const app = seededApp();
    const { token, first } = await withTwoAddresses(app);
    const put = (body: unknown) => sdkPut(app, '/address?site_id=1', body, bearer(token));
    expect((await put({ line1: 'x' })).json).toEqual({ errors: { address_id: ['The address id field is required.'] } });
    expect((await put({ address_id: 'abc' })).json).toEqual({ errors: { address_id: ['The address id field must be an integer.'] } });
    expect(await put(edit(first.id, { line1: '', state: null }))).toMatchObject({
      status: 400,
      json: { errors: { line1: ['The line1 field is required.'], state: ['The state field is required when country is US.'] } },
    });
  });

  it("answers 404 for another customer's address or an unknown id, and 401 without a token", async () => {
    const app = seededApp();
    const { first } = await withTwoAddresses(app);
    const other = (await register(app, { email: 'other@example.com' })).json.data.auth_token;
    for (const id of [first.id, 99999]) {
      expect((await sdkPut(app, '/address?site_id=1', edit(id), bearer(other))).json).toEqual({
        message: `No query results for model [App\\Models\\Address] ${id}`,
      });
    }
    expect((await sdkPut(app, '/address?site_id=1', edit(first.id), ANON)).status).toBe(401);
  });

  it('names an address_id not found as it was sent, as ModelNotFoundException implodes the id given to findOrFail', async () => {
    const app = seededApp();
    const { token } = await withTwoAddresses(app);
    // "-0" and "+99999" pass FILTER_VALIDATE_INT and find no row; the message keeps the string.
    for (const [sent, named] of [
      ['-0', '-0'],
      ['+99999', '+99999'],
      [' 99999 ', '99999'],
      [99999.0, '99999'],
      [true, '1'],
    ] as const) {
      expect((await sdkPut(app, '/address?site_id=1', { address_id: sent }, bearer(token))).json).toEqual({
        message: `No query results for model [App\\Models\\Address] ${named}`,
      });
    }
  });

  it('reports site_id before address_id and the fields, as every other route puts site_id first in its rules', async () => {
    const app = seededApp();
    const { token } = await withTwoAddresses(app);
    const answer = await sdkPut(app, '/address', { address_id: 'x', type: 'x' }, bearer(token));
    expect(Object.keys(answer.json.errors)).toEqual(['site_id', 'address_id', 'type']);
  });
});
