/**
 * Request bodies parsed exactly as DRF's JSONParser does (rest_framework/parsers.py): the text
 * (see ./codec) goes through `json.load(..., parse_constant=strict_constant)`, and any ValueError
 * becomes a parse error quoting `str(exc)`. The scanner below
 * is a port of CPython 3.12's C scanner (Modules/_json.c: scan_once_unicode, _parse_object_unicode,
 * _parse_array_unicode, scanstring_unicode, _match_number_unicode) and json/decoder.py, so that
 * every message and position (line, column, char — in code points) is CPython's.
 */
import { keyOf } from '../ordered-json';
import { INT_MAX_STR_DIGITS, PyNumber } from './python';

/** A ValueError from Python's codec or json module; `message` is its `str()`. */
export class PyValueError extends Error {}

/** The StopIteration scan_once raises when no value starts at `idx`. */
class StopIteration {
  constructor(readonly idx: number) {}
}

// Python 3.13 reports "Illegal trailing comma before end of object/array"; 3.12 and earlier
// report the next token instead. Piriod's Python version is not known: 3.12 is assumed.
const TRAILING_COMMA_MESSAGES = false;
// CPython guards nesting with its recursion limit; DRF does not catch the RecursionError (the
// real API would answer 500). The mock refuses the body as a parse error instead.
const MAX_DEPTH = 1000;

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** JSONDecodeError's text: `msg: line L column C (char P)`, positions in code points. */
function decodeErrorMessage(doc: string, msg: string, idx: number): string {
  const before = doc.slice(0, idx);
  const pos = [...before].length;
  const lastNewline = before.lastIndexOf('\n');
  const lineno = before.split('\n').length;
  const colno = lastNewline < 0 ? pos + 1 : pos - [...before.slice(0, lastNewline)].length;
  return `${msg}: line ${lineno} column ${colno} (char ${pos})`;
}

class Scanner {
  private depth = 0;
  private readonly len: number;

  constructor(
    private readonly s: string,
    private readonly maxIntDigits = INT_MAX_STR_DIGITS,
  ) {
    this.len = s.length;
  }

  fail(msg: string, idx: number): never {
    throw new PyValueError(decodeErrorMessage(this.s, msg, idx));
  }

  skipWs(idx: number): number {
    while (idx < this.len && isWs(this.s.charCodeAt(idx))) idx++;
    return idx;
  }

  scanOnce(idx: number): [unknown, number] {
    const s = this.s;
    if (idx >= this.len) throw new StopIteration(idx);
    switch (s[idx]) {
      case '"':
        return this.scanString(idx + 1);
      case '{':
        return this.nested(() => this.parseObject(idx + 1), 'object');
      case '[':
        return this.nested(() => this.parseArray(idx + 1), 'array');
      case 'n':
        if (idx + 3 < this.len && s.startsWith('ull', idx + 1)) return [null, idx + 4];
        break;
      case 't':
        if (idx + 3 < this.len && s.startsWith('rue', idx + 1)) return [true, idx + 4];
        break;
      case 'f':
        if (idx + 4 < this.len && s.startsWith('alse', idx + 1)) return [false, idx + 5];
        break;
      case 'N':
        if (idx + 2 < this.len && s.startsWith('aN', idx + 1)) this.strictConstant('NaN');
        break;
      case 'I':
        if (idx + 7 < this.len && s.startsWith('nfinity', idx + 1)) this.strictConstant('Infinity');
        break;
      case '-':
        if (idx + 8 < this.len && s.startsWith('Infinity', idx + 1)) this.strictConstant('-Infinity');
        break;
    }
    return this.matchNumber(idx);
  }

  /** DRF's JSONParser is strict: rest_framework.utils.json.strict_constant. */
  private strictConstant(constant: string): never {
    throw new PyValueError(`Out of range float values are not JSON compliant: '${constant}'`);
  }

  private nested(parse: () => [unknown, number], kind: 'object' | 'array'): [unknown, number] {
    if (++this.depth > MAX_DEPTH) {
      throw new PyValueError(`maximum recursion depth exceeded while decoding a JSON ${kind} from a unicode string`);
    }
    const result = parse();
    this.depth--;
    return result;
  }

  private matchNumber(start: number): [unknown, number] {
    const s = this.s;
    const endIdx = this.len - 1;
    let idx = start;
    if (s.charCodeAt(idx) === 0x2d /* - */) {
      idx++;
      if (idx > endIdx) throw new StopIteration(start);
    }
    const first = s.charCodeAt(idx);
    if (first >= 0x31 && first <= 0x39) {
      idx++;
      while (idx <= endIdx && isDigit(s.charCodeAt(idx))) idx++;
    } else if (first === 0x30) {
      idx++;
    } else {
      throw new StopIteration(start);
    }
    let isFloat = false;
    if (idx < endIdx && s[idx] === '.' && isDigit(s.charCodeAt(idx + 1))) {
      isFloat = true;
      idx += 2;
      while (idx <= endIdx && isDigit(s.charCodeAt(idx))) idx++;
    }
    if (idx < endIdx && (s[idx] === 'e' || s[idx] === 'E')) {
      const eStart = idx;
      idx++;
      if (idx < endIdx && (s[idx] === '-' || s[idx] === '+')) idx++;
      while (idx <= endIdx && isDigit(s.charCodeAt(idx))) idx++;
      if (isDigit(s.charCodeAt(idx - 1))) isFloat = true;
      else idx = eStart;
    }
    const text = s.slice(start, idx);
    const value = Number(text);
    if (isFloat) return [Number.isInteger(value) ? new PyNumber('float', '', value) : value, idx];
    const digits = text.startsWith('-') ? text.slice(1) : text;
    if (digits.length > this.maxIntDigits) {
      throw new PyValueError(
        `Exceeds the limit (${this.maxIntDigits} digits) for integer string conversion: value has ${digits.length} digits; use sys.set_int_max_str_digits() to increase the limit`,
      );
    }
    if (Number.isSafeInteger(value)) return [value === 0 ? 0 : value, idx];
    return [new PyNumber('int', text, value), idx];
  }

  private scanString(end: number): [string, number] {
    const s = this.s;
    const len = this.len;
    const begin = end - 1;
    let out = '';
    for (;;) {
      let next = end;
      let c = 0;
      for (; next < len; next++) {
        c = s.charCodeAt(next);
        if (c === 0x22 || c === 0x5c) break;
        if (c <= 0x1f) this.fail('Invalid control character at', next);
      }
      if (next >= len) this.fail('Unterminated string starting at', begin);
      out += s.slice(end, next);
      next++;
      if (c === 0x22) return [out, next];
      if (next === len) this.fail('Unterminated string starting at', begin);
      const esc = s[next];
      if (esc !== 'u') {
        end = next + 1;
        const ch = SIMPLE_ESCAPES[esc];
        if (ch === undefined) this.fail('Invalid \\escape', end - 2);
        out += ch;
        continue;
      }
      next++;
      end = next + 4;
      if (end >= len) this.fail('Invalid \\uXXXX escape', next - 1);
      let code = 0;
      for (; next < end; next++) {
        const digit = hexValue(s.charCodeAt(next));
        if (digit < 0) this.fail('Invalid \\uXXXX escape', end - 5);
        code = (code << 4) | digit;
      }
      // A high surrogate followed by an escaped low one is joined into one character.
      if (code >= 0xd800 && code <= 0xdbff && end + 6 < len && s[end] === '\\' && s[end + 1] === 'u') {
        let low = 0;
        const lowEnd = end + 6;
        for (let i = end + 2; i < lowEnd; i++) {
          const digit = hexValue(s.charCodeAt(i));
          if (digit < 0) this.fail('Invalid \\uXXXX escape', lowEnd - 5);
          low = (low << 4) | digit;
        }
        if (low >= 0xdc00 && low <= 0xdfff) {
          out += String.fromCharCode(code, low);
          end = lowEnd;
          continue;
        }
      }
      out += String.fromCharCode(code);
    }
  }

  private parseObject(start: number): [unknown, number] {
    const s = this.s;
    const endIdx = this.len - 1;
    // A null-prototype object: keys such as "__proto__" are plain data, as in a Python dict.
    const obj: Record<string, unknown> = Object.create(null);
    let idx = this.skipWs(start);
    if (idx > endIdx || s[idx] !== '}') {
      for (;;) {
        if (idx > endIdx || s[idx] !== '"') this.fail('Expecting property name enclosed in double quotes', idx);
        const [key, afterKey] = this.scanString(idx + 1);
        idx = this.skipWs(afterKey);
        if (idx > endIdx || s[idx] !== ':') this.fail("Expecting ':' delimiter", idx);
        idx = this.skipWs(idx + 1);
        const [value, afterValue] = this.scanOnce(idx);
        // Stored escaped when JS would reorder it: the dict keeps the order sent (../ordered-json).
        obj[keyOf(key)] = value;
        idx = this.skipWs(afterValue);
        if (idx <= endIdx && s[idx] === '}') break;
        if (idx > endIdx || s[idx] !== ',') this.fail("Expecting ',' delimiter", idx);
        const comma = idx;
        idx = this.skipWs(idx + 1);
        if (TRAILING_COMMA_MESSAGES && idx <= endIdx && s[idx] === '}') {
          this.fail('Illegal trailing comma before end of object', comma);
        }
      }
    }
    return [obj, idx + 1];
  }

  private parseArray(start: number): [unknown, number] {
    const s = this.s;
    const endIdx = this.len - 1;
    const list: unknown[] = [];
    let idx = this.skipWs(start);
    if (idx > endIdx || s[idx] !== ']') {
      for (;;) {
        const [value, afterValue] = this.scanOnce(idx);
        list.push(value);
        idx = this.skipWs(afterValue);
        if (idx <= endIdx && s[idx] === ']') break;
        if (idx > endIdx || s[idx] !== ',') this.fail("Expecting ',' delimiter", idx);
        const comma = idx;
        idx = this.skipWs(idx + 1);
        if (TRAILING_COMMA_MESSAGES && idx <= endIdx && s[idx] === ']') {
          this.fail('Illegal trailing comma before end of array', comma);
        }
      }
    }
    return [list, idx + 1];
  }
}

/**
 * Python's `json.loads(text, parse_constant=strict_constant)`. Objects come back with a null
 * prototype; numbers as JS numbers, or PyNumber where a JS number would misstate them.
 */
export function pyJsonLoads(text: string, options: { maxIntDigits?: number } = {}): unknown {
  const scanner = new Scanner(text, options.maxIntDigits);
  if (text.startsWith('\ufeff')) scanner.fail('Unexpected UTF-8 BOM (decode using utf-8-sig)', 0);
  const start = scanner.skipWs(0);
  let value: unknown;
  let end: number;
  try {
    [value, end] = scanner.scanOnce(start);
  } catch (error) {
    if (error instanceof StopIteration) scanner.fail('Expecting value', error.idx);
    throw error;
  }
  end = scanner.skipWs(end);
  if (end !== text.length) scanner.fail('Extra data', end);
  return value;
}

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]

/**
 * A compact JSON text (no whitespace between tokens, as JSON.stringify writes it) laid out as
 * Python's `json.dumps(value, indent=indent, separators=(',', ': '))` lays it out (json/encoder.py
 * `_make_iterencode`): each item of a non-empty object or array on its own line, `indent` spaces
 * a level, `{}` and `[]` as they are. Strings are copied as they are.
 */
export function pyJsonIndent(compact: string, indent: number): string {
  const pad = ' '.repeat(indent);
  let out = '';
  let depth = 0;
  let from = 0;
  for (let i = 0; i < compact.length; i++) {
    const c = compact.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; compact.charCodeAt(i) !== 0x22; i++) if (compact.charCodeAt(i) === 0x5c /* \ */) i++;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      const next = compact.charCodeAt(i + 1);
      if (next === CLOSE_OBJECT || next === CLOSE_ARRAY) i++;
      else {
        out += `${compact.slice(from, i + 1)}\n${pad.repeat(++depth)}`;
        from = i + 1;
      }
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      out += `${compact.slice(from, i)}\n${pad.repeat(--depth)}${compact[i]}`;
      from = i + 1;
    } else if (c === 0x2c /* , */) {
      out += `${compact.slice(from, i)},\n${pad.repeat(depth)}`;
      from = i + 1;
    } else if (c === 0x3a /* : */) {
      out += `${compact.slice(from, i)}: `;
      from = i + 1;
    }
  }
  return out + compact.slice(from);
}
