/**
 * `npm run bench:scale`: how time, memory and latency grow with the size of an account. For each
 * size (customers per provider, both providers served by one process, as `understudy serve` does
 * by default) it measures:
 *
 * - the time from process start to each provider's first answer (seeding included);
 * - the first ordered list after start (Piriod by name, Pelcro by email), asked right after the
 *   first answers: orders the first answer does not need are built just after it, in slices, and
 *   a list that needs one before then finishes its build, so this is where that cost shows;
 * - a brand-new sandbox's first ordered list and a list right after a write in it, one request at
 *   a time over `--tokens` new credentials (a cost paid once per sandbox shows in the maximum);
 *   then, once understudy has stopped, the same requests answered by bare Hono with understudy's
 *   bytes, so the maximum is read beside this machine's own for a request at a time;
 * - RSS after a warm-up of every list below, and the peak RSS of the whole run;
 * - p50/p99 at `--connections` (10) of filtered, ordered, searched and deep-page lists, each run
 *   bounded to `--duration` seconds; and of walks where every request asks something new (a page
 *   scattered across the whole list, a search term, a combination of filters, lookups and orders),
 *   so what is kept of an earlier answer answers nothing.
 *
 *   npm run bench:scale [-- --sizes 1000,10000,100000 --duration 5 --kinds piriod-country,pelcro-sort]
 *
 * The scenario of each size is written to a temporary `seeds/` folder and the server is started
 * from there (`--scenario` looks in `<cwd>/seeds/` first). Not part of `npm test`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Answer, answerHeaders, expectStatus, send } from './http';
import { machineLine, reportErrors, runBench } from './main';
import { percentile, runLoad, type BenchRequest, type LoadResult } from './load';
import { get, pelcro, pelcroEmailLike, piriod, type ProviderBench, type ProviderName } from './providers';
import { fixed, ms, msAtLeast, renderTable } from './table';
import { buildOnce, type FixedRoute, memoryOf, probe, spawnUnderstudy, startHono, type Probe, type Spawned } from './targets';

const TOKEN = 'bench';
/** The mock's own health route: no seeded data behind it. */
const HEALTH = { method: 'GET' as const, path: '/__understudy/health', headers: {} };
/** Page 2,000 where the list has that many pages, else its last page. */
const DEEP_PAGE = 2000;

/** What a provider's list looks like at this size, read from its first page. */
interface Shape {
  total: number;
  lastPage: number;
}

/** One list measured under load. `query` may depend on the size (the deep page does). */
interface ListKind {
  id: string;
  bench: ProviderBench;
  label: string;
  query: (shape: Shape) => string;
  /** The filter whose pages `shape` describes (default: the provider's unfiltered customer list). */
  shapeOf?: string;
  /** The query of request `i`, when each request asks another page (`query` is the first). */
  walk?: (shape: Shape, i: number) => string;
}

/**
 * Page `i` of a walk over `shape`'s pages in a scattered order: a client paging through a list at
 * random, whose pages (and the records on them) are each read about once, so no kept page or
 * kept text answers them. Knuth's multiplicative hash, so every run asks the same pages.
 */
function scatteredPage(shape: Shape, i: number): number {
  return 1 + ((Math.imul(i, 2654435761) >>> 0) % shape.lastPage);
}

/** Where a measured walk starts: past every page its warm-up asked. */
const WALK_START = 1_000_000;

/**
 * Term `i` of a walk over search terms: four letters, another at each request (26^4 of them, drawn
 * by the same hash), as a search box sends new text: no kept page or kept plan answers it.
 */
function scatteredTerm(i: number): string {
  let n = Math.imul(i, 2654435761) >>> 0;
  let term = '';
  for (let k = 0; k < 4; k++, n = Math.floor(n / 26)) term += String.fromCharCode(97 + (n % 26));
  return term;
}

/** Draw `k` of request `i`'s values: another hash of `i` for each, so the parts of a query vary apart. */
function drawn(i: number, k: number, n: number): number {
  return (Math.imul(i + k * 7919, 2654435761) >>> 0) % n;
}

/** `count` letters for request `i` (draws `k` on): common ones, so most needles match many records. */
function drawnLetters(i: number, k: number, count: number): string {
  let text = '';
  for (let c = 0; c < count; c++) text += 'aeiolnrstmcdp'[drawn(i, k + c, 13)];
  return text;
}

const COUNTRIES = ['CL', 'MX', 'US', 'AR', 'PE', 'CO', 'ES', 'BR', 'FR', 'CA'];
/** Months whose midnights all exist in Santiago: its clocks change in April and September. */
const MONTHS = ['01', '02', '03', '05', '06', '07', '08', '10', '11', '12'];
const PIRIOD_ORDERINGS = ['name', '-name', 'created', '-created', 'updated', '-updated', 'name,-created', '-updated,name'];

/**
 * Request `i` of a walk over Piriod's documented filters, lookups, search and orderings combined,
 * with another value at every request: a client exploring a list, so no kept plan answers it.
 * Dates avoid the months of Santiago's clock changes, where a midnight may not exist (a 400, rightly).
 */
function piriodCombination(shape: Shape, i: number): string {
  const day = () => `${2021 + drawn(i, 1, 5)}-${MONTHS[drawn(i, 2, MONTHS.length)]}-${10 + drawn(i, 3, 19)}`;
  const forms = [
    () => `name__icontains=${drawnLetters(i, 4, 1 + drawn(i, 5, 2))}&ordering=name`,
    () => `country=${COUNTRIES[drawn(i, 4, COUNTRIES.length)]}&ordering=${PIRIOD_ORDERINGS[drawn(i, 5, 8)]}`,
    () => `created__gte=${day()}&ordering=created`,
    () => `created__lte=${day()}&status__in=active,archived&ordering=-name`,
    () => `search=${drawnLetters(i, 4, 2)}&ordering=name,-created`,
    () => `email__icontains=${drawnLetters(i, 4, 3)}&country=${COUNTRIES[drawn(i, 5, 3)]}&ordering=-updated`,
    () => `tax_id__contains=${drawn(i, 4, 1000)}`,
    () => `name__in=${drawnLetters(i, 4, 5)},${drawnLetters(i, 9, 5)}&email=${drawnLetters(i, 14, 6)}%40example.com`,
    () => `ordering=${PIRIOD_ORDERINGS[drawn(i, 4, 8)]}&page=${scatteredPage(shape, i)}`,
  ];
  return forms[drawn(i, 0, forms.length)]();
}

/** The same over Pelcro's filters (eq, like, their or- forms, has, metadata) and sorts. */
function pelcroCombination(shape: Shape, i: number): string {
  const sort = ['id', '-id', 'email', '-email'][drawn(i, 6, 4)];
  const forms = [
    () => `${pelcroEmailLike(drawnLetters(i, 4, 1 + drawn(i, 5, 2)))}&sort=${sort}`,
    () => `filter%5Bfirst_name%5D=eq:${drawnLetters(i, 4, 4)}&filter%5Blast_name%5D=orlike:${drawnLetters(i, 8, 2)}%25&sort=${sort}`,
    () => `filter%5Blast_name%5D=like:${drawnLetters(i, 4, 1)}%25&sort=${sort}`,
    () => `filter%5Bmetadata%5D=has:${['plan', 'segment', 'source', drawnLetters(i, 4, 3)][drawn(i, 5, 4)]}&sort=${sort}`,
    () => `filter%5Bmetadata.plan%5D=eq:${['gold', 'basic', drawnLetters(i, 4, 3)][drawn(i, 5, 3)]}&sort=${sort}`,
    () => `sort=${sort}&page=${scatteredPage(shape, i)}`,
  ];
  return forms[drawn(i, 0, forms.length)]();
}

/** Piriod's contact and source lists, asked like its customers (same token, same page shape). */
const piriodContacts: ProviderBench = {
  ...piriod,
  title: 'Piriod contacts',
  list: (query) => (query ? `/contacts/?${query}` : '/contacts/'),
};
const piriodSources: ProviderBench = { ...piriod, title: 'Piriod sources', list: (query) => (query ? `/sources/?${query}` : '/sources/') };

const LIST_KINDS: readonly ListKind[] = [
  { id: 'piriod-country', bench: piriod, label: 'country=CL&ordering=-created', query: () => 'country=CL&ordering=-created' },
  // "ez" ends many Spanish surnames: a common substring, about 6 % of the seeded names.
  { id: 'piriod-icontains', bench: piriod, label: 'name__icontains=ez&ordering=name', query: () => 'name__icontains=ez&ordering=name' },
  // "spa" (SpA companies, Spanish words) matches about a fifth of the records, so page 3 exists.
  { id: 'piriod-search', bench: piriod, label: 'search=spa&ordering=-updated&page=3', query: () => 'search=spa&ordering=-updated&page=3' },
  {
    id: 'piriod-deep',
    bench: piriod,
    label: 'page=2000 or the last (default ordering)',
    query: (s) => `page=${Math.min(DEEP_PAGE, s.lastPage)}`,
  },
  // Filters answered from what each seeded customer keeps at hand (status, metadata), never rebuilding one.
  { id: 'piriod-status', bench: piriod, label: 'status=archived&ordering=name', query: () => 'status=archived&ordering=name' },
  {
    id: 'piriod-metadata',
    bench: piriod,
    label: 'metadata__segment=pyme&ordering=-created',
    query: () => 'metadata__segment=pyme&ordering=-created',
  },
  // Contacts and sources are kept as columns and read from their customer: a filtered deep page.
  // Deep pages of the filtered contacts and sources, or their last page when a small seed has fewer.
  {
    id: 'piriod-contacts',
    bench: piriodContacts,
    label: 'invoicing=false&page=100 or the last',
    shapeOf: 'invoicing=false',
    query: (s) => `invoicing=false&page=${Math.min(100, s.lastPage)}`,
  },
  {
    id: 'piriod-sources',
    bench: piriodSources,
    label: 'status=chargeable&usage=reusable&page=50 or the last',
    shapeOf: 'status=chargeable&usage=reusable',
    query: (s) => `status=chargeable&usage=reusable&page=${Math.min(50, s.lastPage)}`,
  },
  {
    id: 'pelcro-like',
    bench: pelcro,
    label: 'filter[email]=like:%an%&sort=-email',
    query: () => `${pelcroEmailLike('an')}&sort=-email`,
  },
  { id: 'pelcro-sort', bench: pelcro, label: 'sort=email&page=40', query: () => 'sort=email&page=40' },
  {
    id: 'pelcro-deep',
    bench: pelcro,
    label: 'page=2000 or the last (default sort)',
    query: (s) => `page=${Math.min(DEEP_PAGE, s.lastPage)}`,
  },
  // Every request another page, scattered over the whole list: each is rendered from the seed.
  {
    id: 'piriod-walk',
    bench: piriod,
    label: 'page=N, N scattered over every page',
    query: (s) => `page=${scatteredPage(s, WALK_START)}`,
    walk: (s, i) => `page=${scatteredPage(s, i)}`,
  },
  {
    id: 'pelcro-walk',
    bench: pelcro,
    label: 'page=N, N scattered over every page',
    query: (s) => `page=${scatteredPage(s, WALK_START)}`,
    walk: (s, i) => `page=${scatteredPage(s, i)}`,
  },
  // Every request another search term: each one filters the whole seed.
  {
    id: 'piriod-search-walk',
    bench: piriod,
    label: 'search=T, T another 4-letter term each time',
    query: () => `search=${scatteredTerm(WALK_START)}`,
    walk: (_s, i) => `search=${scatteredTerm(i)}`,
  },
  {
    id: 'pelcro-like-walk',
    bench: pelcro,
    label: 'filter[email]=like:%T%, T another 4-letter term each time',
    query: () => pelcroEmailLike(scatteredTerm(WALK_START)),
    walk: (_s, i) => pelcroEmailLike(scatteredTerm(i)),
  },
  // Every request another combination of filters, lookups and orders, with new values.
  {
    id: 'piriod-combination-walk',
    bench: piriod,
    label: 'filters, lookups, search, orderings: another mix each time',
    query: (s) => piriodCombination(s, WALK_START),
    walk: piriodCombination,
  },
  {
    id: 'pelcro-combination-walk',
    bench: pelcro,
    label: 'filters (eq, like, or-, has, metadata), sorts: another mix each time',
    query: (s) => pelcroCombination(s, WALK_START),
    walk: pelcroCombination,
  },
];

/** The ordered list a new sandbox asks for first, per provider: the costlier of each one's orders. */
const SANDBOX_KINDS: Record<string, { bench: ProviderBench; query: string }> = {
  'piriod-sandbox': { bench: piriod, query: 'ordering=name' },
  'pelcro-sandbox': { bench: pelcro, query: 'sort=email' },
};

const ALL_KINDS = [...LIST_KINDS.map((k) => k.id), ...Object.keys(SANDBOX_KINDS)];

interface Settings {
  sizes: number[];
  durationMs: number;
  warmupMs: number;
  connections: number;
  tokens: number;
  kinds: Set<string>;
}

interface ListFigures {
  kind: ListKind;
  path: string;
  matches: number;
  result: LoadResult;
}

interface SandboxFigures {
  /** Its key in SANDBOX_KINDS. */
  kind: string;
  provider: ProviderName;
  query: string;
  tokens: number;
  first: number[];
  afterWrite: number[];
  /** understudy's answers to the list and the create, for bare Hono to answer the same sequence. */
  routes: FixedRoute[];
  /** The same sequence of requests answered by bare Hono with those bytes: this machine's floor. */
  floor?: { first: number[]; afterWrite: number[] };
}

interface SizeFigures {
  size: number;
  firstAnswerMs: Partial<Record<ProviderName | 'health', number>>;
  /** The first ordered list after start, per provider (the query of SANDBOX_KINDS), in ms. */
  firstOrderedMs: Partial<Record<ProviderName, number>>;
  rssAfterWarmup?: number;
  peakRss?: number;
  lists: ListFigures[];
  sandboxes: SandboxFigures[];
  errors: string[];
}

/** Polls a path on fresh connections until it answers 200; the time since `t0`. */
async function firstAnswer(server: Spawned, target: Probe, t0: number, timeoutMs = 600_000): Promise<number> {
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`understudy exited with ${server.child.exitCode}:\n${server.output()}`);
    const status = await probe(server.port, target);
    if (status === 200) return performance.now() - t0;
    if (status !== 0) throw new Error(`GET ${target.path} answered ${status} at start`);
    if (performance.now() - t0 > timeoutMs) throw new Error(`GET ${target.path}: no answer within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A run that stops leaves its unanswered requests queued in the server. The next measurement starts
 * once the health route answers quickly again (under 50 ms), so it never pays for the last one's work.
 */
async function drain(server: Spawned, timeoutMs = 120_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while ((await send(server.port, HEALTH)).ms >= 50 && performance.now() < deadline);
}

async function shapeOf(server: Spawned, bench: ProviderBench, filter?: string): Promise<Shape> {
  const answer = await expectStatus(server.port, get(bench, bench.list(filter), TOKEN), 200);
  return bench.readList(JSON.parse(answer.body));
}

/** A fixed route of bare Hono answering `answer` to `request` (its query ignored). */
function fixedRoute(request: BenchRequest, status: number, answer: Answer): FixedRoute {
  return {
    method: request.method as FixedRoute['method'],
    path: request.path.split('?')[0],
    status,
    body: answer.body,
    headers: answerHeaders(answer),
  };
}

/** Rounds of warmClient's two requests. */
const CLIENT_WARMUP = 100;

/**
 * The series' two requests, sent by this process often enough that its engine has compiled them,
 * with nothing that makes a sandbox: the ordered list with the bench's own credentials (a page the
 * server keeps) and the create with none (refused, 401). Without it, traced on the server at
 * 100,000 customers, the slowest new-sandbox lists (5.7 and 6.3 ms as this process timed them, at
 * the second sandbox) were answered in 0.6 ms and reached the server 1.4-1.9 ms after they were
 * sent: the rest was this process. Statuses are not checked: bare Hono answers both alike.
 */
async function warmClient(port: number, bench: ProviderBench, query: string): Promise<void> {
  const list = get(bench, bench.list(query), TOKEN);
  const refused: BenchRequest = {
    method: 'POST',
    path: bench.list(),
    headers: { Accept: 'application/json' },
    body: bench.createBody,
    counted: true,
  };
  for (let w = 0; w < CLIENT_WARMUP; w++) {
    await send(port, list);
    await send(port, refused, w);
  }
}

/**
 * New credentials one after another: each one's first ordered list, a create, and the same list
 * again. Stops after `tokens` credentials or once `durationMs` has passed, whichever comes first.
 */
async function newSandboxes(port: number, size: number, id: string, settings: Settings, errors: string[]): Promise<SandboxFigures> {
  const { bench, query } = SANDBOX_KINDS[id];
  const figures: SandboxFigures = { kind: id, provider: bench.provider, query, tokens: 0, first: [], afterWrite: [], routes: [] };
  await warmClient(port, bench, query);
  const started = performance.now();
  for (let k = 1; k <= settings.tokens && (k === 1 || performance.now() - started < settings.durationMs); k++) {
    const token = `fresh-${size}-${k}`;
    const list = get(bench, bench.list(query), token);
    const create = { method: 'POST' as const, path: bench.list(), headers: bench.headers(token), body: bench.createBody, counted: true };
    try {
      const first = await expectStatus(port, list, 200);
      const created = await expectStatus(port, create, bench.createdStatus, k);
      figures.first.push(first.ms);
      figures.afterWrite.push((await expectStatus(port, list, 200)).ms);
      if (k === 1) figures.routes = [fixedRoute(list, 200, first), fixedRoute(create, bench.createdStatus, created)];
    } catch (error) {
      errors.push(`${bench.title} new sandbox ${token}: ${(error as Error).message}`);
      break;
    }
    figures.tokens = k;
  }
  return figures;
}

/**
 * The new sandboxes' requests again, one at a time, answered by bare Hono with understudy's bytes:
 * what this machine and the stack take for the same sequence (its maximum is the floor of ours).
 * Run once understudy has stopped, so neither server's work shows in the other's figures.
 */
async function floorOf(figures: SandboxFigures, size: number, dir: string, settings: Settings, errors: string[]): Promise<void> {
  if (figures.routes.length === 0) return;
  const routesFile = join(dir, `routes-${figures.provider}.json`);
  writeFileSync(routesFile, JSON.stringify(figures.routes));
  const hono = await startHono(routesFile, { path: SANDBOX_KINDS[figures.kind].bench.list(), headers: {} });
  try {
    const floor = await newSandboxes(hono.port, size, figures.kind, { ...settings, tokens: figures.tokens }, errors);
    figures.floor = { first: floor.first, afterWrite: floor.afterWrite };
  } finally {
    await hono.stop();
  }
}

async function measureSize(size: number, settings: Settings): Promise<SizeFigures> {
  const dir = mkdtempSync(join(os.tmpdir(), 'understudy-scale-'));
  const name = `bench-${size}`;
  mkdirSync(join(dir, 'seeds'));
  writeFileSync(
    join(dir, 'seeds', `${name}.json`),
    JSON.stringify({
      name,
      description: `${size} customers per provider (bench:scale)`,
      piriod: { customers: size },
      pelcro: { customers: size },
    }),
  );
  const figures: SizeFigures = { size, firstAnswerMs: {}, firstOrderedMs: {}, lists: [], sandboxes: [], errors: [] };
  const t0 = performance.now();
  const server = await spawnUnderstudy({ provider: 'all', scenario: name, cwd: dir });
  try {
    // The health route (no seeded data behind it) answers as soon as the process listens; then
    // both providers are asked at once, as clients of a freshly started server would.
    const health = await firstAnswer(server, HEALTH, t0);
    const list = (bench: ProviderBench) => ({ path: bench.list(), headers: bench.headers(TOKEN) });
    const [p, q] = await Promise.all([firstAnswer(server, list(piriod), t0), firstAnswer(server, list(pelcro), t0)]);
    figures.firstAnswerMs = { health, piriod: p, pelcro: q };
    const shapes: Record<ProviderName, Shape> = { piriod: await shapeOf(server, piriod), pelcro: await shapeOf(server, pelcro) };

    for (const id of Object.keys(SANDBOX_KINDS)) {
      const { bench, query } = SANDBOX_KINDS[id];
      if (settings.kinds.has(id))
        figures.firstOrderedMs[bench.provider] = (await expectStatus(server.port, get(bench, bench.list(query), TOKEN), 200)).ms;
    }
    for (const id of Object.keys(SANDBOX_KINDS)) {
      if (settings.kinds.has(id)) figures.sandboxes.push(await newSandboxes(server.port, size, id, settings, figures.errors));
    }

    const kinds = LIST_KINDS.filter((k) => settings.kinds.has(k.id));
    const loads: { kind: ListKind; path: string; request: BenchRequest }[] = [];
    for (const kind of kinds) {
      const shape = kind.shapeOf === undefined ? shapes[kind.bench.provider] : await shapeOf(server, kind.bench, kind.shapeOf);
      const path = kind.bench.list(kind.query(shape));
      const walk = kind.walk;
      const request = get(kind.bench, path, TOKEN);
      loads.push({ kind, path, request: walk ? { ...request, pathFor: (i) => kind.bench.list(walk(shape, i)) } : request });
    }
    const load = async (request: BenchRequest, durationMs: number, firstIndex = 0) => {
      const result = await runLoad({
        port: server.port,
        connections: settings.connections,
        durationMs,
        request,
        expect: [200],
        firstIndex,
      });
      await drain(server);
      return result;
    };
    for (const { request } of loads) await load(request, settings.warmupMs);
    figures.rssAfterWarmup = memoryOf(server.pid)?.rss;

    for (const { kind, path, request } of loads) {
      const first = await send(server.port, request);
      const matches = first.status === 200 ? kind.bench.readList(JSON.parse(first.body)).total : Number.NaN;
      if (first.status !== 200) figures.errors.push(`${kind.bench.title} ${path}: answered ${first.status} ${first.body.slice(0, 300)}`);
      const result = await load(request, settings.durationMs, WALK_START);
      figures.lists.push({ kind, path, matches, result });
      if (result.errors > 0) figures.errors.push(`${kind.bench.title} ${path}: ${result.errors} errors; first: ${result.firstError}`);
    }
    figures.peakRss = memoryOf(server.pid)?.peak;
  } finally {
    await server.stop();
  }
  try {
    for (const sandbox of figures.sandboxes) await floorOf(sandbox, size, dir, settings, figures.errors);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

const MB = 1024 * 1024;
const count = (n: number) => n.toLocaleString('en-US');
const seconds = (value: number | undefined) => (value === undefined ? '—' : `${(value / 1000).toFixed(2)} s`);
const megabytes = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? '—' : `${(value / MB).toFixed(0)} MB`);
const pair = (a: number, b: number) => `${ms(a)} / ${ms(b)}`;

/** `p50 / max` of one-at-a-time timings, or a dash. */
function medianAndMax(values: number[] | undefined): string {
  if (!values || values.length === 0) return '—';
  const sorted = Float64Array.from(values).sort();
  return pair(percentile(sorted, 50), sorted[sorted.length - 1]);
}

function sizeReport(f: SizeFigures, settings: Settings): string {
  const lines = [
    `${count(f.size)} customers per provider: listening (health answers) ${seconds(f.firstAnswerMs.health)}, first Piriod answer ${seconds(f.firstAnswerMs.piriod)}, first Pelcro answer ${seconds(f.firstAnswerMs.pelcro)}; ` +
      `RSS after warm-up ${megabytes(f.rssAfterWarmup)}, peak ${megabytes(f.peakRss)}`,
  ];
  const ordered = Object.values(SANDBOX_KINDS)
    .filter(({ bench }) => f.firstOrderedMs[bench.provider] !== undefined)
    .map(({ bench, query }) => `${bench.title} ${query} ${ms(f.firstOrderedMs[bench.provider]!)} ms`);
  if (ordered.length > 0) lines.push(`first ordered list after start (it may finish building its order): ${ordered.join(', ')}`);
  if (f.sandboxes.length > 0) {
    lines.push(
      '',
      renderTable({
        header: [
          'new sandbox',
          'first ordered list',
          'tokens',
          'p50 ms',
          'max ms',
          'list after a write: p50 ms',
          'max ms',
          'bare Hono, same requests: first p50 / max ms',
          'after a write',
        ],
        textColumns: 2,
        rows: f.sandboxes.map((s) => {
          const first = Float64Array.from(s.first).sort();
          const after = Float64Array.from(s.afterWrite).sort();
          return [
            s.provider === 'piriod' ? 'Piriod' : 'Pelcro',
            s.query,
            String(s.tokens),
            ms(percentile(first, 50)),
            ms(first[first.length - 1]),
            ms(percentile(after, 50)),
            ms(after[after.length - 1]),
            medianAndMax(s.floor?.first),
            medianAndMax(s.floor?.afterWrite),
          ];
        }),
      }),
    );
  }
  if (f.lists.length > 0) {
    lines.push(
      '',
      renderTable({
        header: ['list', 'query', 'matches', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'unanswered', 'errors'],
        textColumns: 2,
        rows: f.lists.map(({ kind, path, matches, result }) => [
          kind.bench.title,
          kind.walk ? kind.label : path.slice(path.indexOf('?') + 1),
          Number.isFinite(matches) ? count(matches) : '—',
          fixed(result.rps, 0),
          msAtLeast(result.p50Ms, result.p50AtLeast),
          msAtLeast(result.p99Ms, result.p99AtLeast),
          msAtLeast(result.maxMs, result.maxAtLeast),
          String(result.unfinished),
          String(result.errors),
        ]),
      }),
    );
  }
  if (f.lists.some((l) => l.result.p99AtLeast || l.result.maxAtLeast)) {
    lines.push(
      `(≥: a lower bound — too many requests were still unanswered when the ${settings.durationMs / 1000} s were up to place ` +
        'the percentile; a longer --duration gives more answers)',
    );
  }
  return lines.join('\n');
}

function growthReport(all: SizeFigures[]): string {
  const rows: string[][] = [
    ['health route answers after start (no data)', ...all.map((f) => seconds(f.firstAnswerMs.health))],
    ['first Piriod answer after start', ...all.map((f) => seconds(f.firstAnswerMs.piriod))],
    ['first Pelcro answer after start', ...all.map((f) => seconds(f.firstAnswerMs.pelcro))],
    ['RSS after warm-up', ...all.map((f) => megabytes(f.rssAfterWarmup))],
    ['peak RSS', ...all.map((f) => megabytes(f.peakRss))],
  ];
  for (const { bench, query } of Object.values(SANDBOX_KINDS)) {
    if (!all.some((f) => f.firstOrderedMs[bench.provider] !== undefined)) continue;
    const cell = (f: SizeFigures) => (f.firstOrderedMs[bench.provider] === undefined ? '—' : ms(f.firstOrderedMs[bench.provider]!));
    rows.push([`first ${bench.title} ${query} after start, ms`, ...all.map(cell)]);
  }
  for (const id of Object.keys(SANDBOX_KINDS)) {
    const { bench, query } = SANDBOX_KINDS[id];
    const of = (f: SizeFigures) => f.sandboxes.find((s) => s.provider === bench.provider);
    if (!all.some(of)) continue;
    rows.push([`${bench.title} new sandbox ${query}, p50 / max ms`, ...all.map((f) => medianAndMax(of(f)?.first))]);
    rows.push([`  bare Hono, the same requests`, ...all.map((f) => medianAndMax(of(f)?.floor?.first))]);
    rows.push([`${bench.title} list after a write, p50 / max ms`, ...all.map((f) => medianAndMax(of(f)?.afterWrite))]);
    rows.push([`  bare Hono, the same requests`, ...all.map((f) => medianAndMax(of(f)?.floor?.afterWrite))]);
  }
  for (const kind of LIST_KINDS) {
    if (!all.some((f) => f.lists.some((l) => l.kind === kind))) continue;
    rows.push([
      `${kind.bench.title} ${kind.label}, p50 / p99 ms`,
      ...all.map((f) => {
        const figures = f.lists.find((l) => l.kind === kind);
        if (!figures) return '—';
        const { p50Ms, p50AtLeast, p99Ms, p99AtLeast } = figures.result;
        return `${msAtLeast(p50Ms, p50AtLeast)} / ${msAtLeast(p99Ms, p99AtLeast)}`;
      }),
    ]);
  }
  return renderTable({ header: ['customers per provider', ...all.map((f) => count(f.size))], textColumns: 1, rows });
}

function readSettings(): Settings {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000,10000,100000' },
      duration: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '1' },
      connections: { type: 'string', default: '10' },
      tokens: { type: 'string', default: '50' },
      kinds: { type: 'string', default: 'all' },
    },
  });
  const sizes = values.sizes.split(',').map((s) => Number(s.trim()));
  // The scenario schema allows 0 to 100,000 customers per provider.
  if (sizes.length === 0 || !sizes.every((n) => Number.isInteger(n) && n >= 1 && n <= 100_000)) {
    throw new Error('--sizes takes whole numbers from 1 to 100000, comma-separated');
  }
  const durationMs = Number(values.duration) * 1000;
  const warmupMs = Number(values.warmup) * 1000;
  const connections = Number(values.connections);
  const tokens = Number(values.tokens);
  if (!(durationMs > 0) || !(warmupMs > 0)) throw new Error('--duration and --warmup take seconds (> 0)');
  if (!Number.isInteger(connections) || connections < 1) throw new Error('--connections takes a whole number (≥ 1)');
  if (!Number.isInteger(tokens) || tokens < 1) throw new Error('--tokens takes a whole number (≥ 1)');
  const kinds = values.kinds === 'all' ? ALL_KINDS : values.kinds.split(',').map((k) => k.trim());
  const unknown = kinds.filter((k) => !ALL_KINDS.includes(k));
  if (unknown.length > 0) throw new Error(`--kinds: unknown ${unknown.join(', ')}; known: ${ALL_KINDS.join(', ')}`);
  return { sizes, durationMs, warmupMs, connections, tokens, kinds: new Set(kinds) };
}

async function main() {
  const settings = readSettings();
  console.log(
    `understudy at scale: sizes ${settings.sizes.map(count).join(' / ')} customers per provider (both providers in one process), ` +
      `${settings.connections} connections, ${settings.durationMs / 1000} s per list after a ${settings.warmupMs / 1000} s warm-up, ` +
      `new sandboxes: up to ${settings.tokens} tokens or ${settings.durationMs / 1000} s, autocannon`,
  );
  console.log(machineLine());
  // Before any start is timed: a build inside the first size's start would be counted as its own.
  buildOnce();
  const all: SizeFigures[] = [];
  for (const size of settings.sizes) {
    const figures = await measureSize(size, settings);
    all.push(figures);
    console.log(`\n${sizeReport(figures, settings)}`);
  }
  console.log(`\nGrowth\n${growthReport(all)}`);
  const errors = all.flatMap((f) => f.errors.map((e) => `  ${count(f.size)}: ${e}`));
  reportErrors(errors);
}

runBench(main);
