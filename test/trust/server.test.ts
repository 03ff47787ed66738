import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { DEFAULT_SERVER_LIMITS, startServer, type RunningServer, type ServeSettings } from '../../src/commands/serve';
import { fingerprint, formatEntry, withRequestLog } from '../../src/core/log';

let running: RunningServer | undefined;
afterEach(async () => {
  running?.server.closeAllConnections();
  await new Promise((resolve) => running?.server.close(resolve) ?? resolve(undefined));
  running = undefined;
});

async function start(server: Partial<ServeSettings['server']> = {}, lines: string[] = []) {
  running = await startServer(
    { port: 0, host: '127.0.0.1', options: { providers: ['piriod'] }, server: { ...DEFAULT_SERVER_LIMITS, ...server }, log: 'text' },
    (line) => lines.push(line),
  );
  return { ...running, port: Number(new URL(running.url).port) };
}

/** Opens a raw socket, writes `data`, and resolves with what the server sent before it closed. */
function raw(port: number, data: string, keepOpenMs = 0): Promise<{ text: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const opened = performance.now();
    let text = '';
    socket.on('connect', () => socket.write(data));
    socket.on('data', (chunk) => (text += String(chunk)));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ text, closedAfterMs: performance.now() - opened }));
    if (keepOpenMs) setTimeout(() => socket.destroy(), keepOpenMs);
  });
}

describe('seeding once listening', () => {
  const big = { name: 'big', piriod: { customers: 20_000 }, pelcro: { customers: 20_000 } };
  const until = async (done: () => boolean) => {
    for (let waited = 0; !done() && waited < 20_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  };

  it('builds every seed in slices with no client asking, answering a health probe meanwhile, then calls `seeded` once', async () => {
    let seededCalls = 0;
    running = await startServer(
      { port: 0, host: '127.0.0.1', options: { scenario: big }, server: DEFAULT_SERVER_LIMITS, log: 'off' },
      () => {},
      () => {},
      () => seededCalls++,
    );
    const health = await fetch(`${running.url}/__understudy/health`);
    expect(health.status).toBe(200);
    // Answered while the seeds were still being built: a slice, not the whole seed, stood before it.
    expect(seededCalls).toBe(0);
    await until(() => seededCalls > 0);
    expect(seededCalls).toBe(1);
    await fetch(`${running.url}/customers/`, { headers: { Authorization: 'Token t' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seededCalls).toBe(1);
  });

  it('answers a provider request that comes mid-seed with the bytes of a seed built at once', async () => {
    running = await startServer(
      {
        port: 0,
        host: '127.0.0.1',
        options: { scenario: big, freezeTime: '2025-07-01T00:00:00Z' },
        server: DEFAULT_SERVER_LIMITS,
        log: 'off',
      },
      () => {},
    );
    const paths = [
      ['/customers/?page=70&ordering=-created', { Authorization: 'Token t' }],
      ['/api/v1/core/customers?site_id=1&page=300&expand=addresses,subscriptions,organization', { Authorization: 'Bearer t' }],
    ] as const;
    const served = await Promise.all(paths.map(([path, headers]) => fetch(`${running?.url}${path}`, { headers }).then((r) => r.text())));
    const app = createApp({ scenario: big, freezeTime: '2025-07-01T00:00:00Z' });
    const atOnce: string[] = [];
    for (const [path, headers] of paths) atOnce.push(await (await app.request(`${running.url}${path}`, { headers })).text());
    expect(served).toEqual(atOnce);
    expect(JSON.parse(served[1]).data).toHaveLength(10);
  });
});

describe('the request log', () => {
  it('writes one line per request with time, method, path, status, ms and the token as a fingerprint', async () => {
    const lines: string[] = [];
    const { url } = await start({}, lines);
    await fetch(`${url}/customers/?page_size=1&secret=q`, {
      headers: { Authorization: 'Token sk_live_very_secret', 'X-Simple-Workspace': 'acc_1' },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z GET /customers/ 200 [\\d.]+ms sandbox=${fingerprint('sk_live_very_secret')}:acc_1$`),
    );
    expect(lines[0]).not.toContain('sk_live_very_secret');
    expect(lines[0]).not.toContain('secret=q');
  });

  it("tells Piriod's test-mode sandbox from the live one of the same credentials", async () => {
    const lines: string[] = [];
    const fetch = withRequestLog(createApp().fetch, (line) => lines.push(line), 'json');
    const headers = { Authorization: 'Token t', 'X-Simple-Workspace': 'acc_1' };
    await fetch(new Request('http://x/customers/', { headers }));
    await fetch(new Request('http://x/customers/', { headers: { ...headers, 'X-Piriod-Test-Mode': 'true' } }));
    expect(lines.map((line) => JSON.parse(line).sandbox)).toEqual([`${fingerprint('t')}:acc_1`, `${fingerprint('t')}:acc_1:test`]);
  });

  it("names the API key's sandbox for Pelcro Open API calls, which carry a customer token or none", async () => {
    const lines: string[] = [];
    const fetch = withRequestLog(createApp({ openApiKey: 'key-1' }).fetch, (line) => lines.push(line), 'json');
    const json = { 'Content-Type': 'application/json' };
    const registered = await fetch(
      new Request('http://x/api/v1/sdk/auth/register?site_id=1', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ email: 'log@example.com', password: 'secret1' }),
      }),
    );
    const token = ((await registered.json()) as { data: { auth_token: string } }).data.auth_token;
    await fetch(new Request('http://x/api/v1/sdk/customer?site_id=1', { method: 'POST', headers: { Authorization: `Bearer ${token}` } }));
    await fetch(new Request('http://x/api/v1/core/customers?site_id=1', { headers: { Authorization: 'Bearer key-1' } }));
    await fetch(new Request('http://x/api/v1/sdk/customer?site_id=1', { method: 'POST' }));
    const key = `${fingerprint('key-1')}:site=1`;
    expect(lines.map((line) => JSON.parse(line).sandbox)).toEqual([key, key, key, '-']);
  });

  it('writes JSON lines with --log-format json, and one line whatever the path holds', async () => {
    const lines: string[] = [];
    const fetch = withRequestLog(
      createApp().fetch,
      (line) => lines.push(line),
      'json',
      () => new Date('2026-01-01T00:00:00Z'),
    );
    await fetch(new Request('http://x/api/v1/core/customers?site_id=1', { headers: { Authorization: 'Bearer key-1' } }));
    expect(JSON.parse(lines[0])).toMatchObject({
      time: '2026-01-01T00:00:00.000Z',
      method: 'GET',
      path: '/api/v1/core/customers',
      status: 200,
      sandbox: `${fingerprint('key-1')}:site=1`,
    });
    const line = formatEntry({ time: 't', method: 'GET', path: '/a\nb c', status: 404, ms: 1, sandbox: '-' }, 'text');
    expect(line.split('\n')).toHaveLength(1);
  });
});

describe('--public-url', () => {
  it('builds pagination links from it, not from the Host header', async () => {
    const app = createApp({ publicUrl: 'https://mock.example.com/' });
    const piriod = (await (
      await app.request('/customers/?page_size=1', { headers: { Authorization: 'Token t', Host: 'evil.example' } })
    ).json()) as { next: string };
    expect(piriod.next).toBe('https://mock.example.com/customers/?page=2&page_size=1');
    const pelcro = (await (
      await app.request('http://evil.example/api/v1/core/customers?site_id=1&limit=1', {
        headers: { Authorization: 'Bearer t', Host: 'evil.example' },
      })
    ).json()) as { links: { next: string }; meta: { path: string } };
    expect(pelcro.links.next).toBe('https://mock.example.com/api/v1/core/customers?page=2');
  });

  it('refuses a value that is not an http(s) URL', () => {
    expect(() => createApp({ publicUrl: 'javascript:alert(1)' })).toThrow(/must be an http\(s\) URL/);
  });
});

describe('connection and header bounds of the server', () => {
  it('answers 431 to headers over 16 KiB', async () => {
    const { url } = await start();
    const res = await fetch(`${url}/customers/`, { headers: { Authorization: 'Token t', 'X-Fill': 'x'.repeat(17 * 1024) } });
    expect(res.status).toBe(431);
  });

  it('cuts a client that sends its headers too slowly (408, then closed)', async () => {
    const { port } = await start({ headersTimeoutMs: 500, requestTimeoutMs: 1000 });
    const answer = await raw(port, 'GET /customers/ HTTP/1.1\r\nHost: x\r\n', 10_000);
    expect(answer.text).toMatch(/^HTTP\/1\.1 408/);
    expect(answer.closedAfterMs).toBeLessThan(5000);
  });

  it('cuts a client that sends its body too slowly', async () => {
    const { port } = await start({ headersTimeoutMs: 500, requestTimeoutMs: 1000 });
    const answer = await raw(
      port,
      'POST /customers/ HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\nAuthorization: Token t\r\n\r\n{',
      10_000,
    );
    expect(answer.closedAfterMs).toBeLessThan(5000);
  });

  it('refuses connections past --max-connections, and serves again once they close', async () => {
    const { port, url } = await start({ maxConnections: 3 });
    const held = await Promise.all(
      [0, 1, 2].map(
        () =>
          new Promise<net.Socket>((resolve) => {
            const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
          }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await raw(port, 'GET /__understudy/health HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(refused.text).toBe('');
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await fetch(`${url}/__understudy/health`)).status).toBe(200);
  });
});
