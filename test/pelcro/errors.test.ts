import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { MessageError } from '../../contracts/pelcro/schemas';
import type { Problem } from '../../src/core/errors';
import { startMock } from '../../src/index';
import { renderPelcroError } from '../../src/providers/pelcro/errors';
import { AUTH, BASE, call, get, seededApp } from './helpers';

const app = seededApp();

describe('Pelcro routing errors (Laravel router)', () => {
  it.each([
    ['PATCH', BASE, 'GET, HEAD, POST', 'api/v1/core/customers'],
    ['DELETE', BASE, 'GET, HEAD, POST', 'api/v1/core/customers'],
    ['POST', `${BASE}/1`, 'GET, HEAD, PUT, DELETE', 'api/v1/core/customers/1'],
    ['PATCH', `${BASE}/1`, 'GET, HEAD, PUT, DELETE', 'api/v1/core/customers/1'],
  ])('answers 405 to %s %s with an Allow header, before authentication', async (method, path, allow, route) => {
    const answer = await call(app, method, path, { anonymous: true });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe(allow);
    expect(answer.json).toEqual({ message: `The ${method} method is not supported for route ${route}. Supported methods: ${allow}.` });
  });

  it.each([
    [BASE, 'GET,HEAD,POST'],
    [`${BASE}/1`, 'GET,HEAD,PUT,DELETE'],
  ])("answers OPTIONS %s with 200, an empty text/html body and Allow %s, as Laravel's router does", async (path, allow) => {
    const response = await app.request(path, { method: 'OPTIONS' });
    expect(response.status).toBe(200);
    expect(response.headers.get('allow')).toBe(allow);
    expect(response.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(await response.text()).toBe('');
  });

  it.each([['/api/v1/core/invoices'], ['/api/v1/core/customers/1/addresses'], ['/api/v2/customers']])(
    'answers 404 {"message": "The route … could not be found."} for %s',
    async (path) => {
      const answer = await get(app, path, { anonymous: true });
      expect(answer.status).toBe(404);
      expect(answer.json).toEqual({ message: `The route ${path.slice(1)} could not be found.` });
      expect(MessageError.safeParse(answer.json).success).toBe(true);
    },
  );

  it('matches the routes with a trailing slash too', async () => {
    expect((await get(app, `${BASE}/1/?site_id=1`)).status).toBe(200);
  });

  it.each([
    ['every trailing slash trimmed (UriValidator rtrims the path)', `${BASE}/1///?site_id=1`, 1],
    ['a percent-encoded slash decoded before matching', '/api/v1/core/customers%2F2?site_id=1', 2],
    ['a percent-encoded id decoded', `${BASE}/%33?site_id=1`, 3],
  ])('reaches the customer with %s', async (_case, path, id) => {
    const answer = await get(app, path);
    expect(answer.status).toBe(200);
    expect(answer.json.data.id).toBe(id);
  });

  it('answers 404 naming the raw path when the decoded path is not UTF-8', async () => {
    const answer = await get(app, `${BASE}/%FF?site_id=1`);
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ message: 'The route api/v1/core/customers/%FF could not be found.' });
  });

  it.each([
    [
      'PATCH',
      '/api/v1/core/customers%2F1',
      'The PATCH method is not supported for route api/v1/core/customers%2F1. Supported methods: GET, HEAD, PUT, DELETE.',
    ],
    [
      'constructor',
      `${BASE}/1`,
      'The CONSTRUCTOR method is not supported for route api/v1/core/customers/1. Supported methods: GET, HEAD, PUT, DELETE.',
    ],
  ])('answers 405 to %s %s with the verb upper-cased and the path as sent', async (method, path, message) => {
    const answer = await call(app, method, path);
    expect(answer.status).toBe(405);
    expect(answer.json).toEqual({ message });
  });

  it('answers HEAD like GET, without a body', async () => {
    const response = await app.request(`${BASE}/1?site_id=1`, { method: 'HEAD', headers: AUTH });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});

describe('paths as sent: nginx passes $request_uri to PHP, Symfony resolves no dot segment', () => {
  // The Node server adapter keeps the raw request target in its env; URL parsing alone resolves
  // `.`, `..` and `%2e` segments.
  const asSent = (target: string) => app.request(target, { headers: AUTH }, { incoming: { url: target } });

  it.each([
    ['/api/v1/core/./customers?site_id=1', 'The route api/v1/core/./customers could not be found.'],
    ['/x/../api/v1/core/customers?site_id=1', 'The route x/../api/v1/core/customers could not be found.'],
    ['/api/v1/core/customers/../1?site_id=1', 'The route api/v1/core/customers/../1 could not be found.'],
  ])('answers %s with the route 404 naming the path as sent', async (target, message) => {
    const response = await asSent(target);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message });
  });

  it.each(['/api/v1/core/customers/..?site_id=1', '/api/v1/core/customers/%2e%2e?site_id=1', '/api/v1/core/customers/%2E.?site_id=1'])(
    'reads %s as customer ".." (no such model)',
    async (target) => {
      const response = await asSent(target);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ message: 'No query results for model [App\\Models\\Customer] ..' });
    },
  );

  it.each([
    ['//api/v1/core/customers?site_id=1', 'The route api/v1/core/customers could not be found.'],
    ['///api/v1/core/customers/1?site_id=1', 'The route api/v1/core/customers/1 could not be found.'],
    ['//api', 'The route api could not be found.'],
  ])('answers %s, which no Laravel route matches, with the route 404 (nginx merges the slashes to reach PHP)', async (path, message) => {
    const answer = await get(app, path, { anonymous: true });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ message });
  });

  it('serves a dot segment sent over a socket the same way', async () => {
    const running = await startMock({ port: 0, providers: ['pelcro'] });
    try {
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        // `path` is sent as is (a URL string would be parsed, and its dot segment resolved, by node).
        const { hostname, port } = new URL(running.url);
        const req = request({ hostname, port, path: '/api/v1/core/./customers?site_id=1', headers: AUTH }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(answer.status).toBe(404);
      expect(JSON.parse(answer.body)).toEqual({ message: 'The route api/v1/core/./customers could not be found.' });
    } finally {
      await running.close();
    }
  });
});

describe('Pelcro request size (ValidatePostSize → PostTooLargeException)', () => {
  const small = seededApp({ bodyLimitBytes: 64 });

  it('answers 413 for a declared Content-Length over the limit, before authentication', async () => {
    const response = await small.request(`${BASE}?site_id=1`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': '1000' },
      body: JSON.stringify({ email: 'x'.repeat(900) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ message: 'The POST data is too large.' });
  });

  it('answers 413 for a streamed body that grows past the limit, and creates nothing', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`{"email":"big@example.com","metadata":{"x":"${'y'.repeat(100)}"}}`));
        controller.close();
      },
    });
    const response = await small.request(`${BASE}?site_id=1`, {
      method: 'POST',
      headers: { ...AUTH, 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    });
    expect(response.status).toBe(413);
    expect((await get(small, `${BASE}?site_id=1`)).json.meta.total).toBe(50);
  });
});

describe('renderPelcroError', () => {
  it.each<[Problem, number, unknown]>([
    [{ kind: 'unauthenticated', reason: 'invalid' }, 401, { message: 'Unauthenticated.' }],
    [{ kind: 'validation', fields: { email: ['x'] } }, 400, { errors: { email: ['x'] } }],
    [{ kind: 'payload_too_large', limitBytes: 1 }, 413, { message: 'The POST data is too large.' }],
    [{ kind: 'no_route', path: '/api/v1/core/nothing/' }, 404, { message: 'The route api/v1/core/nothing could not be found.' }],
    [{ kind: 'not_found', resource: 'customer', id: '42' }, 404, { message: 'No query results for model [App\\Models\\Customer] 42' }],
    [{ kind: 'forbidden', reason: 'token_expired' }, 403, { message: 'Token has expired' }],
    [{ kind: 'unauthenticated', reason: 'token_blacklisted' }, 401, { message: 'The token has been blacklisted' }],
    [
      { kind: 'bad_request', reason: 'source_in_subscription' },
      400,
      { message: 'Cannot delete source already associated to a subscription' },
    ],
    [{ kind: 'bad_request', reason: 'payment_token_missing' }, 404, { message: 'The token field is required.' }],
    [
      { kind: 'validation', fields: { email: ['This email is already in use.'] }, extra: { registered_on_other_sites: true } },
      400,
      { errors: { email: ['This email is already in use.'], registered_on_other_sites: true } },
    ],
  ])('renders %j as %i in Laravel shape', (problem, status, body) => {
    const rendered = renderPelcroError(problem, { method: 'GET', path: '/api/v1/core/customers' });
    expect(rendered.status).toBe(status);
    expect(rendered.body).toEqual(body);
  });

  // Laravel has no 415 and no malformed-body error: such a Problem is a bug of the mock, and goes
  // on to the app's 500 guard rather than getting a made-up Laravel text.
  it.each<Problem>([
    { kind: 'unsupported_media_type', contentType: 'text/plain' },
    { kind: 'malformed_body', parser: 'json', diagnosis: 'x' },
  ])('refuses to render %j, a kind Pelcro never raises', (problem) => {
    expect(() => renderPelcroError(problem, { method: 'GET', path: '/' })).toThrow(/never raises/);
  });
});

describe("a Host header Symfony's Request::getHost() refuses", () => {
  it.each(['a..b', 'x"y.test', "x'y.test"])('answers %j with a 400 "Bad request." before routing', async (host) => {
    const app = seededApp();
    for (const [method, path] of [
      ['GET', `${BASE}?site_id=1`],
      ['GET', `${BASE}/99?site_id=1`],
      ['PATCH', BASE],
      ['GET', '/api/v1/core/nothing'],
    ]) {
      const answer = await call(app, method, path, { headers: { Host: host } });
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ message: 'Bad request.' });
    }
  });

  it('refuses a bad host sent after a good one, and serves the good one again after it', async () => {
    const app = seededApp();
    for (const [host, status] of [
      ['x.test', 200],
      ['a..b', 400],
      ['x.test', 200],
      ['a..b', 400],
    ] as const) {
      expect((await get(app, `${BASE}/1?site_id=1`, { headers: { Host: host } })).status).toBe(status);
    }
  });

  it('serves a host Symfony takes, odd as it is (`x.test:abc`, `exa_mple.com`)', async () => {
    const app = seededApp();
    for (const host of ['x.test:abc', 'exa_mple.com', 'x.test.', 'EXAMPLE.com']) {
      expect((await get(app, `${BASE}/1?site_id=1`, { headers: { Host: host } })).status).toBe(200);
    }
  });
});
