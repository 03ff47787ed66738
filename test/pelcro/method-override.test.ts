/**
 * HTTP method spoofing as Laravel 11 does it: Request::capture() enables Symfony's `_method`
 * override, so a POST is routed by its X-HTTP-Method-Override header, else by `_method` of its body,
 * else of its query (symfony/http-foundation 7.2 Request::getMethod()).
 */
import { describe, expect, it } from 'vitest';
import { AUTH, BASE, call, get, post, seededApp } from './helpers';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const ITEM = `${BASE}/1?site_id=1`;
const COLLECTION_ALLOW = 'GET, HEAD, POST';

/** A POST with a form body. */
const postForm = (app: ReturnType<typeof seededApp>, path: string, form: string, headers: Record<string, string> = {}) =>
  post(app, path, form, { headers: { ...FORM, ...headers } });

describe('a POST overridden to another method', () => {
  it('updates a customer with _method=PUT in a form body', async () => {
    const app = seededApp();
    const answer = await postForm(app, `${BASE}/1`, '_method=PUT&site_id=1&first_name=Spoofed');
    expect(answer.status).toBe(200);
    expect(answer.json.data.first_name).toBe('Spoofed');
    expect((await get(app, ITEM)).json.data.first_name).toBe('Spoofed');
  });

  it('deletes a customer with ?_method=DELETE in the query', async () => {
    const app = seededApp();
    const answer = await call(app, 'POST', `${ITEM}&_method=DELETE`);
    expect(answer.status).toBe(204);
    expect((await get(app, ITEM)).status).toBe(404);
  });

  it.each([
    ['the X-HTTP-Method-Override header', { first_name: 'Hdr' }, { 'X-HTTP-Method-Override': 'PUT' }],
    ['_method of a JSON body, in any case', { _method: 'put', first_name: 'Hdr' }, {}],
  ])('updates a customer with %s', async (_case, body, headers) => {
    const answer = await post(seededApp(), ITEM, body, { headers });
    expect(answer.status).toBe(200);
    expect(answer.json.data.first_name).toBe('Hdr');
  });

  it('keeps the fields of a multipart POST overridden to PUT (PHP parsed the POST)', async () => {
    const body = [
      '--B\r\nContent-Disposition: form-data; name="_method"\r\n\r\nPUT\r\n',
      '--B\r\nContent-Disposition: form-data; name="first_name"\r\n\r\nMulti\r\n',
      '--B--\r\n',
    ].join('');
    const answer = await post(seededApp(), ITEM, body, { headers: { 'Content-Type': 'multipart/form-data; boundary=B' } });
    expect(answer.status).toBe(200);
    expect(answer.json.data.first_name).toBe('Multi');
  });

  it('lists customers on POST /customers with _method=GET, reading the body as input', async () => {
    const answer = await postForm(seededApp(), BASE, '_method=GET&site_id=1&limit=2');
    expect(answer.status).toBe(200);
    expect(answer.json.data).toHaveLength(2);
  });

  it('refuses a file as the filter of a POST overridden to GET (no array)', async () => {
    const body = [
      '--B\r\nContent-Disposition: form-data; name="_method"\r\n\r\nGET\r\n',
      '--B\r\nContent-Disposition: form-data; name="filter"; filename="f.txt"\r\n\r\nx\r\n',
      '--B--\r\n',
    ].join('');
    const answer = await post(seededApp(), `${BASE}?site_id=1`, body, { headers: { 'Content-Type': 'multipart/form-data; boundary=B' } });
    expect(answer.json).toEqual({ errors: { filter: ['The filter field must be an array.'] } });
  });

  it('answers a POST overridden to HEAD without a body', async () => {
    const response = await seededApp().request(`${ITEM}&_method=HEAD`, { method: 'POST', headers: AUTH });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it("keeps the body of a route's own error for a POST overridden to HEAD only when the route ran", async () => {
    const app = seededApp();
    // Route matching fails (405, 404) outside Router::runRoute: the exception handler's body stays.
    const refused = await app.request('/api/v1/core/sources?site_id=1', {
      method: 'POST',
      headers: { ...AUTH, 'X-HTTP-Method-Override': 'HEAD' },
    });
    expect(refused.status).toBe(405);
    expect(await refused.text()).toContain('The HEAD method is not supported for route api/v1/core/sources.');
    const missing = await app.request('/api/v1/core/nothing', { method: 'POST', headers: { ...AUTH, 'X-HTTP-Method-Override': 'HEAD' } });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('The route api/v1/core/nothing could not be found.');
    // The route ran (auth, then the model lookup): its answers are prepared, so bodiless.
    const unknown = await app.request(`${BASE}/999999?site_id=1`, {
      method: 'POST',
      headers: { ...AUTH, 'X-HTTP-Method-Override': 'HEAD' },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe('');
    const unauthenticated = await app.request(ITEM, { method: 'POST', headers: { 'X-HTTP-Method-Override': 'HEAD' } });
    expect(unauthenticated.status).toBe(401);
    expect(await unauthenticated.text()).toBe('');
  });

  it('answers a POST overridden to OPTIONS as the router does, and leaves a real preflight to the CORS layer', async () => {
    const app = seededApp();
    const answer = await call(app, 'POST', `${ITEM}&_method=OPTIONS`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('allow')).toBe('GET,HEAD,PUT,DELETE');
    const preflight = await app.request(`${BASE}/1`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://front.test', 'Access-Control-Request-Method': 'POST', 'X-HTTP-Method-Override': 'PUT' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://front.test');
  });
});

describe('the override and the router', () => {
  it.each(['PUT', 'BOGUS', 'patch'])(
    'answers POST /customers with _method=%s with the 405 naming it, and creates nothing',
    async (override) => {
      const app = seededApp();
      const answer = await postForm(app, BASE, `_method=${override}&site_id=1&email=spoof@example.com`);
      const method = override.toUpperCase();
      expect(answer.status).toBe(405);
      expect(answer.headers.get('allow')).toBe(COLLECTION_ALLOW);
      expect(answer.json).toEqual({
        message: `The ${method} method is not supported for route api/v1/core/customers. Supported methods: ${COLLECTION_ALLOW}.`,
      });
      expect((await get(app, `${BASE}?site_id=1`)).json.meta.total).toBe(50);
    },
  );

  it.each([
    ['a method that is not [A-Z]+ once upper-cased (SuspiciousOperationException)', '_method=f-o'],
    ['an empty _method', '_method='],
    ['a space around it (read before TrimStrings)', '_method=%20PUT'],
    ['a letter strtoupper() leaves (ASCII only)', '_method=%C3%9F'],
    ['an array (InputBag::get refuses a non-scalar)', '_method[]=PUT'],
  ])('answers 400 {"message": "Bad request."} for %s', async (_case, form) => {
    const app = seededApp();
    const answer = await postForm(app, BASE, `${form}&site_id=1&email=bad@example.com`);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ message: 'Bad request.' });
    expect((await get(app, `${BASE}?site_id=1`)).json.meta.total).toBe(50);
  });

  it('reads the query _method first (it is the default argument), so an array there is a 400 whatever the body says', async () => {
    const answer = await postForm(seededApp(), `${BASE}/1?site_id=1&_method[]=x`, '_method=PUT&first_name=X');
    expect(answer.json).toEqual({ message: 'Bad request.' });
  });

  it('answers a bad override before routing and authentication', async () => {
    const answer = await call(seededApp(), 'POST', '/api/v1/core/nothing?_method=f-o', { anonymous: true });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ message: 'Bad request.' });
  });

  it('lets the header win over _method; an empty or "0" header leaves it to _method', async () => {
    expect((await postForm(seededApp(), ITEM, '_method=DELETE&first_name=H', { 'X-HTTP-Method-Override': 'PUT' })).status).toBe(200);
    expect((await postForm(seededApp(), ITEM, '_method=DELETE', { 'X-HTTP-Method-Override': '0' })).status).toBe(204);
    expect((await postForm(seededApp(), ITEM, '_method=DELETE', { 'X-HTTP-Method-Override': '' })).status).toBe(204);
  });

  it('takes a JSON _method only when it is a string: 5, null or true leave POST, and the query is not read then', async () => {
    for (const body of [{ _method: 5 }, { _method: null }, { _method: true }]) {
      const answer = await post(seededApp(), `${ITEM}&_method=PUT`, body);
      expect(answer.status).toBe(405);
      expect(answer.json.message).toMatch(/^The POST method is not supported/);
    }
    expect((await post(seededApp(), ITEM, { _method: 'PUT' })).status).toBe(200);
  });

  it('overrides a POST only: _method=DELETE deletes on a POST, and a PUT with it stays an update', async () => {
    const app = seededApp();
    const answer = await call(app, 'PUT', ITEM, { body: { _method: 'DELETE', first_name: 'Still' } });
    expect(answer.status).toBe(200);
    expect(answer.json.data.first_name).toBe('Still');
    expect((await call(app, 'POST', ITEM, { body: { _method: 'DELETE' } })).status).toBe(204);
  });
});

describe('the override and ValidatePostSize', () => {
  const small = seededApp({ bodyLimitBytes: 64 });
  const big = `_method=PUT&first_name=${'x'.repeat(100)}`;

  it('answers a bad query override with 400 before the 413 of a body past the limit (HandleCors runs before ValidatePostSize)', async () => {
    const answer = await postForm(small, `${ITEM}&_method=f-o`, big);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ message: 'Bad request.' });
    // A body past the limit is dropped by PHP, its _method with it: the 413.
    expect((await postForm(small, ITEM, big)).status).toBe(413);
  });
});
