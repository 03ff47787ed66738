/**
 * The servers a benchmark compares, each in a child process of its own (so none shares the event
 * loop with the load generator): the understudy mock, Prism's mock of the same committed OpenAPI
 * document, and a bare Hono app answering fixed pre-serialised bodies (the stack's ceiling).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** tsx's loader by absolute URL, so a server can run from another working directory. */
const TSX = import.meta.resolve('tsx');
/** The instant every understudy sandbox clock starts at, as the OpenAPI documents are generated. */
export const FROZEN_TIME = '2026-01-01T12:00:00Z';

export interface Target {
  name: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

export interface Probe {
  path: string;
  headers: Record<string, string>;
}

/** The status of one GET (0 when nothing answers yet), on a fresh connection. */
export function probe(port: number, { path, headers }: Probe): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
  });
}

export interface Spawned extends Target {
  child: ChildProcess;
  /** The last few kilobytes the process wrote, for error messages. */
  output(): string;
}

/** Starts `node ...args` and returns at once; the caller decides what "ready" means. */
export function spawnNode(name: string, args: string[], port: number, cwd = ROOT): Spawned {
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = once(child, 'exit');
  return {
    name,
    port,
    pid: child.pid ?? 0,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** Polls until `ready` answers a non-5xx status; a process that exits or stays silent is an error. */
export async function waitReady(target: Spawned, ready: Probe, timeoutMs = 120_000): Promise<Target> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (target.child.exitCode !== null) throw new Error(`${target.name} exited with ${target.child.exitCode}:\n${target.output()}`);
    const status = await probe(target.port, ready);
    if (status >= 200 && status < 500) return target;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await target.stop();
  throw new Error(`${target.name} did not answer GET ${ready.path} within ${timeoutMs / 1000} s:\n${target.output()}`);
}

export interface UnderstudyOptions {
  provider: 'piriod' | 'pelcro' | 'all';
  /** A scenario name, looked up in `<cwd>/seeds/` first (the serve command's rule). */
  scenario?: string;
  cwd?: string;
}

/** The understudy mock (frozen time, seed 1), started but not yet known to be ready. */
/**
 * The package as it is deployed (`bin/understudy.js` over the built `dist/`), built from the sources
 * once per bench run: timing the TypeScript compiler at every start would measure tsx, not the mock.
 */
let checked = false;
/**
 * Builds `dist/` if it is older than the sources, at the first call only: a source edited during a
 * run is not built into its middle (it was, once, and the next size's start timing held the build).
 */
export function buildOnce(): void {
  if (checked) return;
  checked = true;
  if (!distIsStale()) return;
  console.error('bench: dist/ is older than the sources; building it (npm run build)');
  execFileSync(process.execPath, [createRequire(import.meta.url).resolve('tsup/dist/cli-default.js')], { cwd: ROOT, stdio: 'ignore' });
}

/** Whether any source file changed after `dist/cli.js` was built (or it was never built). */
function distIsStale(): boolean {
  const cli = new URL('../dist/cli.js', import.meta.url);
  if (!existsSync(cli)) return true;
  const builtAt = statSync(cli).mtimeMs;
  const newer = (dir: string): boolean =>
    readdirSync(new URL(`../${dir}`, import.meta.url), { recursive: true, withFileTypes: true }).some(
      (entry) => entry.isFile() && entry.name.endsWith('.ts') && statSync(`${entry.parentPath}/${entry.name}`).mtimeMs > builtAt,
    );
  return ['src', 'contracts', 'lib'].some(newer);
}

export async function spawnUnderstudy(options: UnderstudyOptions): Promise<Spawned> {
  buildOnce();
  const port = await freePort();
  const bin = fileURLToPath(new URL('../bin/understudy.js', import.meta.url));
  const args = [bin, 'serve', '--port', String(port), '--provider', options.provider, '--freeze-time', FROZEN_TIME, '--quiet'];
  if (options.scenario) args.push('--scenario', options.scenario);
  return spawnNode('understudy', args, port, options.cwd ?? ROOT);
}

export async function startUnderstudy(provider: 'piriod' | 'pelcro', ready: Probe): Promise<Target> {
  return waitReady(await spawnUnderstudy({ provider }), ready);
}

/**
 * `prism mock` of the committed document, answering with its (static) examples. Its per-request
 * log is turned down to errors (`-v error`): understudy's is (`--quiet`).
 */
export async function startPrism(provider: string, ready: Probe): Promise<Target> {
  const port = await freePort();
  const cli = createRequire(import.meta.url).resolve('@stoplight/prism-cli/dist/index.js');
  const document = `contracts/${provider}/openapi.json`;
  return waitReady(spawnNode('prism', [cli, 'mock', '-p', String(port), '-h', '127.0.0.1', '-v', 'error', document], port), ready);
}

/**
 * One fixed answer of the bare Hono server: `method` (GET unless given) `path`, query ignored, →
 * `status` (200 unless given) with `body`. A write route reads and parses its JSON body first: the
 * least any server must do with a write.
 */
export interface FixedRoute {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH';
  path: string;
  status?: number;
  body: string;
  headers: Record<string, string>;
}

/** bench/hono-server.ts serving `routes` (written to `routesFile` by the caller). */
export async function startHono(routesFile: string, ready: Probe): Promise<Target> {
  const port = await freePort();
  const server = fileURLToPath(new URL('./hono-server.ts', import.meta.url));
  return waitReady(spawnNode('hono', ['--import', TSX, server, routesFile, String(port)], port), ready);
}

/** Resident and peak resident memory of a process, in bytes (Linux /proc; undefined elsewhere). */
export function memoryOf(pid: number): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return undefined;
  }
}
