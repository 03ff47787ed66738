import { describe, expect, it } from 'vitest';
import { entriesOf, keysOf } from '../ordered-json';
import { MAX_INPUT_VARS, parsePhpParams, parsePhpPostForm, parsePhpQuery, parseStrWarns } from './params';

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
    ['a name ends at its first NUL', 'a%00b=1&f%00[g]=3', { a: '1', f: '3' }],
    ['a NUL inside brackets leaves them unclosed', 'x[a%00b]=4', { x_a: '4' }],
    ['a name starting with NUL is empty, so ignored', '%00c=5', {}],
    ['a value keeps its NUL', 'd=6%007', { d: '6\u00007' }],
    ['a scalar is replaced by an array', 'a=1&a[b]=2', { a: { b: '2' } }],
    ['an array is replaced by a scalar', 'a[b]=1&a=2', { a: '2' }],
    ['64 levels of brackets are kept', `${deep(64)}=1`, { a: expect.any(Object) }],
    ['a 65th level drops the variable and what its name held', `a[x]=1&${deep(65)}=2`, {}],
    // PHP 8.2's arrays from array_init() start with no next index: the first integer key sets it.
    ['[] appends after a negative first key', 'a[-5]=x&a[]=y', { a: { '-5': 'x', '-4': 'y' } }],
    ['[] appends after the highest negative key', 'a[-5]=x&a[-3]=y&a[]=z', { a: { '-5': 'x', '-3': 'y', '-2': 'z' } }],
    ['a lower negative key leaves the next index', 'a[-5]=x&a[-10]=y&a[]=z', { a: { '-5': 'x', '-10': 'y', '-4': 'z' } }],
    ['a negative key after [] leaves the next index', 'a[]=x&a[-5]=y&a[]=z', { a: { 0: 'x', '-5': 'y', 1: 'z' } }],
    ['-0, 07 and - are string keys', 'a[-0]=x&a[07]=y&a[-]=z&a[]=w', { a: { '-0': 'x', '07': 'y', '-': 'z', 0: 'w' } }],
    ['a 16-digit key moves the next index', 'a[1234567890123456]=x&a[]=y', { a: { 1234567890123456: 'x', 1234567890123457: 'y' } }],
    [
      'an append past ZEND_LONG_MAX is dropped',
      'a[9223372036854775806]=x&a[]=y&a[]=z',
      { a: { '9223372036854775806': 'x', '9223372036854775807': 'y' } },
    ],
    ['a key past ZEND_LONG_MAX is a string key', 'a[9223372036854775808]=x&a[]=y', { a: { '9223372036854775808': 'x', 0: 'y' } }],
    [
      'ZEND_LONG_MIN is an integer key',
      'a[-9223372036854775808]=x&a[]=y',
      { a: { '-9223372036854775808': 'x', '-9223372036854775807': 'y' } },
    ],
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

describe("max_input_vars, as each of PHP's parsers counts it", () => {
  const pairs = (n: number) => Array.from({ length: n }, (_, i) => `k${i}=v`).join('&');
  const count = (parsed: object) => Object.keys(parsed).length;

  it(`keeps ${MAX_INPUT_VARS} pairs of a query string (php_default_treat_data counts before registering)`, () => {
    expect(count(parsePhpQuery(pairs(MAX_INPUT_VARS + 5)))).toBe(MAX_INPUT_VARS);
  });

  it('does not count the empty pieces of a query string (php_strtok_r skips them)', () => {
    expect(Object.keys(parsePhpQuery(`${pairs(MAX_INPUT_VARS - 2)}&&&&last=1&after=2`)).slice(-2)).toEqual(['last', 'after']);
  });

  it(`keeps ${MAX_INPUT_VARS + 1} pairs of a POST form (add_post_vars counts after registering)`, () => {
    const parsed = parsePhpPostForm(pairs(MAX_INPUT_VARS + 5));
    expect(count(parsed)).toBe(MAX_INPUT_VARS + 1);
    expect(Object.keys(parsed).at(-1)).toBe(`k${MAX_INPUT_VARS}`);
  });

  it('counts the empty pieces of a POST form', () => {
    const parsed = parsePhpPostForm(`${pairs(MAX_INPUT_VARS - 2)}&&&&last=1`);
    expect(count(parsed)).toBe(MAX_INPUT_VARS - 2);
    expect(parsed).not.toHaveProperty('last');
  });
});

describe("parse_str()'s warnings on a query Symfony reads again (HeaderUtils::parseQuery)", () => {
  const pairs = (n: number) => Array.from({ length: n }, (_, i) => `k${i}=v`).join('&');
  const nested = (levels: number, unit = '[b]') => `a${unit.repeat(levels)}=1`;
  // Each case as php8.2-cli answers Symfony 7.2's parseQuery with display_errors off (1 = warns).
  it.each([
    ['1000 pairs', pairs(1000), false],
    ['1001 pairs', pairs(1001), true],
    ['1000 pairs and empty pieces', `${pairs(1000)}&&&`, false],
    ['1000 pairs and a name of spaces alone', `${pairs(1000)}&+&%20`, false],
    ['1000 pairs and a name of spaces with `=`', `${pairs(1000)}&+=`, true],
    ['1000 pairs and an empty name with a value', `${pairs(1000)}&=x`, true],
    ['1000 pairs and a NUL name', `${pairs(1000)}&%00`, false],
    ['1000 pairs and `?`', `${pairs(1000)}&?`, true],
    ['64 levels', nested(64), false],
    ['65 levels', nested(65), true],
    ['65 encoded levels', nested(65, '%5Bb%5D'), true],
    ['65 levels under an empty base', `[x]${'[b]'.repeat(65)}=1`, false],
    ['65 levels past the 1000th pair', `${pairs(1000)}&${nested(70)}`, true],
    ['65 levels as the 1000th pair', `${pairs(999)}&${nested(70)}`, true],
  ])('%s: %s', (_what, query, warns) => {
    expect(parseStrWarns(query)).toBe(warns);
  });
});
