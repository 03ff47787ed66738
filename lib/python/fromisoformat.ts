/**
 * CPython 3.12's `datetime.fromisoformat`, ported from its C implementation
 * (Modules/_datetimemodule.c: `datetime_fromisoformat`, `_find_isoformat_datetime_separator`,
 * `parse_isoformat_date`, `parse_isoformat_time`, `parse_hh_mm_ss_ff`, `iso_to_ymd`), which is
 * what Django 4.2's `parse_datetime` tries first. The C code reads the UTF-8 bytes of the text as a
 * NUL-terminated string, and so does this port, quirks included: the separator is whatever
 * character sits at byte 7, 8 or 10 (skipped by its UTF-8 length); the time ends at the first `Z`,
 * `+` or `-`, and when a zone follows, whatever the time reader left unread is not looked at
 * (`00:00:00.Z`, `00x+05:00` and `00:00:00.1234567x-03` are valid); a fraction takes any number of
 * digits (six kept), an offset may have seconds and a fraction.
 */

/** A datetime's civil fields, as Python's datetime holds them (`micro`: microseconds). */
export interface CivilDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  micro: number;
}

/** A parsed datetime: civil fields, and the zone's offset in microseconds (absent when naive). */
export interface IsoDateTime extends CivilDateTime {
  offsetMicros?: number;
}

const encoder = new TextEncoder();
const DASH = 0x2d;
const WEEK = 0x57; // 'W'
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;

/** The bytes of a C string: reading at or past the end gives NUL. */
class CString {
  constructor(
    readonly bytes: Uint8Array,
    readonly length = bytes.length,
  ) {}
  at(i: number): number {
    return i < this.length ? this.bytes[i] : 0;
  }
}

/** `parse_digits`: `count` digits from `p` into a number; undefined at a non-digit. */
function digits(s: CString, p: number, count: number): number | undefined {
  let value = 0;
  for (let i = 0; i < count; i++) {
    const b = s.at(p + i);
    if (!isDigit(b)) return undefined;
    value = value * 10 + (b - 0x30);
  }
  return value;
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Monday = 0 … Sunday = 6 of a proleptic Gregorian date. */
function weekday(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return (d.getUTCDay() + 6) % 7;
}

/** `iso_to_ymd`: an ISO week date as a civil one; undefined for a week or weekday out of range. */
function isoToYmd(isoYear: number, week: number, isoDay: number): [number, number, number] | undefined {
  if (week <= 0 || week >= 53) {
    const first = weekday(isoYear, 1, 1);
    if (!(week === 53 && (first === 3 || (first === 2 && isLeap(isoYear))))) return undefined;
  }
  if (isoDay <= 0 || isoDay >= 8) return undefined;
  const first = weekday(isoYear, 1, 1);
  // The Monday of week 1: the week holding the year's first Thursday.
  const mondayOffset = -first + (first > 3 ? 7 : 0);
  const d = new Date(0);
  d.setUTCFullYear(isoYear, 0, 1 + mondayOffset + (week - 1) * 7 + isoDay - 1);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** `_find_isoformat_datetime_separator`: the byte where the date ends. */
function separatorAt(s: CString): number {
  const len = s.length;
  if (len === 7) return 7;
  if (s.at(4) === DASH) {
    if (s.at(5) !== WEEK) return 10; // YYYY-MM-DD
    if (len < 8) return -1;
    if (len > 8 && s.at(8) === DASH) {
      if (len === 9) return -1;
      // YYYY-Www-D or YYYY-Www-HH: a hyphen at 8 is taken for the separator when a digit follows at 10.
      if (len > 10 && isDigit(s.at(10))) return 8;
      return 10;
    }
    return 8; // YYYY-Www
  }
  if (s.at(4) === WEEK) {
    // YYYYWww or YYYYWwwd: an odd number of digits before the first non-digit means the latter.
    let idx = 7;
    while (idx < len && isDigit(s.at(idx))) idx++;
    if (idx < 9) return idx;
    return idx % 2 === 0 ? 7 : 8;
  }
  return 8; // YYYYMMDD
}

/** `parse_isoformat_date` over the first `len` bytes. */
function parseDate(s: CString, len: number): [number, number, number] | undefined {
  let p = 0;
  const year = digits(s, p, 4);
  if (year === undefined) return undefined;
  p += 4;
  const usesSeparator = s.at(p) === DASH;
  if (usesSeparator) p++;
  if (s.at(p) === WEEK) {
    p++;
    const week = digits(s, p, 2);
    if (week === undefined) return undefined;
    p += 2;
    let isoDay = 1;
    if (p < len) {
      if (usesSeparator && s.at(p++) !== DASH) return undefined;
      const d = digits(s, p, 1);
      if (d === undefined) return undefined;
      isoDay = d;
    }
    return isoToYmd(year, week, isoDay);
  }
  const month = digits(s, p, 2);
  if (month === undefined) return undefined;
  p += 2;
  if (usesSeparator && s.at(p++) !== DASH) return undefined;
  const day = digits(s, p, 2);
  if (day === undefined) return undefined;
  return [year, month, day];
}

/**
 * `parse_hh_mm_ss_ff` from `p` up to `end`: [hour, minute, second, microsecond] and the return
 * code, 0 at the end of the string, 1 when something is left; undefined for -3/-4.
 */
function parseHhMmSsFf(s: CString, start: number, end: number): { values: number[]; rest: 0 | 1 } | undefined {
  const values = [0, 0, 0, 0];
  let p = start;
  let hasSeparator = true;
  for (let i = 0; i < 3; i++) {
    const v = digits(s, p, 2);
    if (v === undefined) return undefined;
    values[i] = v;
    p += 2;
    const c = s.at(p++);
    if (i === 0) hasSeparator = c === 0x3a;
    if (p >= end) return { values, rest: c !== 0 ? 1 : 0 };
    if (hasSeparator && c === 0x3a) continue;
    if (c === 0x2e || c === 0x2c) break;
    if (!hasSeparator) p--;
    else return undefined;
  }
  // Three fields read and text left: the C code reads a fraction whatever came before it (3.12
  // takes `00:00:00:00`; 3.13 refuses a third `:`).
  const toParse = Math.min(end - p, 6);
  const micro = digits(s, p, toParse);
  if (micro === undefined) return undefined;
  values[3] = toParse < 6 ? micro * 10 ** (6 - toParse) : micro;
  p += toParse;
  while (isDigit(s.at(p))) p++;
  return { values, rest: s.at(p) !== 0 ? 1 : 0 };
}

/** `parse_isoformat_time` from byte `start`: the fields and the offset (µs), or undefined. */
function parseTime(s: CString, start: number): { values: number[]; offsetMicros?: number } | undefined {
  const end = s.length;
  let tz = start;
  do {
    const b = s.at(tz);
    if (b === 0x5a || b === 0x2b || b === DASH) break;
  } while (++tz < end);
  const time = parseHhMmSsFf(s, start, tz);
  if (!time) return undefined;
  if (tz === end) return time.rest === 1 ? undefined : { values: time.values };
  if (s.at(tz) === 0x5a) return s.at(tz + 1) !== 0 ? undefined : { values: time.values, offsetMicros: 0 };
  const sign = s.at(tz) === DASH ? -1 : 1;
  const zone = parseHhMmSsFf(s, tz + 1, end);
  if (!zone || zone.rest === 1) return undefined;
  const [h, m, sec, us] = zone.values;
  const magnitude = (h * 3600 + m * 60 + sec) * 1_000_000 + us;
  return { values: time.values, offsetMicros: magnitude === 0 ? 0 : sign * magnitude };
}

const DAY_MICROS = 86_400_000_000;
const ASCII = /^[\x00-\x7f]*$/;
const LONE_SURROGATE = /^[\ud800-\udfff]$/;

/** An ASCII text (the usual case) as its bytes; fewer than 7 characters is invalid. */
function asciiString(value: string): CString | undefined {
  if (value.length < 7) return undefined;
  const bytes = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) bytes[i] = value.charCodeAt(i);
  return new CString(bytes);
}

/**
 * `_sanitize_isoformat_str`, then the UTF-8 bytes: fewer than 7 characters is invalid; a lone
 * surrogate is allowed as the separator only (at 7, 8 or 10), read as `T`; anywhere else UTF-8
 * encoding fails.
 */
function utf8String(value: string): CString | undefined {
  const chars = [...value];
  if (chars.length < 7) return undefined;
  for (const pos of [7, 8, 10]) {
    if (pos > chars.length) break;
    if (LONE_SURROGATE.test(chars[pos] ?? '')) {
      chars[pos] = 'T';
      break;
    }
  }
  if (chars.some((c) => LONE_SURROGATE.test(c))) return undefined;
  return new CString(encoder.encode(chars.join('')));
}

/** `datetime.fromisoformat(value)`; undefined where it raises ValueError. */
export function pyFromIsoFormat(value: string): IsoDateTime | undefined {
  const s = ASCII.test(value) ? asciiString(value) : utf8String(value);
  if (!s) return undefined;
  const sep = separatorAt(s);
  const date = parseDate(s, sep);
  if (!date) return undefined;
  let time: { values: number[]; offsetMicros?: number } = { values: [0, 0, 0, 0] };
  if (s.length > sep) {
    // The separator's UTF-8 length, read from its lead byte.
    const lead = s.at(sep);
    const width = (lead & 0x80) === 0 ? 1 : (lead & 0xf0) === 0xe0 ? 3 : (lead & 0xf0) === 0xf0 ? 4 : 2;
    const parsed = parseTime(s, sep + width);
    if (!parsed) return undefined;
    time = parsed;
  }
  const [year, month, day] = date;
  const [hour, minute, second, micro] = time.values;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  // timezone() takes an offset strictly between -24 h and 24 h.
  if (time.offsetMicros !== undefined && Math.abs(time.offsetMicros) >= DAY_MICROS) return undefined;
  const out: IsoDateTime = { year, month, day, hour, minute, second, micro };
  if (time.offsetMicros !== undefined) out.offsetMicros = time.offsetMicros;
  return out;
}
