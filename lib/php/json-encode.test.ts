import { describe, expect, it } from 'vitest';
import { phpEscaped, phpPrettyJson } from './json-encode';

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
