/**
 * PHP's view of the scalars a request carries, as Laravel's validation rules read them: `trim()`,
 * the string cast, `is_numeric()` and `filter_var(…, FILTER_VALIDATE_INT)` (PHP 8.x). Values are
 * the mock's decoded input: strings, booleans, null, and JSON numbers as lib/python/json.ts gives
 * them — a plain number (a PHP int when integral, else a float) or a PyNumber (a float such as
 * `7.0` or `1e3`, or an int past 2^53, which json_decode keeps as an int up to PHP_INT_MAX and
 * reads as a float beyond).
 */
import { PyNumber } from '../python/python';

/** PHP_INT_MIN and PHP_INT_MAX on 64-bit PHP. */
const INT_MIN = -(2n ** 63n);
const INT_MAX = 2n ** 63n - 1n;

/** The characters PHP's trim() removes when given no list: " \t\n\r\0\x0B". */
const TRIM_CHARS = new Set(' \t\n\r\0\x0B');

/** PHP's `trim($value)` without a character list. */
export function phpTrim(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && TRIM_CHARS.has(value[start])) start++;
  while (end > start && TRIM_CHARS.has(value[end - 1])) end--;
  return value.slice(start, end);
}

/** The significant decimal digits of a finite double > 0 and where its decimal point goes (0.DIGITS × 10^point). */
function exactDecimal(x: number): { digits: string; point: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const biased = (high >>> 20) & 0x7ff;
  const fraction = (BigInt(high & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const power = (biased === 0 ? 1 : biased) - 1075;
  // x = mantissa × 2^power, exactly: a whole number, or mantissa × 5^−power ÷ 10^−power.
  const digits = power >= 0 ? (mantissa << BigInt(power)).toString() : (mantissa * 5n ** BigInt(-power)).toString();
  const point = power >= 0 ? digits.length : digits.length + power;
  const trimmed = digits.replace(/0+$/, '');
  return { digits: trimmed, point };
}

/** `digits` rounded to `precision` significant digits, ties to even (zend_dtoa mode 2), trailing zeros dropped. */
function roundDigits(digits: string, point: number, precision: number): { digits: string; point: number } {
  if (digits.length <= precision) return { digits, point };
  const head = digits.slice(0, precision);
  const rest = digits.slice(precision);
  const half = rest[0] > '5' || (rest[0] === '5' && /[1-9]/.test(rest.slice(1)));
  const tie = rest[0] === '5' && !half;
  const up = half || (tie && Number(head[head.length - 1]) % 2 === 1);
  if (!up) return { digits: head.replace(/0+$/, ''), point };
  const bumped = (BigInt(head) + 1n).toString();
  // 99…9 rounded up gains a digit: the point moves one place.
  return bumped.length > precision ? { digits: '1', point: point + 1 } : { digits: bumped.replace(/0+$/, ''), point };
}

/**
 * PHP's `(string) $float`: `precision` (14) significant digits by zend_gcvt — `7.0` is "7", `0.1 + 0.2`
 * is "0.3", `1e15` is "1.0E+15", `0.00001` is "1.0E-5", `-0.0` is "-0" (Zend/zend_smart_str.c
 * smart_str_append_double, main/snprintf.c zend_gcvt).
 */
export function phpFloatString(x: number): string {
  if (Number.isNaN(x)) return 'NAN';
  if (!Number.isFinite(x)) return x > 0 ? 'INF' : '-INF';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (x === 0) return `${sign}0`;
  const exact = exactDecimal(Math.abs(x));
  const { digits, point } = roundDigits(exact.digits, exact.point, 14);
  return gcvtLayout(sign, digits, point, 14, 'E');
}

/**
 * How zend_gcvt lays out significant `digits` whose decimal point falls `point` places after the
 * first: in exponent form (one digit taking `.0`) when the point falls more than three places
 * before the first digit or past `precision` of them, else in full, without a fraction for a
 * whole value (main/snprintf.c zend_gcvt, which `(string)` and json_encode both call).
 */
export function gcvtLayout(sign: string, digits: string, point: number, precision: number, expChar: 'e' | 'E'): string {
  if (point < -3 || point > precision) {
    const exponent = point - 1;
    return `${sign}${digits[0]}.${digits.slice(1) || '0'}${expChar}${exponent < 0 ? '-' : '+'}${Math.abs(exponent)}`;
  }
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A decoded JSON number as PHP holds it: an int (its digits) or a float (its value). */
export function phpNumber(value: number | PyNumber): { int: bigint } | { float: number } {
  if (value instanceof PyNumber) {
    if (value.kind === 'float') return { float: value.value };
    const int = BigInt(value.digits);
    return int >= INT_MIN && int <= INT_MAX ? { int } : { float: value.value };
  }
  // lib/python/json.ts gives an integral number as a plain one only when it was an int literal within 2^53.
  return Number.isSafeInteger(value) ? { int: BigInt(value) } : { float: value };
}

/** Whether `value` is a number as json_decode gives it (a JS number or a PyNumber). */
export function isJsonNumber(value: unknown): value is number | PyNumber {
  return typeof value === 'number' || value instanceof PyNumber;
}

/**
 * PHP's `is_array($value)`: a decoded JSON object or list, or a form's bracketed field. Objects of
 * the mock's own classes are not arrays: a number json_decode gives (PyNumber), an uploaded file
 * (lib/php/upload.ts UploadedFile, which validateRequired counts as given).
 */
export function isPhpArray(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

/** PHP's `count($array)`. */
export function phpCount(value: object): number {
  return Array.isArray(value) ? value.length : Object.keys(value).length;
}

/**
 * PHP's string cast of a scalar: a string as it is, true "1", false and null "", an int its digits,
 * a float as phpFloatString writes it; undefined for an array (PHP would not cast it).
 */
export function phpString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value === true) return '1';
  if (value === false || value === null || value === undefined) return '';
  if (isJsonNumber(value)) {
    const number = phpNumber(value);
    return 'int' in number ? number.int.toString() : phpFloatString(number.float);
  }
  return undefined;
}

/** PHP 8's numeric strings: optional white space, a sign, digits with an optional fraction, an exponent, white space. */
const NUMERIC_STRING = /^[ \t\n\r\v\f]*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?[ \t\n\r\v\f]*$/;

/** PHP's `is_numeric($value)`: ints, floats and numeric strings. */
export function isNumeric(value: unknown): boolean {
  return isJsonNumber(value) || (typeof value === 'string' && NUMERIC_STRING.test(value));
}

/** FILTER_VALIDATE_INT's string form after its trim of " \t\r\v\n": a sign, then 0 or digits without a leading zero. */
const INT_STRING = /^[ \t\r\v\n]*([+-]?(?:0|[1-9]\d*))[ \t\r\v\n]*$/;

/**
 * `filter_var($value, FILTER_VALIDATE_INT)`: the integer, or undefined where PHP answers false
 * (ext/filter php_filter_int). A scalar is read through its string cast, so `true` is 1, a float
 * passes when PHP writes it as an integer (`7.0` → "7", `7.000000000000001` → "7"; `1e15` →
 * "1.0E+15" fails), and an int must lie within PHP_INT_MIN … PHP_INT_MAX.
 */
export function filterInt(value: unknown): bigint | undefined {
  if (isJsonNumber(value)) {
    const number = phpNumber(value);
    if ('int' in number) return number.int;
    value = phpFloatString(number.float);
  }
  if (value === true) return 1n;
  if (typeof value !== 'string') return undefined;
  const match = INT_STRING.exec(value);
  // Past 20 characters (a sign and 19 digits) no int fits: not read as a BigInt (1 MiB of digits: 0.2 s).
  if (!match || match[1].length > 20) return undefined;
  const int = BigInt(match[1]);
  return int >= INT_MIN && int <= INT_MAX ? int : undefined;
}
