/**
 * Failure lines point at what drifted: a drifted mock (the harness's drift wrapper) is run through
 * one check, and the line the report shows is held to the place and the expectation a reader
 * needs, not a neighbouring one.
 */
import { describe, expect, it } from 'vitest';
import type { Failure } from '../../contracts/check/report';
import { render } from '../../contracts/check/reporters';
import { runSuite } from '../../contracts/check/runner';
import { suites } from '../../contracts/check/suites';
import { driftRun, everywhere, type Drift } from './harness';

async function failuresOf(provider: 'piriod' | 'pelcro', drift: Drift, only: string): Promise<Failure[]> {
  const { target, options } = driftRun(provider, drift);
  const report = await runSuite(suites[provider], target, { ...options, only: [only] });
  return report.checks.flatMap((c) => c.failures);
}

describe('a failure line', () => {
  it('descends into the union member of the kind that came: an expanded address with a string id', async () => {
    const drift: Drift = {
      name: 'ids inside expanded addresses as strings',
      response: (answer) =>
        everywhere(
          answer.json,
          (o) => Array.isArray(o.addresses),
          (o) => {
            for (const address of o.addresses as Record<string, unknown>[]) {
              if (typeof address === 'object' && address !== null) address.id = String(address.id);
            }
          },
        ),
    };
    const failures = await failuresOf('pelcro', drift, 'pelcro.schema.list-expanded');
    expect(failures).toContainEqual(
      expect.objectContaining({ jsonPath: '$.data[0].addresses[0].id', expected: 'number', actual: 'string "1"' }),
    );
    expect(failures.map((f) => f.jsonPath)).not.toContain('$.data[0].addresses[0]');
  });

  it('says what a nullable field takes: a DRF page without `previous`', async () => {
    const drift: Drift = {
      name: 'previous left out',
      response: (answer) => {
        if (typeof answer.json === 'object' && answer.json !== null && 'previous' in answer.json)
          delete (answer.json as { previous?: unknown }).previous;
      },
    };
    const failures = await failuresOf('piriod', drift, 'piriod.schema.list');
    expect(failures).toContainEqual(expect.objectContaining({ jsonPath: '$.previous', expected: 'string or null', actual: 'missing' }));
  });

  it.each([
    [
      'pelcro',
      'a 201 without the {"data"} envelope',
      (json: Record<string, unknown>) => json.data,
      '$.data.id',
      "a number (the record's id)",
      'missing',
    ],
    [
      'piriod',
      'a 201 whose id is a number',
      (json: Record<string, unknown>) => ({ ...json, id: 5 }),
      '$.id',
      "a string (the record's id)",
      'number 5',
    ],
  ] as const)('names the body, not the status, for %s create answering %s', async (provider, _name, rewrite, path, expected, actual) => {
    const drift: Drift = {
      name: 'create answered with a bad body',
      response: (answer, request) => {
        if (request.method === 'POST' && answer.status === 201) answer.json = rewrite(answer.json as Record<string, unknown>);
      },
    };
    const failures = await failuresOf(provider, drift, `${provider}.create`);
    expect(failures).toContainEqual(expect.objectContaining({ method: 'POST', jsonPath: path, expected, actual }));
    expect(failures.filter((f) => f.jsonPath === 'status')).toEqual([]);
  });

  it('under --strict, counts an undeclared field as failing in the summary, not as a mere warning', async () => {
    const drift: Drift = {
      name: 'an undeclared field on every customer',
      options: { strict: true },
      response: (answer) =>
        everywhere(
          answer.json,
          (o) => typeof o.id === 'string' && o.id.startsWith('cus_'),
          (o) => {
            o.legacy_code = 'L-1';
          },
        ),
    };
    const { target, options } = driftRun('piriod', drift);
    const text = render(await runSuite(suites.piriod, target, { ...options, only: ['piriod.schema.list'] }), 'pretty');
    expect(text).toContain('(1 warning, failing under --strict) [piriod.schema.list, schema]');
    expect(text).toMatch(/^FAIL {2}\d+ passed, (\d+) failed \(\1 by --strict\), 0 skipped, \d+ warnings \(failing under --strict\)/m);
  });
});
