/**
 * PostgreSQL's `upper()` on a UTF-8 database with a libc locale, which Django's `icontains` (and
 * so DRF's SearchFilter) runs on both sides of a LIKE: `UPPER("name"::text) LIKE UPPER('%ñ%')`
 * (django/db/backends/postgresql/base.py `operators`, operations.py `lookup_cast`).
 *
 * PostgreSQL maps each character by itself with `towupper()` (src/backend/utils/adt/formatting.c
 * `str_toupper`), which is Unicode's simple, one-to-one upper-case mapping: `ß` stays `ß` (no `SS`),
 * `ſ` becomes `S`, `ς` and `σ` both `Σ`, `µ` becomes `Μ`, `ı` becomes `I`, `ﬁ` stays `ﬁ`. So the
 * matches are not JavaScript's `toLowerCase()` ones: `s` finds `ſtore`, `σ` finds `ΟΔΟΣ` and `ς`,
 * `ẞ` does not find `ß`, `i` does not find `İ`.
 */

/**
 * The lower-case Greek letters with iota subscript: their full upper-case mapping is two letters
 * (`ᾳ` → `ΑΙ`), their simple one the capital with prosgegrammeni (`ᾼ`), which towupper() gives.
 */
const SIMPLE_UPPER_OF_MULTI: ReadonlyMap<string, string> = new Map([
  ...[0x1f80, 0x1f90, 0x1fa0].flatMap((base) =>
    Array.from({ length: 8 }, (_, i) => [String.fromCharCode(base + i), String.fromCharCode(base + 8 + i)] as [string, string]),
  ),
  ['\u1fb3', '\u1fbc'],
  ['\u1fc3', '\u1fcc'],
  ['\u1ff3', '\u1ffc'],
]);

/** `text` as PostgreSQL's upper() writes it (see above). */
export function pgUpper(text: string): string {
  const full = text.toUpperCase();
  // The full mapping never shortens a character, so the same length means every character took
  // a one-to-one mapping, which is then the simple one.
  if (full.length === text.length) return full;
  let out = '';
  for (const ch of text) {
    const up = ch.toUpperCase();
    out += up.length === ch.length ? up : (SIMPLE_UPPER_OF_MULTI.get(ch) ?? ch);
  }
  return out;
}
