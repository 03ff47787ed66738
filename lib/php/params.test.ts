import { describe, expect, it } from 'vitest';
import { entriesOf, keysOf } from '../ordered-json';
import { parsePhpParams } from './params';

/** A parsed array with its keys as sent (integer keys are stored escaped to keep their place). */
function sent(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(entriesOf(value).map(([key, item]) => [key, sent(item)]));
}

describe('parsePhpParams (php_register_variable_ex)', () => {
  const deep = (levels: number) => `a${'[b]'.repeat(levels)}`;
  it.each<[string, string, unknown]>([
    ['the last of a repeated name wins', 'a=1&a=2', { a: '2' }],
    ['[] appends from 0', 'a[]=x&a[]=y', { a: { 0: 'x', 1: 'y' } }],
    ['[] appends after the highest integer key', 'a[5]=x&a[]=y', { a: { 5: 'x', 6: 'y' } }],
    ['brackets nest', 'a[b][c]=1', { a: { b: { c: '1' } } }],
    ['dots and spaces of the base name become _', 'a.b=1&c d=2', { a_b: '1', c_d: '2' }],
    ['dots inside brackets stay', 'a[b.c]=1', { a: { 'b.c': '1' } }],
    ['leading spaces of the name are dropped', '+a=1', { a: '1' }],
    ['an unclosed [ on the first level joins the name as _', 'a[b.c d=1', { a_b_c_d: '1' }],
    ['an unclosed [ deeper down is dropped with the rest', 'a[b][c=1', { a: { b: '1' } }],
    ['text after ] is ignored', 'a[b]x=1', { a: { b: '1' } }],
    ['[ ] is [] (a space is skipped)', 'a[ ]=1', { a: { 0: '1' } }],
    ['a space before an index is kept', 'a[ b]=1', { a: { ' b': '1' } }],
    ['a name that is empty is ignored', '=1&[x]=2', {}],
    ['a scalar is replaced by an array', 'a=1&a[b]=2', { a: { b: '2' } }],
    ['an array is replaced by a scalar', 'a[b]=1&a=2', { a: '2' }],
    ['64 levels of brackets are kept', `${deep(64)}=1`, { a: expect.any(Object) }],
    ['a 65th level drops the variable and what its name held', `a[x]=1&${deep(65)}=2`, {}],
  ])('%s: %s', (_case, query, expected) => {
    expect(sent(parsePhpParams(new URLSearchParams(query)))).toEqual(expected);
  });

  it('keeps integer keys in the order sent, as a PHP array does', () => {
    const parsed = parsePhpParams(new URLSearchParams('a[b]=1&a[1]=2&a[0]=3')) as { a: object };
    expect(keysOf(parsed.a)).toEqual(['b', '1', '0']);
  });

  it('keeps __proto__ as a plain key', () => {
    const parsed = parsePhpParams(new URLSearchParams('__proto__[x]=1'));
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['__proto__']);
  });
});
