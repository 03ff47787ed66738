/**
 * The few Python semantics that leak into Piriod's answers. Piriod runs on Django REST Framework,
 * so its error texts quote values the way Python prints them (`str()`/`repr()`), name Python types
 * (`list`, `int`, `float`), strip Python's set of whitespace and parse integers like `int()`.
 * Schemas and the mock share these so that a message is right to the character.
 */
import { entriesOf } from '../ordered-json';

/**
 * A JSON number that a JS number cannot stand for faithfully: a float with an integral value
 * (`1.0`, `1e3`: Python keeps them floats and prints `1.0`, `1000.0`) or an integer beyond 2^53
 * (Python keeps every digit). Every other JSON number is a plain JS number: a safe integer is a
 * Python `int`, a non-integral one a Python `float`.
 */
export class PyNumber {
  constructor(
    readonly kind: 'int' | 'float',
    /** For an int, its decimal digits (with sign); for a float, unused. */
    readonly digits: string,
    readonly value: number,
  ) {}

  /**
   * JSON.stringify writes the nearest JS number; `pyJsonNumbers` writes what Python's json.dumps
   * does (`1.0`, every digit of an int).
   */
  toJSON(): number {
    return this.value;
  }
}

/**
 * A file part of a multipart body, as DRF puts it into `request.data` (Request._parse merges
 * `request.FILES` in): Django's UploadedFile, whose `str()` is its name.
 */
export class PyUploadedFile {
  constructor(readonly name: string) {}
}

/** Python's `str.isspace()` set: what `str.strip()` and `str.split()` treat as whitespace. */
export const PY_WHITESPACE =
  '\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';
const WHITESPACE_SET = new Set(PY_WHITESPACE);

export function isPySpace(ch: string): boolean {
  return WHITESPACE_SET.has(ch);
}

/** Python's `str.strip()` with no argument. */
export function pyStrip(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && WHITESPACE_SET.has(s[start])) start++;
  while (end > start && WHITESPACE_SET.has(s[end - 1])) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** Python's `str.split()` with no argument: runs of whitespace separate, empty parts dropped. */
export function pySplit(s: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const ch of s) {
    if (WHITESPACE_SET.has(ch)) {
      if (current) out.push(current);
      current = '';
    } else current += ch;
  }
  if (current) out.push(current);
  return out;
}

/** Python's `len()` of a str: code points, where JS counts UTF-16 units. */
export function pyLen(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

const DECIMAL_DIGIT = /\p{Nd}/u;

/** `unicodedata.decimal(ch)`: Unicode lays every decimal digit out in runs of ten from zero. */
function decimalValue(ch: string): number {
  const cp = ch.codePointAt(0)!;
  let start = cp;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}

/**
 * `s` with every Unicode decimal digit (`٣`, `３`, `𝟑`) written as its ASCII digit: Python's
 * `int()` and a `\d` in a str pattern take them all, where JavaScript's `\d` takes ASCII only.
 */
export function asciiDigits(s: string): string {
  return /[^\x00-\x7f]/.test(s) ? s.replace(/\p{Nd}/gu, (d) => String(decimalValue(d))) : s;
}

/**
 * sys.int_info.default_max_str_digits (Python ≥ 3.11, and the 3.7–3.10 security releases): `int()`
 * of a text of more digits raises ValueError, as `json.loads` does for such a number.
 */
export const INT_MAX_STR_DIGITS = 4300;

/**
 * The whitespace `int()` skips around the number, which is not `str.strip()`'s: PyLong_FromString
 * skips the C locale's ASCII spaces (Py_ISSPACE: space, \t, \n, \v, \f, \r), and for a text that is
 * not all ASCII, _PyUnicode_TransformDecimalAndSpaceToASCII first turns every non-ASCII space
 * into ` ` but leaves every ASCII character as it is: the separators \x1c–\x1f, which `str.isspace()`
 * counts, make `int()` fail (`int('\x1c5')` is a ValueError, `int('\xa05')` is 5).
 */
function intStrip(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isIntSpace(s.charCodeAt(start))) start++;
  while (end > start && isIntSpace(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

function isIntSpace(code: number): boolean {
  return code < 0x80 ? code === 0x20 || (code >= 0x09 && code <= 0x0d) : WHITESPACE_SET.has(String.fromCharCode(code));
}

/**
 * Python's `int(text)` for base 10, or undefined where Python raises ValueError: surrounding
 * whitespace allowed (`intStrip`'s, not `str.strip()`'s), one sign, digits (any script's) with single underscores between them (`1_000`),
 * at most INT_MAX_STR_DIGITS of them, leading zeros counted, underscores not
 * (Objects/longobject.c, PyLong_FromString).
 */
export function pyInt(text: string): number | undefined {
  const m = /^([+-]?)(\p{Nd}+(?:_\p{Nd}+)*)$/u.exec(intStrip(text));
  if (!m) return undefined;
  if (m[2].length > INT_MAX_STR_DIGITS) {
    let digits = 0;
    for (const ch of m[2]) if (ch !== '_') digits++;
    if (digits > INT_MAX_STR_DIGITS) return undefined;
  }
  const value = Number(asciiDigits(m[2]).replace(/_/g, ''));
  return m[1] === '-' ? -value : value;
}

/** Python's `repr(float)`: the shortest round-trip digits, scientific below 1e-4 and from 1e16. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mantissa, expText] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
    return `${sign}${digits[0]}${frac}e${exp < 0 ? '-' : '+'}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const whole = digits.length > exp + 1 ? digits.slice(0, exp + 1) : digits.padEnd(exp + 1, '0');
  const frac = digits.length > exp + 1 ? digits.slice(exp + 1) : '0';
  return `${sign}${whole}.${frac}`;
}

/**
 * How Python's json.dumps writes numbers, for `writeJson`: an int by its digits, a float by
 * `float.__repr__` (json.encoder's `float.__repr__`, CPython 3.11): `1.0`, `1e-05`, `1e+16`.
 */
export const pyJsonNumbers = {
  number: (value: number) => (Number.isInteger(value) ? JSON.stringify(value) : pyFloatRepr(value)),
  numberObject: (value: object) =>
    value instanceof PyNumber && Number.isFinite(value.value)
      ? value.kind === 'int'
        ? value.digits
        : pyFloatRepr(value.value)
      : undefined,
} as const;

/**
 * Whether JSON.stringify would write a number of `value` otherwise than json.dumps: a PyNumber (a
 * float `1.0`, an int past 2^53), or a float JS prints otherwise (`0.00001` for `1e-05`).
 */
export function hasPyOnlyNumbers(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'number') {
      if (!Number.isInteger(item) && Number.isFinite(item) && pyFloatRepr(item) !== JSON.stringify(item)) return true;
    } else if (item instanceof PyNumber) return true;
    else if (Array.isArray(item)) pending.push(...item);
    else if (typeof item === 'object' && item !== null) pending.push(...Object.values(item));
  }
  return false;
}

function isDict(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof PyNumber);
}

/** Python's `type(value).__name__` for a value decoded from JSON (or a form). */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (value instanceof PyNumber) return value.kind;
  if (Array.isArray(value)) return 'list';
  return 'dict';
}

// Python's str.isprintable() is false for these categories, except the plain space.
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Python's `ch.isprintable()` for one character. */
export function pyIsPrintable(ch: string): boolean {
  return ch === ' ' || !NOT_PRINTABLE.test(ch);
}

function hex(cp: number, width: number): string {
  return cp.toString(16).padStart(width, '0');
}

/** Python's `repr(str)`: single quotes unless the text holds one and no double quote. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (!pyIsPrintable(ch)) {
      out += cp < 0x100 ? `\\x${hex(cp, 2)}` : cp < 0x10000 ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
    } else out += ch;
  }
  return out + quote;
}

/** Python's `repr()` of a value decoded from JSON. */
export function pyRepr(value: unknown): string {
  if (typeof value === 'string') return pyStrRepr(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (isDict(value)) {
    return `{${entriesOf(value)
      .map(([k, item]) => `${pyStrRepr(k)}: ${pyRepr(item)}`)
      .join(', ')}}`;
  }
  return pyStr(value);
}

/** Python's `str()` (and `'{}'.format()`) of a value decoded from JSON. */
export function pyStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pyFloatRepr(value);
  if (value instanceof PyNumber) return value.kind === 'int' ? value.digits : pyFloatRepr(value.value);
  if (value instanceof PyUploadedFile) return value.name;
  return pyRepr(value);
}
