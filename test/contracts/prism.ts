/**
 * Starting Stoplight Prism (the independent second opinion) as a child process on a free port, and
 * reading the violations it reports in its `sl-violations` header.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export const PRISM = 'node_modules/.bin/prism';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface RunningPrism {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** `prism <args…> --port P --host 127.0.0.1`, resolved once Prism says it is listening. */
export async function startPrism(args: string[], timeoutMs = 60_000): Promise<RunningPrism> {
  const port = await freePort();
  const child: ChildProcess = spawn(PRISM, [...args, '--port', String(port), '--host', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  let log = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start within ${timeoutMs} ms:\n${log}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      log += String(chunk);
      if (/Prism is listening on/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited with ${code}:\n${log}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => log,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface Violation {
  location: string[];
  severity: string;
  code?: string | number;
  message: string;
}

/** The violations Prism lists in a response's `sl-violations` header. */
export function violationsOf(response: Response): Violation[] {
  const header = response.headers.get('sl-violations');
  if (!header) return [];
  try {
    return JSON.parse(header) as Violation[];
  } catch {
    return [{ location: ['response'], severity: 'Error', message: `unreadable sl-violations header: ${header.slice(0, 200)}` }];
  }
}
