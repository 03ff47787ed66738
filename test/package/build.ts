/**
 * What the package tests share: the built dist/ (rebuilt only when a source is newer than it, so a
 * fresh `npm ci`, whose `prepare` just built it, is not built twice), a lock so that two test files
 * never build at once, and small process helpers.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnSyncOptions } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
const INPUTS = ['src', 'contracts', 'seeds', 'package.json', 'tsup.config.ts', 'tsconfig.json'];
const LOCK = join(ROOT, 'node_modules', '.cache', 'understudy-build.lock');

function mtimes(path: string): number[] {
  const stat = statSync(path);
  if (!stat.isDirectory()) return [stat.mtimeMs];
  return readdirSync(path).flatMap((name) => mtimes(join(path, name)));
}

function isStale(): boolean {
  const dist = join(ROOT, 'dist');
  if (!existsSync(join(dist, 'cli.js')) || !existsSync(join(dist, 'index.d.ts'))) return true;
  const newestInput = Math.max(...INPUTS.flatMap((p) => mtimes(join(ROOT, p))));
  return Math.min(...mtimes(dist)) < newestInput;
}

/** Runs `npm run build` unless dist/ is newer than every source; one test file at a time. */
export async function ensureBuilt(): Promise<void> {
  mkdirSync(join(LOCK, '..'), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (waited > 180_000) rmSync(LOCK, { recursive: true, force: true }); // a crashed run's lock
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (isStale()) run('npm', ['run', 'build'], { cwd: ROOT });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Runs a command to completion; throws with its output when it fails. */
export function run(command: string, args: string[], options: SpawnSyncOptions = {}): string {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status ?? result.signal}\n${result.stdout}\n${result.stderr}`);
  }
  return String(result.stdout);
}

/** The environment without what the outer test runner set, for a process that runs its own tests. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(VITEST|TEST$|NODE_OPTIONS$|NODE_ENV$)/.test(key)));
  return { ...env, ...extra };
}

/** Resolves with the base URL printed in the serve banner (`… at http://…:PORT`). */
export function bannerUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no banner after 30 s: ${out}`)), 30_000);
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const url = /at (http:\/\/[^\s]+)/.exec(out)?.[1];
      if (url && out.includes('/__understudy/health')) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    child.stderr!.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => reject(new Error(`exited ${code} before serving: ${out}`)));
  });
}

/** Resolves with the exit code or signal once the process has ended. */
export function exited(child: ChildProcess): Promise<number | NodeJS.Signals> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? child.signalCode!);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal!)));
}

/** True when nothing listens on the port of 127.0.0.1 (binding it succeeds). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export { spawn };
