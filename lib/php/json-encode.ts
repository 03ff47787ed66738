/**
 * json_encode's escaping (ext/json `php_json_escape_string`), applied to the text JSON.stringify
 * wrote: the two write the same JSON but for what they escape inside strings, and neither `/` nor
 * a character past ASCII can appear outside one. Without flags PHP writes `/` as `\/` and every
 * character past ASCII as `\u` and four lower-case hex digits (one past U+FFFF as its two
 * surrogates; U+2028 and U+2029 included); JSON_UNESCAPED_SLASHES keeps `/`. Control characters
 * are escaped alike by both (`\n`, `\u001f`), DEL by neither.
 */

const SLASH_OR_WIDE = /[/\u0080-\uffff]/;
const SLASHES_AND_WIDE = /[/\u0080-\uffff]/g;
const WIDE = /[\u0080-\uffff]/;
const ALL_WIDE = /[\u0080-\uffff]/g;

function phpEscape(ch: string): string {
  return ch === '/' ? '\\/' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** The JSON `text` as json_encode would have written it, with `flags.unescapedSlashes` for JSON_UNESCAPED_SLASHES. */
export function phpEscaped(text: string, flags: { unescapedSlashes?: boolean } = {}): string {
  if (flags.unescapedSlashes) return WIDE.test(text) ? text.replace(ALL_WIDE, phpEscape) : text;
  return SLASH_OR_WIDE.test(text) ? text.replace(SLASHES_AND_WIDE, phpEscape) : text;
}

/**
 * json_encode($value, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES): four spaces a level, `": "`
 * after a key, an empty array or object on one line — JSON.stringify's layout with an indent of 4.
 */
export function phpPrettyJson(value: unknown): string {
  return phpEscaped(JSON.stringify(value, null, 4), { unescapedSlashes: true });
}
