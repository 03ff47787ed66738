/**
 * What a Laravel API resource does to the arrays it returns (Illuminate\Http\Resources\
 * ConditionallyLoadsAttributes, Laravel 8.83 to 11.x): `filter` walks every nested array and
 * `removeMissingValues` returns `array_values($data)` when every key `is_numeric` — an integer key
 * or a numeric string such as "1.5", "-1", " 2" or "1e3" — unless the resource sets `preserveKeys`.
 * So metadata `{"5": "x"}` answers `["x"]`, and an empty array `[]`, however json_encode would
 * have written it.
 */
import type { WriteOptions } from '../ordered-json';
import { PyNumber } from '../python/python';
import { jsWritesAsPhp, phpJsonDouble } from './json-encode';
import { isNumeric, phpNumber } from './scalars';

/**
 * A JS number as json_encode writes it: an int within 2^53 in full, anything else as PHP writes a
 * double (`1.0e-5`, `1.5e-7`: ./json-encode.ts phpJsonDouble). Metadata echoes the numbers sent;
 * those JS cannot hold as sent (an int past 2^53, a whole double such as `1e17` or `1.0`) arrive
 * as PyNumbers, written by phpNumberObjectText.
 */
function phpNumberText(value: number): string {
  return Number.isSafeInteger(value) ? String(value) : phpJsonDouble(value);
}

/**
 * A PyNumber as json_encode writes what json_decode gave: an int in full (every digit up to
 * PHP_INT_MAX, where JS would round past 2^53: `123456789012345678`), a double as PHP writes one
 * (`1.0e+17`). A resource reads metadata back from its JSON column (Eloquent's `array` cast):
 * `-0.0` is written `-0` there and read back as the int 0, so it answers `0`; every other number
 * reads back as the same text.
 */
function phpNumberObjectText(value: object): string | undefined {
  if (!(value instanceof PyNumber)) return undefined;
  if (value.kind === 'float' && Object.is(value.value, -0)) return '0';
  // Past PHP_INT_MAX json_decode gives a float.
  const held = phpNumber(value);
  return 'int' in held ? held.int.toString() : phpJsonDouble(held.float);
}

/** writeJson's options for a resource's data (not for its pagination `links` and `meta`). */
export const RESOURCE_ARRAYS: WriteOptions = Object.freeze({
  listWhen: isNumeric,
  number: phpNumberText,
  numberObject: phpNumberObjectText,
  // JSON.stringify's `0` for -0 is the column's int 0 (phpNumberObjectText).
  numberAsJs: (value: number) => Object.is(value, -0) || jsWritesAsPhp(value),
});
