import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createMock, startMock, type RunningMock } from '../../src/index';
import { portIsFree } from '../package/build';

const piriod = { Authorization: 'Token t', 'Content-Type': 'application/json' };
const pelcro = { Authorization: 'Bearer t', 'Content-Type': 'application/json' };
const count = async (res: Response | Promise<Response>) => ((await (await res).json()) as { count: number }).count;
const pelcroTotal = async (res: Response | Promise<Response>) => ((await (await res).json()) as { meta: { total: number } }).meta.total;

describe('createMock()', () => {
  it('answers GET /customers/ in-process with 200 and the seeded page', async () => {
    const mock = createMock({ seed: 7 });
    const res = await mock.fetch('/customers/?page_size=1', { headers: piriod });
    expect(res.status).toBe(200);
    expect(await count(res)).toBe(50);
    expect(mock.options.seed).toBe(7);
  });

  it('takes a full URL as well as a path (the host is ignored)', async () => {
    const mock = createMock();
    expect((await mock.fetch('http://mock.test/customers/', { headers: piriod })).status).toBe(200);
  });

  it('reset() brings a created customer back to the seeded 50; reset(provider) touches only that provider', async () => {
    const mock = createMock();
    const made = await mock.fetch('/customers/', {
      method: 'POST',
      headers: piriod,
      body: JSON.stringify({ name: 'Acme', country: 'MX' }),
    });
    expect(made.status).toBe(201);
    const other = await mock.fetch('/api/v1/core/customers?site_id=1', {
      method: 'POST',
      headers: pelcro,
      body: JSON.stringify({ email: 'new@example.com' }),
    });
    expect(other.status).toBe(201);
    expect(await count(mock.fetch('/customers/', { headers: piriod }))).toBe(51);

    await mock.reset('piriod');
    expect(await count(mock.fetch('/customers/', { headers: piriod }))).toBe(50);
    expect(await pelcroTotal(mock.fetch('/api/v1/core/customers?site_id=1', { headers: pelcro }))).toBe(51);

    await mock.reset();
    expect(await pelcroTotal(mock.fetch('/api/v1/core/customers?site_id=1', { headers: pelcro }))).toBe(50);
  });

  it('keeps two mocks apart: what one creates the other never sees', async () => {
    const a = createMock();
    const b = createMock();
    await a.fetch('/customers/', { method: 'POST', headers: piriod, body: JSON.stringify({ name: 'Only in A', country: 'MX' }) });
    expect(await count(a.fetch('/customers/', { headers: piriod }))).toBe(51);
    expect(await count(b.fetch('/customers/', { headers: piriod }))).toBe(50);
  });

  it('takes a scenario by name, as --scenario does', async () => {
    const mock = createMock({ scenario: 'empty' });
    expect(await count(mock.fetch('/customers/', { headers: piriod }))).toBe(0);
  });

  it('refuses a misspelt option with an error naming it', () => {
    expect(() => createMock({ sed: 7 } as never)).toThrow(/sed/);
  });

  it('names each wrong option and what is wrong with it, one a line, not Zod issues as JSON', () => {
    expect(() => createMock({ journal: 5, seed: -1 } as never)).toThrow(
      /^understudy: invalid options\nseed: Too small: expected number to be >=0\njournal: Invalid input: expected object, received number$/,
    );
  });
});

describe('startMock()', () => {
  let running: RunningMock | undefined;
  afterEach(async () => {
    await running?.close().catch(() => undefined);
    running = undefined;
  });

  it('listens on a free loopback port: GET /__understudy/health is 200 ok, GET /__understudy/status names the providers', async () => {
    running = await startMock({ port: 0, providers: ['pelcro'] });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${running.url}/__understudy/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    const status = await fetch(`${running.url}/__understudy/status`);
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ providers: ['pelcro'] });
  });

  it('reset() works with an admin token set: POST /__understudy/reset carries it and gets 200', async () => {
    const mock = createMock({ adminToken: 'a-long-secret', providers: ['pelcro'] });
    await expect(mock.reset()).resolves.toBeUndefined();
    const anonymous = await mock.app.request('/__understudy/reset', { method: 'POST' });
    expect(anonymous.status).toBe(401);
  });

  it('frees the port on close(), even with a keep-alive connection open', async () => {
    running = await startMock({ port: 0 });
    const { port } = running;
    await new Promise<void>((resolve, reject) => {
      const agentRequest = request(
        { host: '127.0.0.1', port, path: '/__understudy/health', agent: new Agent({ keepAlive: true }) },
        (res) => {
          res.resume();
          res.on('end', resolve);
        },
      );
      agentRequest.on('error', reject);
      agentRequest.end();
    });
    await running.close();
    running = undefined;
    expect(await portIsFree(port)).toBe(true);
  });
});
