/**
 * The servers a benchmark compares, each in a child process of its own (so neither shares the
 * event loop with the load generator): the understudy mock, and Prism's mock of the same
 * committed OpenAPI document.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import net from 'node:net';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface Target {
  name: string;
  port: number;
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

function probe(port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
  });
}

async function startProcess(
  name: string,
  args: string[],
  port: number,
  ready: { path: string; headers: Record<string, string> },
): Promise<Target> {
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output}`);
    const status = await probe(port, ready.path, ready.headers);
    if (status >= 200 && status < 500) return { name, port, stop };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`${name} did not answer GET ${ready.path} within 60 s:\n${output}`);
}

/** The understudy mock serving one provider, with frozen time (as the documents are generated). */
export async function startUnderstudy(
  provider: string,
  ready: { path: string; headers: Record<string, string> },
): Promise<Target> {
  const port = await freePort();
  const args = ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', String(port), '--provider', provider, '--quiet'];
  return startProcess('understudy', [...args, '--freeze-time', '2026-01-01T12:00:00Z'], port, ready);
}

/**
 * `prism mock` of the committed document, answering with its (static) examples. Its per-request
 * log is turned down to errors, as understudy's is (`--quiet`).
 */
export async function startPrism(provider: string, ready: { path: string; headers: Record<string, string> }): Promise<Target> {
  const port = await freePort();
  const cli = createRequire(import.meta.url).resolve('@stoplight/prism-cli/dist/index.js');
  const document = `contracts/${provider}/openapi.json`;
  return startProcess('prism', [cli, 'mock', '-p', String(port), '-h', '127.0.0.1', '-v', 'error', document], port, ready);
}
