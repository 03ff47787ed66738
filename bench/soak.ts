/**
 * `npm run soak [-- --seconds N --connections C]`: the mock under mixed reads and writes across
 * 200 tokens of both providers for N seconds (default 300), at its default bounds, as one
 * process on a port. Prints, per tenth of the run, requests, 5xx, p99 and the server's RSS, then
 * the figures that matter: RSS growth after warm-up (from the second tenth to the last), 5xx
 * count, and p99 at the end against the start. Stored data grows with the writes until the
 * sandboxes reach their bounds (src/core/limits.ts); RSS flattens there. Exit code 1 when RSS grows more than 10%, any 5xx is seen, or the end
 * p99 passes 1.2× the start's.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { freePort, ROOT } from './targets';

const { values } = parseArgs({ options: { seconds: { type: 'string' }, connections: { type: 'string' } } });
const seconds = Number(values.seconds ?? 300);
const connections = Number(values.connections ?? 16);
const TOKENS = 200;
const WINDOWS = 10;

function rssMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : Number.NaN;
}

interface Req {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Seeded, so that two runs send the same mix. */
let state = 42;
const rand = (n: number) => {
  state = (state * 1103515245 + 12345) & 0x7fffffff;
  return state % n;
};

const created = new Map<string, string[]>();
let serial = 0;

function nextRequest(): Req {
  const token = `soak-${rand(TOKENS)}`;
  const json = { 'Content-Type': 'application/json' };
  const roll = rand(100);
  serial++;
  if (rand(2) === 0) {
    const headers = { Authorization: `Token ${token}`, ...json };
    const ids = created.get(`pi:${token}`) ?? [];
    if (roll < 45) return { method: 'GET', path: `/customers/?page_size=20&ordering=-created&page=${1 + rand(3)}`, headers };
    if (roll < 55) return { method: 'GET', path: '/customers/?search=SpA&country=CL', headers };
    if (roll < 75 || ids.length === 0)
      return {
        method: 'POST',
        path: '/customers/',
        headers,
        body: JSON.stringify({ name: `Soak ${serial} SpA`, metadata: { n: String(serial), pad: 'x'.repeat(rand(2000)) } }),
      };
    const id = ids[rand(ids.length)];
    if (roll < 90) return { method: 'PATCH', path: `/customers/${id}/`, headers, body: JSON.stringify({ address: `Calle ${serial}` }) };
    return { method: 'GET', path: `/customers/${id}/`, headers };
  }
  const headers = { Authorization: `Bearer ${token}`, ...json };
  const ids = created.get(`pe:${token}`) ?? [];
  if (roll < 45)
    return { method: 'GET', path: `/api/v1/core/customers?site_id=1&limit=20&page=${1 + rand(3)}&expand=subscriptions`, headers };
  if (roll < 55) return { method: 'GET', path: '/api/v1/core/customers?site_id=1&filter[email]=like:%25example%25', headers };
  if (roll < 75 || ids.length === 0)
    return {
      method: 'POST',
      path: '/api/v1/core/customers?site_id=1',
      headers,
      body: JSON.stringify({ email: `s${serial}@example.com`, metadata: { pad: 'y'.repeat(rand(2000)) } }),
    };
  const id = ids[rand(ids.length)];
  if (roll < 85)
    return { method: 'PUT', path: `/api/v1/core/customers/${id}?site_id=1`, headers, body: JSON.stringify({ first_name: `F${serial}` }) };
  if (roll < 92) return { method: 'GET', path: `/api/v1/core/customers/${id}?site_id=1`, headers };
  return { method: 'DELETE', path: `/api/v1/core/customers/${id}?site_id=1`, headers };
}

function send(agent: http.Agent, port: number, req: Req): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const headers = { ...req.headers, ...(req.body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(req.body)) }) };
    const out = http.request({ agent, host: '127.0.0.1', port, method: req.method, path: req.path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    out.on('error', (e) => resolve({ status: 0, body: e.message }));
    out.end(req.body);
  });
}

/** Remembers created ids (and forgets deleted ones) so that later writes hit live records. */
function learn(req: Req, status: number, body: string): void {
  const key = `${req.path.startsWith('/customers') ? 'pi' : 'pe'}:${/(?:Token|Bearer) (\S+)/.exec(req.headers.Authorization)![1]}`;
  if (req.method === 'POST' && status === 201) {
    const parsed = JSON.parse(body) as { id?: string; data?: { id: number } };
    const id = String(parsed.id ?? parsed.data!.id);
    const ids = created.get(key) ?? [];
    ids.push(id);
    if (ids.length > 50) ids.shift();
    created.set(key, ids);
  } else if (req.method === 'DELETE' || status === 404) {
    const id = /customers\/([^/?]+)/.exec(req.path)?.[1];
    created.set(
      key,
      (created.get(key) ?? []).filter((x) => x !== id),
    );
  }
}

const p99 = (xs: number[]) => {
  const sorted = Float64Array.from(xs).sort();
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] : Number.NaN;
};

async function main() {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', String(port), '--quiet'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout!.on('data', (c) => String(c).includes('/__understudy/health') && resolve()));
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const windowMs = (seconds * 1000) / WINDOWS;
  const rows: { requests: number; s5xx: number; p99: number; rss: number }[] = [];
  console.log(`soak: ${seconds} s, ${connections} connections, ${TOKENS} tokens per provider, default bounds; server pid ${child.pid}`);
  for (let w = 0; w < WINDOWS; w++) {
    const latencies: number[] = [];
    let s5xx = 0;
    const until = performance.now() + windowMs;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < until) {
          const req = nextRequest();
          const t0 = performance.now();
          const { status, body } = await send(agent, port, req);
          latencies.push(performance.now() - t0);
          if (status >= 500 || status === 0) s5xx++;
          else learn(req, status, body);
        }
      }),
    );
    const row = { requests: latencies.length, s5xx, p99: p99(latencies), rss: rssMb(child.pid!) };
    rows.push(row);
    console.log(
      `  ${String(w + 1).padStart(2)}/${WINDOWS}  ${String(row.requests).padStart(7)} requests  ${row.s5xx} 5xx  p99 ${row.p99.toFixed(1)} ms  RSS ${row.rss} MB`,
    );
  }
  agent.destroy();
  child.kill('SIGTERM');
  // The first tenth is warm-up (code compiled, seeded data built, sandboxes opened): the start is the second.
  const warm = rows[1];
  const end = rows[rows.length - 1];
  const growth = (end.rss - warm.rss) / warm.rss;
  const total5xx = rows.reduce((n, r) => n + r.s5xx, 0);
  const p99Ratio = end.p99 / warm.p99;
  console.log(
    `\nRSS after warm-up ${warm.rss} MB → end ${end.rss} MB (${(growth * 100).toFixed(1)}%); 5xx: ${total5xx}; p99 ${warm.p99.toFixed(1)} → ${end.p99.toFixed(1)} ms (×${p99Ratio.toFixed(2)})`,
  );
  process.exitCode = growth > 0.1 || total5xx > 0 || p99Ratio > 1.2 ? 1 : 0;
}

void main();
