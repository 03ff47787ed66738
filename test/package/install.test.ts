/**
 * The package as a consumer gets it: packed (`npm pack`), installed from the tarball into a new
 * project with nothing of this repository around it, then used the ways people use it — plain Node
 * ES modules, CommonJS `require`, a vitest test with `createMock`, the CLI through npx and through
 * its bin, and the consumer's own `tsc` under NodeNext, under Bundler with the DOM libraries, and
 * under Node10 (a CommonJS project's `module: CommonJS`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, bannerUrl, cleanEnv, ensureBuilt, exited, freePort, portIsFree, run, spawn } from './build';

let work: string;
let consumer: string;
let packed: { filename: string; files: { path: string }[] };

const version = (name: string) => JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version as string;
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const env = cleanEnv();

function write(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(consumer, name, '..'), { recursive: true });
    writeFileSync(join(consumer, name), text);
  }
}

const CONSUMER_TEST = `
import { afterEach, describe, expect, it } from 'vitest';
import { createMock } from 'understudy';

const mock = createMock({ seed: 7 });
const auth = { Authorization: 'Token consumer', 'Content-Type': 'application/json' };
afterEach(() => mock.reset());

describe('POST /customers/ against a mock of this test file', () => {
  it('creates a customer (201) that the list then counts', async () => {
    const created = await mock.fetch('/customers/', { method: 'POST', headers: auth, body: JSON.stringify({ name: 'Acme', email: 'billing@acme.mx', country: 'MX' }) });
    expect(created.status).toBe(201);
    expect((await (await mock.fetch('/customers/', { headers: auth })).json()).count).toBe(51);
  });
  it('starts again from the 50 seeded customers after reset()', async () => {
    expect((await (await mock.fetch('/customers/', { headers: auth })).json()).count).toBe(50);
  });
});
`;

// Type-checked by the consumer's tsc: wrong options must be type errors (the types are not any).
const TYPED_ESM = `
import { createMock, startMock, type MockOptions, type Piriod, type Pelcro, type ScenarioInput } from 'understudy';
import { Customer } from 'understudy/contracts/piriod';
import { CustomerList } from 'understudy/contracts/pelcro';

const options: MockOptions = { seed: 7, providers: ['piriod'], scenario: 'empty' };
const mock = createMock(options);

export async function firstCustomer(): Promise<Piriod.Customer | undefined> {
  const res = await mock.fetch('/customers/', { headers: { Authorization: 'Token t' } });
  const body = (await res.json()) as Piriod.CustomerList;
  return body.results[0] === undefined ? undefined : Customer.parse(body.results[0]);
}
export const pelcroTotal = (list: unknown): number => CustomerList.parse(list).meta.total;
export const pelcroEmail = (customer: Pelcro.Customer): string | null => customer.email;
export const stopped: Promise<void> = startMock({ port: 0 }).then((running) => running.close());
// The README's scenario, written as a file would hold it.
export const demo: ScenarioInput = {
  name: 'demo',
  piriod: { customers: 5, fixtures: [{ name: 'Acme SpA', country: 'CL', tax_id: '76.086.428-5', email: 'billing@acme.cl' }] },
  pelcro: { customers: 0, fixtures: [{ email: 'reader@example.com', first_name: 'Ada' }] },
};
createMock({ scenario: demo });
// @ts-expect-error a misspelt option is a type error
createMock({ sed: 7 });
// @ts-expect-error a scenario's customers are a count
export const wrongScenario: ScenarioInput = { name: 'x', pelcro: { customers: '5' } };
// @ts-expect-error a Piriod id is a string
export const wrongId: Piriod.Customer['id'] = 1;
// @ts-expect-error a Pelcro id is a number
export const wrongPelcroId: Pelcro.Customer['id'] = 'x';
`;

const TYPED_CJS = `
import understudy = require('understudy');
import piriod = require('understudy/contracts/piriod');

export const mock = understudy.createMock({ seed: 1 });
export const check = (value: unknown): piriod.Customer => piriod.Customer.parse(value);
`;

// A CommonJS project as `tsc --init` wrote it for years (`module: CommonJS`, so Node10 resolution,
// which reads no `exports`): the subpaths' types come from `typesVersions`.
const TYPED_NODE10 = `
import understudy = require('understudy');
import piriod = require('understudy/contracts/piriod');
import { CustomerList } from 'understudy/contracts/pelcro';

export const mock = understudy.createMock({ seed: 1 });
export const check = (value: unknown): piriod.Customer => piriod.Customer.parse(value);
export const total = (list: unknown): number => CustomerList.parse(list).meta.total;
// @ts-expect-error a Piriod id is a string
export const wrongId: piriod.Customer['id'] = 1;
`;

beforeAll(async () => {
  await ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'understudy-package-'));
  consumer = join(work, 'consumer');
  const out = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, env });
  packed = JSON.parse(out)[0];
  write({ 'package.json': JSON.stringify({ name: 'consumer', private: true, type: 'module' }) });
  // The same versions as this repository's, so the npm cache answers and nothing is downloaded.
  run(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      join(work, packed.filename),
      `vitest@${version('vitest')}`,
      `@types/node@${version('@types/node')}`,
    ],
    { cwd: consumer, env },
  );
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('ships the built JavaScript, declarations, LICENSE, docs and seeds, and no TypeScript source', () => {
    const files = packed.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'bin/understudy.js',
        'dist/index.js',
        'dist/index.cjs',
        'dist/index.d.ts',
        'dist/index.d.cts',
        'dist/cli.js',
        'dist/contracts/piriod.js',
        'dist/contracts/pelcro.cjs',
        'seeds/default.json',
        'docs/fidelity/piriod.md',
        'bench/README.md',
      ]),
    );
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(readFileSync(join(consumer, 'node_modules/understudy/LICENSE'), 'utf8')).toMatch(/^MIT License/);
  });
});

describe('the installed package in a consumer project', { timeout: 120_000 }, () => {
  it('loads in plain Node as an ES module: createMock answers GET /customers/ with 200 and the seeded count', () => {
    const out = run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `
      import { createMock } from 'understudy';
      import { Customer } from 'understudy/contracts/piriod';
      const res = await createMock({ seed: 3 }).fetch('/customers/?page_size=1', { headers: { Authorization: 'Token t' } });
      const body = await res.json();
      console.log(res.status, body.count, Customer.parse(body.results[0]).id.slice(0, 4));
    `,
      ],
      { cwd: consumer, env },
    );
    expect(out.trim()).toBe('200 50 cus_');
  });

  // Without Node's require(esm) (before Node 20.19 and 22.12, and under Jest's own module loader
  // before Node 24.9), a require() of an ES-module-only dependency throws ERR_REQUIRE_ESM: none may
  // be left in the CommonJS build.
  const noRequireEsm = process.allowedNodeEnvironmentFlags.has('--no-experimental-require-module')
    ? ['--no-experimental-require-module']
    : [];

  it('loads under CommonJS require, without require(esm): GET /api/v1/core/customers answers 200 in Laravel shape', () => {
    const out = run(
      process.execPath,
      [
        ...noRequireEsm,
        '-e',
        `
      const { createMock } = require('understudy');
      const { CustomerList } = require('understudy/contracts/pelcro');
      createMock().fetch('/api/v1/core/customers?site_id=1', { headers: { Authorization: 'Bearer t' } })
        .then(async (res) => console.log(res.status, CustomerList.parse(await res.json()).meta.total));
    `,
      ],
      { cwd: consumer, env },
    );
    expect(out.trim()).toBe('200 50');
  });

  it('runs a vitest test file that creates, then resets, its own mock', () => {
    write({ 'test/mock.test.ts': CONSUMER_TEST });
    const out = run(join(consumer, 'node_modules/.bin/vitest'), ['run'], { cwd: consumer, env: { ...env, NO_COLOR: '1' } });
    expect(out).toMatch(/Tests\s+2 passed \(2\)/);
  });

  // All at once. NodeNext checks every declaration file too (skipLibCheck off: ours, zod's, hono's),
  // the costly half; the Bundler project is set as frontend templates set it (skipLibCheck on, no
  // Node types), where the @ts-expect-error lines prove our types still resolve rather than
  // collapsing to any; the Node10 project is a CommonJS one that reads no `exports`.
  it.concurrent.each([
    ['NodeNext', { module: 'NodeNext', moduleResolution: 'NodeNext', types: ['node'], skipLibCheck: false }, ['src/esm.ts', 'src/cjs.cts']],
    [
      'Bundler with the DOM libraries',
      { module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [], skipLibCheck: true },
      ['src/esm.ts'],
    ],
    [
      'Node10 (module CommonJS)',
      { module: 'CommonJS', moduleResolution: 'Node10', esModuleInterop: true, types: ['node'], skipLibCheck: true },
      ['src/node10.ts'],
    ],
  ])("type-checks under the consumer's tsc with %s", async (name, options, files) => {
    const config = `tsconfig.${name.split(' ')[0].toLowerCase()}.json`;
    write({
      'src/esm.ts': TYPED_ESM,
      'src/cjs.cts': TYPED_CJS,
      'src/node10.ts': TYPED_NODE10,
      [config]: JSON.stringify({ compilerOptions: { target: 'ES2022', strict: true, noEmit: true, ...options }, files }),
    });
    const result = await tsc(config);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('prints the version of its package.json through its bin (`understudy --version`, exit 0)', () => {
    const out = run(join(consumer, 'node_modules/.bin/understudy'), ['--version'], { cwd: consumer, env });
    expect(out).toBe(`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });

  it('serves through `npx understudy serve`: health answers 200, the OpenAPI document is the committed one', async () => {
    const child = spawn('npx', ['understudy', 'serve', '--port', '0'], { cwd: consumer, env, detached: true });
    try {
      const url = await bannerUrl(child);
      const health = await fetch(`${url}/__understudy/health`);
      expect(health.status).toBe(200);
      const document = await fetch(`${url}/__understudy/openapi/pelcro.json`);
      expect(await document.text()).toBe(readFileSync(join(ROOT, 'contracts/pelcro/openapi.json'), 'utf8'));
    } finally {
      // npx does not pass a signal on to the server: stop the whole process group.
      process.kill(-child.pid!, 'SIGTERM');
      await exited(child);
    }
  });

  it('frees the port when the CI recipe stops the server by its PID (`… & kill $!`)', async () => {
    const port = await freePort();
    const script = `
      ./node_modules/.bin/understudy serve --port ${port} > serve.log 2>&1 &
      MOCK_PID=$!
      for i in $(seq 1 150); do curl -sf http://127.0.0.1:${port}/__understudy/health > /dev/null && break; sleep 0.2; done
      curl -sf http://127.0.0.1:${port}/__understudy/health > /dev/null || { cat serve.log; exit 1; }
      kill $MOCK_PID
      wait $MOCK_PID || true
    `;
    run('bash', ['-c', script], { cwd: consumer, env });
    expect(await portIsFree(port)).toBe(true);
  });
});

function tsc(config: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSC, '-p', config], { cwd: consumer, env });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
