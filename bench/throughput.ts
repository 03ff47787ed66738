/**
 * `npm run bench`: throughput of the understudy mock side by side with Prism's mock of the same
 * OpenAPI document and with bare Hono answering the same bytes pre-serialised. For each provider
 * the three servers run at once, each in its own process; the same requests (retrieve, list, list
 * filtered and ordered, create, update) are fired at one server at a time, so none competes with
 * another for the CPU.
 *
 * A shared machine drifts by tens of percent within a minute, enough to turn a ratio of two runs
 * taken a minute apart into noise. So each request is measured in short rounds, the servers taking
 * turns in each round (in an order that rotates from round to round). Each server's median round
 * gives its req/s and latencies; each ratio is the median over the rounds of that round's ratio, so
 * it compares runs taken seconds apart, and a slow phase that spans a few rounds moves none of them.
 *
 *   npm run bench [-- --duration 2 --rounds 5 --connections 32 --provider piriod|pelcro|all --generator wrk|autocannon]
 *
 * Not part of `npm test`: speed is measured here, never asserted. Any answer with another status
 * than the expected one is an error, and the first one is printed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { answerHeaders, expectStatus } from './http';
import { machineLine, reportErrors, runBench } from './main';
import { fill, runLoad, type BenchRequest, type LoadOptions, type LoadResult } from './load';
import { get, pelcroEmailLike, PROVIDERS, type ProviderBench } from './providers';
import { fixed, msAtLeast, renderTable } from './table';
import { startHono, startPrism, startUnderstudy, type FixedRoute, type Target } from './targets';
import { runWrk, wrkVersion } from './wrk';

const TOKEN = 'bench';
const CREATES_PER_SANDBOX = 2000;

type ServerName = 'understudy' | 'prism' | 'hono';

interface Case {
  name: string;
  request: BenchRequest;
  expect: number;
  /** Bare Hono answers the requests whose bytes it was handed: all but the filtered list. */
  hono: boolean;
}

/** The filtered and ordered list of each provider: a selective filter with a non-default order. */
const FILTERED: Record<ProviderBench['provider'], string> = {
  piriod: 'country=CL&ordering=name',
  pelcro: `${pelcroEmailLike('an')}&sort=-email`,
};

function cases(bench: ProviderBench, id: string | number): Case[] {
  const headers = bench.headers(TOKEN);
  return [
    { name: 'retrieve', request: get(bench, bench.item(id), TOKEN), expect: 200, hono: true },
    { name: 'list', request: get(bench, bench.list(), TOKEN), expect: 200, hono: true },
    { name: 'list filtered+ordered', request: get(bench, bench.list(FILTERED[bench.provider]), TOKEN), expect: 200, hono: false },
    {
      name: 'create',
      // A new sandbox every CREATES_PER_SANDBOX creates: a fast run would otherwise fill one
      // sandbox past the mock's bounds (10,000 records, 8 MB) and time its refusals.
      request: {
        method: 'POST',
        path: bench.list(),
        headers: bench.headers(`${TOKEN}-create-{i/${CREATES_PER_SANDBOX}}`),
        body: bench.createBody,
        counted: true,
      },
      expect: bench.createdStatus,
      hono: true,
    },
    {
      name: 'update',
      request: { method: bench.updateMethod, path: bench.item(id), headers, body: bench.updateBody, counted: true },
      expect: 200,
      hono: true,
    },
  ];
}

/**
 * Bare Hono's routes: understudy's own answers to retrieve, list, create and update (body, status
 * and content type), so Hono serves the very bytes understudy renders. The reads come before any
 * write; the writes are made with a token of their own, so the measured sandbox is untouched.
 */
async function fixedRoutes(mock: Target, bench: ProviderBench, id: string | number): Promise<FixedRoute[]> {
  const own = bench.headers(`${TOKEN}-ceiling`);
  const requests: [BenchRequest, number][] = [
    [get(bench, bench.item(id), TOKEN), 200],
    [get(bench, bench.list(), TOKEN), 200],
    [{ method: 'POST', path: bench.list(), headers: own, body: fill(bench.createBody, 0) }, bench.createdStatus],
    [{ method: bench.updateMethod, path: bench.item(id), headers: own, body: fill(bench.updateBody, 0) }, 200],
  ];
  const routes: FixedRoute[] = [];
  for (const [request, status] of requests) {
    const answer = await expectStatus(mock.port, request, status);
    routes.push({
      method: request.method as FixedRoute['method'],
      path: request.path.split('?')[0],
      status,
      body: answer.body,
      headers: answerHeaders(answer),
    });
  }
  return routes;
}

interface Row {
  provider: string;
  name: string;
  results: Partial<Record<ServerName, LoadResult>>;
  /** understudy's req/s over Prism's and over bare Hono's: the median of the rounds' ratios. */
  toPrism?: number;
  toHono?: number;
}

interface Settings {
  connections: number;
  durationMs: number;
  rounds: number;
  /** The load generator's run: wrk's when it is installed (see bench/wrk.ts), autocannon's otherwise. */
  run: (options: LoadOptions) => Promise<LoadResult>;
}

async function measure(target: Target, item: Case, settings: Settings, round: number): Promise<LoadResult> {
  const load = { port: target.port, connections: settings.connections, request: item.request, expect: [item.expect] };
  // A short warm-up before the first round lets the JIT (and Prism's caches) settle; each round's
  // writes start past the warm-up's and the rounds' before it, so every created email stays unique.
  if (round === 0) await settings.run({ ...load, durationMs: Math.min(1000, settings.durationMs) });
  return settings.run({ ...load, durationMs: settings.durationMs, firstIndex: 10_000_000 * (round + 1) });
}

/** The round of median throughput (the lower middle one of an even count). */
function median(results: LoadResult[]): LoadResult {
  return [...results].sort((a, b) => a.rps - b.rps)[Math.floor((results.length - 1) / 2)];
}

/** The median of each round's ratio of `ours` to `theirs` (same rounds, same order); undefined without both. */
function medianRatio(ours: LoadResult[] | undefined, theirs: LoadResult[] | undefined): number | undefined {
  if (!ours || !theirs) return undefined;
  const ratios = ours.map((r, i) => r.rps / theirs[i].rps).filter(Number.isFinite);
  if (ratios.length === 0) return undefined;
  ratios.sort((a, b) => a - b);
  const middle = ratios.length / 2;
  return ratios.length % 2 === 1 ? ratios[Math.floor(middle)] : (ratios[middle - 1] + ratios[middle]) / 2;
}

async function benchProvider(bench: ProviderBench, settings: Settings): Promise<Row[]> {
  const ready = { path: bench.list(), headers: bench.headers(TOKEN) };
  const dir = mkdtempSync(join(os.tmpdir(), 'understudy-bench-'));
  const started: Target[] = [];
  try {
    const mock = await startUnderstudy(bench.provider, ready);
    started.push(mock);
    const first = bench.readList(JSON.parse((await expectStatus(mock.port, get(bench, bench.list(), TOKEN), 200)).body));
    if (first.firstId === undefined) throw new Error(`${bench.title}: the default scenario lists no customer`);
    const routesFile = join(dir, 'routes.json');
    writeFileSync(routesFile, JSON.stringify(await fixedRoutes(mock, bench, first.firstId)));
    const prism = await startPrism(bench.provider, ready);
    started.push(prism);
    const hono = await startHono(routesFile, ready);
    started.push(hono);

    const rows: Row[] = [];
    for (const item of cases(bench, first.firstId)) {
      const row: Row = { provider: bench.title, name: item.name, results: {} };
      const targets = [mock, prism, ...(item.hono ? [hono] : [])];
      const runs = new Map<Target, LoadResult[]>(targets.map((t) => [t, []]));
      for (let round = 0; round < settings.rounds; round++) {
        // Who goes first rotates: no server always runs right after the same one.
        const order = targets.map((_, i) => targets[(i + round) % targets.length]);
        for (const target of order) runs.get(target)!.push(await measure(target, item, settings, round));
      }
      for (const target of targets) row.results[target.name as ServerName] = median(runs.get(target)!);
      row.toPrism = medianRatio(runs.get(mock), runs.get(prism));
      row.toHono = item.hono ? medianRatio(runs.get(mock), runs.get(hono)) : undefined;
      rows.push(row);
    }
    return rows;
  } finally {
    for (const target of started) await target.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(rows: Row[]): string {
  const servers: ServerName[] = ['understudy', 'prism', 'hono'];
  const cells = (r: LoadResult | undefined) =>
    r ? [fixed(r.rps, 0), msAtLeast(r.p50Ms, r.p50AtLeast), msAtLeast(r.p99Ms, r.p99AtLeast), String(r.errors)] : ['', '', '', ''];
  return renderTable({
    groups: [
      ['', 1],
      ...servers.map((s): [string, number] => [s === 'prism' ? 'prism mock (-v error)' : s === 'hono' ? 'bare hono (fixed bytes)' : s, 4]),
      ['ratios', 2],
    ],
    header: ['request', ...servers.flatMap(() => ['req/s', 'p50 ms', 'p99 ms', 'errors']), 'us/prism', 'us/hono'],
    textColumns: 1,
    rows: rows.map((row) => {
      const { toPrism, toHono } = row;
      return [
        `${row.provider} ${row.name}`,
        ...servers.flatMap((s) => cells(row.results[s])),
        toPrism === undefined ? '' : `${toPrism.toFixed(2)}×`,
        toHono === undefined ? '' : `${(toHono * 100).toFixed(0)}%`,
      ];
    }),
  });
}

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '2' },
      rounds: { type: 'string', default: '5' },
      connections: { type: 'string', default: '32' },
      provider: { type: 'string', default: 'all' },
      generator: { type: 'string' },
    },
  });
  const durationMs = Number(values.duration) * 1000;
  const connections = Number(values.connections);
  const rounds = Number(values.rounds);
  if (!(durationMs > 0) || !Number.isInteger(connections) || connections < 1 || !Number.isInteger(rounds) || rounds < 1) {
    throw new Error('--duration takes seconds (> 0), --rounds and --connections whole numbers (≥ 1)');
  }
  const wrk = wrkVersion();
  const generator = values.generator ?? (wrk ? 'wrk' : 'autocannon');
  if (generator !== 'wrk' && generator !== 'autocannon') throw new Error('--generator takes wrk or autocannon');
  if (generator === 'wrk' && !wrk) throw new Error('--generator wrk: no wrk on the PATH (Debian: apt-get install wrk)');
  if (generator === 'wrk' && durationMs % 1000 !== 0) throw new Error('--duration takes whole seconds with wrk');
  const benches = PROVIDERS.filter((b) => values.provider === 'all' || b.provider === values.provider);
  if (benches.length === 0) throw new Error('--provider takes piriod, pelcro or all');

  console.log(
    `understudy vs prism mock vs bare hono: ${connections} connections, keep-alive, ${generator === 'wrk' ? `${wrk}, one thread` : 'autocannon'}; req/s and latencies from each server's median of ${rounds} rounds of ${durationMs / 1000} s, the servers taking turns in each round (after a ${Math.min(1, durationMs / 1000)} s warm-up); each ratio the median of the rounds' ratios`,
  );
  console.log(`${machineLine()}\n`);
  if (generator === 'autocannon') {
    console.log(
      `autocannon reads every answer in JavaScript: on two cores it reads a 30 KB page about 19,000 times a second, whichever server sends it, so the list rows measure it more than the servers (bench/wrk.ts).${wrk ? '' : ' Install wrk (Debian: apt-get install wrk) to measure them with it.'}\n`,
    );
  }
  const run = generator === 'wrk' ? runWrk : runLoad;
  const rows: Row[] = [];
  for (const bench of benches) rows.push(...(await benchProvider(bench, { connections, durationMs, rounds, run })));
  console.log(report(rows));

  const errors = rows.flatMap((row) =>
    Object.entries(row.results)
      .filter(([, r]) => r.errors > 0)
      .map(([server, r]) => `  ${row.provider} ${row.name}, ${server}: ${r.errors} errors; first: ${r.firstError}`),
  );
  reportErrors(errors);
}

runBench(main);
