import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PyNumber } from '../python/python';
import { given, laravelRule, phpSize, sizePasses, validatable } from './rules';

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
