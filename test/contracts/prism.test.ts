/**
 * Prism, the independent second opinion on the OpenAPI documents:
 * - `prism proxy` sits between the full suite and the mock and checks every request and answer
 *   against the document: no answer of the mock may violate it, and only requests the mock also
 *   refused (the suite's deliberately bad ones) may be flagged;
 * - `prism mock` is another implementation of the same document: the read-only suite's schema
 *   level must pass against it (no false alarms).
 */
import { readFileSync } from 'node:fs';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarize, type RunReport } from '../../contracts/check/report';
import { runSuite, type Target } from '../../contracts/check/runner';
import { suites } from '../../contracts/check/suites';
import { createApp } from '../../src/app';
import { runOptions } from './harness';
import { startPrism, violationsOf, type RunningPrism } from './prism';

const PROVIDERS = ['piriod', 'pelcro'] as const;

/**
 * Checks that cannot pass through a proxy that parses bodies: Prism reads a JSON body itself and
 * answers one that is not JSON with its own 400, never forwarding it to the mock.
 */
const NOT_THROUGH_PROXY: Record<(typeof PROVIDERS)[number], string[]> = {
  piriod: ['piriod.create.rejects.bad-json'],
  pelcro: [],
};

/** The committed document, or undefined while it is still the placeholder. */
function documentOf(provider: string): string | undefined {
  const path = `contracts/${provider}/openapi.json`;
  try {
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { paths?: object };
    return doc.paths && Object.keys(doc.paths).length > 0 ? path : undefined;
  } catch {
    return undefined;
  }
}

function failures(report: RunReport): string[] {
  return report.checks.flatMap((c) =>
    c.failures.map((f) => `${c.id}: ${f.method} ${f.path} ${f.jsonPath}: expected ${f.expected}, got ${f.actual}`),
  );
}

describe.each(PROVIDERS)('Prism and the %s document', (provider) => {
  const document = documentOf(provider);

  describe.skipIf(!document)('prism proxy in front of the mock', () => {
    let server: ServerType;
    let prism: RunningPrism;

    beforeAll(async () => {
      const app = createApp({ freezeTime: '2026-01-01T12:00:00Z' });
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise((resolve) => server.once('listening', resolve));
      const { port } = server.address() as { port: number };
      prism = await startPrism(['proxy', document as string, `http://127.0.0.1:${port}`, '--errors', 'false']);
    }, 90_000);

    afterAll(async () => {
      await prism?.stop();
      await new Promise((resolve) => server?.close(resolve));
    });

    it('sees no violation of the document in any answer of the mock, through the whole full suite', async () => {
      const answers: { request: string; status: number; violations: ReturnType<typeof violationsOf> }[] = [];
      const target: Target = {
        baseUrl: prism.url,
        async fetch(request) {
          const response = await fetch(request);
          answers.push({
            request: `${request.method} ${new URL(request.url).pathname}${new URL(request.url).search}`,
            status: response.status,
            violations: violationsOf(response),
          });
          return response;
        },
      };
      const report = await runSuite(suites[provider], target, { ...runOptions[provider], skip: NOT_THROUGH_PROXY[provider] });
      expect(failures(report)).toEqual([]);
      expect(summarize(report).ok).toBe(true);

      // The route checks send `understudy_probe` requests to a spelling of the path the document
      // does not have (without or with the trailing slash); Prism matches them to another route
      // (Pelcro's `/customers/` to `/customers/{id}`), so it cannot judge their answers.
      const judged = answers.filter((a) => !a.request.includes('understudy_probe='));
      const responseSide = judged.flatMap((a) =>
        a.violations.filter((v) => v.location[0] === 'response').map((v) => `${a.request} → ${a.status}: ${v.message}`),
      );
      expect(responseSide).toEqual([]);
      // Prism and the mock agree on which requests are bad: whatever Prism flags, the mock refused.
      const flaggedButAccepted = judged
        .filter((a) => a.status < 400 && a.violations.some((v) => v.location[0] === 'request' && v.severity === 'Error'))
        .map((a) => `${a.request} → ${a.status}: ${a.violations.map((v) => v.message).join('; ')}`);
      expect(flaggedButAccepted).toEqual([]);
      // The deliberately bad requests were seen and flagged, so the check above is not vacuous.
      expect(answers.some((a) => a.status >= 400 && a.violations.some((v) => v.location[0] === 'request'))).toBe(true);
    }, 120_000);
  });

  describe.skipIf(!document)('prism mock as an independent implementation', () => {
    let prism: RunningPrism;

    beforeAll(async () => {
      prism = await startPrism(['mock', document as string]);
    }, 90_000);

    afterAll(async () => {
      await prism?.stop();
    });

    it('passes the read-only schema level (no false alarms)', async () => {
      const target: Target = { baseUrl: prism.url, fetch: (request) => fetch(request) };
      const report = await runSuite(suites[provider], target, { ...runOptions[provider], readOnly: true, levels: ['schema'] });
      expect(failures(report)).toEqual([]);
      expect(report.checks.filter((c) => c.outcome === 'passed').length).toBeGreaterThanOrEqual(5);
    }, 120_000);
  });
});
