/**
 * `--persist DIR` against real crashes: the server is killed with SIGKILL while it writes a
 * sandbox file, then started again on the same folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { DirectoryStore, type KeptBounds } from '../../src/core/persist';
import { sandboxId } from '../../src/core/registry';
import { SnapshotDocumentSchema } from '../../src/core/snapshot';
import { cliArgs, cwd, startServe } from '../trust/process';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const INTERVAL = 100;
const AUTH = { Authorization: 'Token crash', 'Content-Type': 'application/json' };
// Fat customers, so that each write of the sandbox file takes long enough to be cut in the middle.
const metadata = Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`k${k}`, 'm'.repeat(300)]));

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.json'));
}

describe('--persist', () => {
  it('after a SIGKILL in the middle of a write: no torn file, and nothing acknowledged more than one interval and one save before the kill is lost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'understudy-persist-'));
    dirs.push(dir);
    const args = cliArgs('--persist', dir, '--persist-interval', String(INTERVAL), '--quiet', '--scenario', 'empty');
    const first = await startServe(process.execPath, args);
    const acknowledged: { name: string; at: number }[] = [];
    let killedAt = 0;
    let tornSeen = false;
    let armed = false;
    // Kill the moment a temporary file appears, i.e. while a sandbox file is being written.
    const watcher = watch(dir, (_event, name) => {
      if (!armed || killedAt || !name?.endsWith('.tmp')) return;
      first.child.kill('SIGKILL');
      killedAt = performance.now();
      tornSeen = true;
    });
    const started = performance.now();
    for (let i = 0; !killedAt && performance.now() - started < 20_000; i++) {
      // Armed once more than 100 writes were acknowledged a full safety window ago, however fast
      // the server answers (a fixed request count let a fast server leave too few before the kill).
      if (!armed && acknowledged.length > 100 && performance.now() - acknowledged[100].at > INTERVAL + 200) armed = true;
      try {
        const res = await fetch(`${first.base}/customers/`, {
          method: 'POST',
          headers: AUTH,
          body: JSON.stringify({ name: `Crash ${i}`, country: 'MX', metadata }),
        });
        if (res.status === 201) acknowledged.push({ name: `Crash ${i}`, at: performance.now() });
      } catch {
        break; // the connection died with the server
      }
    }
    watcher.close();
    if (!killedAt) {
      first.child.kill('SIGKILL');
      killedAt = performance.now();
    }
    await first.exited;
    expect(tornSeen).toBe(true);
    // Every sandbox file is whole and valid; the cut write left at most its temporary file.
    for (const name of jsonFiles(dir))
      expect(() => SnapshotDocumentSchema.parse(JSON.parse(readFileSync(join(dir, name), 'utf8')))).not.toThrow();

    const second = await startServe(process.execPath, args);
    try {
      expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      const names = new Set<string>();
      for (let page = 1; ; page++) {
        const body = (await (await fetch(`${second.base}/customers/?page_size=100&page=${page}`, { headers: AUTH })).json()) as {
          results: { name: string }[];
          next: string | null;
        };
        for (const c of body.results) names.add(c.name);
        if (!body.next) break;
      }
      // Acknowledged more than one interval, plus a save's time and the timer's lateness (150 ms
      // here), before the kill: kept.
      const safe = acknowledged.filter((a) => a.at < killedAt - INTERVAL - 150);
      expect(safe.length).toBeGreaterThan(100);
      expect(safe.filter((a) => !names.has(a.name))).toEqual([]);
      // What was kept is a prefix of what was sent: the acknowledged ones in order, then at most
      // the one in flight when the server died.
      const kept = acknowledged.filter((a) => names.has(a.name)).length;
      expect(acknowledged.slice(0, kept).every((a) => names.has(a.name))).toBe(true);
      expect(names.size - kept).toBeLessThanOrEqual(1);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 60_000);

  it('writes what changed on SIGTERM, restores it at start, and a reset removes the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'understudy-persist-'));
    dirs.push(dir);
    // A long interval: only the stop's own flush can have written the change.
    const args = cliArgs('--persist', dir, '--persist-interval', '60000', '--quiet');
    const first = await startServe(process.execPath, args);
    const created = await fetch(`${first.base}/api/v1/core/customers`, {
      method: 'POST',
      headers: { Authorization: 'Bearer keep', 'Content-Type': 'application/json' },
      body: JSON.stringify({ site_id: 1, email: 'kept@example.com' }),
    });
    expect(created.status).toBe(201);
    first.child.kill('SIGTERM');
    await first.exited;
    expect(jsonFiles(dir)).toHaveLength(1);

    const second = await startServe(process.execPath, args);
    try {
      expect(second.output()).toContain('(1 restored)');
      const url = `${second.base}/api/v1/core/customers?site_id=1&filter[email]=eq:kept@example.com`;
      const found = (await (await fetch(url, { headers: { Authorization: 'Bearer keep' } })).json()) as { meta: { total: number } };
      expect(found.meta.total).toBe(1);
      await fetch(`${second.base}/__understudy/reset`, { method: 'POST' });
      expect(jsonFiles(dir)).toEqual([]);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 60_000);

  it('writes what changed on SIGHUP (its terminal closed) before exiting, as on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'understudy-persist-'));
    dirs.push(dir);
    const first = await startServe(process.execPath, cliArgs('--persist', dir, '--persist-interval', '60000', '--quiet'));
    const created = await fetch(`${first.base}/customers/`, { method: 'POST', headers: AUTH, body: JSON.stringify({ name: 'Kept' }) });
    expect(created.status).toBe(201);
    first.child.kill('SIGHUP');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(jsonFiles(dir)).toHaveLength(1);
  }, 60_000);

  it('refuses to start on a damaged file, naming it and the field (exit 2, no stack trace)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'understudy-persist-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'piriod-0123456789abcdef.json'), '{"format": "understudy.snapshot/1", "sandboxes": [{"provider": "piriod"}]}');
    const run = spawnSync(process.execPath, cliArgs('--persist', dir), { cwd, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`--persist: ${join(dir, 'piriod-0123456789abcdef.json')} is invalid: sandboxes[0].id`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('--persist saves, in process', () => {
  /** The app with a DirectoryStore on a new folder, as `serve --persist DIR --persist-interval ms` builds it. */
  function persisted(intervalMs: number, bounds?: KeptBounds, dir = mkdtempSync(join(tmpdir(), 'understudy-persist-'))) {
    dirs.push(dir);
    const built = buildApp({ freezeTime: '2026-01-01T00:00:00Z' });
    const store = new DirectoryStore(dir, intervalMs, () => {}, bounds);
    store.sandboxes = built.sandboxes;
    built.sandboxes.attachStore(store, []);
    const post = (token: string) =>
      built.app.request('/customers/', {
        method: 'POST',
        headers: { ...AUTH, Authorization: `Token ${token}` },
        body: JSON.stringify({ name: 'Acme', country: 'MX', metadata }),
      });
    return { dir, store, post, built };
  }
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

  it('writes the sandboxes of one save one at a time, pausing between them, so requests are answered in between', async () => {
    const { dir, post } = persisted(20);
    const tokens = ['a', 'b', 'c', 'd', 'e'];
    for (const token of tokens) expect((await post(token)).status).toBe(201);
    // Each turn, the files written so far: a save that wrote every sandbox at once held the
    // server for all of them (eight full sandboxes: 400–470 ms at every save).
    const seen: number[] = [];
    const started = performance.now();
    while (jsonFiles(dir).length < tokens.length && performance.now() - started < 5_000) {
      const written = jsonFiles(dir).length;
      if (written > 0) seen.push(written);
      await nextTurn();
    }
    expect(jsonFiles(dir)).toHaveLength(tokens.length);
    expect(seen[0]).toBe(1);
    expect(Math.max(...seen.map((n, i) => n - (seen[i - 1] ?? 0)))).toBe(1);
  });

  it('writes a sandbox changed again before its turn once, as it is at its turn, and everything left on flush', async () => {
    const { dir, store, post } = persisted(20);
    for (const token of ['a', 'b', 'c']) expect((await post(token)).status).toBe(201);
    while (jsonFiles(dir).length === 0) await nextTurn();
    // Its save is under way: the last sandbox changes again before its turn.
    expect((await post('c')).status).toBe(201);
    store.flush();
    expect(jsonFiles(dir)).toHaveLength(3);
    const c = readdirSync(dir)
      .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')))
      .find((document) => document.sandboxes[0].tables.customers.records.length === 2);
    expect(c).toBeDefined();
  });

  it('keeps at most its bound of files, removing the least recently written, and restores only the newest at start', async () => {
    const bounds = { files: 3, bytes: 1024 * 1024 * 1024, restoredPerProvider: 2 };
    const { dir, store, post } = persisted(60_000, bounds);
    // A flood of new tokens: without a bound every one stayed on disk, and was read at every start.
    for (const token of ['a', 'b', 'c', 'd', 'e']) {
      expect((await post(token)).status).toBe(201);
      store.flush();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const file = (token: string) => `piriod-${sandboxId(`${token}\n`)}.json`;
    expect(jsonFiles(dir).sort()).toEqual(['c', 'd', 'e'].map(file).sort());
    const restarted = new DirectoryStore(dir, 60_000, () => {}, bounds);
    expect(restarted.readAll().map((snapshot) => snapshot.id)).toEqual(['d', 'e'].map((token) => sandboxId(`${token}\n`)));
    // One not restored at start comes back when used again.
    const again = persisted(60_000, bounds, dir);
    again.built.sandboxes.attachStore(again.store, []);
    const list = await again.built.app.request('/customers/', { headers: { ...AUTH, Authorization: 'Token c' } });
    expect(((await list.json()) as { results: { name: string }[] }).results.map((c) => c.name)).toContain('Acme');
  });

  it('keeps the files within their byte bound, the newest first', async () => {
    const { dir, store, post } = persisted(60_000, { files: 1000, bytes: 12_000, restoredPerProvider: 1000 });
    for (const token of ['a', 'b', 'c', 'd']) {
      expect((await post(token)).status).toBe(201);
      store.flush();
    }
    const sizes = jsonFiles(dir).map((name) => readFileSync(join(dir, name)).byteLength);
    expect(sizes.length).toBeLessThan(4);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(12_000);
    expect(jsonFiles(dir)).toContain(`piriod-${sandboxId('d\n')}.json`);
  });
});
