import { describe, expect, it } from 'vitest';
import { QueryDict, quotePlus, withQueryParam } from './query';

describe('query strings', () => {
  it('reads a query as QueryDict does (last value wins, + is a space)', () => {
    const q = new QueryDict('a=1&a=2&b=x+y&c&=v&d=%C3%B1&e=%ZZ');
    expect(q.get('a')).toBe('2');
    expect(q.get('b')).toBe('x y');
    expect(q.get('c')).toBe('');
    expect(q.get('')).toBe('v');
    expect(q.get('d')).toBe('ñ');
    expect(q.get('e')).toBe('%ZZ');
  });

  it('writes links as urlencode(sorted(...), doseq=True) with quote_plus', () => {
    expect(quotePlus('a b/c:d~é')).toBe('a+b%2Fc%3Ad~%C3%A9');
    const q = new QueryDict('z=1&page=3&a=x&a=y');
    expect(withQueryParam('http://h/customers/', q, 'page', '4')).toBe('http://h/customers/?a=x&a=y&page=4&z=1');
    expect(withQueryParam('http://h/customers/', new QueryDict('page=2'), 'page', undefined)).toBe('http://h/customers/');
  });
});
