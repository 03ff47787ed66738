import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fill, nth, type BenchRequest } from './load';
import { luaString, runWrk, wrkVersion } from './wrk';

describe('fill', () => {
  it('puts the request number for {i} and the number divided and rounded down for {i/N}', () => {
    expect(fill('bench{i}@example.com', 42)).toBe('bench42@example.com');
    expect(fill('Token bench-create-{i/2000}', 3999)).toBe('Token bench-create-1');
    expect(fill('{"n":"{i}","s":"{i/10}","t":"{i}"}', 10_000_123)).toBe('{"n":"10000123","s":"1000012","t":"10000123"}');
  });

  it('leaves a request that is not counted as written', () => {
    const request: BenchRequest = { method: 'POST', path: '/a/{i}', headers: { X: '{i}' }, body: '{i}' };
    expect(nth(request, 7)).toEqual({ path: '/a/{i}', headers: { X: '{i}' }, body: '{i}' });
  });
});

describe('luaString', () => {
  it('writes every byte that is not plain printable ASCII as a decimal escape', () => {
    expect(luaString('a"b\\c\nñ')).toBe('"a\\34b\\92c\\10\\195\\177"');
  });
});

// The Lua script fills the templates itself: this checks it fills them as `fill` does, byte for
// byte, and counts statuses as runLoad does. It needs wrk (Debian: apt-get install wrk).
describe.skipIf(wrkVersion() === undefined)('runWrk', () => {
  const seen: { method: string; path: string; auth: string; body: string }[] = [];
  let server: http.Server;
  let port: number;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        seen.push({ method: req.method ?? '', path: req.url ?? '', auth: String(req.headers.authorization), body });
        // Every seventh request is refused, so the unexpected statuses are counted too.
        const refused = seen.length % 7 === 0;
        res.writeHead(refused ? 409 : 201, { 'content-type': 'application/json' });
        res.end(refused ? '{"detail":"taken"}' : body);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => server.close());

  it('sends request i of a counted run exactly as nth(request, i), from firstIndex on', async () => {
    const request: BenchRequest = {
      method: 'POST',
      path: '/customers/{i/5}/',
      headers: { Authorization: 'Token bench-create-{i/3}' },
      body: JSON.stringify({ name: 'Ñandú {i}', email: 'bench{i}@example.com' }),
      counted: true,
    };
    // One connection: the server sees the requests in the order wrk numbered them.
    const result = await runWrk({ port, connections: 1, durationMs: 1000, request, expect: [201], firstIndex: 1_000_000 });

    expect(seen.length).toBeGreaterThan(50);
    // wrk calls request() once before it connects and sends nothing of it: the run starts at
    // firstIndex or just after it, and then counts up one by one.
    const first = Number(/bench(\d+)@/.exec(seen[0].body)?.[1]);
    expect([1_000_000, 1_000_001]).toContain(first);
    seen.forEach((got, k) => {
      const want = nth(request, first + k);
      expect(got).toEqual({ method: 'POST', path: want.path, auth: want.headers.Authorization, body: want.body });
    });
    // The answers wrk read are the first ones the server gave (one more may have been in flight at the stop).
    expect(seen.length - result.requests).toBeLessThanOrEqual(1);
    const refused = Math.floor(result.requests / 7);
    expect(result.errors).toBe(refused);
    expect(result.firstError).toBe('POST /customers/{i/5}/ → 409 {"detail":"taken"}');
    expect(result.p99Ms).toBeGreaterThan(0);
  });
});
