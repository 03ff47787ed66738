import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { refusedHead } from '../../src/core/server';
import { startMock, type RunningMock } from '../../src/mock';

describe('CORS on provider routes', () => {
  const app = createApp({ freezeTime: '2026-01-01T12:00:00Z' });

  it('lets a page on another origin read an answer, credentials included, success or error alike', async () => {
    for (const [path, headers, status] of [
      ['/customers/', { Authorization: 'Token t', Origin: 'http://front.test' }, 200],
      ['/customers/cus_missing/', { Authorization: 'Token t', Origin: 'http://front.test' }, 404],
      ['/api/v1/core/customers?site_id=1', { Origin: 'http://front.test' }, 401],
    ] as const) {
      const res = await app.request(path, { headers });
      expect(res.status).toBe(status);
      expect(res.headers.get('access-control-allow-origin')).toBe('http://front.test');
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      expect(res.headers.get('vary')).toBe('Origin');
    }
  });

  it('gives every kind of answer the headers once: a page, a kept page, a create, a delete, a fault, a 404 page', async () => {
    const origin = { Origin: 'http://front.test' };
    const piriod = { ...origin, Authorization: 'Token cors' };
    const pelcro = { ...origin, Authorization: 'Bearer cors' };
    const created = await app.request('/customers/', {
      method: 'POST',
      headers: { ...piriod, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Cors SpA', country: 'US' }),
    });
    const id = ((await created.clone().json()) as { id: string }).id;
    const answers = [
      created,
      await app.request('/api/v1/core/customers?site_id=1', { headers: pelcro }),
      await app.request('/api/v1/core/customers?site_id=1', { headers: pelcro }),
      await app.request('/api/v1/core/customers/1?site_id=1', { headers: pelcro }),
      await app.request('/api/v1/core/customers/999999?site_id=1', { headers: pelcro }),
      await app.request(`/customers/${id}/`, { method: 'DELETE', headers: piriod }),
      await app.request('/customers/', { headers: { ...piriod, 'X-Understudy-Status': '503' } }),
      await app.request('/nothing-here/', { headers: piriod }),
    ];
    expect(answers.map((res) => res.status)).toEqual([201, 200, 200, 200, 404, 204, 503, 404]);
    for (const res of answers) {
      expect(res.headers.get('access-control-allow-origin')).toBe('http://front.test');
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      expect(res.headers.get('access-control-expose-headers')).toBe('Allow, Retry-After, WWW-Authenticate');
      expect(res.headers.get('vary')).toBe('Origin');
    }
  });

  it("lets the page's script read a fault's Retry-After and DRF's Allow and WWW-Authenticate", async () => {
    const origin = { Origin: 'http://front.test' };
    const limited = await app.request('/customers/', {
      headers: { ...origin, Authorization: 'Token t', 'X-Understudy-Status': '429', 'X-Understudy-Retry-After': '5' },
    });
    const refused = await app.request('/customers/', { headers: origin });
    expect([limited.status, refused.status]).toEqual([429, 401]);
    const exposed = (res: Response) => (res.headers.get('access-control-expose-headers') ?? '').split(', ');
    expect(limited.headers.get('retry-after')).toBe('5');
    expect(exposed(limited)).toContain('Retry-After');
    expect(refused.headers.get('www-authenticate')).toBe('Token');
    expect(exposed(refused)).toEqual(expect.arrayContaining(['Allow', 'WWW-Authenticate']));
  });

  it('answers a request without an Origin with the wildcard origin, and no credentials beside it (Fetch refuses the pair)', async () => {
    const res = await app.request('/customers/', { headers: { Authorization: 'Token t' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('answers a preflight with 204 and the methods the providers serve, OPTIONS included', async () => {
    const res = await app.request('/customers/', {
      method: 'OPTIONS',
      headers: { Origin: 'http://front.test', 'Access-Control-Request-Method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,HEAD,POST,PUT,PATCH,DELETE,OPTIONS');
    expect(res.headers.get('access-control-allow-origin')).toBe('http://front.test');
  });

  it("lets a page read a plain OPTIONS answer (DRF's metadata, Laravel's Allow)", async () => {
    for (const [path, auth] of [
      ['/customers/', 'Token t'],
      ['/api/v1/core/customers', 'Bearer t'],
    ]) {
      const res = await app.request(path, { method: 'OPTIONS', headers: { Origin: 'http://front.test', Authorization: auth } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('http://front.test');
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    }
  });
});

describe("CORS on the server's own refusals (node answers them before the app)", () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ port: 0 });
  });
  afterAll(() => mock.close());
  const origin = 'http://front.test:5173';

  it("lets a page read the 431 to its headers or target over 16 KiB (a localhost cookie jar, a long filter), as it reads a provider's answer", async () => {
    const cookies = await fetch(`${mock.url}/api/v1/sdk/customer?site_id=1`, {
      method: 'POST',
      headers: { Origin: origin, Cookie: Array.from({ length: 6 }, (_, i) => `c${i}=${'v'.repeat(3900)}`).join('; ') },
    });
    const target = await fetch(`${mock.url}/customers/?name=${'a'.repeat(17 * 1024)}`, {
      headers: { Origin: origin, Authorization: 'Token t' },
    });
    for (const res of [cookies, target]) {
      expect(res.status).toBe(431);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      expect(res.headers.get('vary')).toBe('Origin');
    }
  });

  it("gives no CORS header to a refusal of the mock's own routes, of a client naming no origin, or whose path was not read", async () => {
    const fill = { 'X-Fill': 'x'.repeat(17 * 1024) };
    const admin = await fetch(`${mock.url}/__understudy/status`, { headers: { Origin: origin, ...fill } });
    const noOrigin = await fetch(`${mock.url}/customers/`, { headers: { Authorization: 'Token t', ...fill } });
    for (const res of [admin, noOrigin]) {
      expect(res.status).toBe(431);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
    expect(refusedHead(`GET /__understudy/reset HTTP/1.1\r\nOrigin: ${origin}\r\n`)).toEqual({ path: '/__understudy/reset', origin });
    expect(refusedHead(`GET /customers/${'a'.repeat(100)}`)).toEqual({ path: undefined, origin: undefined });
    // Only an origin's characters are written back: never a line break or a cut-off value.
    expect(refusedHead(`GET / HTTP/1.1\r\nOrigin: http://a.test\u0000x\r\nOrigin: http://b.te`).origin).toBeUndefined();
  });
});
