/**
 * Throughput of the understudy mock side by side with Prism's mock of the same OpenAPI document:
 * for each provider, the same requests (list, retrieve, create) against both, one server at a time,
 * each in its own process. Run with `npm run bench [-- --duration 5 --connections 32 --provider piriod]`.
 * Not part of `npm test`: speed is measured here, never asserted.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { runLoad, type BenchRequest, type LoadResult } from './load';
import { startPrism, startUnderstudy, type Target } from './targets';

interface Scenario {
  name: string;
  request: (i: number) => BenchRequest;
  expect: readonly number[];
}

interface ProviderBench {
  provider: 'piriod' | 'pelcro';
  title: string;
  headers: Record<string, string>;
  listPath: string;
  /** The id of the first listed customer, from the list's JSON. */
  firstId(list: unknown): string | number;
  scenarios(id: string | number): Scenario[];
}

const json = (headers: Record<string, string>) => ({ ...headers, 'Content-Type': 'application/json' });

const piriod: ProviderBench = {
  provider: 'piriod',
  title: 'Piriod',
  headers: { Authorization: 'Token bench', Accept: 'application/json' },
  listPath: '/customers/',
  firstId: (list) => (list as { results: { id: string }[] }).results[0].id,
  scenarios(id) {
    return [
      { name: 'GET /customers/', request: () => ({ method: 'GET', path: '/customers/', headers: this.headers }), expect: [200] },
      { name: 'GET /customers/{id}/', request: () => ({ method: 'GET', path: `/customers/${id}/`, headers: this.headers }), expect: [200] },
      {
        name: 'POST /customers/',
        request: (i) => ({
          method: 'POST',
          path: '/customers/',
          headers: json(this.headers),
          body: JSON.stringify({ name: `Bench Customer ${i}`, email: `bench${i}@example.com`, country: 'US' }),
        }),
        expect: [201],
      },
    ];
  },
};

const PELCRO_ROOT = '/api/v1/core/customers';
const pelcro: ProviderBench = {
  provider: 'pelcro',
  title: 'Pelcro',
  headers: { Authorization: 'Bearer bench', Accept: 'application/json' },
  listPath: `${PELCRO_ROOT}?site_id=1`,
  firstId: (list) => (list as { data: { id: number }[] }).data[0].id,
  scenarios(id) {
    return [
      { name: 'GET /customers', request: () => ({ method: 'GET', path: `${PELCRO_ROOT}?site_id=1`, headers: this.headers }), expect: [200] },
      {
        name: 'GET /customers/{id}',
        request: () => ({ method: 'GET', path: `${PELCRO_ROOT}/${id}?site_id=1`, headers: this.headers }),
        expect: [200],
      },
      {
        name: 'POST /customers',
        request: (i) => ({
          method: 'POST',
          path: `${PELCRO_ROOT}?site_id=1`,
          headers: json(this.headers),
          body: JSON.stringify({ email: `bench${i}@example.com`, first_name: 'Bench', last_name: `Customer ${i}` }),
        }),
        expect: [200, 201],
      },
    ];
  },
};

async function firstId(target: Target, bench: ProviderBench): Promise<string | number> {
  const res = await fetch(`http://127.0.0.1:${target.port}${bench.listPath}`, { headers: bench.headers });
  if (res.status !== 200) throw new Error(`${target.name}: GET ${bench.listPath} answered ${res.status}`);
  return bench.firstId(await res.json());
}

interface Row {
  scenario: string;
  target: string;
  result: LoadResult;
}

async function measure(target: Target, scenario: Scenario, connections: number, durationMs: number): Promise<LoadResult> {
  // A short warm-up lets the JIT (and Prism's caches) settle before the measured run.
  await runLoad({ port: target.port, connections, durationMs: Math.min(1000, durationMs), request: scenario.request, expect: scenario.expect });
  return runLoad({ port: target.port, connections, durationMs, request: (i) => scenario.request(i + 1_000_000), expect: scenario.expect });
}

function table(rows: Row[]): string {
  const header = ['scenario', 'server', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'errors'];
  const lines = rows.map(({ scenario, target, result }) => [
    scenario,
    target,
    result.rps.toFixed(0),
    result.p50Ms.toFixed(2),
    result.p99Ms.toFixed(2),
    String(result.requests),
    String(result.errors),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) =>
    cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(format)].join('\n');
}

async function benchProvider(bench: ProviderBench, connections: number, durationMs: number): Promise<Row[]> {
  const ready = { path: bench.listPath, headers: bench.headers };
  const rows: Row[] = [];
  const mock = await startUnderstudy(bench.provider, ready);
  let prism: Target | undefined;
  try {
    prism = await startPrism(bench.provider, ready);
    const id = await firstId(mock, bench);
    for (const scenario of bench.scenarios(id)) {
      // One server at a time, so neither competes with the other for the CPU.
      for (const target of [mock, prism]) {
        const result = await measure(target, scenario, connections, durationMs);
        rows.push({ scenario: scenario.name, target: target.name, result });
      }
    }
  } finally {
    await mock.stop();
    await prism?.stop();
  }
  return rows;
}

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '5' },
      connections: { type: 'string', default: '32' },
      provider: { type: 'string', default: 'all' },
    },
  });
  const durationMs = Number(values.duration) * 1000;
  const connections = Number(values.connections);
  if (!(durationMs > 0) || !Number.isInteger(connections) || connections < 1) {
    throw new Error('--duration takes seconds (> 0) and --connections a whole number (≥ 1)');
  }
  const benches = [piriod, pelcro].filter((b) => values.provider === 'all' || b.provider === values.provider);
  if (benches.length === 0) throw new Error('--provider takes piriod, pelcro or all');

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`understudy vs prism mock: ${connections} connections, ${durationMs / 1000} s per run, keep-alive`);
  console.log(`node ${process.version}, ${os.cpus().length} × ${cpu}, ${os.platform()} ${os.release()}\n`);
  for (const bench of benches) {
    const rows = await benchProvider(bench, connections, durationMs);
    console.log(`${bench.title}\n${table(rows)}\n`);
    for (const { scenario, target, result } of rows) {
      if (result.firstError) console.log(`  first error, ${target} ${scenario}: ${result.firstError}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).stack ?? String(error));
  process.exitCode = 1;
});
