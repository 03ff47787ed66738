import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';

const piriodAuth = { Authorization: 'Token admin-test', 'Content-Type': 'application/json' };
const pelcroAuth = { Authorization: 'Bearer admin-test', 'Content-Type': 'application/json' };

async function piriodCount(app: ReturnType<typeof createApp>, headers: Record<string, string> = piriodAuth) {
  return ((await (await app.request('/customers/', { headers })).json()) as { count: number }).count;
}

async function pelcroTotal(app: ReturnType<typeof createApp>) {
  const res = await app.request('/api/v1/core/customers?site_id=1', { headers: pelcroAuth });
  return ((await res.json()) as { meta: { total: number } }).meta.total;
}

describe('POST /__understudy/reset', () => {
  it('brings every sandbox back to the seeded data', async () => {
    const app = createApp();
    await app.request('/customers/', { method: 'POST', headers: piriodAuth, body: JSON.stringify({ name: 'Temporary SpA' }) });
    await app.request('/api/v1/core/customers', {
      method: 'POST',
      headers: pelcroAuth,
      body: JSON.stringify({ site_id: 1, email: 'tmp@example.com' }),
    });
    expect([await piriodCount(app), await pelcroTotal(app)]).toEqual([51, 51]);

    const res = await app.request('/__understudy/reset', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ reset: ['piriod', 'pelcro'] });
    expect([await piriodCount(app), await pelcroTotal(app)]).toEqual([50, 50]);
  });

  it('resets only the provider named by ?provider=', async () => {
    const app = createApp();
    await app.request('/customers/', { method: 'POST', headers: piriodAuth, body: JSON.stringify({ name: 'Kept SpA' }) });
    await app.request('/api/v1/core/customers', {
      method: 'POST',
      headers: pelcroAuth,
      body: JSON.stringify({ site_id: 1, email: 'gone@example.com' }),
    });
    await app.request('/__understudy/reset?provider=pelcro', { method: 'POST' });
    expect([await piriodCount(app), await pelcroTotal(app)]).toEqual([51, 50]);
  });

  it('answers 400 for a provider the app does not serve', async () => {
    const app = createApp({ providers: ['piriod'] });
    const res = await app.request('/__understudy/reset?provider=pelcro', { method: 'POST' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'bad_request', message: 'provider must be one of piriod' });
  });
});

describe('GET /__understudy/status', () => {
  it('counts the sandboxes each provider has opened', async () => {
    const app = createApp();
    await piriodCount(app);
    await piriodCount(app, { Authorization: 'Token another' });
    await pelcroTotal(app);
    const health = await (await app.request('/__understudy/status')).json();
    expect(health).toMatchObject({ status: 'ok', sandboxes: { piriod: 2, pelcro: 1 } });
  });
});

describe('Piriod test mode', () => {
  it('keeps what X-Piriod-Test-Mode: true writes apart from live data of the same token', async () => {
    const app = createApp({ providers: ['piriod'] });
    const testMode = { ...piriodAuth, 'X-Piriod-Test-Mode': 'true' };
    await app.request('/customers/', { method: 'POST', headers: testMode, body: JSON.stringify({ name: 'Test Data SpA' }) });
    expect([await piriodCount(app, testMode), await piriodCount(app)]).toEqual([51, 50]);
  });
});
