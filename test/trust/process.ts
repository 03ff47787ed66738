/** Starting `understudy serve` as a real process, for the tests that need signals and sockets. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
import http from 'node:http';

export const cwd = new URL('../..', import.meta.url).pathname;

export interface ServeProcess {
  child: ChildProcess;
  base: string;
  port: number;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `command …args` (a node running the CLI, possibly wrapped) and waits for the banner. */
export async function startServe(command: string, args: string[]): Promise<ServeProcess> {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (chunk) => (out += String(chunk)));
  child.stderr!.on('data', (chunk) => (out += String(chunk)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /at (http:\/\/127\.0\.0\.1:(\d+))/.exec(out);
      if (match && out.includes('/__understudy/health')) {
        clearInterval(timer);
        resolve(match[1]);
      }
    }, 50);
    void exited.then(({ code }) => {
      clearInterval(timer);
      reject(new Error(`serve exited with ${code}: ${out}`));
    });
  });
  return { child, base, port: Number(new URL(base).port), output: () => out, exited };
}

/** The arguments that run the CLI in this very node process (no tsx wrapper process in between). */
export const cliArgs = (...serveArgs: string[]) => ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', '0', ...serveArgs];

/**
 * A request whose headers (and the first half of its body) are sent now and whose body is
 * finished when `finish()` is called: a request in flight for as long as the test wants.
 */
export function requestInFlight(port: number, path: string, headers: Record<string, string>, body: string) {
  const bytes = Buffer.from(body);
  const half = Math.floor(bytes.length / 2);
  const req = http.request({
    host: '127.0.0.1',
    port,
    path,
    method: 'POST',
    headers: { ...headers, 'Content-Length': String(bytes.length) },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk) => (text += String(chunk)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
  });
  req.write(bytes.subarray(0, half));
  return { answer, finish: () => req.end(bytes.subarray(half)) };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How many sockets process `pid` holds open (its listener and every connection it accepted). */
export function openSockets(pid: number): number {
  let count = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) count++;
    } catch {
      // The descriptor closed between the listing and the read.
    }
  }
  return count;
}

/**
 * Waits until process `pid` holds at least `n` sockets: connections the kernel has completed but
 * the server has not yet accepted are not in flight for it, so a fixed pause races a busy machine.
 */
export async function waitForSockets(pid: number, n: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (openSockets(pid) < n) {
    if (Date.now() > deadline) throw new Error(`process ${pid} holds ${openSockets(pid)} sockets, not ${n}, after ${timeoutMs} ms`);
    await sleep(20);
  }
}
