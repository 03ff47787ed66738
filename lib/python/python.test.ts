import { describe, expect, it } from 'vitest';
import { writeJson } from '../ordered-json';
import { pyJsonLoads } from './json';
import { hasPyOnlyNumbers, PyNumber, pyFloatRepr, pyInt, pyJsonNumbers, pyLen, pyRepr, pyStr, pyStrip, pyTypeName } from './python';

describe('Python semantics in messages', () => {
  // Expected values printed by CPython 3.12's repr().
  it.each([
    [0.1, '0.1'],
    [1.5, '1.5'],
    [1e16, '1e+16'],
    [1e-5, '1e-05'],
    [123456789.123, '123456789.123'],
    [1e22, '1e+22'],
    [-2.5e-7, '-2.5e-07'],
    [100, '100.0'],
    [0.0001, '0.0001'],
    // biome-ignore lint/correctness/noPrecisionLoss: the literal rounds to the double CPython prints
    [12345678901234567, '1.2345678901234568e+16'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [Infinity, 'inf'],
  ])('repr(float(%s)) is %s', (value, text) => {
    expect(pyFloatRepr(value)).toBe(text);
  });

  it('prints values as str() and repr() do', () => {
    expect(pyStr(null)).toBe('None');
    expect(pyStr(true)).toBe('True');
    expect(pyStr(new PyNumber('float', '', 1))).toBe('1.0');
    // biome-ignore lint/correctness/noPrecisionLoss: the rounded double beside the exact digits, as the JSON port builds it
    expect(pyStr(new PyNumber('int', '12345678901234567890', 12345678901234567890))).toBe('12345678901234567890');
    expect(pyRepr(["it's", 'a"b', 'x\ny', 'é\u200b'])).toBe(`["it's", 'a"b', 'x\\ny', 'é\\u200b']`);
    expect(pyRepr(['CL', 1, 2.5, null, true, { a: 'b' }])).toBe("['CL', 1, 2.5, None, True, {'a': 'b'}]");
  });

  it('names Python types', () => {
    expect([[], {}, 's', 1, 1.5, new PyNumber('float', '', 2), true, null].map(pyTypeName)).toEqual([
      'list',
      'dict',
      'str',
      'int',
      'float',
      'float',
      'bool',
      'NoneType',
    ]);
  });

  it('strips, measures and parses integers like Python', () => {
    expect(pyStrip('\u00a0\u3000 x \x1c\u2028')).toBe('x');
    expect(pyStrip('\ufeffx')).toBe('\ufeffx');
    expect(pyLen('😀a')).toBe(2);
    expect([' 7 ', '+3', '-2', '1_000', '1__0', '1.0', '', 'x'].map(pyInt)).toEqual([
      7,
      3,
      -2,
      1000,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  // CPython 3.12.1: int() skips ASCII's C-locale spaces and any non-ASCII space, not \x1c–\x1f.
  it.each([
    ['\x1c5', undefined],
    ['5\x1f', undefined],
    ['\x1c5\xa0', undefined],
    ['\x0b5\x0c', 5],
    ['\x855', 5],
    ['\u3000٣\u2028', 3],
    ['\u200b5', undefined],
  ])('reads int(%j) as CPython does', (text, expected) => {
    expect(pyInt(text)).toBe(expected);
  });

  it("refuses in int() a text of more than 4,300 digits, leading zeros counted and underscores not, as CPython's limit does", () => {
    expect(pyInt('1'.repeat(4300))).toBe(Number('1'.repeat(4300)));
    expect(pyInt(` -${'0'.repeat(4299)}7 `)).toBe(-7);
    expect(pyInt(`${'1_'.repeat(4299)}1`)).toBe(Number('1'.repeat(4300)));
    for (const text of ['1'.repeat(4301), '0'.repeat(4301), `+${'0'.repeat(4300)}1`, `${'1_'.repeat(4300)}1`, '５'.repeat(4301)]) {
      expect(pyInt(text)).toBeUndefined();
    }
  });
});

describe("numbers as Python's json.dumps writes them", () => {
  it('writes back what it read: floats by their repr, ints by every digit', () => {
    const sent = '{"a":1.0,"b":-0.0,"c":12345678901234567890,"d":[1e-05,0.0001,1e+16,1.5e+300,2.5,3,-7]}';
    const read = pyJsonLoads('{"a": 1.0, "b": -0.0, "c": 12345678901234567890, "d": [0.00001, 1e-4, 1E16, 1.5e300, 2.5, 3, -7]}');
    expect(writeJson(read, pyJsonNumbers)).toBe(sent);
  });

  it('tells which values JSON.stringify would write otherwise', () => {
    expect(hasPyOnlyNumbers({ a: 1, b: 'x', c: [2.5, { d: null }] })).toBe(false);
    expect(hasPyOnlyNumbers({ a: [{ b: 0.00001 }] })).toBe(true);
    expect(hasPyOnlyNumbers({ a: [{ b: new PyNumber('float', '', 1) }] })).toBe(true);
  });
});
