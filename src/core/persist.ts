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
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { jsonFileText, parseJsonFile } from './json-file';
import { DEFAULT_LIMITS, type Limits } from './limits';
import type { SandboxEntry } from './registry';
import type { SandboxStore, Sandboxes } from './sandboxes';
import { type SandboxSnapshot, SNAPSHOT_FORMAT, type Snapshotable, SnapshotError, parseSnapshotDocument } from './snapshot';

const FILE = /^([a-z]+)-([0-9a-f]{16})\.json$/;

export class PersistError extends Error {}

/**
 * What the folder may hold. Sandboxes outlive their eviction from memory on disk (a flood of new
 * tokens must not wipe a visitor's data), so without a bound every token a client ever sent would
 * stay there, and be read at every start. Past a bound the least recently written file goes: that
 * sandbox starts again from its seed (or its `--snapshot`), as an evicted one does without `--persist`.
 */
export interface KeptBounds {
  /** Files at most (default: ten times --max-sandboxes). */
  files: number;
  /** Bytes of all files together at most. */
  bytes: number;
  /** The most recently written files restored at start, per provider (the rest when next used). */
  restoredPerProvider: number;
}

/**
 * The folder's bounds for memory's: ten times the sandboxes memory holds, in four times its bytes
 * (evicted sandboxes come back when used again, and a flood of new tokens still cannot fill the
 * disk); a start restores as many sandboxes of each provider as memory holds.
 */
export function keptBounds({ maxSandboxes, maxTotalBytes }: Pick<Limits, 'maxSandboxes' | 'maxTotalBytes'>): KeptBounds {
  return { files: 10 * maxSandboxes, bytes: 4 * maxTotalBytes, restoredPerProvider: maxSandboxes };
}

export class DirectoryStore implements SandboxStore {
  private readonly pending = new Map<string, { provider: string; entry: SandboxEntry<Snapshotable> }>();
  private timer: NodeJS.Timeout | undefined;
  /** The sandboxes the save under way has still to write, by key. */
  private readonly queue = new Set<string>();
  /** Every file kept, by key, with its bytes: least recently written first. */
  private readonly kept = new Map<string, number>();
  private keptBytes = 0;
  sandboxes: Sandboxes | undefined;

  constructor(
    readonly dir: string,
    readonly intervalMs: number,
    private readonly onError: (message: string) => void = () => {},
    private readonly bounds: KeptBounds = keptBounds(DEFAULT_LIMITS),
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

  /**
   * The kept sandboxes restored at start, checked: the most recently written, up to
   * `restoredPerProvider` of each provider, oldest first (the others are read when next used).
   * Leftover temporary files are removed. A bad file is a PersistError naming it.
   */
  readAll(): SandboxSnapshot[] {
    const files: { provider: string; id: string; key: string; bytes: number; written: number }[] = [];
    for (const name of readdirSync(this.dir)) {
      if (name.endsWith('.tmp')) {
        rmSync(join(this.dir, name), { force: true });
        continue;
      }
      const m = FILE.exec(name);
      if (!m) continue;
      const stat = statSync(join(this.dir, name), { throwIfNoEntry: false });
      if (stat) files.push({ provider: m[1], id: m[2], key: `${m[1]}/${m[2]}`, bytes: stat.size, written: stat.mtimeMs });
    }
    files.sort((a, b) => a.written - b.written);
    for (const file of files) this.note(file.key, file.bytes);
    this.trim();
    const restored: typeof files = [];
    const count = new Map<string, number>();
    for (let i = files.length - 1; i >= 0; i--) {
      const file = files[i];
      if (!this.kept.has(file.key)) continue;
      const n = count.get(file.provider) ?? 0;
      if (n >= this.bounds.restoredPerProvider) continue;
      count.set(file.provider, n + 1);
      restored.push(file);
    }
    const out: SandboxSnapshot[] = [];
    for (const file of restored.reverse()) {
      const snapshot = this.read(file.provider, file.id);
      if (snapshot) out.push(snapshot);
    }
    return out;
  }

  /** Notes a file written (or found): it becomes the most recently written. */
  private note(key: string, bytes: number): void {
    this.keptBytes += bytes - (this.kept.get(key) ?? 0);
    this.kept.delete(key);
    this.kept.set(key, bytes);
  }

  private unnote(key: string): void {
    this.keptBytes -= this.kept.get(key) ?? 0;
    this.kept.delete(key);
  }

  /** Removes the least recently written files while the folder holds more than its bounds. */
  private trim(): void {
    for (const [key] of this.kept) {
      if (this.kept.size <= this.bounds.files && this.keptBytes <= this.bounds.bytes) break;
      // The file just written is the last: kept, whatever its size.
      if (this.kept.size === 1) break;
      const [provider, id] = key.split('/');
      rmSync(this.file(provider, id), { force: true });
      this.unnote(key);
    }
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
    if (this.save(`${provider}/${id}`)) this.syncDir();
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
    if (this.save(key)) this.syncDir();
    // The next sandbox after a pause as long as this one took: however many sandboxes wait, a
    // save takes at most half the server's time, and a request that needs several turns of the
    // loop is not held by a sandbox at each of them.
    if (this.queue.size > 0) setTimeout(() => this.step(), performance.now() - started);
  }

  /**
   * Writes one sandbox if it waits (it may have been written, or forgotten, since it was queued);
   * true when it did, and the folder then needs its fsync (left to the caller: one for a whole flush).
   */
  private save(key: string): boolean {
    const waiting = this.pending.get(key);
    if (!waiting) return false;
    this.pending.delete(key);
    const { provider, entry } = waiting;
    try {
      const snapshot = this.sandboxes!.snapshotOf(provider, entry, false);
      const bytes = this.write(this.file(provider, entry.id), {
        format: SNAPSHOT_FORMAT,
        taken: new Date().toISOString(),
        sandboxes: [snapshot],
      });
      this.note(key, bytes);
      this.trim();
      return true;
    } catch (error) {
      this.onError(`--persist: cannot write ${provider} sandbox ${entry.id}: ${(error as Error).message}`);
      return false;
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
        this.unnote(`${m[1]}/${m[2]}`);
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
    let wrote = false;
    for (const key of [...this.pending.keys()]) wrote = this.save(key) || wrote;
    if (wrote) this.syncDir();
  }

  /** Writes a document in place, never torn; returns its bytes. */
  private write(file: string, document: unknown): number {
    const temp = `${file}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w');
    let bytes: number;
    try {
      bytes = writeSync(fd, `${jsonFileText(document)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
    return bytes;
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
