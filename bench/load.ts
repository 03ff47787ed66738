/**
 * A small closed-loop load generator: `connections` workers, each with its own keep-alive socket,
 * send a request, read the whole answer, record the latency, and go again until the time is up.
 * Closed-loop means a slower server gets fewer requests, so requests/s compares servers directly.
 */
import http from 'node:http';

export interface BenchRequest {
  method: string;
  /** Path and query. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  port: number;
  host?: string;
  connections: number;
  durationMs: number;
  /** The i-th request to send (bodies that must be unique, such as emails, use `i`). */
  request: (i: number) => BenchRequest;
  /** Statuses that count as success; anything else (or a socket error) is an error. */
  expect: readonly number[];
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** Requests answered with an expected status, per second of the run. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** The first unexpected answer, to tell a broken scenario apart from a slow one. */
  firstError?: string;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function send(agent: http.Agent, options: LoadOptions, req: BenchRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(req.body));
    const outgoing = http.request(
      { agent, host: options.host ?? '127.0.0.1', port: options.port, method: req.method, path: req.path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  let counter = 0;
  let errors = 0;
  let ok = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + options.durationMs;

  const worker = async () => {
    while (performance.now() < deadline) {
      const req = options.request(counter++);
      const t0 = performance.now();
      try {
        const { status, body } = await send(agent, options, req);
        latencies.push(performance.now() - t0);
        if (options.expect.includes(status)) ok++;
        else {
          errors++;
          firstError ??= `${req.method} ${req.path} → ${status} ${body.slice(0, 200)}`;
        }
      } catch (error) {
        errors++;
        firstError ??= `${req.method} ${req.path} → ${(error as Error).message}`;
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  const elapsed = performance.now() - started;
  agent.destroy();

  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: counter,
    errors,
    rps: (ok / elapsed) * 1000,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    firstError,
  };
}
