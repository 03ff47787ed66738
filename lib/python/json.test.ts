import { describe, expect, it } from 'vitest';
import { PyNumber } from './python';
import { PyValueError, pyJsonIndent, pyJsonLoads } from './json';

describe("json.loads (CPython's scanner)", () => {
  // Messages as CPython 3.12's json.loads raises them.
  it.each([
    ['{', 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)'],
    ['{"name": "x"', "Expecting ',' delimiter: line 1 column 13 (char 12)"],
    ['{"a" 1}', "Expecting ':' delimiter: line 1 column 6 (char 5)"],
    ['\n\n  {"a":\n  x}', 'Expecting value: line 4 column 3 (char 12)'],
    ['1 2', 'Extra data: line 1 column 3 (char 2)'],
    ['\ufeff{}', 'Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)'],
  ])('refuses %j with "%s"', (text, message) => {
    expect(() => pyJsonLoads(text)).toThrow(PyValueError);
    expect(() => pyJsonLoads(text)).toThrow(message);
  });

  it('keeps a "__proto__" key as data, as a Python dict does', () => {
    const value = pyJsonLoads('{"__proto__": {"x": 1}, "a": 2}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(value)).toBeNull();
  });

  it('reads numbers a JS number would misstate as PyNumber', () => {
    expect(pyJsonLoads('[1, 2.5]')).toEqual([1, 2.5]);
    expect(pyJsonLoads('1.0')).toBeInstanceOf(PyNumber);
    expect(pyJsonLoads('12345678901234567890')).toBeInstanceOf(PyNumber);
  });
});

describe("json.dumps with indent (DRF's JSONRenderer for `Accept: application/json; indent=N`)", () => {
  it('lays a compact text out as CPython 3.11 does, empty containers and strings kept as they are', () => {
    const value = { a: [1, 2.5, { b: {}, c: [] }, []], s: 'x,y:{["]}\\\\', e: {}, n: null, t: true, u: 'é\u2028' };
    const compact = JSON.stringify(value).replace('\u2028', '\\u2028');
    // json.dumps(value, indent=2, separators=(",", ": "), ensure_ascii=False), U+2028 then escaped as DRF does.
    expect(pyJsonIndent(compact, 2)).toBe(
      '{\n  "a": [\n    1,\n    2.5,\n    {\n      "b": {},\n      "c": []\n    },\n    []\n  ],\n  "s": "x,y:{[\\"]}\\\\\\\\",\n  "e": {},\n  "n": null,\n  "t": true,\n  "u": "\u00e9\\u2028"\n}',
    );
    expect(pyJsonIndent('[]', 3)).toBe('[]');
    expect(pyJsonIndent('{"k":[[]]}', 1)).toBe('{\n "k": [\n  []\n ]\n}');
  });
});
