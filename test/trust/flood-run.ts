/**
 * A flood against the mock in-process, run by limits.test.ts in a node of its own (with
 * --expose-gc, so heap figures are measured after a collection). Prints one JSON line of figures.
 */
import { buildApp } from '../../src/app';

const gc = (globalThis as { gc?: () => void }).gc!;
const heapMb = () => {
  gc();
  return Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10;
};

const { app } = buildApp({ adminToken: 'flood-admin-token', limits: { maxTotalBytes: 64 * 2 ** 20 } });
const admin = { Authorization: 'Bearer flood-admin-token' };
const statuses: Record<string, number> = {};
const count = (status: number) => (statuses[status] = (statuses[status] ?? 0) + 1);

// Warm: the seeded data of both providers is built once and shared; it is not the flood's.
await app.request('/customers/', { headers: { Authorization: 'Token warm' } });
await app.request('/api/v1/core/customers?site_id=1', { headers: { Authorization: 'Bearer warm' } });
await app.request('/__understudy/reset', { method: 'POST', headers: admin });
const heapBaseMb = heapMb();

// 5,000 tokens, one request each (five times the sandbox bound).
for (let i = 0; i < 5_000; i++) {
  const res = await app.request('/customers/?page_size=1', { headers: { Authorization: `Token flood-${i}` } });
  count(res.status);
}
// Fat bodies: 900 KB metadata values, refused at once.
for (let i = 0; i < 50; i++) {
  const res = await app.request('/api/v1/core/customers?site_id=1', {
    method: 'POST',
    headers: { Authorization: 'Bearer fat', 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: `fat${i}@example.com`, metadata: { blob: 'x'.repeat(900_000) } }),
  });
  count(res.status);
}
// Full sandboxes: 12 tokens each writing 200 KB of metadata a customer up to their byte bound
// (8 MiB), past the total bound (64 MiB) — the least recently used are forgotten.
const value = 'y'.repeat(4000);
const metadata = Object.fromEntries(Array.from({ length: 50 }, (_, k) => [`k${k}`, value]));
for (let t = 0; t < 12; t++) {
  for (let i = 0; i < 60; i++) {
    const res = await app.request('/api/v1/core/customers?site_id=1', {
      method: 'POST',
      headers: { Authorization: `Bearer full-${t}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: `full${i}@example.com`, metadata }),
    });
    count(res.status);
    if (res.status === 400) break;
  }
}
const heapPeakMb = heapMb();
const status = (await (await app.request('/__understudy/status', { headers: admin })).json()) as { sandboxes: Record<string, number> };
// The bound holds per provider.
const sandboxes = Math.max(...Object.values(status.sandboxes));
await app.request('/__understudy/reset', { method: 'POST', headers: admin });
const heapAfterResetMb = heapMb();
process.stdout.write(
  `${JSON.stringify({ statuses, sandboxes, heapBaseMb, heapPeakMb, heapAfterResetMb, rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) })}\n`,
);
