/**
 * `--persist DIR` against real crashes: the server is killed with SIGKILL while it writes a
 * sandbox file, then started again on the same folder.
 */
import { execFileSync } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/app';
import { DEFAULT_LIMITS } from '../../src/core/limits';
import { DirectoryStore, keptBounds, type KeptBounds } from '../../src/core/persist';
import { sandboxId } from '../../src/core/registry';
import { SnapshotDocumentSchema } from '../../src/core/snapshot';
import { cliArgs, sleep, startServe } from '../trust/process';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A new empty persist folder, removed after the file's tests. */
function persistDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'understudy-persist-'));
  dirs.push(dir);
  return dir;
}

const INTERVAL = 100;
const AUTH = { Authorization: 'Token crash', 'Content-Type': 'application/json' };
// Fat customers, so that each write of the sandbox file takes long enough to be cut in the middle.
const metadata = Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`k${k}`, 'm'.repeat(300)]));

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.json'));
}

describe('--persist', () => {
  it('after a SIGKILL in the middle of a write: no torn file, and nothing acknowledged more than one interval and one save before the kill is lost', async () => {
    const dir = persistDir();
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
    const dir = persistDir();
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

  // SIGHUP: its terminal closed; SIGQUIT: Ctrl-\; SIGUSR2: nodemon restarting the process it watches.
  it.each(['SIGHUP', 'SIGQUIT', 'SIGUSR2'] as const)(
    'writes what changed on %s before exiting, as on SIGTERM',
    async (signal) => {
      const dir = persistDir();
      const first = await startServe(process.execPath, cliArgs('--persist', dir, '--persist-interval', '60000', '--quiet'));
      const created = await fetch(`${first.base}/customers/`, { method: 'POST', headers: AUTH, body: JSON.stringify({ name: 'Kept' }) });
      expect(created.status).toBe(201);
      first.child.kill(signal);
      expect(await first.exited).toEqual({ code: 0, signal: null });
      expect(jsonFiles(dir)).toHaveLength(1);
    },
    60_000,
  );

  it('starts on a folder of damaged files, setting each aside as .damaged, naming it, and restoring the others', async () => {
    const dir = persistDir();
    const args = cliArgs('--persist', dir, '--persist-interval', '60000', '--quiet');
    const first = await startServe(process.execPath, args);
    const created = await fetch(`${first.base}/customers/`, { method: 'POST', headers: AUTH, body: JSON.stringify({ name: 'Kept' }) });
    expect(created.status).toBe(201);
    first.child.kill('SIGTERM');
    await first.exited;
    const [kept] = jsonFiles(dir);
    const ids = ['0000000000000001', '0000000000000002', '0000000000000003', '0000000000000004', '0000000000000005', '0000000000000006'];
    const name = (i: number) => join(dir, `piriod-${ids[i]}.json`);
    writeFileSync(name(0), readFileSync(join(dir, kept)).subarray(0, 100)); // torn
    writeFileSync(name(1), readFileSync(join(dir, kept), 'utf8').replace('understudy.snapshot/1', 'understudy.snapshot/9'));
    mkdirSync(name(2)); // a folder where a file should be: EISDIR stopped the start (exit 1)
    symlinkSync('/dev/zero', name(3)); // read whole, it held the start for ever
    execFileSync('mkfifo', [name(4)]); // its open waited for a writer for ever
    writeFileSync(name(5), '');
    truncateSync(name(5), 600 * 1024 * 1024); // sparse: "Cannot create a string longer than 0x1fffffe8 characters" (exit 1)

    const second = await startServe(process.execPath, args);
    try {
      expect(second.output()).toContain('(1 restored)');
      for (let i = 0; i < ids.length; i++) {
        expect(second.output()).toContain(`set aside ${name(i)} as piriod-${ids[i]}.json.damaged`);
        expect(lstatSync(`${name(i)}.damaged`)).toBeDefined();
      }
      expect(second.output()).toContain('is not a regular file');
      expect(second.output()).toContain('more than a sandbox writes');
      const list = (await (await fetch(`${second.base}/customers/?search=Kept`, { headers: AUTH })).json()) as { count: number };
      expect(list.count).toBe(1);
      // Set aside, so the next start neither reads them nor names them again.
      expect(jsonFiles(dir)).toEqual([kept]);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 60_000);

  it('keeps the last whole file when the disk refuses a save part-way, and says so once', async () => {
    const dir = persistDir();
    // Files of at most 64 KiB: the first write(2) past it writes what fits and returns its count,
    // the next fails (EFBIG), as on a disk that fills up; a single writeSync renamed the part over the file.
    const node = [process.execPath, ...cliArgs('--persist', dir, '--persist-interval', '20', '--quiet', '--scenario', 'empty')];
    const shell = ['-c', `ulimit -f 64 && exec ${node.map((a) => `'${a}'`).join(' ')}`];
    const server = await startServe('/bin/bash', shell);
    try {
      let acknowledged = 0;
      for (let i = 0; i < 30; i++) {
        const res = await fetch(`${server.base}/customers/`, {
          method: 'POST',
          headers: AUTH,
          body: JSON.stringify({ name: `Fat ${i}`, country: 'MX', metadata }),
        });
        if (res.status === 201) acknowledged++;
        await sleep(20);
      }
      expect(acknowledged).toBe(30);
      await sleep(200);
      const [file] = jsonFiles(dir);
      const saved = SnapshotDocumentSchema.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      expect(saved.sandboxes[0].tables.customers.records.length).toBeGreaterThan(0);
      expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      expect(server.output().match(/cannot write piriod sandbox/g)).toHaveLength(1);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 60_000);
});

describe('--persist saves, in process', () => {
  interface Persisted {
    bounds?: KeptBounds;
    dir?: string;
    said?: string[];
    seed?: number;
    limits?: { maxSandboxes: number };
  }

  /** The app with a DirectoryStore on a new folder, as `serve --persist DIR --persist-interval ms` builds it. */
  function persisted(intervalMs: number, { bounds, dir = persistDir(), said = [], seed = 1, limits }: Persisted = {}) {
    const built = buildApp({ freezeTime: '2026-01-01T00:00:00Z', seed, limits });
    const store = new DirectoryStore(dir, intervalMs, (line) => said.push(line), bounds);
    store.sandboxes = built.sandboxes;
    built.sandboxes.attachStore(store, []);
    const headers = (token: string) => ({ ...AUTH, Authorization: `Token ${token}` });
    const post = (token: string) =>
      built.app.request('/customers/', {
        method: 'POST',
        headers: headers(token),
        body: JSON.stringify({ name: 'Acme', country: 'MX', metadata }),
      });
    return { dir, store, post, headers, built };
  }

  /** Makes every save of `token`'s sandbox fail, as on a full disk: a folder where its temporary file goes. */
  const refuseSaves = (dir: string, token: string) => mkdirSync(join(dir, `piriod-${sandboxId(`${token}\n`)}.json.${process.pid}.tmp`));
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

  it("keeps a Pelcro Open API customer's own writes (a customer token names no sandbox: the API key's is noted)", async () => {
    const { dir, store, built } = persisted(20);
    const json = { 'Content-Type': 'application/json' };
    const registered = await built.app.request('/api/v1/sdk/auth/register?site_id=1', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'kept@example.com', password: 'secret1' }),
    });
    const token = ((await registered.json()) as { data: { auth_token: string } }).data.auth_token;
    store.flush();
    const renamed = await built.app.request('/api/v1/sdk/customer?site_id=1', {
      method: 'PUT',
      headers: { ...json, Authorization: `Bearer ${token}` },
      body: JSON.stringify({ first_name: 'Kept' }),
    });
    expect(renamed.status).toBe(200);
    store.flush();
    const [file] = jsonFiles(dir).filter((name) => name.startsWith('pelcro-'));
    const kept = JSON.parse(readFileSync(join(dir, file), 'utf8')).sandboxes[0].tables.customers.records;
    expect(kept.find((c: { email: string }) => c.email === 'kept@example.com').first_name).toBe('Kept');
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
    const bounds = { files: 3, bytes: 1024 * 1024 * 1024, restoredPerProvider: 2, fileBytes: 1 << 30, waitingBytes: 1 << 30 };
    const { dir, store, post } = persisted(60_000, { bounds });
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
    const again = persisted(60_000, { bounds, dir });
    again.built.sandboxes.attachStore(again.store, []);
    const list = await again.built.app.request('/customers/', { headers: { ...AUTH, Authorization: 'Token c' } });
    expect(((await list.json()) as { results: { name: string }[] }).results.map((c) => c.name)).toContain('Acme');
  });

  it('keeps the files within their byte bound, the newest first', async () => {
    const { dir, store, post } = persisted(60_000, {
      bounds: { files: 1000, bytes: 12_000, restoredPerProvider: 1000, fileBytes: 1 << 30, waitingBytes: 1 << 30 },
    });
    for (const token of ['a', 'b', 'c', 'd']) {
      expect((await post(token)).status).toBe(201);
      store.flush();
    }
    const sizes = jsonFiles(dir).map((name) => readFileSync(join(dir, name)).byteLength);
    expect(sizes.length).toBeLessThan(4);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(12_000);
    expect(jsonFiles(dir)).toContain(`piriod-${sandboxId('d\n')}.json`);
  });

  it('serves a visitor whose kept file is damaged from the seed, setting the file aside (it answered 500 on every request)', async () => {
    const first = persisted(60_000);
    expect((await first.post('lazy')).status).toBe(201);
    first.store.flush();
    const file = join(first.dir, `piriod-${sandboxId('lazy\n')}.json`);
    writeFileSync(file, readFileSync(file, 'utf8').replace('understudy.snapshot/1', 'understudy.snapshot/2'));
    // Not restored at start: read when the visitor comes back.
    const said: string[] = [];
    const again = persisted(60_000, { dir: first.dir, said });
    for (let i = 0; i < 2; i++) {
      const list = await again.built.app.request('/customers/?search=Acme', { headers: { ...AUTH, Authorization: 'Token lazy' } });
      expect(list.status).toBe(200);
      expect(((await list.json()) as { count: number }).count).toBe(0);
    }
    expect(said).toHaveLength(1);
    expect(said[0]).toContain(`set aside ${file} as piriod-${sandboxId('lazy\n')}.json.damaged`);
    expect(readFileSync(`${file}.damaged`, 'utf8')).toContain('understudy.snapshot/2');
  });

  it("removes a save's stale temporary file at start, and leaves a folder or another file named .tmp as it is", () => {
    const dir = persistDir();
    const stale = join(dir, `piriod-${sandboxId('a\n')}.json.999999999.tmp`);
    const owners = join(dir, 'uploads.tmp');
    writeFileSync(stale, '{');
    mkdirSync(owners);
    writeFileSync(join(owners, 'keep.txt'), 'mine');
    writeFileSync(join(dir, 'notes.tmp'), 'mine');
    const old = new Date(Date.now() - 3_600_000);
    for (const path of [stale, owners, join(dir, 'notes.tmp')]) utimesSync(path, old, old);
    new DirectoryStore(dir, 60_000, () => {}).readAll();
    expect(readdirSync(dir).sort()).toEqual(['notes.tmp', 'uploads.tmp']);
    expect(readFileSync(join(owners, 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('sets a sandbox aside a second time beside the first file set aside, never over it', () => {
    const dir = persistDir();
    const file = join(dir, `piriod-${sandboxId('twice\n')}.json`);
    const said: string[] = [];
    for (const text of ['{"first": 1', '{"second": 2']) {
      writeFileSync(file, text);
      new DirectoryStore(dir, 60_000, (line) => said.push(line)).readAll();
    }
    expect(readFileSync(`${file}.damaged`, 'utf8')).toBe('{"first": 1');
    expect(readFileSync(`${file}.damaged.2`, 'utf8')).toBe('{"second": 2');
    expect(said[1]).toContain(`as piriod-${sandboxId('twice\n')}.json.damaged.2`);
  });

  it('sets aside at start a kept sandbox of another seed, restoring the others (one stopped every start)', async () => {
    const first = persisted(60_000);
    expect((await first.post('a')).status).toBe(201);
    first.store.flush();
    // The same folder under seed 2: the changes it holds are over seed 1's data.
    const said: string[] = [];
    const built = buildApp({ freezeTime: '2026-01-01T00:00:00Z', seed: 2 });
    const store = new DirectoryStore(first.dir, 60_000, (line) => said.push(line));
    store.sandboxes = built.sandboxes;
    expect(() => built.sandboxes.attachStore(store, store.readAll())).not.toThrow();
    expect(said.join('\n')).toMatch(/set aside .* does not fit this server: .*seed 1, but this server serves scenario "default" seed 2/);
    expect(jsonFiles(first.dir)).toEqual([]);
  });

  it('keeps a sandbox whose save failed waiting, and writes it once the disk takes it again, with no new write', async () => {
    const said: string[] = [];
    const { dir, post } = persisted(20, { said });
    const file = join(dir, `piriod-${sandboxId('a\n')}.json`);
    // The temporary file's name taken by a folder: the save fails, as on a full disk.
    const blocker = `${file}.${process.pid}.tmp`;
    mkdirSync(blocker);
    expect((await post('a')).status).toBe(201);
    await sleep(200);
    expect(jsonFiles(dir)).toEqual([]);
    expect(said.filter((line) => line.includes('cannot write'))).toHaveLength(1);
    rmSync(blocker, { recursive: true });
    const started = performance.now();
    while (jsonFiles(dir).length === 0 && performance.now() - started < 5_000) await sleep(20);
    expect(jsonFiles(dir)).toHaveLength(1);
    expect(said.at(-1)).toContain('writing to');
  });

  it("restores one provider's sandboxes from a folder of both, leaving the other's files as they are (it refused to start)", async () => {
    const first = persisted(60_000);
    expect((await first.post('a')).status).toBe(201);
    const pelcro = await first.built.app.request('/api/v1/core/customers', {
      method: 'POST',
      headers: { Authorization: 'Bearer k', 'Content-Type': 'application/json' },
      body: JSON.stringify({ site_id: 1, email: 'kept@example.com' }),
    });
    expect(pelcro.status).toBe(201);
    first.store.flush();
    const built = buildApp({ freezeTime: '2026-01-01T00:00:00Z', providers: ['piriod'] });
    const said: string[] = [];
    const store = new DirectoryStore(first.dir, 60_000, (line) => said.push(line));
    store.sandboxes = built.sandboxes;
    built.sandboxes.attachStore(store, store.readAll());
    expect(built.sandboxes.list().map((s) => s.provider)).toEqual(['piriod']);
    expect(jsonFiles(first.dir).sort()).toEqual([`pelcro-${sandboxId('k')}.json`, `piriod-${sandboxId('a\n')}.json`].sort());
    expect(said).toEqual([]);
  });

  it('holds the refused saves of evicted sandboxes within waitingBytes, dropping the others and naming each', async () => {
    const said: string[] = [];
    const { dir, store, post } = persisted(60_000, {
      said,
      bounds: { ...keptBounds(DEFAULT_LIMITS), waitingBytes: 1 },
      limits: { maxSandboxes: 1 },
    });
    const tokens = ['a', 'b', 'c'];
    // Every save fails, as on a full disk.
    for (const token of tokens) refuseSaves(dir, token);
    for (const token of tokens) expect((await post(token)).status).toBe(201);
    store.flush(); // a and b are forgotten from memory; only c is open
    const dropped = said.filter((line) => line.includes('dropped the unsaved writes'));
    const ids = dropped.map((line) => /sandbox ([0-9a-f]+)/.exec(line)?.[1]);
    expect(ids.sort()).toEqual([sandboxId('a\n'), sandboxId('b\n')].sort());
  });

  it('reopens an evicted sandbox whose save the disk refused from the state waiting, not from its older file', async () => {
    const { dir, post, headers, built } = persisted(60_000, { limits: { maxSandboxes: 1 } });
    // Its save fails, as on a full disk.
    refuseSaves(dir, 'a');
    expect((await post('a')).status).toBe(201);
    expect((await post('b')).status).toBe(201); // 'a' is forgotten from memory
    const list = await built.app.request('/customers/?search=Acme', { headers: headers('a') });
    expect(((await list.json()) as { count: number }).count).toBe(1);
  });

  it('reopens an evicted sandbox whose save the disk refused without trying that save again before the pause is over', async () => {
    const { dir, post, headers, built } = persisted(60_000, { limits: { maxSandboxes: 1 } });
    refuseSaves(dir, 'a');
    expect((await post('a')).status).toBe(201);
    const snapshots = vi.spyOn(built.sandboxes, 'snapshotOf');
    // Each token evicts the other: 'a' is opened again five times from the state waiting.
    for (let i = 0; i < 5; i++) {
      for (const token of ['b', 'a']) expect((await built.app.request('/customers/', { headers: headers(token) })).status).toBe(200);
    }
    // One refused save (the first reopen), then one snapshot per reopen to open it from.
    expect(snapshots).toHaveBeenCalledTimes(6);
  });
});
