import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import type { AppOptionsInput } from '../../src/core/options';

const piriod = (token = 'limits') => ({ Authorization: `Token ${token}`, 'Content-Type': 'application/json' });
const pelcro = (token = 'limits') => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' });
const PIRIOD_LIST = '/customers/?page_size=100';
const PELCRO_LIST = '/api/v1/core/customers?site_id=1&limit=100';
const empty = { name: 'empty', piriod: { customers: 0, fixtures: [] }, pelcro: { customers: 0, fixtures: [] } };

function app(limits: AppOptionsInput['limits'], extra: AppOptionsInput = {}) {
  return createApp({ scenario: empty, freezeTime: '2026-01-01T00:00:00Z', limits, ...extra });
}

const post = (a: ReturnType<typeof createApp>, path: string, headers: Record<string, string>, body: unknown) =>
  a.request(path, { method: 'POST', headers, body: JSON.stringify(body) });
const text = async (a: ReturnType<typeof createApp>, path: string, headers: Record<string, string>) =>
  (await a.request(path, { headers })).text();

describe('a sandbox past its record bound', () => {
  it('POST /customers/ answers 400 in DRF shape, and the sandbox is unchanged', async () => {
    const a = app({ maxRecords: 3 });
    for (let i = 0; i < 3; i++) expect((await post(a, '/customers/', piriod(), { name: `C${i} SpA` })).status).toBe(201);
    const before = await text(a, PIRIOD_LIST, piriod());
    const res = await post(a, '/customers/', piriod(), { name: 'Fourth SpA' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      detail:
        'This sandbox holds the most the mock allows (3 records of its own): reset it (POST /__understudy/reset) or use another token.',
    });
    expect(await text(a, PIRIOD_LIST, piriod())).toBe(before);
    // Another token is another sandbox, with room of its own.
    expect((await post(a, '/customers/', piriod('other'), { name: 'Other SpA' })).status).toBe(201);
  });

  it('POST /api/v1/core/customers answers 400 in Laravel shape, and the sandbox is unchanged', async () => {
    const a = app({ maxRecords: 2 });
    for (let i = 0; i < 2; i++)
      expect((await post(a, '/api/v1/core/customers?site_id=1', pelcro(), { email: `c${i}@example.com` })).status).toBe(201);
    const before = await text(a, PELCRO_LIST, pelcro());
    const res = await post(a, '/api/v1/core/customers?site_id=1', pelcro(), { email: 'third@example.com' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      message:
        'This sandbox holds the most the mock allows (2 records of its own): reset it (POST /__understudy/reset) or use another token.',
    });
    expect(await text(a, PELCRO_LIST, pelcro())).toBe(before);
    // The refused email is still free.
    const res2 = await post(a, '/api/v1/core/customers?site_id=1', pelcro('other'), { email: 'third@example.com' });
    expect(res2.status).toBe(201);
  });
});

describe('a sandbox past its byte bound', () => {
  const fat = (i: number) => Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`k${k}`, `${i}`.padEnd(4000, 'x')]));

  it.each([
    [
      'Piriod',
      '/customers/',
      piriod(),
      (i: number) => ({ name: `Fat ${i}`, metadata: fat(i) }),
      PIRIOD_LIST,
      { detail: expect.stringContaining('65536 bytes of records') },
    ],
    [
      'Pelcro',
      '/api/v1/core/customers?site_id=1',
      pelcro(),
      (i: number) => ({ email: `f${i}@example.com`, metadata: fat(i) }),
      PELCRO_LIST,
      { message: expect.stringContaining('65536 bytes of records') },
    ],
  ])('%s: creates until the bound, then 400 and nothing stored', async (_p, path, headers, body, list, error) => {
    const a = app({ maxStoredBytes: 65536 });
    let i = 0;
    let res: Response;
    do res = await post(a, path, headers, body(i++));
    while (res.status === 201 && i < 100);
    expect(i).toBeGreaterThan(1);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(error);
    const before = await text(a, list, headers);
    expect((await post(a, path, headers, body(i))).status).toBe(400);
    expect(await text(a, list, headers)).toBe(before);
  });

  it('gives the bytes back when a Pelcro customer is deleted', async () => {
    const a = app({ maxStoredBytes: 65536 });
    const created: number[] = [];
    for (;;) {
      const res = await post(a, '/api/v1/core/customers?site_id=1', pelcro(), {
        email: `d${created.length}@example.com`,
        metadata: fat(created.length),
      });
      if (res.status !== 201) break;
      created.push(((await res.json()) as { data: { id: number } }).data.id);
    }
    await a.request(`/api/v1/core/customers/${created[0]}?site_id=1`, { method: 'DELETE', headers: pelcro() });
    expect((await post(a, '/api/v1/core/customers?site_id=1', pelcro(), { email: 'again@example.com', metadata: fat(0) })).status).toBe(
      201,
    );
  });
});

describe('metadata bounds (50 keys, 4096 characters a value)', () => {
  const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));

  it('Piriod: 50 keys are stored; 51 keys or a 4097-character value are a DRF field error', async () => {
    const a = app(undefined);
    expect((await post(a, '/customers/', piriod(), { name: 'A', metadata: keys(50) })).status).toBe(201);
    const many = await post(a, '/customers/', piriod(), { name: 'B', metadata: keys(51) });
    expect([many.status, await many.json()]).toEqual([400, { metadata: ['Ensure this field has no more than 50 keys.'] }]);
    const long = await post(a, '/customers/', piriod(), { name: 'C', metadata: { note: 'x'.repeat(4097) } });
    expect([long.status, await long.json()]).toEqual([400, { metadata: ['Ensure each value has no more than 4096 characters.'] }]);
    const nested = await post(a, '/customers/', piriod(), { name: 'D', metadata: { deep: { text: 'x'.repeat(4090) } } });
    expect(nested.status).toBe(400);
  });

  it('Pelcro: a PUT whose merge would make 51 keys is a Laravel field error, and the customer is unchanged', async () => {
    const a = app(undefined);
    const created = await post(a, '/api/v1/core/customers?site_id=1', pelcro(), { email: 'm@example.com', metadata: keys(50) });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { data: { id: number } }).data.id;
    const before = await text(a, `/api/v1/core/customers/${id}?site_id=1`, pelcro());
    const res = await a.request(`/api/v1/core/customers/${id}?site_id=1`, {
      method: 'PUT',
      headers: pelcro(),
      body: JSON.stringify({ metadata: { extra: 'v' } }),
    });
    expect([res.status, await res.json()]).toEqual([
      400,
      { errors: { metadata: ['The metadata field must not have more than 50 items.'] } },
    ]);
    expect(await text(a, `/api/v1/core/customers/${id}?site_id=1`, pelcro())).toBe(before);
    const long = await post(a, '/api/v1/core/customers?site_id=1', pelcro(), {
      email: 'n@example.com',
      metadata: { note: 'x'.repeat(900_000) },
    });
    expect([long.status, await long.json()]).toEqual([
      400,
      { errors: { metadata: ['The metadata field must not be greater than 4096 characters.'] } },
    ]);
  });
});

describe('Pelcro metadata sent as a list', () => {
  const list = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
  const refusal = { errors: { metadata: ['The metadata field must not have more than 50 items.'] } };

  it('counts its items as keys: 50 are stored, 51 or 300,000 are the 50-key refusal, and the sandbox is unchanged', async () => {
    const a = app(undefined);
    const fifty = await post(a, '/api/v1/core/customers?site_id=1', pelcro(), { email: 'l50@example.com', metadata: list(50) });
    expect(fifty.status).toBe(201);
    expect(((await fifty.json()) as { data: { metadata: unknown } }).data.metadata).toEqual(list(50));
    const before = await text(a, PELCRO_LIST, pelcro());
    // 300,000 ones make a 600 KB body, within the 1 MiB one.
    for (const metadata of [list(51), new Array(300_000).fill(1)]) {
      const res = await post(a, '/api/v1/core/customers?site_id=1', pelcro(), { email: `l${metadata.length}@example.com`, metadata });
      expect([res.status, await res.json()]).toEqual([400, refusal]);
    }
    expect(await text(a, PELCRO_LIST, pelcro())).toBe(before);
  });

  it('leaves a fixture that holds more keys than the bound updatable when the update adds none', async () => {
    const keys = Object.fromEntries(list(60).map((v, i) => [`k${i}`, v]));
    const scenario = { ...empty, pelcro: { customers: 0, fixtures: [{ email: 'wide@example.com', metadata: keys }] } };
    const a = app(undefined, { scenario });
    const put = (metadata: unknown) =>
      a.request('/api/v1/core/customers/1?site_id=1', { method: 'PUT', headers: pelcro(), body: JSON.stringify({ metadata }) });
    expect((await put(keys)).status).toBe(200);
    const more = await put({ ...keys, k60: 'v60' });
    expect([more.status, await more.json()]).toEqual([400, refusal]);
  });
});

describe('the number of sandboxes (--max-sandboxes)', () => {
  it('forgets the least recently used sandbox past the bound; it starts again from the seed', async () => {
    const a = app({ maxSandboxes: 3 }, { adminToken: 'admin-secret-1234' });
    for (const token of ['t1', 't2', 't3']) await post(a, '/customers/', piriod(token), { name: `${token} SpA` });
    await text(a, PIRIOD_LIST, piriod('t1')); // t1 used again: t2 is now the least recently used
    await post(a, '/customers/', piriod('t4'), { name: 't4 SpA' });
    const count = async (token: string) =>
      ((await (await a.request(PIRIOD_LIST, { headers: piriod(token) })).json()) as { count: number }).count;
    expect(await count('t1')).toBe(1);
    expect(await count('t4')).toBe(1);
    expect(await count('t2')).toBe(0);
    const status = (await (await a.request('/__understudy/status', { headers: { Authorization: 'Bearer admin-secret-1234' } })).json()) as {
      sandboxes: { piriod: number };
    };
    expect(status.sandboxes.piriod).toBe(3);
  });

  it("forgets sandboxes no request wrote to first: readers with a new token at each request leave the writers' data", async () => {
    const a = app({ maxSandboxes: 3 });
    await post(a, '/customers/', piriod('writer'), { name: 'writer SpA' });
    const created = await post(a, '/api/v1/core/customers', pelcro('writer'), { site_id: 1, email: 'writer@example.com' });
    expect(created.status).toBe(201);
    // A crawler, or a test suite with a token per read: each opened a sandbox and forgot the oldest.
    for (let i = 0; i < 10; i++) {
      expect((await a.request(PIRIOD_LIST, { headers: piriod(`reader-${i}`) })).status).toBe(200);
      expect((await a.request('/api/v1/core/customers?site_id=1', { headers: pelcro(`reader-${i}`) })).status).toBe(200);
    }
    const count = async (token: string) =>
      ((await (await a.request(`${PIRIOD_LIST}&search=writer`, { headers: piriod(token) })).json()) as { count: number }).count;
    expect(await count('writer')).toBe(1);
    const pelcroList = await a.request('/api/v1/core/customers?site_id=1&filter[email]=eq:writer@example.com', {
      headers: pelcro('writer'),
    });
    expect(((await pelcroList.json()) as { meta: { total: number } }).meta.total).toBe(1);
  });

  it('forgets other sandboxes when all of them together pass the total byte bound', async () => {
    const a = app({ maxStoredBytes: 40_000, maxTotalBytes: 100_000 });
    const fat = { k: 'x'.repeat(4000) };
    const fill = async (token: string) => {
      for (let i = 0; i < 8; i++)
        expect((await post(a, '/customers/', piriod(token), { name: `${token} ${i}`, metadata: fat })).status).toBe(201);
    };
    await fill('a');
    await fill('b');
    await fill('c'); // past 100,000 bytes: 'a', the least recently used, is forgotten
    const count = async (token: string) =>
      ((await (await a.request(PIRIOD_LIST, { headers: piriod(token) })).json()) as { count: number }).count;
    expect(await count('c')).toBe(8);
    expect(await count('b')).toBe(8);
    expect(await count('a')).toBe(0);
  });
});

describe('floods, in a process of their own', () => {
  it('5,000 tokens, fat bodies and full sandboxes: every answer 2xx or 400, the heap bounded and given back on reset', {
    timeout: 120_000,
  }, () => {
    const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/trust/flood-run.ts'], {
      encoding: 'utf8',
      timeout: 110_000,
    });
    expect(run.stderr).toBe('');
    const figures = JSON.parse(run.stdout.trim().split('\n').pop()!) as {
      statuses: Record<string, number>;
      sandboxes: number;
      heapBaseMb: number;
      heapPeakMb: number;
      heapAfterResetMb: number;
    };
    expect(Object.keys(figures.statuses).every((s) => s === '200' || s === '201' || s === '400')).toBe(true);
    expect(figures.sandboxes).toBeLessThanOrEqual(1000);
    // The total byte bound (64 MiB in the run) holds the heap, and a reset gives it back.
    expect(figures.heapPeakMb).toBeLessThan(figures.heapBaseMb + 64 * 3);
    expect(figures.heapAfterResetMb).toBeLessThan(figures.heapBaseMb * 1.2 + 2);
  });
});
