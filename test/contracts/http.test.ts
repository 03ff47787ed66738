/**
 * The suites' HTTP client against what a faithful deployment may do to a client: close an idle
 * keep-alive connection just as a request goes out on it, or throttle with 429 and Retry-After.
 * Neither is drift: the client recovers as HTTP allows, and reports only what stays wrong.
 */
import { describe, expect, it } from 'vitest';
import { HttpClient, retryAfterMs, type Target } from '../../contracts/check/http';

const closed = () => new TypeError('fetch failed', { cause: { code: 'UND_ERR_SOCKET', message: 'other side closed' } });

/** A target answering `answers` in turn (an Error is thrown as a network failure); logs each method. */
function scripted(answers: (Response | Error)[]): Target & { sent: string[] } {
  const sent: string[] = [];
  return {
    baseUrl: 'http://understudy.test',
    sent,
    fetch: async (request) => {
      sent.push(request.method);
      const next = answers.shift() ?? new Response('{}', { headers: { 'content-type': 'application/json' } });
      if (next instanceof Error) throw next;
      return next;
    },
  };
}

const client = (target: Target) => new HttpClient(target, new URL('http://understudy.test/'), {}, 2_000);
const ok = () => new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } });
const throttled = (retryAfter: string) =>
  new Response('{"detail":"Request was throttled."}', {
    status: 429,
    headers: { 'content-type': 'application/json', 'retry-after': retryAfter },
  });

describe('the contract HTTP client', () => {
  it('reads a body that starts with a UTF-8 byte order mark, and says it did', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"ok":true}')]);
    const res = await client(scripted([new Response(bytes, { headers: { 'content-type': 'application/json' } })])).send({
      method: 'GET',
      path: '/customers/',
    });
    expect(res.bom).toBe(true);
    expect(res.json).toEqual({ ok: true });
    expect((await client(scripted([ok()])).send({ method: 'GET', path: '/customers/' })).bom).toBeUndefined();
  });

  it('sends an idempotent request once more when the server closed the connection before answering', async () => {
    const target = scripted([ok(), closed(), ok()]);
    const http = client(target);
    await http.send({ method: 'GET', path: '/customers/' });
    const res = await http.send({ method: 'PUT', path: '/customers/cus_1/', body: { name: 'x' } });
    expect(res.status).toBe(200);
    expect(target.sent).toEqual(['GET', 'PUT', 'PUT']);
  });

  it('does not send a POST again (it may have been applied), and reports the closed connection', async () => {
    const target = scripted([ok(), closed(), ok()]);
    const http = client(target);
    await http.send({ method: 'GET', path: '/customers/' });
    await expect(http.send({ method: 'POST', path: '/customers/', body: {} })).rejects.toThrow(
      'POST /customers/: the server closed the connection (UND_ERR_SOCKET); not sent again, since a POST may have been applied',
    );
    expect(target.sent).toEqual(['GET', 'POST']);
  });

  it('reports a connection closed twice in a row on the same request', async () => {
    const target = scripted([ok(), closed(), closed()]);
    const http = client(target);
    await http.send({ method: 'GET', path: '/customers/' });
    await expect(http.send({ method: 'GET', path: '/customers/' })).rejects.toThrow(/the server closed the connection/);
    expect(target.sent).toHaveLength(3);
  });

  it('waits out a 429 as its Retry-After asks, then judges the answer that follows', async () => {
    const target = scripted([throttled('0'), ok()]);
    const res = await client(target).send({ method: 'POST', path: '/customers/', body: {} });
    expect(res.status).toBe(200);
    expect(target.sent).toEqual(['POST', 'POST']);
  });

  it('reports a 429 that stays after three waits, or asks for more than 30 s, without waiting for it', async () => {
    const persistent = scripted([throttled('0'), throttled('0'), throttled('0'), throttled('0'), ok()]);
    expect((await client(persistent).send({ method: 'GET', path: '/customers/' })).status).toBe(429);
    expect(persistent.sent).toHaveLength(4);
    const long = scripted([throttled('3600'), ok()]);
    const started = Date.now();
    expect((await client(long).send({ method: 'GET', path: '/customers/' })).status).toBe(429);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('reads Retry-After as seconds or as an HTTP-date', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(retryAfterMs('2', now)).toBe(2_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 12:00:05 GMT', now)).toBe(5_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
