import { describe, expect, it } from 'vitest';
import { PyNumber } from '../python/python';
import { integerRule, toInt } from './validator';

const float = (value: number) => new PyNumber('float', '', value);
const bigInt = (digits: string) => new PyNumber('int', digits, Number(digits));

describe("Laravel's `integer` rule (filter_var FILTER_VALIDATE_INT)", () => {
  const rule = integerRule('The n field must be an integer.');

  it('draws FILTER_VALIDATE_INT’s line: whole JSON floats and ints up to PHP_INT_MAX pass, the rest fails with one message', () => {
    const accepted: [unknown, unknown][] = [
      [float(7), 7],
      [float(1), 1],
      [7.000000000000001, 7], // PHP writes it "7"
      [true, true],
      ['42', '42'],
      [bigInt('9007199254740993'), '9007199254740993'], // an int past 2^53, as its digits
      ['9223372036854775807', '9223372036854775807'],
    ];
    for (const [value, parsed] of accepted) expect(rule.parse(value)).toBe(parsed);
    const refused = [7.5, float(1e15), '2.0', '007', '9223372036854775808', bigInt('9223372036854775808'), false];
    for (const value of refused) {
      expect(rule.safeParse(value).error?.issues.map((issue) => issue.message)).toEqual(['The n field must be an integer.']);
    }
  });

  it('reads an accepted value as the integer an integer column stores', () => {
    expect([float(7), true, '42', 7.000000000000001].map(toInt)).toEqual([7, 1, 42, 7]);
    expect(toInt('abc')).toBeNaN();
  });
});
