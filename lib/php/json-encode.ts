/**
 * json_encode's escaping (ext/json `php_json_escape_string`), applied to the text JSON.stringify
 * wrote: the two write the same JSON but for what they escape inside strings, and neither `/` nor
 * a character past ASCII can appear outside one. Without flags PHP writes `/` as `\/` and every
 * character past ASCII as `\u` and four lower-case hex digits (one past U+FFFF as its two
 * surrogates; U+2028 and U+2029 included); JSON_UNESCAPED_SLASHES keeps `/`. Control characters
 * are escaped alike by both (`\n`, `\u001f`), DEL by neither.
 */
import { gcvtLayout } from './scalars';

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

/**
 * json_encode's text of a double: serialize_precision -1 (php.ini's default) asks php_gcvt for the
 * shortest digits that read back (zend_dtoa mode 0), written in exponent form when the decimal point
 * falls more than three places before the first digit or past the 17th (`1.0e-5`, `1.0e+17`, one
 * digit taking `.0`), else in full without a fraction for a whole value (`1e16` is
 * `10000000000000000`, `-0.0` is `-0`) — where JSON.stringify writes `0.00001`,
 * `100000000000000000` and `0` (ext/json `php_json_encode_double`, main/snprintf.c `php_gcvt`).
 */
export function phpJsonDouble(x: number): string {
  if (!Number.isFinite(x)) return '0';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const sign = x < 0 ? '-' : '';
  // toExponential() without digits gives the shortest that read back, as zend_dtoa's mode 0 does.
  const [mantissa, exponent] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  return gcvtLayout(sign, digits, Number(exponent) + 1, 17, 'e');
}

/**
 * Whether JSON.stringify writes the number as json_encode writes it: an integer within 2^53 (a PHP
 * int, or a whole double under 1e17, which PHP writes in full too) and a fraction written without
 * an exponent by both (from 0.0001 to 1e17, where neither uses one).
 */
export function jsWritesAsPhp(x: number): boolean {
  if (Number.isInteger(x)) return Number.isSafeInteger(x) && !Object.is(x, -0);
  const size = Math.abs(x);
  return size >= 1e-4 && size < 1e17;
}
