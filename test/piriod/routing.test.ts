import { describe, expect, it } from 'vitest';
import { call, chilean, seededApp } from './helpers';

const DJANGO_404 =
  '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n' +
  '  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';

describe('paths without the trailing slash (Django APPEND_SLASH)', () => {
  const app = seededApp();

  it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'])('answers %s with 301 to the path plus a slash', async (method) => {
    const res = await call(app, method, '/customers', { anonymous: true });
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

  it.each([
    // The WSGI server decodes %41 and keeps %ZZ; Django's escape_uri_path quotes the % again.
    ['/customers/%41%ZZ', '/customers/A%25ZZ/'],
    // Bytes that are not UTF-8 are percent-encoded again (repercent_broken_unicode), then quoted.
    ['/customers/%C3%28', '/customers/%25C3(/'],
    ['/customers/caf%C3%A9', '/customers/caf%C3%A9/'],
  ])('redirects %s to the path Django rebuilds, %s', async (path, location) => {
    const res = await call(app, 'GET', path);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(location);
  });
});

describe('the query of an APPEND_SLASH redirect (get_full_path quotes it with iri_to_uri)', () => {
  const app = seededApp();
  // As the Node server adapter hands the request over: with the raw request target.
  const asSent = (target: string) => app.request(target, { headers: { Authorization: 'Token t' } }, { incoming: { url: target } });

  it.each([
    ["/customers?q=a'b", "/customers/?q=a'b"],
    ['/customers?q=a{b}', '/customers/?q=a%7Bb%7D'],
    ['/customers?q=a`b|c^d\\e', '/customers/?q=a%60b%7Cc%5Ed%5Ce'],
    ['/customers?q=a"b<>', '/customers/?q=a%22b%3C%3E'],
    ['/customers?q=%27x%7B&r=/%[]=:;$&()+,!?*@~', '/customers/?q=%27x%7B&r=/%[]=:;$&()+,!?*@~'],
    ['/customers?', '/customers/'],
    ['/customers/cus_1?page=2#top', '/customers/cus_1/?page=2'],
  ])('answers %s with 301 to %s', async (target, location) => {
    const res = await asSent(target);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(location);
  });

  it("quotes the parsed URL's query the same way when the raw target is not at hand", async () => {
    expect((await call(app, 'GET', '/customers?q=a{b}|c')).headers.get('location')).toBe('/customers/?q=a%7Bb%7D%7Cc');
  });
});

describe('unknown paths under /customers (Django 404 page)', () => {
  const app = seededApp();

  it.each([
    '/customers/a/b/',
    '/customers/a/b',
    '/customers/a.json/',
    '/customers//',
    '/customers/cus_1/contacts/',
    '/customers/%2F/',
    '/customers/%2e%ZZ/',
  ])('answers %s with the HTML 404', async (path) => {
    const res = await call(app, 'GET', path);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(res.text).toBe(DJANGO_404);
  });
});

describe('the Host header (CommonMiddleware calls request.get_host() on every request)', () => {
  const app = seededApp();
  const DJANGO_400 =
    '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Bad Request (400)</title>\n</head>\n<body>\n' +
    '  <h1>Bad Request (400)</h1><p></p>\n</body>\n</html>\n';

  it.each([
    ['GET', '/sources/?page_size=2&page=2'],
    ['GET', '/contacts/con_nope/'],
    ['POST', '/customers/'],
    ['GET', '/sources'],
    ['GET', '/customers/a/b/'],
  ])('answers %s %s with an empty Host as DisallowedHost: the HTML 400, before routing and auth', async (method, path) => {
    const res = await call(app, method, path, { anonymous: true, headers: { Host: '' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(res.headers.get('allow')).toBeNull();
    expect(res.text).toBe(DJANGO_400);
  });

  it('serves a host Django would refuse but a mock is reached under (an underscore)', async () => {
    const res = await call(app, 'GET', '/sources/?page_size=2', { headers: { Host: 'my_mock:8080' } });
    expect(res.status).toBe(200);
    expect((res.json as { next: string }).next).toBe('http://my_mock:8080/sources/?page=2&page_size=2');
  });
});

describe('dot segments (Django resolves the path as sent)', () => {
  const app = seededApp();
  // The Node server adapter hands over the raw request target; URL parsing alone would resolve
  // `.` and `..` (and `%2e`) to /customers/.
  const asSent = (target: string, method = 'GET') =>
    app.request(
      target,
      {
        method,
        headers: { Authorization: 'Token t', 'Content-Type': 'application/json' },
        body: method === 'POST' ? '{"name": "Punto"}' : undefined,
      },
      { incoming: { url: target } },
    );

  it.each(['/customers/./', '/customers/%2e/', '/customers/%2E', '/x/../customers/'])('answers %s with the HTML 404', async (target) => {
    const res = await asSent(target);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe(DJANGO_404);
  });

  it('creates nothing through a dot segment', async () => {
    expect((await asSent('/customers/%2e/', 'POST')).status).toBe(404);
    expect(
      (await call(app, 'GET', '/customers/?search=Punto', { anonymous: true, headers: { Authorization: 'Token t' } })).json.count,
    ).toBe(0);
  });

  it('serves the ordinary paths the same way', async () => {
    expect((await asSent('/customers/?page_size=1')).status).toBe(200);
    expect((await asSent('/customers/%41%ZZ')).headers.get('location')).toBe('/customers/A%25ZZ/');
  });
});

describe('?format= (DRF content negotiation, before authentication)', () => {
  const app = seededApp();

  it('serves format=json, and keeps it in the page links', async () => {
    const res = await call(app, 'GET', '/customers/?format=json&page_size=1');
    expect(res.status).toBe(200);
    expect(res.json.next).toBe('http://localhost/customers/?format=json&page=2&page_size=1');
  });

  it.each(['/customers/?format=xml', '/customers/?format=api', '/customers/cus_x/?format=csv'])(
    'answers %s with 404 "Not found." even without credentials (no renderer for it)',
    async (path) => {
      const res = await call(app, 'GET', path, { anonymous: true });
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ detail: 'Not found.' });
    },
  );
});

describe('Accept: application/json; indent=N (DRF JSONRenderer.get_indent)', () => {
  const app = seededApp();
  const get = (path: string, accept?: string, anonymous = false) =>
    call(app, 'GET', path, { anonymous, headers: accept === undefined ? {} : { Accept: accept } });

  it('answers a customer laid out as json.dumps(indent=2) writes it, still as application/json', async () => {
    const compact = await get('/customers/?page_size=1');
    const id = compact.json.results[0].id;
    const one = await get(`/customers/${id}/`);
    const res = await get(`/customers/${id}/`, 'application/json; indent=2');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    // The seed holds no key or number JS would write otherwise: JSON.stringify's layout is Python's.
    expect(res.text).toBe(JSON.stringify(one.json, null, 2));
    expect(res.text).toContain('\n  "contacts": [\n    {\n      "id": ');
  });

  it('indents a list page for an Accept more general than JSON carrying the parameter (*/*; indent=4)', async () => {
    const compact = await get('/customers/?page_size=2');
    const res = await get('/customers/?page_size=2', '*/*; indent=4');
    expect(res.text).toBe(JSON.stringify(compact.json, null, 4));
  });

  it('indents an error too, and clamps the indent to 8', async () => {
    const res = await get('/customers/', 'text/html, application/json; indent=20', true);
    expect(res.status).toBe(401);
    expect(res.text).toBe('{\n        "detail": "Authentication credentials were not provided."\n}');
  });

  it.each([
    'application/json; indent=0',
    'application/json; indent=x',
    'application/json; indent=-2',
    'application/json, */*; indent=2',
    '*/*;q=0.8',
  ])('answers compact JSON for Accept %s', async (accept) => {
    const res = await get('/customers/?page_size=1', accept);
    expect(res.text).toBe((await get('/customers/?page_size=1')).text);
  });

  it("answers the 404 of an unknown ?format= compact: DRF renders it with the renderer's own media type", async () => {
    const res = await get('/customers/?format=xml', 'application/json; indent=2');
    expect(res.text).toBe('{"detail":"Not found."}');
  });

  // DRF DefaultContentNegotiation.select_renderer raises NotAcceptable; seen side by side with DRF 3.15.1.
  it.each(['text/html', 'application/xml', 'text/*', '', ',', 'application', 'application/vnd.api+json', 'text/html;q=1, image/*'])(
    'answers 406 for Accept %j, before authentication, compact, with Allow',
    async (accept) => {
      const res = await get('/customers/', accept, true);
      expect(res.status).toBe(406);
      expect(res.text).toBe('{"detail":"Could not satisfy the request Accept header."}');
      expect(res.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
      expect(res.headers.get('www-authenticate')).toBeNull();
    },
  );

  it('answers 406 on every method and route, an unknown id and a bad filter included', async () => {
    const html = { headers: { Accept: 'text/html' } };
    expect((await call(app, 'POST', '/customers/', { ...html, body: {} })).status).toBe(406);
    expect((await call(app, 'DELETE', '/sources/', html)).status).toBe(406);
    expect((await call(app, 'GET', '/contacts/con_nope/', html)).status).toBe(406);
    expect((await call(app, 'GET', '/sources/?status=zz', html)).status).toBe(406);
    expect((await call(app, 'OPTIONS', '/sources/', html)).status).toBe(406);
    expect((await call(app, 'HEAD', '/sources/', html)).status).toBe(406);
  });

  it('negotiates a long Accept header each time it comes, as a short one', async () => {
    const refused = `${'text/html, '.repeat(40)}application/xml`;
    const served = `${'text/html, '.repeat(40)}application/json; indent=2`;
    for (const round of [1, 2]) {
      expect((await get('/customers/', refused)).status, `round ${round}`).toBe(406);
      const res = await get('/customers/?page_size=1', served);
      expect(res.status, `round ${round}`).toBe(200);
      expect(res.text.startsWith('{\n  "count": '), `round ${round}`).toBe(true);
    }
  });

  it('answers the 404 of an unknown ?format= before the 406, and ?format=json still negotiates Accept', async () => {
    expect((await get('/customers/?format=xml', 'text/html')).status).toBe(404);
    expect((await get('/customers/?format=json', 'text/html')).status).toBe(406);
  });

  it.each([
    '*/*',
    'application/*',
    'application/json; version=2',
    'APPLICATION/JSON',
    'text/html, */*;q=0.1',
    'application/json;q=0, text/html',
  ])('serves Accept %j', async (accept) => {
    expect((await get('/customers/?page_size=1', accept)).status).toBe(200);
  });
});

describe('methods (DRF 405 and Allow)', () => {
  const app = seededApp();

  it.each([
    ['/customers/', 'PUT', 'GET, POST, HEAD, OPTIONS'],
    ['/customers/', 'PATCH', 'GET, POST, HEAD, OPTIONS'],
    ['/customers/', 'DELETE', 'GET, POST, HEAD, OPTIONS'],
    ['/customers/cus_x/', 'POST', 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS'],
    ['/customers/cus_x/', 'PROPFIND', 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS'],
    ['/contacts/', 'DELETE', 'GET, POST, HEAD, OPTIONS'],
    ['/sources/', 'POST', 'GET, HEAD, OPTIONS'],
    ['/sources/sou_x/', 'DELETE', 'GET, HEAD, OPTIONS'],
    ['/sources/sou_x/', 'PATCH', 'GET, HEAD, OPTIONS'],
  ])('answers %s %s with 405 and Allow', async (path, method, allow) => {
    const res = await call(app, method, path);
    expect(res.status).toBe(405);
    expect(res.json).toEqual({ detail: `Method "${method}" not allowed.` });
    expect(res.headers.get('allow')).toBe(allow);
  });

  it('sends Allow on every DRF answer, success and error alike', async () => {
    expect((await call(app, 'GET', '/customers/')).headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    expect((await call(app, 'GET', '/customers/cus_nope/')).headers.get('allow')).toBe('GET, PUT, PATCH, DELETE, HEAD, OPTIONS');
    expect((await call(app, 'GET', '/customers/', { anonymous: true })).headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
  });

  it('answers HEAD like GET, without a body', async () => {
    const head = await call(app, 'HEAD', '/customers/');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers.get('content-type')).toBe('application/json');
  });

  // CommonMiddleware.process_response sets Content-Length on every answer that passes it, a HEAD's
  // included (its content is the GET's); the WSGI server sends the header and no body.
  it.each([
    ['a list page', '/customers/?page_size=3', {}],
    ['an unknown id', '/customers/cus_nope/', {}],
    ['a non-ASCII error laid out by Accept', '/customers/?status=ñ', { Accept: 'application/json; indent=4' }],
    ['a 406', '/sources/', { Accept: 'text/html' }],
    ['the HTML 404', '/customers/a/b/', {}],
    ['the APPEND_SLASH redirect', '/customers', {}],
  ])('answers HEAD with the Content-Length of the GET: %s', async (_, path, headers) => {
    const get = await call(app, 'GET', path, { headers });
    const head = await call(app, 'HEAD', path, { headers });
    expect(head.status).toBe(get.status);
    expect(head.text).toBe('');
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(get.text)));
  });

  it.each(['429', '500'])(
    'answers a HEAD the mock is asked to fail (X-Understudy-Status: %s) with the Content-Length of the GET',
    async (status) => {
      const headers = { 'X-Understudy-Status': status };
      const get = await call(app, 'GET', '/customers/', { headers });
      const head = await call(app, 'HEAD', '/customers/', { headers });
      expect(head.status).toBe(Number(status));
      expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(get.text)));
    },
  );

  it('answers HEAD with no Content-Length where Django refuses the Host before CommonMiddleware answers', async () => {
    const head = await call(app, 'HEAD', '/customers/', { headers: { Host: '' } });
    expect(head.status).toBe(400);
    expect(head.headers.get('content-length')).toBeNull();
  });

  it('upper-cases the method as Django does (a lower-case patch is a PATCH)', async () => {
    const created = await call(app, 'POST', '/customers/', { body: chilean() });
    const res = await call(app, 'patch', `/customers/${created.json.id}/`, { body: { phone: '+56 2 2000 0000' } });
    expect(res.status).toBe(200);
    expect(res.json.phone).toBe('+56 2 2000 0000');
  });
});

// An id holding a null character never reaches a row: psycopg2 refuses to quote it (ValueError),
// which DRF's get_object_or_404 turns into a bare Http404, answered with NotFound's own text.
describe('an id holding a null character (psycopg2 refuses it, DRF answers a bare 404)', () => {
  const app = seededApp();
  it.each([
    ['GET', '/customers/cus_%00x/'],
    ['PATCH', '/customers/%00/'],
    ['PUT', '/customers/a%00/'],
    ['DELETE', '/customers/%00/'],
    ['GET', '/contacts/con_%00/'],
    ['DELETE', '/contacts/%00/'],
    ['GET', '/sources/sou_%00/'],
  ])('answers %s %s with 404 "Not found.", not the model\'s "No … matches the given query."', async (method, path) => {
    const res = await call(app, method, path, method === 'GET' || method === 'DELETE' ? {} : { body: { name: 'x' } });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ detail: 'Not found.' });
  });

  it('still names the model for an unknown id without one', async () => {
    expect((await call(app, 'GET', '/customers/cus_x00/')).json).toEqual({ detail: 'No Customer matches the given query.' });
  });
});

describe('GET /customers/{id}/', () => {
  const app = seededApp();

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

describe('a request target asked again (the router keeps what it resolved)', () => {
  it('answers a target asked a third time as the first, and reads a write made between', async () => {
    const app = seededApp();
    const list = await call(app, 'GET', '/customers/?ordering=name&page_size=3');
    const id = list.json.results[0].id;
    const first = await call(app, 'GET', `/customers/${id}/`);
    expect((await call(app, 'GET', `/customers/${id}/`)).text).toBe(first.text);
    await call(app, 'PATCH', `/customers/${id}/`, { body: { name: 'Kept Target SpA' } });
    const third = await call(app, 'GET', `/customers/${id}/`);
    expect(third.status).toBe(200);
    expect(third.json.name).toBe('Kept Target SpA');
  });
});
