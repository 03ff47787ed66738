import { describe, expect, it } from 'vitest';
import { call, chilean, piriodApp } from './helpers';

const DJANGO_404 =
  '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n' +
  '  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';

describe('paths without the trailing slash (Django APPEND_SLASH)', () => {
  const app = piriodApp();

  it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'])('answers %s with 301 to the path plus a slash', async (method) => {
    const res = await call(app, method, '/customers', { auth: false });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/customers/');
    expect(res.text).toBe('');
  });

  it('keeps the query string and works for a detail path', async () => {
    const list = await call(app, 'GET', '/customers?page=2&search=a%20b');
    expect(list.headers.get('location')).toBe('/customers/?page=2&search=a%20b');
    const detail = await call(app, 'GET', '/customers/cus_abc');
    expect(detail.status).toBe(301);
    expect(detail.headers.get('location')).toBe('/customers/cus_abc/');
  });
});

describe('unknown paths under /customers (Django 404 page)', () => {
  const app = piriodApp();

  it.each(['/customers/a/b/', '/customers/a/b', '/customers/a.json/', '/customers//', '/customers/cus_1/contacts/'])(
    'answers %s with the HTML 404',
    async (path) => {
      const res = await call(app, 'GET', path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html');
      expect(res.text).toBe(DJANGO_404);
    },
  );
});

describe('methods (DRF 405 and Allow)', () => {
  const app = piriodApp();

  it.each([
    ['/customers/', 'PUT', 'GET, POST, HEAD, OPTIONS'],
    ['/customers/', 'PATCH', 'GET, POST, HEAD, OPTIONS'],
    ['/customers/', 'DELETE', 'GET, POST, HEAD, OPTIONS'],
    ['/customers/cus_x/', 'POST', 'GET, PUT, PATCH, HEAD, OPTIONS'],
    ['/customers/cus_x/', 'DELETE', 'GET, PUT, PATCH, HEAD, OPTIONS'],
    ['/customers/cus_x/', 'PROPFIND', 'GET, PUT, PATCH, HEAD, OPTIONS'],
  ])('answers %s %s with 405 and Allow', async (path, method, allow) => {
    const res = await call(app, method, path);
    expect(res.status).toBe(405);
    expect(res.json).toEqual({ detail: `Method "${method}" not allowed.` });
    expect(res.headers.get('allow')).toBe(allow);
  });

  it('sends Allow on every DRF answer, success and error alike', async () => {
    expect((await call(app, 'GET', '/customers/')).headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    expect((await call(app, 'GET', '/customers/cus_nope/')).headers.get('allow')).toBe('GET, PUT, PATCH, HEAD, OPTIONS');
    expect((await call(app, 'GET', '/customers/', { auth: false })).headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
  });

  it('answers HEAD like GET, without a body', async () => {
    const head = await call(app, 'HEAD', '/customers/');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers.get('content-type')).toBe('application/json');
  });

  it('upper-cases the method as Django does (a lower-case patch is a PATCH)', async () => {
    const created = await call(app, 'POST', '/customers/', { body: chilean() });
    const res = await call(app, 'patch', `/customers/${created.json.id}/`, { body: { phone: '+56 2 2000 0000' } });
    expect(res.status).toBe(200);
    expect(res.json.phone).toBe('+56 2 2000 0000');
  });
});

describe('GET /customers/{id}/', () => {
  const app = piriodApp();

  it('answers 404 in DRF shape for an unknown id', async () => {
    const res = await call(app, 'GET', '/customers/cus_understudyNoSuch000/');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ detail: 'No Customer matches the given query.' });
  });

  it('answers a seeded customer with the same body the list shows', async () => {
    const list = await call(app, 'GET', '/customers/?page_size=1');
    const first = list.json.results[0];
    const res = await call(app, 'GET', `/customers/${first.id}/`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual(first);
  });

  it('decodes a percent-encoded id', async () => {
    const list = await call(app, 'GET', '/customers/?page_size=1');
    const id: string = list.json.results[0].id;
    const res = await call(app, 'GET', `/customers/${id.replace('_', '%5F')}/`);
    expect(res.status).toBe(200);
  });
});
