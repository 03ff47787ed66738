/**
 * How MySQL compares what a Laravel query builder sends it, for the customer list: `LIKE` patterns
 * and text order under a case-insensitive (`_ci`) collation.
 */

import { compileLike, likeLiterals } from './like';

/**
 * SQL `LIKE '%value%'` (`%` any run, `_` any one character, `\` escapes) as a matcher, in time
 * linear in the text (./like.ts): a RegExp of `.*` runs can take exponential time and a
 * backtracking matcher O(pattern × text) (`like:%%%%%%%%%%%%z` would stall the server).
 */
export function containsMatcher(value: string, caseInsensitive: boolean): (text: string) => boolean {
  return compileLike(value, { caseInsensitive, contains: true });
}

/** The texts every match of `containsMatcher(value, caseInsensitive)` holds; undefined when its pattern has `_`. */
export function containsLiterals(value: string, caseInsensitive: boolean): string[] | undefined {
  return likeLiterals(value, { caseInsensitive, contains: true });
}

/** `ORDER BY column` on a nullable text column with a `_ci` collation: NULLs first, then case-insensitively. */
export function compareCi(x: string | null, y: string | null): number {
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  const lx = x.toLowerCase();
  const ly = y.toLowerCase();
  return lx === ly ? 0 : lx < ly ? -1 : 1;
}
