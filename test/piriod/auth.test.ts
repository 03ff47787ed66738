import { describe, expect, it } from 'vitest';
import { AUTH, call, chilean, seededApp } from './helpers';

const NOT_PROVIDED = 'Authentication credentials were not provided.';

describe('Authorization header (DRF TokenAuthentication, keywords Token and Bearer)', () => {
  const app = seededApp();

  it.each([
    ['absent', undefined, NOT_PROVIDED],
    ['another scheme', 'Basic dXNlcjpwYXNz', NOT_PROVIDED],
    ['an empty value', '', NOT_PROVIDED],
    ['the keyword alone', 'Token', 'Invalid token header. No credentials provided.'],
    ['Bearer alone', 'Bearer', 'Invalid token header. No credentials provided.'],
    ['a token with a space', 'Token abc def', 'Invalid token header. Token string should not contain spaces.'],
    ['a Bearer token with a space', 'Bearer abc def', 'Invalid token header. Token string should not contain spaces.'],
    // 0xE9 alone is Latin-1 "é" on the wire, which is not UTF-8.
    ['a token that is not UTF-8', 'Token caf\u00e9', 'Invalid token header. Token string should not contain invalid characters.'],
  ])('answers 401 when the header is %s', async (_, header, detail) => {
    const res = await call(app, 'GET', '/customers/', { anonymous: true, headers: header === undefined ? {} : { Authorization: header } });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ detail });
    expect(res.headers.get('www-authenticate')).toBe('Token');
  });

  it.each([
    ['Token', 'Token abc'],
    ['Bearer', 'Bearer abc'],
    ['a lower-case keyword', 'token abc'],
    ['an upper-case keyword', 'BEARER abc'],
    ['a UTF-8 token', 'Token caf\u00c3\u00a9'],
  ])('accepts any non-empty token with %s', async (_, header) => {
    const res = await call(app, 'GET', '/customers/', { anonymous: true, headers: { Authorization: header } });
    expect(res.status).toBe(200);
  });

  it('answers 401 "Invalid token." for a token outside --tokens', async () => {
    const restricted = seededApp({ tokens: ['good'] });
    const bad = await call(restricted, 'GET', '/customers/', { anonymous: true, headers: { Authorization: 'Token bad' } });
    expect(bad.status).toBe(401);
    expect(bad.json).toEqual({ detail: 'Invalid token.' });
    const good = await call(restricted, 'GET', '/customers/', { anonymous: true, headers: { Authorization: 'Bearer good' } });
    expect(good.status).toBe(200);
  });

  it('authenticates before checking the method: an unauthenticated DELETE is a 401, not a 405', async () => {
    const res = await call(app, 'DELETE', '/customers/cus_x/', { anonymous: true });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ detail: NOT_PROVIDED });
  });

  it('authenticates before reading the body: bad JSON without credentials is a 401', async () => {
    const res = await call(app, 'POST', '/customers/', { anonymous: true, raw: '{', contentType: 'application/json' });
    expect(res.status).toBe(401);
  });
});

describe('X-Simple-Workspace with --require-workspace', () => {
  it('answers 400 with non_field_errors when the header is missing', async () => {
    const app = seededApp({ requireWorkspace: true });
    const res = await call(app, 'GET', '/customers/');
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ non_field_errors: ['x-simple-workspace header is required.'] });
    const ok = await call(app, 'GET', '/customers/', { headers: { 'X-Simple-Workspace': 'acc_1' } });
    expect(ok.status).toBe(200);
  });

  it('still answers 401 first for missing credentials', async () => {
    const app = seededApp({ requireWorkspace: true });
    const res = await call(app, 'GET', '/customers/', { anonymous: true });
    expect(res.status).toBe(401);
  });

  it('does not require the header by default', async () => {
    expect((await call(seededApp(), 'GET', '/customers/')).status).toBe(200);
  });
});

describe('sandboxes (token + workspace)', () => {
  it('keeps what one token writes away from another token', async () => {
    const app = seededApp();
    const created = await call(app, 'POST', '/customers/', { body: chilean({ name: 'Only Mine SpA' }) });
    expect(created.status).toBe(201);
    const id = created.json.id;
    expect((await call(app, 'GET', `/customers/${id}/`)).status).toBe(200);
    const other = await call(app, 'GET', `/customers/${id}/`, { anonymous: true, headers: { Authorization: 'Token other' } });
    expect(other.status).toBe(404);
    const mine = await call(app, 'GET', '/customers/?name=Only%20Mine%20SpA');
    const theirs = await call(app, 'GET', '/customers/?name=Only%20Mine%20SpA', {
      anonymous: true,
      headers: { Authorization: 'Token other' },
    });
    expect(mine.json.count).toBe(1);
    expect(theirs.json.count).toBe(0);
  });

  it('names a separate sandbox per workspace, and the same one for Token and Bearer', async () => {
    const app = seededApp();
    const created = await call(app, 'POST', '/customers/', { body: chilean(), headers: { 'X-Simple-Workspace': 'acc_a' } });
    const id = created.json.id;
    const sameWorkspace = await call(app, 'GET', `/customers/${id}/`, {
      anonymous: true,
      headers: { Authorization: `Bearer ${AUTH.Authorization.split(' ')[1]}`, 'X-Simple-Workspace': 'acc_a' },
    });
    expect(sameWorkspace.status).toBe(200);
    expect((await call(app, 'GET', `/customers/${id}/`, { headers: { 'X-Simple-Workspace': 'acc_b' } })).status).toBe(404);
    expect((await call(app, 'GET', `/customers/${id}/`)).status).toBe(404);
  });

  it('starts every sandbox with the same seeded customers', async () => {
    const app = seededApp();
    const a = await call(app, 'GET', '/customers/?page_size=100');
    const b = await call(app, 'GET', '/customers/?page_size=100', { anonymous: true, headers: { Authorization: 'Token someone-else' } });
    expect(a.json.count).toBe(50);
    expect(b.text).toBe(a.text);
  });
});
