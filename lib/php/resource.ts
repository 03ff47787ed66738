/**
 * What a Laravel API resource does to the arrays it returns (Illuminate\Http\Resources\
 * ConditionallyLoadsAttributes, Laravel 8.83 to 11.x): `filter` walks every nested array and
 * `removeMissingValues` returns `array_values($data)` when every key `is_numeric` — an integer key
 * or a numeric string such as "1.5", "-1", " 2" or "1e3" — unless the resource sets `preserveKeys`.
 * So metadata `{"5": "x"}` answers `["x"]`, and an empty array `[]`, however json_encode would
 * have written it.
 */
import type { WriteOptions } from '../ordered-json';
import { isNumeric } from './scalars';

/** writeJson's options for a resource's data (not for its pagination `links` and `meta`). */
export const RESOURCE_ARRAYS: WriteOptions = Object.freeze({ listWhen: isNumeric });
