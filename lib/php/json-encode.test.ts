import { describe, expect, it } from 'vitest';
import { jsWritesAsPhp, phpEscaped, phpJsonDouble, phpPrettyJson } from './json-encode';

describe("json_encode's escaping", () => {
  // Each expected text as php8.2-cli's json_encode writes the value (options 0, then JSON_UNESCAPED_SLASHES).
  it.each([
    [{ url: 'http://a.test/x' }, '{"url":"http:\\/\\/a.test\\/x"}', '{"url":"http://a.test/x"}'],
    [{ name: 'José Müller' }, '{"name":"Jos\\u00e9 M\\u00fcller"}', '{"name":"Jos\\u00e9 M\\u00fcller"}'],
    [{ emoji: '😀' }, '{"emoji":"\\ud83d\\ude00"}', '{"emoji":"\\ud83d\\ude00"}'],
    [{ sep: '\u2028\u2029' }, '{"sep":"\\u2028\\u2029"}', '{"sep":"\\u2028\\u2029"}'],
    [{ ctl: '\n\u001f\u007f' }, '{"ctl":"\\n\\u001f\u007f"}', '{"ctl":"\\n\\u001f\u007f"}'],
    [{ plain: 'abc', n: 1.5, b: [true, null] }, '{"plain":"abc","n":1.5,"b":[true,null]}', '{"plain":"abc","n":1.5,"b":[true,null]}'],
  ])('writes %j as %s', (value, escaped, slashesKept) => {
    expect(phpEscaped(JSON.stringify(value))).toBe(escaped);
    expect(phpEscaped(JSON.stringify(value), { unescapedSlashes: true })).toBe(slashesKept);
  });

  it('pretty-prints as JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES does', () => {
    expect(phpPrettyJson({ message: 'The route api/v1/x could not be found.' })).toBe(
      '{\n    "message": "The route api/v1/x could not be found."\n}',
    );
    expect(phpPrettyJson({ a: [], b: {}, c: [1, { d: 'é' }] })).toBe(
      '{\n    "a": [],\n    "b": {},\n    "c": [\n        1,\n        {\n            "d": "\\u00e9"\n        }\n    ]\n}',
    );
  });
});

describe("json_encode's text of a double (serialize_precision -1)", () => {
  // As php_json_encode_double writes each; the metadata texts of test/pelcro/bytes.test.ts among them.
  it.each([
    [0.00001, '1.0e-5'],
    [2e-5, '2.0e-5'],
    [1.5e-7, '1.5e-7'],
    [0.0001, '0.0001'],
    [1.5, '1.5'],
    [1e16, '10000000000000000'],
    [1e17, '1.0e+17'],
    [1e21, '1.0e+21'],
    [2 ** 63, '9.223372036854776e+18'],
    [1.2345678901234567e19, '1.2345678901234567e+19'],
    [-0, '-0'],
  ])('writes %d as %s', (value, written) => {
    expect(phpJsonDouble(value)).toBe(written);
  });

  // writeJson keeps JSON.stringify's text of a value when jsWritesAsPhp passes each of its numbers.
  const phpText = (value: number) => (Number.isSafeInteger(value) ? String(value) : phpJsonDouble(value));
  it.each([0, 7, -42, 2 ** 53 - 1, 0.1, -123.456, 0.0001, 12345.678])('passes %d, which JSON.stringify writes as PHP does', (value) => {
    expect(jsWritesAsPhp(value)).toBe(true);
    expect(JSON.stringify(value)).toBe(phpText(value));
  });
  it.each([0.00009, 1e17, 1e21])('refuses %d, which JSON.stringify writes otherwise', (value) => {
    expect(jsWritesAsPhp(value)).toBe(false);
    expect(JSON.stringify(value)).not.toBe(phpText(value));
  });
});
