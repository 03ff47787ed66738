import { describe, expect, it } from 'vitest';
import { bearerToken, requestPath, routingPath } from './request';

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
