import { describe, expect, it } from 'vitest';
import { rateLimitProblem } from './rate-limit';

const headers = (pairs: Record<string, string>) => new Headers(pairs);

describe('rateLimitProblem', () => {
  it.each([
    [{}],
    [{ 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '59' }],
    [{ 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0' }],
    [{ 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '60' }],
    [{ 'x-ratelimit-limit': '60' }],
    [{ 'x-ratelimit-remaining': '12' }],
  ])('accepts rate-limit headers a client can pace by: %j', (pairs) => {
    expect(rateLimitProblem(headers(pairs))).toBeUndefined();
  });

  it.each([
    [
      { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '61' },
      { header: 'x-ratelimit-remaining', actual: '61, above X-RateLimit-Limit 60' },
    ],
    [
      { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '-3' },
      { header: 'x-ratelimit-remaining', actual: '-3 (not a count)' },
    ],
    [{ 'x-ratelimit-limit': 'unlimited' }, { header: 'x-ratelimit-limit', actual: 'unlimited (not a count)' }],
    [{ 'x-ratelimit-remaining': '4.5' }, { header: 'x-ratelimit-remaining', actual: '4.5 (not a count)' }],
  ])('names rate-limit headers no client can pace by: %j', (pairs, problem) => {
    expect(rateLimitProblem(headers(pairs))).toEqual(problem);
  });
});
