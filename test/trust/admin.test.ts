import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { parseServeArgs } from '../../src/commands/serve';

const TOKEN = 'admin-secret-1234';
const piriod = { Authorization: 'Token tenant', 'Content-Type': 'application/json' };

/** The bindings @hono/node-server passes: the peer's address is read from them. */
const peer = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

const ADMIN_ROUTES: [string, string][] = [
  ['POST', '/__understudy/reset'],
  ['POST', '/__understudy/reset?provider=piriod'],
  ['GET', '/__understudy/status'],
  ['GET', '/__understudy/openapi/piriod.json'],
];

async function customerCount(app: ReturnType<typeof createApp>): Promise<number> {
  return ((await (await app.request('/customers/', { headers: piriod })).json()) as { count: number }).count;
}

/** An app whose tenant wrote one customer (51 where the seed has 50): a reset would show. */
async function appWithWrite(options: Parameters<typeof createApp>[0] = {}) {
  const app = createApp({ providers: ['piriod'], ...options });
  await app.request('/customers/', { method: 'POST', headers: piriod, body: JSON.stringify({ name: 'Kept SpA' }) });
  expect(await customerCount(app)).toBe(51);
  return app;
}

describe('/__understudy/ routes with --admin-token', () => {
  it.each(ADMIN_ROUTES)('%s %s answers 401 without the token, and the data stays', async (method, path) => {
    const app = await appWithWrite({ adminToken: TOKEN });
    const res = await app.request(path, { method });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="understudy admin"');
    expect(await customerCount(app)).toBe(51);
  });

  it.each(ADMIN_ROUTES)('%s %s answers 401 with a wrong token', async (method, path) => {
    const app = await appWithWrite({ adminToken: TOKEN });
    for (const auth of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Token ${TOKEN}`, TOKEN, 'Bearer ']) {
      expect((await app.request(path, { method, headers: { Authorization: auth } })).status).toBe(401);
    }
  });

  it('POST /__understudy/reset answers 200 with the token, from any address', async () => {
    const app = await appWithWrite({ adminToken: TOKEN });
    const res = await app.request(
      '/__understudy/reset',
      { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } },
      peer('203.0.113.9'),
    );
    expect(res.status).toBe(200);
    expect(await customerCount(app)).toBe(50);
  });

  it('GET /__understudy/health says only ok without the token, and the details with it', async () => {
    const app = createApp({ adminToken: TOKEN });
    await customerCount(app);
    expect(await (await app.request('/__understudy/health', {}, peer('203.0.113.9'))).json()).toEqual({ status: 'ok' });
    const full = await (await app.request('/__understudy/health', { headers: { Authorization: `Bearer ${TOKEN}` } })).json();
    expect(full).toMatchObject({ status: 'ok', sandboxes: { piriod: 1, pelcro: 0 } });
  });
});

describe('/__understudy/ routes without an admin token', () => {
  it.each(ADMIN_ROUTES)('%s %s answers 403 to a client that is not on loopback', async (method, path) => {
    const app = await appWithWrite();
    for (const address of ['203.0.113.9', '10.0.0.5', '::ffff:192.168.1.2', '2001:db8::1']) {
      const res = await app.request(path, { method, headers: { Host: '127.0.0.1:4010' } }, peer(address));
      expect(res.status).toBe(403);
    }
    expect(await customerCount(app)).toBe(51);
  });

  it.each(['127.0.0.1', '::1', '::ffff:127.0.0.1'])('answers a loopback client (%s)', async (address) => {
    const app = await appWithWrite();
    const res = await app.request('/__understudy/reset', { method: 'POST', headers: { Host: 'localhost:4010' } }, peer(address));
    expect(res.status).toBe(200);
    expect(await customerCount(app)).toBe(50);
  });

  it('answers 403 to a loopback client that names another host (DNS rebinding)', async () => {
    const app = await appWithWrite();
    const res = await app.request(
      'http://rebind.example:4010/__understudy/reset',
      { method: 'POST', headers: { Host: 'rebind.example:4010' } },
      peer('127.0.0.1'),
    );
    expect(res.status).toBe(403);
    expect(await customerCount(app)).toBe(51);
  });

  it('GET /__understudy/health answers ok and nothing about tenants', async () => {
    const app = createApp();
    await customerCount(app);
    const res = await app.request('/__understudy/health', {}, peer('203.0.113.9'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});

describe('/__understudy/ routes and browsers on another origin', () => {
  const foreign = { Origin: 'https://evil.example' };

  it.each(ADMIN_ROUTES)('%s %s answers 403 to a foreign Origin, even with the token, and sends no CORS header', async (method, path) => {
    const app = await appWithWrite({ adminToken: TOKEN });
    const res = await app.request(path, { method, headers: { ...foreign, Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(await customerCount(app)).toBe(51);
  });

  it('refuses a no-cors simple POST (text/plain, no preflight) from another site', async () => {
    const app = await appWithWrite();
    const res = await app.request('/__understudy/reset', {
      method: 'POST',
      headers: { ...foreign, 'Content-Type': 'text/plain', 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Site': 'cross-site' },
      body: 'x',
    });
    expect(res.status).toBe(403);
    expect(await customerCount(app)).toBe(51);
  });

  it('refuses a cross-site request that sends no Origin (Sec-Fetch-Site says so)', async () => {
    const app = await appWithWrite();
    const res = await app.request('/__understudy/reset', { method: 'POST', headers: { 'Sec-Fetch-Site': 'cross-site' } });
    expect(res.status).toBe(403);
    expect(await customerCount(app)).toBe(51);
  });

  it('answers a preflight to an admin route without any CORS header', async () => {
    const app = createApp();
    const res = await app.request('/__understudy/reset', {
      method: 'OPTIONS',
      headers: { ...foreign, 'Access-Control-Request-Method': 'POST' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-methods')).toBeNull();
  });

  it("accepts the server's own Origin", async () => {
    const app = await appWithWrite();
    const res = await app.request('http://127.0.0.1:4010/__understudy/reset', {
      method: 'POST',
      headers: { Origin: 'http://127.0.0.1:4010', Host: '127.0.0.1:4010' },
    });
    expect(res.status).toBe(200);
  });

  it('keeps provider routes usable from a frontend on another origin, Authorization header included', async () => {
    const app = createApp();
    const preflight = await app.request('/customers/', {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const res = await app.request('/api/v1/core/customers?site_id=1', {
      headers: { Origin: 'http://localhost:5173', Authorization: 'Bearer k' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });
});

describe('understudy serve on a public interface', () => {
  const cwd = process.cwd();
  it('turns the admin routes off without --admin-token', async () => {
    const settings = parseServeArgs({ args: ['--host', '0.0.0.0'], env: {}, cwd });
    if (settings === 'help') throw new Error('help');
    expect(settings.options.adminRoutes).toBe(false);
    const app = await appWithWrite(settings.options);
    const res = await app.request('/__understudy/reset', { method: 'POST' }, peer('127.0.0.1'));
    expect(res.status).toBe(403);
    expect(await customerCount(app)).toBe(51);
    expect((await app.request('/__understudy/health')).status).toBe(200);
  });

  it('keeps them on with --admin-token or $UNDERSTUDY_ADMIN_TOKEN, and on loopback hosts', () => {
    const on = (args: string[], env: Record<string, string> = {}) => {
      const settings = parseServeArgs({ args, env, cwd });
      return settings !== 'help' && settings.options.adminRoutes;
    };
    expect(on(['--host', '0.0.0.0', '--admin-token', TOKEN])).toBe(true);
    expect(on(['--host', '0.0.0.0'], { UNDERSTUDY_ADMIN_TOKEN: TOKEN })).toBe(true);
    expect(on(['--host', '127.0.0.1'])).toBe(true);
    expect(on(['--host', '::1'])).toBe(true);
    expect(on(['--host', 'localhost'])).toBe(true);
    expect(on(['--host', '192.168.1.5'])).toBe(false);
  });

  it('refuses an admin token shorter than 8 characters', () => {
    expect(() => parseServeArgs({ args: ['--admin-token', 'short'], env: {}, cwd })).toThrow(/--admin-token must be at least 8 characters/);
  });
});
