import { describe, expect, it } from 'vitest';
import { PyNumber } from '../python/python';
import { filterInt, isNumeric, phpFloatString, phpString, phpTrim } from './scalars';

const float = (value: number) => new PyNumber('float', '', value);
const bigInt = (digits: string) => new PyNumber('int', digits, Number(digits));

describe('PHP scalars as Laravel’s rules read them (answers of PHP 8.2)', () => {
  it('trim() removes " \\t\\n\\r\\0\\x0B" only', () => {
    expect(phpTrim(' \t\n\r\0\x0Bx \x0B')).toBe('x');
    expect(phpTrim('\fx\u00a0')).toBe('\fx\u00a0');
    expect(phpTrim('      ')).toBe('');
  });

  it.each([
    [7, '7'],
    [0.1 + 0.2, '0.3'],
    [1e14, '1.0E+14'],
    [99999999999999.0, '99999999999999'],
    [99999999999999.98, '1.0E+14'],
    [12345678901234.5, '12345678901234'],
    [12345678901235.5, '12345678901236'],
    [1e15, '1.0E+15'],
    [123456789012345680, '1.2345678901235E+17'],
    [0.0001, '0.0001'],
    [0.00001, '1.0E-5'],
    [-1.5e-7, '-1.5E-7'],
    [0.00012345678901234567, '0.00012345678901235'],
    [5e-324, '4.9406564584125E-324'],
    [1.7976931348623157e308, '1.7976931348623E+308'],
    [-0, '-0'],
    [2.5, '2.5'],
    [7.000000000000001, '7'],
    [Number.POSITIVE_INFINITY, 'INF'],
  ])('(string) of the float %d is %s (precision 14, zend_gcvt, ties to even)', (value, text) => {
    expect(phpFloatString(value)).toBe(text);
  });

  it('casts scalars to strings as PHP does; an array has no string form', () => {
    expect(
      [true, false, null, 42, 12.5, float(7), float(1e25), bigInt('9007199254740993'), bigInt('9223372036854775808')].map(phpString),
    ).toEqual(['1', '', '', '42', '12.5', '7', '1.0E+25', '9007199254740993', '9.2233720368548E+18']);
    expect(phpString({ 0: 'a' })).toBeUndefined();
  });

  it.each([
    ['1e3', true],
    ['.5', true],
    ['1.', true],
    ['+.5e-3', true],
    [' 1 ', true],
    ['\f1', true],
    ['1e', false],
    ['.', false],
    ['0x1A', false],
    ['--1', false],
    ['', false],
    ['\u00001', false],
  ])('is_numeric(%j) is %s', (value, numeric) => {
    expect(isNumeric(value)).toBe(numeric);
  });

  it('is_numeric holds for every number, never for booleans, null or arrays', () => {
    expect([0, 12.5, float(7), bigInt('9223372036854775808')].every(isNumeric)).toBe(true);
    expect([true, false, null, {}].some(isNumeric)).toBe(false);
  });

  it.each([
    ['7', 7n],
    ['+0', 0n],
    ['-0', 0n],
    [' 5\v', 5n],
    ['9223372036854775807', 9223372036854775807n],
    ['-9223372036854775808', -9223372036854775808n],
    [true, 1n],
    [float(7), 7n],
    [float(1), 1n],
    [7.000000000000001, 7n],
    [float(99999999999999), 99999999999999n],
    [bigInt('9007199254740993'), 9007199254740993n],
  ])('FILTER_VALIDATE_INT accepts %j as %d', (value, int) => {
    expect(filterInt(value)).toBe(int);
  });

  it.each([
    ['00'],
    ['007'],
    ['+-1'],
    ['9223372036854775808'],
    ['-9223372036854775809'],
    ['5\u0000'],
    ['\f5'],
    ['0x1A'],
    ['2.0'],
    [''],
    [false],
    [null],
    [7.5],
    [float(1e15)],
    [bigInt('9223372036854775808')],
    [{ 0: 7 }],
  ])('FILTER_VALIDATE_INT refuses %j', (value) => {
    expect(filterInt(value)).toBeUndefined();
  });
});
