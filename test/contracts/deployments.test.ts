/**
 * A real deployment is not the mock: its data is not the mock's seed, and where Piriod's
 * documentation leaves a detail open, another DRF version or serializer may answer otherwise. The
 * suites must judge such a deployment on what the contract says, not skip or fail it for being
 * unlike the mock. Each case rewrites the mock (the harness's drift wrapper) into such a deployment.
 */
import { describe, expect, it } from 'vitest';
import { runSuite } from '../../contracts/check/runner';
import { suites } from '../../contracts/check/suites';
import { driftRun, everywhere, mockTarget, runOptions, type Drift } from './harness';

/** The id of the mock's newest customer: the first of its unfiltered list. */
async function newestCustomer(): Promise<string> {
  const headers = { Authorization: 'Token contract-token', 'X-Simple-Workspace': 'acc_understudy' };
  const res = await mockTarget().fetch(new Request('http://understudy.test/customers/?page_size=1', { headers }));
  return ((await res.json()) as { results: { id: string }[] }).results[0].id;
}

describe('the Piriod suite against a deployment unlike the mock', () => {
  it('takes each filter value from the first customer that has one, not only the newest', async () => {
    const newest = await newestCustomer();
    // An account whose newest customer has no email and no tax id (the answers hide them).
    const deployment: Drift = {
      name: 'newest customer without email or tax id',
      response: (answer) =>
        everywhere(
          answer.json,
          (o) => o.id === newest,
          (o) => {
            o.email = null;
            o.tax_id = null;
          },
        ),
    };
    const { target, options } = driftRun('piriod', deployment);
    const report = await runSuite(suites.piriod, target, { ...options, readOnly: true, only: ['piriod.filter'] });
    const notPassed = report.checks.filter((c) => c.outcome !== 'passed');
    expect(notPassed.map((c) => `${c.id}: ${c.skipReason ?? c.failures[0]?.expected}`)).toEqual([]);
  });

  it('skips a filter only when no customer of the first page has a value for it', async () => {
    const deployment: Drift = {
      name: 'no customer has an email',
      response: (answer) =>
        everywhere(
          answer.json,
          (o) => typeof o.id === 'string' && o.id.startsWith('cus_'),
          (o) => {
            o.email = null;
          },
        ),
    };
    const { target, options } = driftRun('piriod', deployment);
    const report = await runSuite(suites.piriod, target, { ...options, readOnly: true, only: ['piriod.filter.email'] });
    expect(report.checks.map((c) => [c.id, c.outcome, c.skipReason])).toEqual([
      ['piriod.filter.email', 'skipped', 'no customer of the first page has a usable email to filter by'],
      ['piriod.filter.email-in', 'skipped', 'no two customers of the first page have different emails to filter by'],
    ]);
  });

  /** A deployment whose `country` refuses an unknown code with `text`. */
  const countryRefusedWith = (text: string): Drift => ({
    name: `an unknown country refused with ${text}`,
    response: (answer, request) => {
      const body = answer.json as { country?: unknown } | undefined;
      if (request.method === 'POST' && answer.status === 400 && Array.isArray(body?.country)) body.country = [text];
    },
  });

  it.each([
    ['a PrimaryKeyRelatedField', 'Invalid pk "XX" - object does not exist.'],
    ["Piriod's rewording of it", 'Primary key "XX" invalid - object is not exists.'],
    ['a SlugRelatedField', 'Object with id=XX does not exist.'],
  ])('accepts an unknown country refused by %s', async (_field, text) => {
    const { target, options } = driftRun('piriod', countryRefusedWith(text));
    const report = await runSuite(suites.piriod, target, { ...options, only: ['piriod.create.rejects.country'] });
    expect(report.checks.map((c) => [c.id, c.outcome, c.failures])).toEqual([['piriod.create.rejects.country', 'passed', []]]);
  });

  it('still fails an unknown country refused with another text, naming what came', async () => {
    const { target, options } = driftRun('piriod', countryRefusedWith('Invalid country.'));
    const report = await runSuite(suites.piriod, target, { ...options, only: ['piriod.create.rejects.country'] });
    expect(report.checks[0].failures).toEqual([
      expect.objectContaining({
        jsonPath: '$.country',
        expected: expect.stringMatching(/^a list holding one of "\\"XX\\" is not a valid choice\.", /),
        actual: '["Invalid country."]',
      }),
    ]);
  });
});

/**
 * What any HTTP deployment may do without drifting: throttle (DRF's and Laravel's 429 with
 * Retry-After, answered before the request reaches the view) and close an idle keep-alive
 * connection as a request goes out on it. The run recovers as HTTP allows and still passes.
 */
describe.each(['piriod', 'pelcro'] as const)('the %s suite against a deployment that throttles or closes idle connections', (provider) => {
  it('waits out a 429 with Retry-After and passes', async () => {
    const target = mockTarget();
    let sent = 0;
    const throttling = {
      baseUrl: target.baseUrl,
      fetch: async (request: Request) => {
        // Every seventh request is refused before it reaches the application (nothing written).
        if (++sent % 7 === 0) {
          const detail =
            provider === 'piriod'
              ? { detail: 'Request was throttled. Expected available in 0 seconds.' }
              : { message: 'Too Many Attempts.' };
          return Response.json(detail, { status: 429, headers: { 'retry-after': '0' } });
        }
        return target.fetch(request);
      },
    };
    const report = await runSuite(suites[provider], throttling, runOptions[provider]);
    expect(report.checks.filter((c) => c.failures.length > 0).map((c) => [c.id, c.failures[0]])).toEqual([]);
  });

  it('sends a GET, PUT or DELETE again when the connection closed before the answer, and passes', async () => {
    const target = mockTarget();
    let sent = 0;
    const closing = {
      baseUrl: target.baseUrl,
      fetch: async (request: Request) => {
        // A server's keep-alive timeout racing every fifth idempotent request (never the first).
        if (['GET', 'PUT', 'DELETE'].includes(request.method) && ++sent % 5 === 0) {
          throw new TypeError('fetch failed', { cause: { code: 'UND_ERR_SOCKET', message: 'other side closed' } });
        }
        return target.fetch(request);
      },
    };
    const report = await runSuite(suites[provider], closing, runOptions[provider]);
    expect(report.checks.filter((c) => c.failures.length > 0).map((c) => [c.id, c.failures[0]])).toEqual([]);
  });
});
