import { describe, expect, it } from 'vitest';
import {
  bearerToken,
  intendedMethod,
  phpPostMediaType,
  requestPath,
  routingPath,
  symfonyHostValid,
  symfonyOrigin,
  symfonyParsesForm,
  targetPath,
  targetQuery,
} from './request';

describe('Request::bearerToken', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc', 'abc'],
    ['Bearer abc, Basic xyz', 'abc'],
    ['Basic x, Bearer last', 'last'],
    ['Bearer ', undefined],
    ['Token abc', undefined],
  ])('reads %j as token %j (Laravel Request::bearerToken)', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});

describe("Request::path() and the router's rawurldecode", () => {
  it.each([
    ['/api/v1/core/customers/', 'api/v1/core/customers'],
    ['//', '/'],
    ['', '/'],
  ])('reads %j as path %j', (raw, path) => {
    expect(requestPath(raw)).toBe(path);
  });

  it.each<[string, string | undefined]>([
    ['/a/customers%2F7/', '/a/customers/7'],
    ['/a/%zz', '/a/%zz'],
    ['/a/50%', '/a/50%'],
    ['/a/%FF', undefined],
  ])('matches %j as %j (trailing slashes dropped, bytes that are not UTF-8 refused)', (raw, path) => {
    expect(routingPath(raw)).toBe(path);
  });
});

describe('which bodies PHP (POST) and Symfony (PUT, DELETE) parse', () => {
  it.each([
    ['APPLICATION/X-WWW-FORM-URLENCODED;charset=x', 'application/x-www-form-urlencoded'],
    ['application/x-www-form-urlencoded, x', 'application/x-www-form-urlencoded'],
    ['application/x-www-form-urlencoded x', 'application/x-www-form-urlencoded'],
    ['application/x-www-form-urlencoded\tx', 'application/x-www-form-urlencoded\tx'],
    ['Multipart/Form-Data; boundary=B', 'multipart/form-data'],
  ])('PHP reads a POST with Content-Type %j as %j (cut at ; , or space, lower-cased)', (contentType, media) => {
    expect(phpPostMediaType(contentType)).toBe(media);
  });

  it.each<[string, boolean]>([
    ['application/x-www-form-urlencoded; charset=UTF-8', true],
    ['application/x-www-form-urlencodedX', true],
    ['Application/x-www-form-urlencoded', false],
    ['APPLICATION/X-WWW-FORM-URLENCODED', false],
  ])('Symfony parse_str()s a PUT with Content-Type %j: %s (case-sensitive str_starts_with)', (contentType, parsed) => {
    expect(symfonyParsesForm(contentType)).toBe(parsed);
  });
});

describe('the parts of a request target', () => {
  it.each([
    ['/a/./b?x=http://y/z', '/a/./b', 'x=http://y/z'],
    ['//a?', '//a', ''],
    ['/a#f', '/a', ''],
    ['/a?q=1#f', '/a', 'q=1'],
  ])('splits %j into path %j and query %j', (target, path, query) => {
    expect(targetPath(target)).toBe(path);
    expect(targetQuery(target)).toBe(query);
  });
});

describe("Symfony's Request::getMethod() with the _method override enabled", () => {
  it.each<[string, string, string | undefined, Record<string, unknown>, Record<string, unknown>, string | undefined]>([
    ['a POST without override', 'POST', undefined, {}, {}, 'POST'],
    ['the header', 'POST', 'put', { _method: 'DELETE' }, {}, 'PUT'],
    ['an empty header, then the body', 'POST', '', { _method: 'delete' }, {}, 'DELETE'],
    ['a "0" header, then the query', 'POST', '0', {}, { _method: 'PUT' }, 'PUT'],
    ['the body before the query', 'POST', undefined, { _method: 'PUT' }, { _method: 'DELETE' }, 'PUT'],
    ['any [A-Z]+ word', 'POST', undefined, { _method: 'bogus' }, {}, 'BOGUS'],
    ['no string in the body (JSON null) leaves POST', 'POST', undefined, { _method: null }, { _method: 'PUT' }, 'POST'],
    ['no string in the body (JSON 5) leaves POST', 'POST', undefined, { _method: 5 }, {}, 'POST'],
    ['a word with a dash', 'POST', undefined, { _method: 'f-o' }, {}, undefined],
    ['an empty _method', 'POST', undefined, { _method: '' }, {}, undefined],
    ['a trailing newline', 'POST', undefined, { _method: 'PUT\n' }, {}, undefined],
    ['a non-ASCII letter', 'POST', undefined, { _method: 'ß' }, {}, undefined],
    ['an array in the body', 'POST', undefined, { _method: { 0: 'PUT' } }, {}, undefined],
    ['an array in the query, whatever the body says', 'POST', undefined, { _method: 'PUT' }, { _method: ['x'] }, undefined],
    ['a bad header', 'POST', 'PUT, DELETE', {}, {}, undefined],
    ['a PUT is never overridden', 'PUT', 'DELETE', { _method: 'DELETE' }, {}, 'PUT'],
  ])('%s', (_case, real, header, body, query, method) => {
    expect(intendedMethod(real, header, body, query)).toBe(method);
  });
});

describe('symfonyHostValid', () => {
  it.each([
    'x.test',
    'X.TEST',
    'x.test:8080',
    'x.test:99999',
    'x.test:abc',
    'x.test:',
    '::1',
    '[::1]:99',
    'exa_mple.com',
    'x.test.',
    '',
    ' ',
    '127.0.0.1',
  ])('takes %j, as Request::getHost() does', (host) => expect(symfonyHostValid(host)).toBe(true));
  it.each(['a..b', 'x"y.test', "x'y.test", 'a b.test', 'é.test', 'x.test/evil', 'user@x.test', 'x.test, y.test', '%41.test', '.x.test'])(
    'refuses %j, where Request::getHost() throws SuspiciousOperationException',
    (host) => expect(symfonyHostValid(host)).toBe(false),
  );
  it('answers a long host quickly', () => {
    const start = performance.now();
    expect(symfonyHostValid(`${'a.'.repeat(100_000)}.`)).toBe(false);
    expect(performance.now() - start).toBeLessThan(200);
  });
});

describe('Request::getSchemeAndHttpHost()', () => {
  it.each([
    ['x.test:0', 'http://x.test'],
    ['x.test:00', 'http://x.test:0'],
    ['x.test:000', 'http://x.test:0'],
    ['x.test:080', 'http://x.test'],
    ['X.test:8080', 'http://x.test:8080'],
    ['[::1]:0', 'http://[::1]'],
  ])('gives %j the origin %j', (host, origin) => {
    expect(symfonyOrigin(new URL(`http://${host}/api`), host)).toBe(origin);
  });
});
