/**
 * Whether an answer's rate-limit headers can be paced by. Laravel's ThrottleRequests sends
 * `X-RateLimit-Limit` (the attempts allowed per window) and `X-RateLimit-Remaining` (those left:
 * `RateLimiter::retriesLeft`, the limit less the attempts, or 0 once throttled); DRF sends neither,
 * but a gateway in front of either may. A client that paces itself by them waits needlessly, or
 * floods, when Remaining is not a count between 0 and the limit: a counter that counts up, one
 * gone negative, a value that is not a number.
 */

const count = (value: string | null) => (value !== null && /^\d+$/.test(value.trim()) ? Number(value.trim()) : undefined);

/** The header that is wrong among X-RateLimit-Limit and X-RateLimit-Remaining and what it holds, or undefined (also when absent). */
export function rateLimitProblem(headers: Headers): { header: string; actual: string } | undefined {
  const limitValue = headers.get('x-ratelimit-limit');
  const remainingValue = headers.get('x-ratelimit-remaining');
  const limit = count(limitValue);
  const remaining = count(remainingValue);
  if (limitValue !== null && limit === undefined) return { header: 'x-ratelimit-limit', actual: `${limitValue} (not a count)` };
  if (remainingValue !== null && remaining === undefined)
    return { header: 'x-ratelimit-remaining', actual: `${remainingValue} (not a count)` };
  if (limit !== undefined && remaining !== undefined && remaining > limit) {
    return { header: 'x-ratelimit-remaining', actual: `${remaining}, above X-RateLimit-Limit ${limit}` };
  }
  return undefined;
}
