/**
 * Laravel's `Str::trim($value)` without a character list, which the TrimStrings middleware applies
 * to every input string. The mock imitates laravel/framework **v11.56.0** (the last 11.x release;
 * the same code since v11.44.3 and in 12.x), src/Illuminate/Support/Str.php:
 *
 *     preg_replace('~^[\s'.self::INVISIBLE_CHARACTERS." \n\r\t\v\0".']+|[…]+$~u', '', $value) ?? trim($value)
 *
 * PHP's `u` modifier also sets PCRE2_UCP, so `\s` is Unicode white space (\p{Z}, \h and \v: U+0085
 * NEL and U+180E included) where JavaScript's `\s` is not the same set. Earlier releases trimmed less:
 * 10.x and 11.0–11.1 `[\s\x{FEFF}\x{200B}]`, 11.2–11.22 `+\x{200E}`, 11.23–11.44.2 `+ \n\r\t\v\0`.
 * The `?? trim($value)` fallback is for invalid UTF-8, which never reaches the mock (its decoders
 * refuse it or read it as U+FFFD).
 */

/**
 * Every code point the pattern's class matches, as PHP 8.2 with PCRE2 10.42 answers: `\s` under UCP
 * (U+0009–000D, 0020, 0085, 00A0, 1680, 180E, 2000–200A, 2028, 2029, 202F, 205F, 3000), NUL, and
 * Str::INVISIBLE_CHARACTERS. lib/php/str.test.ts checks the set character by character.
 */
const TRIMMED: readonly (number | readonly [number, number])[] = [
  0x0000,
  [0x0009, 0x000d],
  0x0020,
  0x0085,
  0x00a0,
  0x00ad,
  0x034f,
  0x061c,
  0x115f,
  0x1160,
  0x1680,
  0x17b4,
  0x17b5,
  0x180e,
  [0x2000, 0x200f],
  0x2028,
  0x2029,
  0x202f,
  0x205f,
  [0x2060, 0x2065],
  [0x206a, 0x206f],
  0x2800,
  0x3000,
  0x3164,
  0xfeff,
  0xffa0,
  0x1d159,
  [0x1d173, 0x1d17a],
  0xe0020,
];

/** Membership of the Basic Multilingual Plane, by code unit, and of the astral code points. */
const BMP = new Uint8Array(0x10000);
const ASTRAL = new Set<number>();
for (const entry of TRIMMED) {
  const [from, to] = typeof entry === 'number' ? [entry, entry] : entry;
  for (let cp = from; cp <= to; cp++) {
    if (cp < 0x10000) BMP[cp] = 1;
    else ASTRAL.add(cp);
  }
}

/** The length of the trimmed code point starting at `i`, or 0 when the character there is kept. */
function trimmedAt(value: string, i: number): number {
  const cp = value.codePointAt(i)!;
  if (cp < 0x10000) return BMP[cp] === 1 ? 1 : 0;
  return ASTRAL.has(cp) ? 2 : 0;
}

/** The length of the trimmed code point ending just before `end` (not before `start`), or 0 when it is kept. */
function trimmedBefore(value: string, end: number, start: number): number {
  const unit = value.charCodeAt(end - 1);
  if (unit >= 0xdc00 && unit <= 0xdfff && end - 2 >= start) {
    const high = value.charCodeAt(end - 2);
    if (high >= 0xd800 && high <= 0xdbff) return ASTRAL.has(value.codePointAt(end - 2)!) ? 2 : 0;
  }
  return BMP[unit] === 1 ? 1 : 0;
}

/** Str::trim($value): the characters above removed from both ends, in one pass over each end. */
export function strTrim(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end) {
    const n = trimmedAt(value, start);
    if (n === 0) break;
    start += n;
  }
  while (end > start) {
    const n = trimmedBefore(value, end, start);
    if (n === 0) break;
    end -= n;
  }
  return start === 0 && end === value.length ? value : value.slice(start, end);
}
