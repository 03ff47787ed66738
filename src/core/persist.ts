/**
 * `--persist DIR`: each sandbox that changed is written to `DIR/<provider>-<id>.json` (a snapshot
 * document of its changes), and read back at start and whenever the sandbox is opened again (after
 * an eviction). A save starts `intervalMs` after the first change since the last save began, or
 * later when the event loop is busy then, and writes every sandbox waiting, one after the other,
 * each followed by a pause as long as it took: requests are answered between two sandboxes, so a
 * save holds the server no longer than its largest sandbox takes to write (a sandbox holds at most
 * 8 MiB), not as long as all of them together (eight full sandboxes held it 400–470 ms at every
 * save), and takes at most half of the server's time however many sandboxes wait.
 *
 * A write never leaves a torn file: the document goes to a temporary file in the same folder,
 * which is flushed to disk (fsync) and then renamed over the old one (rename is atomic on one
 * file system), and the folder is fsynced so the rename itself survives a crash. A crash at any
 * point leaves either the old file or the new one; stray temporary files are removed at start.
 * What was acknowledged more than `intervalMs`, plus how late the save's timer fired, plus the
 * save's own duration, before a crash is on disk: a crash during a save loses what it carries,
 * and that save began up to an interval (and the timer's lateness) after the oldest change in it.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { jsonFileText, parseJsonFile } from './json-file';
import type { SandboxEntry } from './registry';
import type { SandboxStore, Sandboxes } from './sandboxes';
import { type SandboxSnapshot, SNAPSHOT_FORMAT, type Snapshotable, SnapshotError, parseSnapshotDocument } from './snapshot';

const FILE = /^([a-z]+)-([0-9a-f]{16})\.json$/;

export class PersistError extends Error {}

export class DirectoryStore implements SandboxStore {
  private readonly pending = new Map<string, { provider: string; entry: SandboxEntry<Snapshotable> }>();
  private timer: NodeJS.Timeout | undefined;
  /** The sandboxes the save under way has still to write, by key. */
  private readonly queue = new Set<string>();
  sandboxes: Sandboxes | undefined;

  constructor(
    readonly dir: string,
    readonly intervalMs: number,
    private readonly onError: (message: string) => void = () => {},
  ) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new PersistError(`--persist: cannot create ${dir}: ${(error as Error).message}`);
    }
  }

  private file(provider: string, id: string): string {
    return join(this.dir, `${provider}-${id}.json`);
  }

  /** Every kept sandbox, checked; leftover temporary files removed. A bad file is a PersistError naming it. */
  readAll(): SandboxSnapshot[] {
    const out: SandboxSnapshot[] = [];
    for (const name of readdirSync(this.dir)) {
      if (name.endsWith('.tmp')) {
        rmSync(join(this.dir, name), { force: true });
        continue;
      }
      const m = FILE.exec(name);
      if (!m) continue;
      const snapshot = this.read(m[1], m[2]);
      if (snapshot) out.push(snapshot);
    }
    return out;
  }

  private read(provider: string, id: string): SandboxSnapshot | undefined {
    const file = this.file(provider, id);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const document = parseSnapshotDocument(parseJsonFile(text));
      const snapshot = document.sandboxes[0];
      if (document.sandboxes.length !== 1 || snapshot.provider !== provider || snapshot.id !== id) {
        throw new SnapshotError('sandboxes', `must hold the one sandbox ${provider} ${id} its name says`);
      }
      return snapshot;
    } catch (error) {
      throw new PersistError(
        `--persist: ${file} ${error instanceof SyntaxError ? 'is not valid JSON' : 'is invalid'}: ${(error as Error).message}`,
      );
    }
  }

  load(provider: string, id: string): SandboxSnapshot | undefined {
    // A write still waiting is the newer state: write it first.
    this.save(`${provider}/${id}`);
    return this.read(provider, id);
  }

  changed(provider: string, entry: SandboxEntry<Snapshotable>): void {
    this.pending.set(`${provider}/${entry.id}`, { provider, entry });
    // A throttle, not a debounce: steady writes still reach the disk every interval.
    this.timer ??= setTimeout(() => this.startSave(), this.intervalMs);
  }

  /**
   * A save: every sandbox waiting now, one at a time. A sandbox that changes
   * again before its turn is written once, as it is then; one that changes after its turn waits
   * for the next save (its timer started by that change). A save that comes due while one is under
   * way adds what waits to it.
   */
  private startSave(): void {
    this.timer = undefined;
    const running = this.queue.size > 0;
    for (const key of this.pending.keys()) this.queue.add(key);
    if (!running) this.step();
  }

  private step(): void {
    const [key] = this.queue;
    if (key === undefined) return;
    this.queue.delete(key);
    const started = performance.now();
    this.save(key);
    // The next sandbox after a pause as long as this one took: however many sandboxes wait, a
    // save takes at most half the server's time, and a request that needs several turns of the
    // loop is not held by a sandbox at each of them.
    if (this.queue.size > 0) setTimeout(() => this.step(), performance.now() - started);
  }

  /** Writes one sandbox if it waits (it may have been written, or forgotten, since it was queued). */
  private save(key: string): void {
    const waiting = this.pending.get(key);
    if (!waiting) return;
    this.pending.delete(key);
    const { provider, entry } = waiting;
    try {
      const snapshot = this.sandboxes!.snapshotOf(provider, entry, false);
      this.write(this.file(provider, entry.id), { format: SNAPSHOT_FORMAT, taken: new Date().toISOString(), sandboxes: [snapshot] });
      this.syncDir();
    } catch (error) {
      this.onError(`--persist: cannot write ${provider} sandbox ${entry.id}: ${(error as Error).message}`);
    }
  }

  forget(provider?: string, id?: string): boolean {
    let kept = false;
    for (const [key, p] of this.pending)
      if ((provider === undefined || p.provider === provider) && (id === undefined || p.entry.id === id)) {
        this.pending.delete(key);
        kept = true;
      }
    for (const name of readdirSync(this.dir)) {
      const m = FILE.exec(name);
      if (m && (provider === undefined || m[1] === provider) && (id === undefined || m[2] === id)) {
        rmSync(join(this.dir, name), { force: true });
        kept = true;
      }
    }
    this.syncDir();
    return kept;
  }

  /** Writes every sandbox waiting at once (synchronously: on the way out). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.clear();
    for (const key of [...this.pending.keys()]) this.save(key);
  }

  private write(file: string, document: unknown): void {
    const temp = `${file}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, `${jsonFileText(document)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  }

  /** fsync of the folder: the renames and removals in it reach the disk too. */
  private syncDir(): void {
    try {
      const fd = openSync(this.dir, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch {
      // Some file systems refuse a directory fsync; the rename is still atomic there.
    }
  }
}
