import { describe, expect, it } from 'vitest';
import { BASE, call, createCustomer, del, get, post, seededApp } from './helpers';

/** PHP's JSON_PRETTY_PRINT layout of a parsed body (its texts here are ASCII without `/`). */
const pretty = (json: unknown) => JSON.stringify(json, null, 4);

describe('Pelcro answer bytes, as Laravel writes them', () => {
  it.each([
    ['an unknown customer (ModelNotFoundException)', 'GET', `${BASE}/999?site_id=1`, 404],
    ['a method the route lacks (MethodNotAllowedHttpException)', 'PATCH', `${BASE}/1?site_id=1`, 405],
    ['an override Symfony refuses (BadRequestHttpException)', 'POST', `${BASE}?site_id=1&_method=f-o`, 400],
    ['a fault asked for (the handler’s 500)', 'GET', `${BASE}?site_id=1`, 500],
  ])("pretty-prints the exception handler's answer to %s", async (_what, method, path, status) => {
    const headers = status === 500 ? { 'X-Understudy-Status': '500' } : undefined;
    const answer = await call(seededApp(), method, path, { headers });
    expect(answer.status).toBe(status);
    expect(answer.text).toBe(pretty(answer.json));
    expect(answer.text.startsWith('{\n    "message": ')).toBe(true);
  });

  it.each([
    ['a list with 1,001 query pairs', 'GET', `${BASE}?site_id=1&${Array.from({ length: 1000 }, (_, i) => `a${i}=1`).join('&')}`],
    ['a create whose query nests 65 levels', 'POST', `${BASE}?site_id=1&x${'[a]'.repeat(65)}=1`],
    ['an unknown route with 1,001 query pairs', 'GET', `/api/v1/core/nothing?${'a=1&'.repeat(1001)}`],
  ])("answers Laravel's 500 for %s: parse_str() warns when HandleCors reads the query again", async (_what, method, path) => {
    const app = seededApp();
    const answer = await call(app, method, path, { body: method === 'POST' ? { email: 'never@example.com' } : undefined });
    expect(answer.status).toBe(500);
    expect(answer.text).toBe('{\n    "message": "Server Error"\n}');
    const list = await get(app, `${BASE}?site_id=1&filter[email]=never@example.com`);
    expect(list.json.data).toEqual([]);
  });

  it('serves 1,000 query pairs and 64 levels as PHP keeps them', async () => {
    const pairs = Array.from({ length: 999 }, (_, i) => `a${i}=1`).join('&');
    expect((await get(seededApp(), `${BASE}?site_id=1&${pairs}`)).status).toBe(200);
    expect((await get(seededApp(), `${BASE}?site_id=1&x${'[a]'.repeat(64)}=1`)).status).toBe(200);
  });

  it('keeps the slashes of a pretty-printed route text (JSON_UNESCAPED_SLASHES)', async () => {
    const answer = await get(seededApp(), '/api/v1/core/invoices', { anonymous: true });
    expect(answer.text).toBe('{\n    "message": "The route api/v1/core/invoices could not be found."\n}');
  });

  it('writes the application’s own answers compact: validation and authentication', async () => {
    const app = seededApp();
    const invalid = await post(app, `${BASE}?site_id=1`, { email: 'not-an-email' });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toBe(JSON.stringify(invalid.json));
    const anonymous = await get(app, `${BASE}?site_id=1`, { anonymous: true });
    expect(anonymous.text).toBe('{"message":"Unauthenticated."}');
  });

  it('escapes `/` and every character past ASCII in a resource, as json_encode does without flags', async () => {
    const app = seededApp();
    const created = await call(app, 'POST', `${BASE}?site_id=1`, {
      body: '{"email":"jose@example.com","first_name":"José","metadata":{"site":"https://a.test/x","mood":"😀"}}',
    });
    expect(created.status).toBe(201);
    expect(created.text).toContain('"first_name":"Jos\\u00e9"');
    expect(created.text).toContain('"metadata":{"site":"https:\\/\\/a.test\\/x","mood":"\\ud83d\\ude00"}');
    expect(created.json.data.first_name).toBe('José');
    const list = await get(app, `${BASE}?site_id=1&limit=1`);
    expect(list.text).toContain('"first":"http:\\/\\/localhost\\/api\\/v1\\/core\\/customers?page=1"');
    expect(list.text).toContain('"path":"http:\\/\\/localhost\\/api\\/v1\\/core\\/customers"');
  });

  it("sends Symfony's Cache-Control: no-cache, private on every answer, errors, 204 and OPTIONS included", async () => {
    const app = seededApp();
    const created = await createCustomer(app, { email: 'gone@example.com' });
    const answers = [
      await get(app, `${BASE}/1?site_id=1`),
      await get(app, `${BASE}/999?site_id=1`),
      await get(app, `${BASE}?site_id=1`, { anonymous: true }),
      await get(app, `${BASE}?site_id=1`, { headers: { 'X-Understudy-Status': '503' } }),
      await del(app, `${BASE}/${created.id}?site_id=1`),
      await call(app, 'OPTIONS', BASE),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 404, 401, 503, 204, 200]);
    for (const answer of answers) expect(answer.headers.get('cache-control')).toBe('no-cache, private');
  });
  it("writes metadata's numbers as json_encode does: ints in full to PHP_INT_MAX, doubles as serialize_precision -1 writes them", async () => {
    const app = seededApp();
    const numbers =
      '{"int":123456789012345678,"max":9223372036854775807,"past":9223372036854775808,"tiny":0.00001,"big":1e17,' +
      '"huge":1e21,"whole":1e16,"frac":1.5e-7,"plain":0.0001,"one":1.0,"negzero":-0.0,"list":[2e-5,{"deep":12345678901234567890}]}';
    const created = await post(app, `${BASE}?site_id=1`, `{"email":"numbers@example.com","metadata":${numbers}}`);
    expect(created.status).toBe(201);
    const written =
      '"metadata":{"int":123456789012345678,"max":9223372036854775807,"past":9.223372036854776e+18,"tiny":1.0e-5,"big":1.0e+17,' +
      '"huge":1.0e+21,"whole":10000000000000000,"frac":1.5e-7,"plain":0.0001,"one":1,"negzero":0,"list":[2.0e-5,{"deep":1.2345678901234567e+19}]}';
    expect(created.text).toContain(written);
    expect((await get(app, `${BASE}/${created.json.data.id}?site_id=1`)).text).toContain(written);
  });
});
