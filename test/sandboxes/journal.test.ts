import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/core/log';
import { PELCRO, PIRIOD, createPelcro, createPiriod, json, mock } from './helpers';

describe('the journal', () => {
  it('keeps what each sandbox was sent and answered, with the token redacted', async () => {
    const m = mock();
    const created = await createPiriod(m, { name: 'Acme', country: 'MX' });
    await json(m, '/customers/?page_size=2&search=acme', { headers: PIRIOD });
    const [post, get] = m.journal();
    expect(post).toMatchObject({ provider: 'piriod', method: 'POST', path: '/customers/', query: '', status: 201 });
    expect(JSON.parse(post.request.body!)).toEqual({ name: 'Acme', country: 'MX' });
    expect(JSON.parse(post.response.body!)).toEqual(created.body);
    expect(post.request.headers.authorization).toBe(`Token [redacted ${fingerprint('alice')}]`);
    expect(JSON.stringify(m.journal())).not.toContain('alice');
    expect(get).toMatchObject({ method: 'GET', query: 'page_size=2&search=acme', status: 200 });
    expect(get.ms).toBeGreaterThanOrEqual(0);
  });

  it('filters by method, path, status and time, per sandbox or across all, over HTTP too', async () => {
    const m = mock();
    const since = new Date().toISOString();
    await createPiriod(m, { name: 'Acme', country: 'MX' });
    await createPiriod(m, { country: 'MX' }); // 400: name is required
    await json(m, '/customers/nope/', { headers: PIRIOD });
    await createPelcro(m, { email: 'a@example.com' });
    const paths = (filter: Parameters<typeof m.journal>[0]) => m.journal(filter).map((e) => `${e.method} ${e.path} ${e.status}`);
    expect(paths({ method: 'post' })).toEqual(['POST /customers/ 201', 'POST /customers/ 400', 'POST /api/v1/core/customers 201']);
    expect(paths({ status: '4xx' })).toEqual(['POST /customers/ 400', 'GET /customers/nope/ 404']);
    expect(paths({ path: '/api' })).toEqual(['POST /api/v1/core/customers 201']);
    expect(paths({ since: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect(paths({ since })).toHaveLength(4);
    expect(paths({ target: { provider: 'pelcro', token: 'alice', site_id: 1 } })).toEqual(['POST /api/v1/core/customers 201']);
    const id = m.sandboxes().find((s) => s.provider === 'piriod')!.id;
    const one = await json(m, `/__understudy/sandboxes/piriod/${id}/journal?status=201`);
    expect(one.body.entries.map((e: { status: number }) => e.status)).toEqual([201]);
    expect((await json(m, '/__understudy/journal?status=abc')).status).toBe(400);
    expect((await json(m, `/__understudy/sandboxes/piriod/${id}/journal`, { method: 'DELETE' })).status).toBe(200);
    expect(paths({})).toEqual(['POST /api/v1/core/customers 201']);
    await json(m, '/__understudy/journal', { method: 'DELETE' });
    expect(m.journal()).toEqual([]);
  });

  it('is bounded in entries and bytes: the oldest go first, long bodies are cut', async () => {
    const m = mock({ journal: { entries: 3, bytes: 64 * 1024, totalBytes: 1024 * 1024, bodyBytes: 100 } });
    for (let i = 0; i < 5; i++) await json(m, `/customers/?page=${i + 1}`, { headers: PIRIOD });
    const entries = m.journal();
    expect(entries.map((e) => e.query)).toEqual(['page=3', 'page=4', 'page=5']);
    expect(entries[0].response.body).toHaveLength(100);
    expect(entries[0].response.truncated).toBe(true);

    const small = mock({ journal: { entries: 100, bytes: 64 * 1024, totalBytes: 2_000, bodyBytes: 100 } });
    for (let i = 0; i < 20; i++) await json(small, '/customers/?page_size=1', { headers: { Authorization: `Token t${i}` } });
    const kept = small.journal();
    expect(kept.length).toBeLessThan(20);
    // The budget across sandboxes drops the oldest entries anywhere.
    expect(kept.at(-1)!.request.headers.authorization).toContain(fingerprint('t19'));
  });

  it('is off with entries: 0', async () => {
    const m = mock({ journal: { entries: 0, bytes: 0, totalBytes: 0, bodyBytes: 0 } });
    await createPiriod(m, { name: 'Acme', country: 'MX' });
    expect(m.journal()).toEqual([]);
  });
});

describe('faults', () => {
  it("X-Understudy-Status answers in each provider's own error shape, before anything is written", async () => {
    const m = mock();
    const failing = { ...PIRIOD, 'X-Understudy-Status': '503' };
    const piriod = await createPiriod(m, { name: 'Never', country: 'MX' }, failing);
    expect(piriod).toMatchObject({ status: 503, body: { detail: 'A server error occurred.' } });
    const html = await json(m, '/customers/', { headers: { ...PIRIOD, 'X-Understudy-Status': '500' } });
    expect(html.status).toBe(500);
    expect(html.body).toContain('<h1>Server Error (500)</h1>');
    const throttled = await json(m, '/customers/', {
      headers: { ...PIRIOD, 'X-Understudy-Status': '429', 'X-Understudy-Retry-After': '7' },
    });
    expect(throttled).toMatchObject({ status: 429, body: { detail: 'Request was throttled. Expected available in 7 seconds.' } });
    expect(throttled.headers.get('retry-after')).toBe('7');
    const pelcro = await createPelcro(m, { email: 'never@example.com' }, { ...PELCRO, 'X-Understudy-Status': '503' });
    expect(pelcro).toMatchObject({ status: 503, body: { message: 'Service Unavailable' } });
    const limited = await json(m, '/api/v1/core/customers?site_id=1', {
      headers: { ...PELCRO, 'X-Understudy-Status': '429', 'X-Understudy-Retry-After': '2' },
    });
    expect(limited).toMatchObject({ status: 429, body: { message: 'Too Many Attempts.' } });
    expect(limited.headers.get('retry-after')).toBe('2');
    expect((await json(m, '/customers/?search=never', { headers: PIRIOD })).body.count).toBe(0);
    expect((await json(m, '/customers/', { headers: { ...PIRIOD, 'X-Understudy-Status': 'soon' } })).status).toBe(400);
  });

  it('delays by X-Understudy-Delay without holding other requests, capped at 30 s', async () => {
    const m = mock();
    const started = performance.now();
    const slow = m.fetch('/customers/', { headers: { ...PIRIOD, 'X-Understudy-Delay': '1000' } }).then(() => performance.now() - started);
    const fast = m.fetch('/customers/', { headers: PIRIOD }).then(() => performance.now() - started);
    const [slowMs, fastMs] = await Promise.all([slow, fast]);
    expect(slowMs).toBeGreaterThanOrEqual(990);
    // The other request was answered meanwhile, not after the delay.
    expect(fastMs).toBeLessThan(slowMs - 500);
    expect((await json(m, '/customers/', { headers: { ...PIRIOD, 'X-Understudy-Delay': '9999999999' } })).status).toBe(400);
    const { Faults } = await import('../../src/core/faults');
    const plan = new Faults(1, [{ delay: 25_000, rate: 1 }], true).plan({
      provider: 'piriod',
      method: 'GET',
      path: '/customers/',
      headers: new Headers({ 'x-understudy-delay': '25000' }),
    });
    expect(plan).toEqual({ delayMs: 30_000, failure: undefined });
  });

  it('applies rules by provider, method and path: statuses at a rate, 429 with Retry-After, dropped connections', async () => {
    const m = mock({ faults: [{ provider: 'piriod', method: 'POST', path: '/customers/', status: 503, rate: 0.5 }] });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await createPiriod(m, { name: `C${i}`, country: 'MX' })).status);
    const failed = statuses.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(8);
    expect(failed).toBeLessThan(32);
    expect((await json(m, '/customers/', { headers: PIRIOD })).status).toBe(200);
    m.setFaults([
      { provider: 'pelcro', status: 429, retry_after: 30 },
      { path: '/customers/', drop: true },
    ]);
    const limited = await json(m, '/api/v1/core/customers?site_id=1', { headers: PELCRO });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
    await expect(m.fetch('/customers/', { headers: PIRIOD })).rejects.toThrow('fetch failed');
    const rules = await json(m, '/__understudy/faults');
    expect(rules.body.rules).toHaveLength(2);
    const bad = await json(m, '/__understudy/faults', { method: 'PUT', body: JSON.stringify({ rules: [{ status: 200 }] }) });
    expect(bad).toMatchObject({ status: 400, body: { field: 'rules[0].status' } });
    await json(m, '/__understudy/faults', { method: 'DELETE' });
    expect((await json(m, '/customers/', { headers: PIRIOD })).status).toBe(200);
  });

  it('ignores the fault headers when they are turned off', async () => {
    const m = mock({ faultHeaders: false });
    expect((await json(m, '/customers/', { headers: { ...PIRIOD, 'X-Understudy-Status': '503' } })).status).toBe(200);
  });
});

describe('faults over a real connection', () => {
  it('a drop rule cuts the connection: the client sees a network error, and the server goes on', async () => {
    const { startMock } = await import('../../src/mock');
    const server = await startMock({ faults: [{ method: 'DELETE', drop: true }] });
    try {
      const dropped = fetch(`${server.url}/api/v1/core/customers/1?site_id=1`, { method: 'DELETE', headers: PELCRO });
      await expect(dropped).rejects.toThrow('fetch failed');
      const res = await fetch(`${server.url}/customers/`, { headers: { ...PIRIOD, 'X-Understudy-Delay': '50' } });
      expect(res.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
