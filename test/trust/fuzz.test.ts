/**
 * Every endpoint of both providers under seeded fast-check fuzzing, in-process: never a 5xx (but
 * Piriod's Django 500 page for a write holding a lone surrogate, which Piriod cannot keep),
 * every error in the provider's own shape, every 2xx body valid under the contract, every
 * refused write leaving the sandbox byte-identical, no answer over the time bound.
 * `npm test` sends FUZZ_RUNS requests per provider (10,000 by default); `npm run fuzz` many more.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { problemWith, requests, type FuzzRequest, type Provider } from './fuzz-kit';
import { ANSWER_BOUND_MS } from './timing';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
/** A fresh app every so many requests, so the sandbox stays near its seeded size. */
const APP_EVERY = 2_000;

const scenario = { name: 'fuzz', piriod: { customers: 12, fixtures: [] }, pelcro: { customers: 12, fixtures: [] } };
const MAIN = {
  piriod: { list: '/customers/?page_size=100', headers: { Authorization: 'Token fuzz' } },
  pelcro: { list: '/api/v1/core/customers?site_id=1&limit=100', headers: { Authorization: 'Bearer fuzz' } },
};

function newApp(provider: Provider) {
  return createApp({ providers: [provider], scenario, seed: 5, freezeTime: '2026-01-01T00:00:00Z' });
}

async function seededIds(provider: Provider): Promise<string[]> {
  const res = await newApp(provider).request(MAIN[provider].list, { headers: MAIN[provider].headers });
  const json = (await res.json()) as { results?: { id: string }[]; data?: { id: number }[] };
  return (json.results ?? json.data ?? []).map((c) => String(c.id));
}

const TRIVIAL: Record<Provider, FuzzRequest> = {
  piriod: { provider: 'piriod', method: 'GET', path: '/customers/?page_size=1', headers: { Authorization: 'Token fuzz' } },
  pelcro: {
    provider: 'pelcro',
    method: 'GET',
    path: '/api/v1/core/customers?site_id=1&limit=1',
    headers: { Authorization: 'Bearer fuzz' },
  },
};

async function send(app: ReturnType<typeof createApp>, req: FuzzRequest) {
  const started = performance.now();
  const res = await app.request(req.path, { method: req.method, headers: req.headers, body: req.body });
  const text = await res.text();
  return { ms: performance.now() - started, status: res.status, contentType: res.headers.get('content-type') ?? '', text };
}

/** What a refused write must leave as it was: the main sandbox's list, and the record it named. */
async function snapshot(app: ReturnType<typeof createApp>, req: FuzzRequest): Promise<string> {
  const main = MAIN[req.provider];
  const list = await (await app.request(main.list, { headers: main.headers })).text();
  if (!req.itemPath) return list;
  const item = await (
    await app.request(`${req.itemPath}${req.provider === 'pelcro' ? '?site_id=1' : ''}`, { headers: main.headers })
  ).text();
  return `${list}\n${item}`;
}

describe.each<Provider>(['piriod', 'pelcro'])('fuzzing every %s endpoint', (provider) => {
  it(`answers ${RUNS} hostile requests in the provider's shapes, within ${ANSWER_BOUND_MS} ms, keeping refused writes out`, {
    timeout: 600_000,
  }, async () => {
    const ids = await seededIds(provider);
    let app = newApp(provider);
    let sent = 0;
    const slow: string[] = [];
    const result = await fc.check(
      fc.asyncProperty(requests(provider, ids), async (req) => {
        if (sent > 0 && sent % APP_EVERY === 0) app = newApp(provider);
        sent++;
        const write = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method.toUpperCase());
        const before = write ? await snapshot(app, req) : '';
        let answer = await send(app, req);
        const problem = problemWith(req, answer.status, answer.contentType, answer.text);
        if (problem) throw new Error(`${req.method} ${req.path.slice(0, 300)} → ${problem}`);
        if (write && (answer.status < 200 || answer.status >= 300)) {
          const after = await snapshot(app, req);
          if (after !== before)
            throw new Error(`${req.method} ${req.path.slice(0, 200)} answered ${answer.status} but changed the sandbox`);
        }
        if (answer.ms > ANSWER_BOUND_MS) {
          // Sent again (a garbage collection or a busy neighbour is not a slow path); the fastest
          // counts, and only when it is also far slower than a trivial request at that moment.
          for (let i = 0; i < 4 && answer.ms > ANSWER_BOUND_MS; i++) {
            await new Promise((resolve) => setTimeout(resolve, 20));
            answer = { ...answer, ms: Math.min(answer.ms, (await send(app, req)).ms) };
          }
          const trivial = Math.min(...(await Promise.all([0, 1, 2].map(() => send(app, TRIVIAL[provider])))).map((a) => a.ms));
          if (answer.ms > ANSWER_BOUND_MS && answer.ms > 10 * trivial) {
            slow.push(
              `${Math.round(answer.ms)} ms (a trivial request: ${trivial.toFixed(1)} ms): ${req.method} ${req.path.slice(0, 120)} body ${String(req.body ?? '').slice(0, 80)}`,
            );
          }
        }
      }),
      { seed: SEED + (provider === 'piriod' ? 0 : 1), numRuns: RUNS, endOnFailure: true },
    );
    // fast-check's own report prints the whole request (a 5,000-parameter query…): say it briefly.
    if (result.failed)
      throw new Error(
        `after ${result.numRuns} requests (seed ${result.seed}): ${String((result.errorInstance as Error | undefined)?.message ?? 'failed').slice(0, 2000)}`,
      );
    expect(sent).toBeGreaterThanOrEqual(RUNS);
    expect(slow).toEqual([]);
  });
});
