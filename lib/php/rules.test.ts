import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PyNumber } from '../python/python';
import { alphaDashPasses, given, laravelRule, phpSize, sizePasses, validatable } from './rules';

describe("Laravel's validateRequired (what every required* rule counts as given)", () => {
  it('counts null, a string trim() empties and an empty array as not given; anything else as given', () => {
    const notGiven = [undefined, null, '', '   ', '\t\n\r\0\x0B', [], {}];
    const isGiven = ['a', ' a ', '\f', '\u00a0', 0, false, true, [null], { 0: '' }, new PyNumber('float', '', 0)];
    expect(notGiven.map(given)).toEqual(notGiven.map(() => false));
    expect(isGiven.map(given)).toEqual(isGiven.map(() => true));
  });

  it('runs no other rule on a string trim() empties (presentOrRuleIsImplicit), but on null, [] and "\\f"', () => {
    expect(['     ', '\t', '\0'].some(validatable)).toBe(false);
    expect([null, [], {}, '\f', 0].every(validatable)).toBe(true);
  });
});

describe("Laravel's size rules without a numeric rule (getSize)", () => {
  it('measures an array by its count and anything else by the mb_strlen of its string cast', () => {
    expect([[1, 2, 3], { a: 1, b: 2 }, '😀😀😀', null, false, true, 12345, 12.5, new PyNumber('float', '', 7)].map(phpSize)).toEqual([
      3, 2, 3, 0, 0, 1, 5, 4, 1,
    ]);
    expect(sizePasses('😀'.repeat(6), 'min', 6)).toBe(true);
    expect(
      sizePasses(
        Array.from({ length: 256 }, () => 'a'),
        'max',
        255,
      ),
    ).toBe(false);
  });

  it('adds a rule that runs after the type rule failed, and on no whitespace-only string', () => {
    const min6 = z.string({ error: 'string' }).check(laravelRule((value) => sizePasses(value, 'min', 6), 'min'));
    const messages = (value: unknown) => min6.safeParse(value).error?.issues.map((issue) => issue.message) ?? [];
    expect(messages(null)).toEqual(['string', 'min']);
    expect(messages(12345)).toEqual(['string', 'min']);
    expect(messages([1, 2, 3, 4, 5, 6])).toEqual(['string']);
    expect(messages('12345')).toEqual(['min']);
    expect(messages('     ')).toEqual([]);
  });
});

describe("Laravel's size rules on a field with a numeric rule (getSize reads a numeric value by its value)", () => {
  const min1 = (value: unknown) => sizePasses(value, 'min', 1, { numeric: true });
  const max100 = (value: unknown) => sizePasses(value, 'max', 100, { numeric: true });

  it('answers as Laravel 11.56 does for `integer|min:1|max:100` (PHP 8.2): [passes min:1, passes max:100]', () => {
    const cases: [unknown, boolean, boolean][] = [
      ['0.5', false, true],
      ['150.5', true, false],
      ['1e3', true, false],
      ['.5', false, true],
      ['1.', true, true],
      ['-5', false, true],
      ['9223372036854775808', true, false],
      ['100.0000000000000000001', true, false],
      ['1e2000', false, false], // an exponent past ±1000: the MathException both rules catch
      ['1e-2000', false, false],
      ['abc', true, true], // not numeric: its length
      ['x'.repeat(101), true, false],
      [100.00000000000001, true, true], // PHP writes it "100"
      [false, false, true],
      [[], false, true],
    ];
    for (const [value, passesMin, passesMax] of cases) expect([value, min1(value), max100(value)]).toEqual([value, passesMin, passesMax]);
  });
});

describe("Laravel's alpha_dash on any value", () => {
  it('passes strings and numbers that match as PHP writes them, nothing else', () => {
    expect(['a-b_1', 'ñ', 12, -5, new PyNumber('float', '', 1000)].every(alphaDashPasses)).toBe(true);
    expect(['a b', 12.5, true, false, null, ['a'], { a: 'b' }].some(alphaDashPasses)).toBe(false);
  });
});
