/**
 * Time as Piriod shows and reads it. Django runs with TIME_ZONE = "America/Santiago" and USE_TZ:
 * DRF renders every datetime in that zone with `datetime.isoformat()` (microseconds only when
 * non-zero, offset -03:00 or -04:00 by season), and django-filter reads a naive datetime in it.
 */
import { civilFromDays } from '../calendar';
import { type CivilDateTime, pyFromIsoFormat } from './fromisoformat';
import { asciiDigits } from './python';

export const TIME_ZONE = 'America/Santiago';

const MS_PER_HOUR = 3_600_000;
const HOURS_PER_DAY = 24;
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' });
// Since 1927 Santiago changes offset on whole UTC hours, so one lookup per UTC hour is exact; a
// day whose first and last hours agree has no change, so most instants are answered per day.
const offsetByHour = new Map<number, number>();
const offsetByDay = new Map<number, number | null>();
/**
 * Before that it kept its mean time (GMT-04:42:45) between spells of -05:00 and -04:00, changing
 * at the mean time's midnight: 1910-01-10 00:00 SMT is 04:42:45 UTC, 1927-09-01 likewise. An
 * instant before 1928 is looked up on its own (tzdata's America/Santiago, as Python's zoneinfo
 * reads it: 1910-01-09 23:50 is ambiguous there, 1927-09-01 00:00 skipped).
 */
const WHOLE_HOURS_FROM_MS = Date.UTC(1928, 0, 1);

function offsetAt(utcMs: number): number {
  const name = offsetFormat.formatToParts(new Date(utcMs)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  // The mean time's offset has seconds (GMT-04:42:45).
  const m = /^GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]) + Number(m[4] ?? 0) / 60) : 0;
}

function hourOffset(hour: number): number {
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    offset = offsetAt(hour * MS_PER_HOUR);
    offsetByHour.set(hour, offset);
  }
  return offset;
}

/** The zone's UTC offset in minutes (fractional before 1927) at a UTC instant (ms since the epoch). */
export function offsetMinutesAt(utcMs: number): number {
  if (utcMs < WHOLE_HOURS_FROM_MS) return offsetAt(utcMs);
  const hour = Math.floor(utcMs / MS_PER_HOUR);
  const day = Math.floor(hour / HOURS_PER_DAY);
  let offset = offsetByDay.get(day);
  if (offset === undefined) {
    const first = hourOffset(day * HOURS_PER_DAY);
    offset = first === hourOffset(day * HOURS_PER_DAY + HOURS_PER_DAY - 1) ? first : null;
    offsetByDay.set(day, offset);
  }
  return offset ?? hourOffset(hour);
}

/**
 * Looks up the offset of every day from `fromMs` to `toMs`, the last `maxDays` at most (two
 * lookups of the zone's rules a day, some 8 µs), so that instants of those days render without
 * one: a page of records never shown before otherwise spent a millisecond or more here. Steps of
 * a month's days each (about 0.25 ms), to be taken in slices.
 */
export function* warmOffsetSteps(fromMs: number, toMs: number, maxDays = Number.POSITIVE_INFINITY): Generator<void, void> {
  const last = Math.floor(toMs / MS_PER_HOUR / HOURS_PER_DAY);
  for (let day = Math.max(Math.floor(fromMs / MS_PER_HOUR / HOURS_PER_DAY), last - maxDays + 1); day <= last; day++) {
    offsetMinutesAt(day * HOURS_PER_DAY * MS_PER_HOUR);
    if (day % 32 === 31) yield;
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 0 … 99 as two digits, looked up: an instant's text is most of a page's dates, fifteen a customer. */
const TWO = Array.from({ length: 100 }, (_, n) => (n < 10 ? `0${n}` : `${n}`));

/** Each offset's text (`-03:00`; with seconds before 1927), made once: the zone has few. */
const offsetTexts = new Map<number, string>();

function offsetText(offset: number): string {
  let text = offsetTexts.get(offset);
  if (text === undefined) {
    const abs = Math.round(Math.abs(offset) * 60);
    const seconds = abs % 60;
    text = `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600))}:${pad(Math.floor(abs / 60) % 60)}${seconds ? `:${pad(seconds)}` : ''}`;
    offsetTexts.set(offset, text);
  }
  return text;
}

/**
 * An instant (µs since the epoch) as DRF renders it: `2020-10-15T13:26:15.356289-03:00`, without
 * the fraction when the microseconds are zero (Python's isoformat drops it). The civil date comes
 * from H. Hinnant's algorithm (../calendar.ts, no Date allocated), the digits from a table: padding each number
 * with `padStart`, and the date as an array, made half of a seeded page's rendering of its dates.
 */
export function renderInstant(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const offset = offsetMinutesAt(ms);
  const localSeconds = Math.floor(ms / 1000) + Math.round(offset * 60);
  const days = Math.floor(localSeconds / 86400);
  const secondOfDay = localSeconds - days * 86400;
  const { year, month, day } = civilFromDays(days);
  const us = micros - Math.floor(micros / 1_000_000) * 1_000_000;
  let text = `${year >= 1000 ? year : pad(year, 4)}-${TWO[month]}-${TWO[day]}T${TWO[Math.floor(secondOfDay / 3600)]}:${TWO[Math.floor(secondOfDay / 60) % 60]}:${TWO[secondOfDay % 60]}`;
  if (us !== 0) text += `.${TWO[Math.floor(us / 10_000)]}${TWO[Math.floor(us / 100) % 100]}${TWO[us % 100]}`;
  return text + offsetText(offset);
}

/** The datetime shape DRF renders (see renderInstant). */
export const DATETIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{6})?(?:Z|[+-]\d{2}:\d{2}(?::\d{2})?)$/;

/** The fields of a parsed datetime; `offset` (minutes) is undefined for a naive one. */
export interface DateTimeFields extends CivilDateTime {
  offset?: number;
}

// Django's own fallback (django/utils/dateparse.py datetime_re); Python's `$` also matches
// before a final newline.
const DJANGO_DATETIME =
  /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,6})\d{0,6})?)?[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(Z|[+-]\d{2}(?::?\d{2})?)?\n?$/;

/** The offset (minutes) of the regex's zone: `Z`, `±HH`, `±HHMM`, `±HH:MM`; null past timezone()'s ±24 h. */
function offsetOf(tz: string | undefined): number | undefined | null {
  if (tz === undefined) return undefined;
  if (tz === 'Z') return 0;
  const digits = tz.slice(1).replace(/:/g, '');
  // Django's get_fixed_timezone(60 * hours + minutes): timezone() refuses ±24 h or more.
  const total = Number(digits.slice(0, 2)) * 60 + (digits.length >= 4 ? Number(digits.slice(2, 4)) : 0);
  if (total >= 24 * 60) return null;
  return tz[0] === '-' ? -total : total;
}

function inRange(f: DateTimeFields): boolean {
  if (f.year < 1 || f.month < 1 || f.month > 12 || f.hour > 23 || f.minute > 59 || f.second > 59) return false;
  const leap = f.year % 4 === 0 && (f.year % 100 !== 0 || f.year % 400 === 0);
  const max = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][f.month - 1];
  return f.day >= 1 && f.day <= max;
}

/**
 * Django's `parse_datetime` (4.2): `datetime.fromisoformat`, then Django's own regex. Undefined
 * where it returns None or raises ValueError (both mean an invalid date/time to a form).
 */
export function parseDjangoDateTime(value: string): DateTimeFields | undefined {
  const iso = pyFromIsoFormat(value);
  if (iso) {
    const { offsetMicros, ...fields } = iso;
    return offsetMicros === undefined ? fields : { ...fields, offset: offsetMicros / 60_000_000 };
  }
  // Python's `\d` matches every script's digits, and int() reads them.
  const m = DJANGO_DATETIME.exec(asciiDigits(value));
  if (!m) return undefined;
  const f: DateTimeFields = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6] ?? 0),
    micro: Number((m[7] ?? '').padEnd(6, '0')),
  };
  if (!inRange(f)) return undefined;
  const offset = offsetOf(m[8]);
  if (offset === null) return undefined;
  return offset === undefined ? f : { ...f, offset };
}

function wallMs(f: DateTimeFields): number {
  const d = new Date(0);
  d.setUTCFullYear(f.year, f.month - 1, f.day);
  d.setUTCHours(f.hour, f.minute, f.second, 0);
  return d.getTime();
}

/**
 * The instant (µs) a parsed datetime stands for: its own offset, or Santiago's for a naive one.
 * A naive wall time that Santiago skips or repeats (DST changes) has no single instant: Django
 * refuses it (`from_current_timezone`), and so does this (undefined).
 */
export function toInstantMicros(f: DateTimeFields): number | undefined {
  const wall = wallMs(f);
  if (f.offset !== undefined) return wall * 1000 - Math.round(f.offset * 60_000_000) + f.micro;
  const candidates = new Set([offsetMinutesAt(wall - 5 * MS_PER_HOUR), offsetMinutesAt(wall + 5 * MS_PER_HOUR)]);
  const valid = [...candidates].filter((o) => offsetMinutesAt(wall - o * 60_000) === o);
  if (valid.length !== 1) return undefined;
  return (wall - valid[0] * 60_000) * 1000 + f.micro;
}

/** Python's `str(datetime)` of a naive datetime: `2024-04-06 23:30:00[.ffffff]`. */
export function pyNaiveDateTime(f: DateTimeFields): string {
  return (
    `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)} ${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}` +
    (f.micro ? `.${pad(f.micro, 6)}` : '')
  );
}
