/**
 * How MySQL compares what a Laravel query builder sends it, for the customer list: `LIKE` patterns
 * and text order under a case-insensitive (`_ci`) collation.
 */

/** `_` in a LIKE pattern: any one character. */
const ANY_ONE = 1;
/** `%` in a LIKE pattern: any run of characters. */
const ANY_RUN = 2;
type LikeToken = string | typeof ANY_ONE | typeof ANY_RUN;

/**
 * SQL `LIKE '%value%'` (`%` any run, `_` any one character, `\` escapes) as a matcher. Wildcard
 * matching with one backtrack point runs in O(pattern × text), where a RegExp of `.*` runs can take
 * exponential time (`like:%%%%%%%%%%%%z` would stall the server).
 */
export function containsMatcher(value: string, caseInsensitive: boolean): (text: string) => boolean {
  const pattern: LikeToken[] = [ANY_RUN];
  const chars = Array.from(caseInsensitive ? value.toLowerCase() : value);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '\\' && i + 1 < chars.length) pattern.push(chars[++i]);
    else if (ch === '%') {
      if (pattern[pattern.length - 1] !== ANY_RUN) pattern.push(ANY_RUN);
    } else pattern.push(ch === '_' ? ANY_ONE : ch);
  }
  if (pattern[pattern.length - 1] !== ANY_RUN) pattern.push(ANY_RUN);
  return (raw) => {
    const text = Array.from(caseInsensitive ? raw.toLowerCase() : raw);
    let p = 0;
    let t = 0;
    let runAt = -1;
    let runFrom = 0;
    while (t < text.length) {
      const token = pattern[p];
      if (token === ANY_RUN) {
        runAt = p++;
        runFrom = t;
      } else if (p < pattern.length && (token === ANY_ONE || token === text[t])) {
        p++;
        t++;
      } else if (runAt !== -1) {
        p = runAt + 1;
        t = ++runFrom;
      } else {
        return false;
      }
    }
    while (pattern[p] === ANY_RUN) p++;
    return p === pattern.length;
  };
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
