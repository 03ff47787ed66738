import { describe, expect, it } from 'vitest';
import { directives, sharedReuse } from './caching';

describe('sharedReuse', () => {
  it.each([
    ['public, max-age=300', 'reusable by a shared cache for 300 s'],
    ['max-age=60, s-maxage=600', 'reusable by a shared cache for 600 s'],
    ['must-revalidate, max-age=30', 'reusable by a shared cache for 30 s'],
    ['Public', 'public with no lifetime: a shared cache may choose its own'],
    ['public, no-cache="Set-Cookie", max-age=5', 'reusable by a shared cache for 5 s'],
  ])('lets a shared cache reuse an authenticated answer marked %j', (value, why) => {
    expect(sharedReuse(value)).toBe(why);
  });

  it.each([
    [null],
    [''],
    ['no-cache, private'],
    ['max-age=300'],
    ['private, max-age=300'],
    ['public, max-age=300, no-store'],
    ['public, no-cache'],
    ['public, max-age=0'],
    ['s-maxage=0, public'],
    ['must-revalidate'],
    ['no-cache, no-store, must-revalidate, private'],
  ])('keeps an authenticated answer marked %j from other clients', (value) => {
    expect(sharedReuse(value)).toBeUndefined();
  });
});

describe('directives', () => {
  it('reads names without case and values without quotes, the first of a repeated name', () => {
    expect([...directives('Max-Age="10", public , max-age=20,')]).toEqual([
      ['max-age', '10'],
      ['public', undefined],
    ]);
  });
});
