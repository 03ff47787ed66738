/**
 * Seeded fuzzing of the Pelcro mock over HTTP: hostile bodies, content types, query strings and
 * path ids. Whatever arrives, the mock answers with Pelcro's own error shapes (never a 500, never a
 * crash), and a refused write leaves the store byte-for-byte as it was.
 */
import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../contracts/pelcro/schemas';
import { parseStrWarns } from '../../lib/php/params';
import { Fuzz } from './fuzz';
import { AUTH, BASE, seededApp } from './helpers';

const EXPAND_ALL = 'addresses,defaultSource,organization,subscriptions';

/** Site 1's customers with every relation expanded, page after page: the store as a client sees it. */
async function snapshot(app: Hono): Promise<string> {
  let out = '';
  for (let page = 1; ; page++) {
    const response = await app.request(`${BASE}?site_id=1&limit=100&page=${page}&expand=${EXPAND_ALL}`, { headers: AUTH });
    const text = await response.text();
    out += text;
    if (JSON.parse(text).links.next === null) return out;
  }
}

/** Laravel's `{"message": "…"}` or Pelcro's `{"errors": {field: [messages]}}`, nothing else. */
function isPelcroError(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const keys = Object.keys(body);
  if (keys.length !== 1) return false;
  if (keys[0] === 'message') return typeof (body as { message: unknown }).message === 'string';
  return keys[0] === 'errors' && ValidationError.safeParse(body).success;
}

interface Checked {
  status: number;
  text: string;
}

/** The answer, after checking it is one the real API could give: no 5xx, errors in Pelcro's shape. */
async function checked(response: Response, label: string, statuses: readonly number[]): Promise<Checked> {
  const text = await response.text();
  expect(statuses, `${label} → ${response.status} ${text.slice(0, 300)}`).toContain(response.status);
  if (response.status >= 400 && text !== '') {
    expect(response.headers.get('content-type'), label).toMatch(/^application\/json/);
    expect(isPelcroError(JSON.parse(text)), `${label} → ${text.slice(0, 300)}`).toBe(true);
  }
  return { status: response.status, text };
}

const describeRequest = (method: string, url: string, contentType: string | undefined, body: string | Uint8Array) =>
  `${method} ${url.slice(0, 200)} [${contentType}] ${typeof body === 'string' ? JSON.stringify(body.slice(0, 200)) : `bytes ${[...body].join(',')}`}`;

describe('Pelcro writes under hostile bodies', () => {
  it('answers every create, update and delete with a Pelcro status and shape, and a refused one changes nothing', async () => {
    const fuzz = new Fuzz('pelcro-writes');
    const app = seededApp();
    let before = await snapshot(app);
    const outcomes = new Map<number, number>();
    for (let i = 0; i < 320; i++) {
      const method = fuzz.pick(['POST', 'POST', 'PUT', 'PUT', 'DELETE']);
      // Plain JSON bodies often enough that writes also succeed and the store moves on.
      const { body, contentType } = fuzz.chance(0.4)
        ? { body: JSON.stringify(fuzz.customerBody()), contentType: 'application/json' }
        : fuzz.rawBody();
      const site = fuzz.chance(0.8)
        ? 'site_id=1'
        : fuzz.pick(['', 'site_id=abc', 'site_id=0', 'site_id[]=1', 'site_id=%00', 'site_id=1%00']);
      // Deletes aim at a few seeded customers so that the store never runs dry.
      const id = method === 'DELETE' ? fuzz.pick(['41', '42', '43', '999', 'abc']) : fuzz.pick(['1', '2', '3', '%34', '51', 'abc']);
      const url = `${method === 'POST' ? BASE : `${BASE}/${id}`}?${site}`;
      const headers: Record<string, string> = { ...AUTH, ...(contentType ? { 'Content-Type': contentType } : {}) };
      const label = `#${i} ${describeRequest(method, url, contentType, body)}`;
      const { status } = await checked(await app.request(url, { method, headers, body }), label, [200, 201, 204, 400, 404, 413]);
      outcomes.set(status, (outcomes.get(status) ?? 0) + 1);
      const after = await snapshot(app);
      if (status >= 400) expect(after, `${label} changed the store`).toBe(before);
      before = after;
    }
    // The cases reach every branch: accepted writes as well as each kind of refusal.
    for (const status of [200, 201, 204, 400, 404])
      expect(outcomes.get(status) ?? 0, `no ${status} among ${[...outcomes]}`).toBeGreaterThan(2);

    // No refused write used up an id: the next customer follows the last one created.
    const ids = [...before.matchAll(/\{"id":(\d+),"addresses"/g)].map((m) => Number(m[1]));
    const response = await app.request(`${BASE}?site_id=1`, {
      method: 'POST',
      headers: { ...AUTH, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'after-fuzz@example.net' }),
    });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { data: { id: number } }).data.id).toBe(Math.max(50, ...ids) + 1);
  });
});

describe('GET /api/v1/core/customers under hostile query strings', () => {
  it("answers every query with 200 or a Pelcro 400/401 (Laravel's 500 past PHP's input bounds), and reads nothing into the store", async () => {
    const fuzz = new Fuzz('pelcro-list');
    const app = seededApp();
    const before = await snapshot(app);
    const outcomes = new Map<number, number>();
    for (let i = 0; i < 320; i++) {
      const url = `${BASE}?${fuzz.listQuery()}`;
      const headers: Record<string, string> = fuzz.chance(0.9)
        ? AUTH
        : fuzz.pick<Record<string, string>>([{}, { Authorization: 'Bearer' }, { Authorization: 'Basic abc' }]);
      const label = `#${i} GET ${url.slice(0, 300)}`;
      // Past max_input_vars or max_input_nesting_level, parse_str() warns when HandleCors reads the
      // query again, and Laravel answers its 500 (lib/php/params.ts parseStrWarns).
      const allowed = parseStrWarns(url.slice(url.indexOf('?') + 1)) ? [500] : [200, 400, 401];
      const { status, text } = await checked(await app.request(url, { headers }), label, allowed);
      outcomes.set(status, (outcomes.get(status) ?? 0) + 1);
      if (status === 200) {
        const body = JSON.parse(text);
        expect(Object.keys(body), label).toEqual(['data', 'links', 'meta']);
        expect(body.data.length, label).toBeLessThanOrEqual(body.meta.per_page);
        expect(body.meta.total, label).toBeGreaterThanOrEqual(body.data.length);
      }
    }
    for (const status of [200, 400, 401]) expect(outcomes.get(status) ?? 0, `no ${status} among ${[...outcomes]}`).toBeGreaterThan(3);
    expect(await snapshot(app)).toBe(before);
  });
});

describe('/api/v1/core/customers/{id} under hostile ids and methods', () => {
  it('answers every path and method with a Laravel status and a Pelcro body', async () => {
    const fuzz = new Fuzz('pelcro-paths');
    const app = seededApp();
    for (let i = 0; i < 250; i++) {
      const method = fuzz.pick(['GET', 'GET', 'HEAD', 'PUT', 'DELETE', 'POST', 'PATCH', 'OPTIONS', 'constructor', 'toString']);
      const slashes = fuzz.pick(['', '', '/', '//']);
      const url = `${BASE}/${fuzz.pathId()}${slashes}${fuzz.chance(0.85) ? '?site_id=1' : ''}`;
      const init: RequestInit = { method, headers: { ...AUTH, 'Content-Type': 'application/json' } };
      if (method === 'PUT' || method === 'POST') init.body = JSON.stringify(fuzz.customerBody());
      await checked(await app.request(url, init), `#${i} ${method} ${url.slice(0, 200)}`, [200, 201, 204, 400, 404, 405]);
    }
  });
});
