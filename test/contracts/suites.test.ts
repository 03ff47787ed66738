import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize, type RunReport } from '../../contracts/check/report';
import { render } from '../../contracts/check/reporters';
import { runSuite, type Target } from '../../contracts/check/runner';
import { suites } from '../../contracts/check/suites';
import { badRut, rut } from '../../contracts/piriod/suite/records';
import { mockTarget, runOptions } from './harness';

const PROVIDERS = ['piriod', 'pelcro'] as const;

/** The failures of a report, one line each, so a failing expectation shows what drifted. */
function failures(report: RunReport): string[] {
  return report.checks.flatMap((c) =>
    c.failures.map((f) => `${c.id}: ${f.method} ${f.path} ${f.jsonPath}: expected ${f.expected}, got ${f.actual}`),
  );
}

/** Records every request (method, URL, status) that passes through `target`. */
function recording(target: Target) {
  const log: { method: string; url: string; status: number }[] = [];
  return {
    log,
    target: {
      baseUrl: target.baseUrl,
      async fetch(request: Request) {
        const response = await target.fetch(request);
        log.push({ method: request.method, url: request.url, status: response.status });
        return response;
      },
    } satisfies Target,
  };
}

describe.each(PROVIDERS)('the %s contract suite against the in-process mock', (provider) => {
  const suite = suites[provider];

  it('passes in full mode, every check run and none failed', async () => {
    const report = await runSuite(suite, mockTarget(), runOptions[provider]);
    expect(failures(report)).toEqual([]);
    expect(summarize(report).ok).toBe(true);
    const ids = report.checks.map((c) => c.id);
    expect(ids).toEqual(suite.checks.map((c) => c.id));
    // Skips only for what the default mock cannot show: it accepts any token and, for Piriod,
    // requests without a workspace.
    const skipped = report.checks.filter((c) => c.outcome === 'skipped').map((c) => c.id);
    expect(skipped.filter((id) => !id.endsWith('.auth.invalid') && id !== 'piriod.auth.workspace')).toEqual([]);
  });

  it('reports no undeclared field on any answer of the mock', async () => {
    const report = await runSuite(suite, mockTarget(), { ...runOptions[provider], strict: true });
    expect(report.checks.flatMap((c) => c.warnings)).toEqual([]);
  });

  it("checks unknown tokens (and Piriod's workspace header) when the target enforces them", async () => {
    const target = mockTarget({ tokens: ['contract-token'], requireWorkspace: true });
    const report = await runSuite(suite, target, { ...runOptions[provider], only: [`${provider}.auth`] });
    expect(failures(report)).toEqual([]);
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(report.checks.map((c) => c.id)).toContain(`${provider}.auth.invalid`);
  });

  it('in read-only mode makes no write that the target accepts', async () => {
    const { log, target } = recording(mockTarget());
    const report = await runSuite(suite, target, { ...runOptions[provider], readOnly: true });
    expect(failures(report)).toEqual([]);
    expect(report.checks.every((c) => c.mode === 'read')).toBe(true);
    const writes = log.filter((r) => r.method !== 'GET');
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.filter((r) => r.status < 400)).toEqual([]);
  });

  it('runs the schema level alone, and only schema checks', async () => {
    const report = await runSuite(suite, mockTarget(), { ...runOptions[provider], levels: ['schema'] });
    expect(failures(report)).toEqual([]);
    expect(report.checks.length).toBeGreaterThan(4);
    expect(report.checks.every((c) => c.level === 'schema')).toBe(true);
  });

  it('runs the behaviour level alone', async () => {
    const report = await runSuite(suite, mockTarget(), { ...runOptions[provider], levels: ['behaviour'] });
    expect(failures(report)).toEqual([]);
    expect(report.checks.every((c) => c.level === 'behaviour')).toBe(true);
  });

  it('passes against an empty account, skipping what needs data', async () => {
    const empty = { name: 'empty', piriod: { customers: 0, fixtures: [] }, pelcro: { customers: 0, fixtures: [] } };
    const report = await runSuite(suite, mockTarget({ scenario: empty }), runOptions[provider]);
    expect(failures(report)).toEqual([]);
  });

  it('caps the walk through `next` at --max-pages and says so', async () => {
    // 150 customers at most 100 a page need two pages: a cap of one stops the walk early.
    const scenario = { name: 'many', piriod: { customers: 150, fixtures: [] }, pelcro: { customers: 150, fixtures: [] } };
    const report = await runSuite(suite, mockTarget({ scenario }), {
      ...runOptions[provider],
      maxPages: 1,
      only: [`${provider}.list.walk-next`],
    });
    expect(failures(report)).toEqual([]);
    expect(report.checks[0].notes.join(' ')).toMatch(/stopped after 1 of 2 pages \(--max-pages 1\)/);
  });

  it('keeps its request count modest', async () => {
    const { log, target } = recording(mockTarget());
    await runSuite(suite, target, runOptions[provider]);
    // About three requests a check (Pelcro's full run: 159, an exact filter asked once more with a
    // part of its value), so a check that pages or loops per record shows.
    expect(log.length).toBeLessThan(160);
  });

  it('renders a readable report', async () => {
    const report = await runSuite(suite, mockTarget(), { ...runOptions[provider], readOnly: true });
    expect(render(report, 'pretty')).toMatch(/^PASS {2}\d+ passed, 0 failed/m);
  });
});

describe('pelcro full mode', () => {
  it('deletes the customers it created', async () => {
    const target = mockTarget();
    const count = async () => {
      const res = await target.fetch(
        new Request('http://understudy.test/api/v1/core/customers?site_id=1', { headers: { Authorization: 'Bearer contract-token' } }),
      );
      return ((await res.json()) as { meta: { total: number } }).meta.total;
    };
    const before = await count();
    const report = await runSuite(suites.pelcro, target, runOptions.pelcro);
    expect(report.leftovers).toEqual([]);
    expect(await count()).toBe(before);
  });
});

describe('piriod full mode', () => {
  it('deletes the test-mode customer it created, so nothing is left behind', async () => {
    const target = mockTarget();
    const count = async () => {
      const headers = { Authorization: 'Token contract-token', 'X-Simple-Workspace': 'acc_understudy', 'X-Piriod-Test-Mode': 'true' };
      const res = await target.fetch(new Request('http://understudy.test/customers/', { headers }));
      return ((await res.json()) as { count: number }).count;
    };
    const before = await count();
    const report = await runSuite(suites.piriod, target, runOptions.piriod);
    expect(report.leftovers).toEqual([]);
    expect(await count()).toBe(before);
  });

  it('lists the customer as left behind when its DELETE fails', async () => {
    const target = mockTarget();
    const refusing = {
      baseUrl: target.baseUrl,
      fetch: async (r: Request) => (r.method === 'DELETE' ? new Response('', { status: 500 }) : target.fetch(r)),
    };
    const report = await runSuite(suites.piriod, refusing, runOptions.piriod);
    expect(report.leftovers).toEqual([expect.stringMatching(/^customer cus_\w+ \(test mode, "understudy contract check test-run/)]);
  });
});

/** The mock as a Piriod that does not validate a RUT's check digit: the refused create is accepted. */
function acceptingBadRut() {
  const { log, target } = recording(mockTarget());
  return {
    log,
    target: {
      baseUrl: target.baseUrl,
      async fetch(request: Request) {
        if (request.method !== 'POST') return target.fetch(request);
        const text = await request.text();
        const body = text.replace(JSON.stringify(badRut(12_345_678)), JSON.stringify(rut(12_345_678)));
        return target.fetch(new Request(request.url, { method: 'POST', headers: request.headers, body }));
      },
    } satisfies Target,
  };
}

async function piriodTestModeCount(target: Target): Promise<number> {
  const headers = { Authorization: 'Token contract-token', 'X-Simple-Workspace': 'acc_understudy', 'X-Piriod-Test-Mode': 'true' };
  const res = await target.fetch(new Request('http://understudy.test/customers/', { headers }));
  return ((await res.json()) as { count: number }).count;
}

describe('piriod: a record created by a request that had to be refused', () => {
  it('is deleted when a full run ends, and the check says so', async () => {
    const { log, target } = acceptingBadRut();
    const before = await piriodTestModeCount(target);
    const report = await runSuite(suites.piriod, target, runOptions.piriod);
    const check = report.checks.find((c) => c.id === 'piriod.create.rejects.tax-id');
    expect(check?.outcome).toBe('failed');
    // The failure says what was accepted, not only that a 400 was due.
    expect(check?.failures).toEqual([
      expect.objectContaining({
        jsonPath: 'status',
        expected: `400, refusing tax_id "${badRut(12_345_678)}"`,
        actual: expect.stringMatching(/^201 /),
      }),
    ]);
    expect(check?.notes).toEqual([expect.stringMatching(/^the target created customer cus_\w+; deleted when the run ends$/)]);
    expect(report.leftovers).toEqual([]);
    expect(await piriodTestModeCount(target)).toBe(before);
    const id = check?.notes[0].match(/cus_\w+/)?.[0];
    expect(log.filter((r) => r.method === 'DELETE' && r.url.endsWith(`/customers/${id}/`))).toMatchObject([{ status: 204 }]);
  });

  it('is listed as left behind by a read-only run, which deletes nothing', async () => {
    const { log, target } = acceptingBadRut();
    const report = await runSuite(suites.piriod, target, { ...runOptions.piriod, readOnly: true });
    expect(report.leftovers).toEqual([
      expect.stringMatching(
        /^customer cus_\w+ \(created by piriod.create.rejects.tax-id, a request that had to be refused; not deleted: --read-only sends no DELETE\)$/,
      ),
    ]);
    expect(log.filter((r) => r.method === 'DELETE')).toEqual([]);
    expect(render(report, 'pretty')).toMatch(/Records left behind \(remove them by hand\):\n {2}customer cus_/);
  });
});

describe('contracts/', () => {
  it('imports nothing from src/ (a suite must run with nothing of the mock loaded)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts')) files.push(path);
      }
    };
    walk('contracts');
    const offenders = files.filter(
      (f) => /from\s+['"][./]*src\//.test(readFileSync(f, 'utf8')) || /from\s+['"]\.\.\/+(\.\.\/)*src/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});

/** `response` with its body broken off halfway, as when the server closes the connection mid-body. */
function brokenOff(response: Response): Response {
  const reader = response.body?.getReader();
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = await reader?.read();
      if (!sent && chunk?.value) {
        sent = true;
        controller.enqueue(chunk.value.subarray(0, Math.floor(chunk.value.length / 2)));
        return;
      }
      controller.error(new TypeError('terminated', { cause: { code: 'UND_ERR_SOCKET', message: 'other side closed' } }));
    },
  });
  return new Response(body, { status: response.status, headers: response.headers });
}

describe.each([
  ['piriod', 'piriod.create', '/customers/', 'creating the test customer failed (see piriod.create)'],
  [
    'pelcro',
    'pelcro.addresses',
    '/api/v1/core/customers',
    'creating the customer the address and source checks work on failed (see pelcro.addresses.create)',
  ],
] as const)('%s: a create whose answer breaks off', (provider, only, path, skipReason) => {
  it('fails once, saying what came, and the checks that need the record skip instead of creating it again', async () => {
    const mock = mockTarget();
    let creates = 0;
    const target: Target = {
      baseUrl: mock.baseUrl,
      async fetch(request) {
        const response = await mock.fetch(request);
        // Creates that succeed (the refusals the create checks ask for are not counted).
        const isCreate = request.method === 'POST' && new URL(request.url).pathname === path && response.status === 201;
        return isCreate && creates++ === 0 ? brokenOff(response) : response;
      },
    };
    // A list first: a network failure on a run's very first request means an unreachable target.
    const writes = provider === 'piriod' ? ['piriod.create', 'piriod.update', 'piriod.contacts.round-trip'] : [only];
    const report = await runSuite(suites[provider], target, { ...runOptions[provider], only: [`${provider}.schema.list`, ...writes] });
    const failed = report.checks.filter((c) => c.failures.length > 0);
    expect(failed.map((c) => c.failures.map((f) => f.actual))).toEqual([
      ['answered 201, then the body broke off: the server closed the connection (UND_ERR_SOCKET)'],
    ]);
    expect(failed[0].notes.join(' ')).toMatch(/the create got no complete answer: .* may exist on the target/);
    expect(creates).toBe(1);
    expect(report.checks.filter((c) => c.outcome === 'skipped').map((c) => c.skipReason)).toContain(skipReason);
  });
});

describe('pelcro: an Open API register that fails', () => {
  it('fails the check that registered, and the other Open API checks skip instead of registering again', async () => {
    const mock = mockTarget();
    const target: Target = {
      baseUrl: mock.baseUrl,
      async fetch(request) {
        const response = await mock.fetch(request);
        // 200 instead of the documented 201: the record exists, the answer is not the contract's.
        if (response.status !== 201 || !new URL(request.url).pathname.endsWith('/sdk/auth/register')) return response;
        return new Response(response.body, { status: 200, headers: response.headers });
      },
    };
    const report = await runSuite(suites.pelcro, target, { ...runOptions.pelcro, only: ['pelcro.schema.list', 'pelcro.sdk'] });
    expect(report.checks.filter((c) => c.failures.length > 0).map((c) => c.id)).toEqual(['pelcro.sdk.register']);
    const skipped = report.checks.filter((c) => c.outcome === 'skipped');
    expect(skipped.length).toBeGreaterThan(5);
    expect(new Set(skipped.map((c) => c.skipReason))).toEqual(
      new Set(['registering the Open API customer failed (see pelcro.sdk.register)']),
    );
  });
});
