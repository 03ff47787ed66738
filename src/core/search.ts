/**
 * The binary searches of the seeded indexes and columns, in one place: each site used to halve by
 * hand, with its own bounds.
 */

/**
 * The first index in [lo, hi) at which `reached(i)` holds, for a `reached` that is false and then
 * true over the range; `hi` when it never holds.
 */
export function firstReached(lo: number, hi: number, reached: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (reached(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The first index in [lo, hi) of ascending `sorted` holding `value` or more; `hi` when none does. */
export function lowerBound(sorted: ArrayLike<number>, value: number, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index in [lo, hi) of ascending `sorted` holding more than `value`; `hi` when none does. */
export function upperBound(sorted: ArrayLike<number>, value: number, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
