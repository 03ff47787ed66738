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
import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { jsonFileText, parseJsonFile } from './json-file';
import { DEFAULT_LIMITS, type Limits } from './limits';
import type { SandboxEntry } from './registry';
import type { SandboxStore, Sandboxes } from './sandboxes';
import { type SandboxSnapshot, SNAPSHOT_FORMAT, type Snapshotable, SnapshotError, parseSnapshotDocument } from './snapshot';

const FILE = /^([a-z]+)-([0-9a-f]{16})\.json$/;
/** A save's temporary file: `<kept file>.<pid>.tmp` (see write). */
const TEMP = /^[a-z]+-[0-9a-f]{16}\.json\.(\d+)\.tmp$/;

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
  /** Bytes of one file at most: a larger one is no sandbox this server wrote, and is set aside unread. */
  fileBytes: number;
  /**
   * Bytes of records of sandboxes forgotten from memory whose saves the disk refuses, held until it
   * takes them: past it some are dropped, their writes lost and named on stderr.
   */
  waitingBytes: number;
}

/**
 * The folder's bounds for memory's: ten times the sandboxes memory holds, in four times its bytes
 * (evicted sandboxes come back when used again, and a flood of new tokens still cannot fill the
 * disk); a start restores as many sandboxes of each provider as memory holds. One file holds a
 * sandbox's changes: at most `maxStoredBytes` characters of records, each written as at most six
 * bytes (a lone surrogate, escaped), and the seeded ids it removed; sixteen times leaves room, and
 * keeps a stray file of gigabytes (read whole, it stopped the start: "Cannot create a string
 * longer than 0x1fffffe8 characters") out of memory.
 */
export function keptBounds({
  maxSandboxes,
  maxTotalBytes,
  maxStoredBytes,
}: Pick<Limits, 'maxSandboxes' | 'maxTotalBytes' | 'maxStoredBytes'>): KeptBounds {
  return {
    files: 10 * maxSandboxes,
    bytes: 4 * maxTotalBytes,
    restoredPerProvider: maxSandboxes,
    fileBytes: 16 * maxStoredBytes,
    waitingBytes: maxTotalBytes,
  };
}

/** How much longer each failed save waits before the next try, at most (a full disk is not hammered). */
const RETRY_MAX_MS = 30_000;
/** A temporary file this old is no save under way (a save takes milliseconds): a crash left it. */
const STALE_TEMP_MS = 60_000;
/** What a kept file is renamed to when it cannot be restored: kept for its owner, never read again. */
export const SET_ASIDE = '.damaged';

/**
 * Whether a temporary file (`<name>.<pid>.tmp`) was left by a save that will never finish: its
 * process is gone (or is this one, a container's process 1 again), or it is older than any save
 * takes. A fresh one of a live process may be the save under way of another server on the folder,
 * whose rename failed when a start removed it.
 */
function leftBehind(name: string, written: number, now: number): boolean {
  if (now - written > STALE_TEMP_MS) return true;
  const pid = Number(TEMP.exec(name)?.[1]);
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Where a file is set aside: `<name>.damaged`, or `<name>.damaged.2`, `.3` … when that is taken. A
 * sandbox set aside, started afresh and set aside again (the server restarted with another seed
 * twice) renamed its second file over the first, which was whole.
 */
function asideName(file: string): string {
  let aside = `${file}${SET_ASIDE}`;
  for (let n = 2; lstatSync(aside, { throwIfNoEntry: false }); n++) aside = `${file}${SET_ASIDE}.${n}`;
  return aside;
}

/** Removes a file (or, `recursive`, a folder where a file should be); false when it is still there. */
function removeQuietly(path: string, recursive = true): boolean {
  try {
    rmSync(path, { force: true, recursive });
    return true;
  } catch {
    return false;
  }
}

export class DirectoryStore implements SandboxStore {
  private readonly pending = new Map<string, { provider: string; entry: SandboxEntry<Snapshotable> }>();
  private timer: NodeJS.Timeout | undefined;
  /** The sandboxes the save under way has still to write, by key. */
  private readonly queue = new Set<string>();
  /** Every file kept, by key, with its bytes: least recently written first. */
  private readonly kept = new Map<string, number>();
  private keptBytes = 0;
  /** While saves fail: how long the next waits, and when (the first failure is reported, then the recovery). */
  private retryMs = 0;
  private retryAt = 0;
  /** Files set aside that could not be renamed: never read again (a sandbox written anew leaves it). */
  private readonly skipped = new Set<string>();
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
   * Leftover temporary files are removed. A file that cannot be restored is set aside, named on
   * stderr; a folder that cannot be listed is a PersistError.
   */
  readAll(): SandboxSnapshot[] {
    const files: { provider: string; id: string; key: string; bytes: number; written: number }[] = [];
    const now = Date.now();
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch (error) {
      throw new PersistError(`--persist: cannot read ${this.dir}: ${(error as Error).message}`);
    }
    for (const name of names) {
      const path = join(this.dir, name);
      const stat = lstatSync(path, { throwIfNoEntry: false });
      if (!stat) continue;
      if (TEMP.test(name)) {
        // A file only, never recursively: a folder the owner named so is not ours to remove.
        if (stat.isFile() && leftBehind(name, stat.mtimeMs, now)) removeQuietly(path, false);
        continue;
      }
      const m = FILE.exec(name);
      // Another provider's files (a server of one provider on a folder of both) are left as they are.
      if (!m || (this.sandboxes && !this.sandboxes.has(m[1]))) continue;
      const unfit = this.unfit(stat);
      if (unfit) {
        this.setAside(m[1], m[2], unfit);
        continue;
      }
      files.push({ provider: m[1], id: m[2], key: `${m[1]}/${m[2]}`, bytes: stat.size, written: stat.mtimeMs });
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
      removeQuietly(this.file(provider, id));
      this.unnote(key);
    }
  }

  /** Why a file found in the folder cannot be a kept sandbox, or undefined when it may be. */
  private unfit(stat: { isFile(): boolean; size: number }): string | undefined {
    // A symlink is not followed: one to /dev/zero or a FIFO held the start for ever.
    if (!stat.isFile()) return 'is not a regular file';
    if (stat.size > this.bounds.fileBytes) return `holds ${stat.size} bytes, more than a sandbox writes (${this.bounds.fileBytes})`;
    return undefined;
  }

  /**
   * The sandbox kept in the folder, checked; undefined when there is none, or when its file cannot
   * be read or is not one sandbox's document: that file is set aside (see setAside), so the
   * sandbox starts afresh, its visitor served, instead of stopping the start or answering 500.
   */
  private read(provider: string, id: string): SandboxSnapshot | undefined {
    if (this.skipped.has(`${provider}/${id}`)) return undefined;
    const file = this.file(provider, id);
    let text: string;
    try {
      // Not following a symlink, and not waiting on a FIFO's writer; checked on what was opened.
      const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
      try {
        const unfit = this.unfit(fstatSync(fd));
        if (unfit) throw new PersistError(unfit);
        text = readFileSync(fd, 'utf8');
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return undefined;
      this.setAside(provider, id, code === 'ELOOP' ? 'is a symbolic link' : `cannot be read: ${(error as Error).message}`);
      return undefined;
    }
    try {
      const document = parseSnapshotDocument(parseJsonFile(text));
      const snapshot = document.sandboxes[0];
      if (document.sandboxes.length !== 1 || snapshot.provider !== provider || snapshot.id !== id) {
        throw new SnapshotError('sandboxes', `must hold the one sandbox ${provider} ${id} its name says`);
      }
      return snapshot;
    } catch (error) {
      this.setAside(provider, id, `${error instanceof SyntaxError ? 'is not valid JSON' : 'is invalid'}: ${(error as Error).message}`);
      return undefined;
    }
  }

  /**
   * A kept file that cannot be restored (damaged, of another format version, of another seed, not
   * a file) is renamed `<name>.damaged`, never deleted: nothing saved whole is lost, and a visitor
   * of that sandbox is served from its seed. The server says so on stderr, with how to bring it back.
   */
  setAside(provider: string, id: string, why: string): void {
    const file = this.file(provider, id);
    const aside = asideName(file);
    this.unnote(`${provider}/${id}`);
    try {
      renameSync(file, aside);
      this.onError(
        `--persist: set aside ${file} as ${basename(aside)}: it ${why}; ${provider} sandbox ${id} starts afresh (rename it back to restore it)`,
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      this.skipped.add(`${provider}/${id}`);
      this.onError(`--persist: skipped ${file}: it ${why}, and cannot be set aside: ${(error as Error).message}`);
    }
  }

  load(provider: string, id: string): SandboxSnapshot | undefined {
    const key = `${provider}/${id}`;
    // A write still waiting is the newer state: write it first, unless saves fail and their pause
    // is not over: every reopen turned the sandbox into JSON again only for the disk to refuse it.
    if (Date.now() >= this.retryAt && this.save(key)) this.syncDir();
    // Still waiting (the disk refuses it): that state is the one to open, not the older file, which
    // the sandbox's next save would have written over, its last writes lost.
    const waiting = this.pending.get(key);
    if (waiting) return this.sandboxes!.snapshotOf(provider, waiting.entry, false);
    return this.read(provider, id);
  }

  changed(provider: string, entry: SandboxEntry<Snapshotable>): void {
    this.pending.set(`${provider}/${entry.id}`, { provider, entry });
    // A throttle, not a debounce: steady writes still reach the disk every interval.
    this.timer ??= setTimeout(() => this.startSave(), this.delay());
  }

  /**
   * Drops waiting saves of sandboxes forgotten from memory past `waitingBytes`, first in line first: nothing
   * else holds their state, and with every save refused (a full disk) each sandbox written and
   * evicted stayed in memory, past every bound of memory's.
   */
  private boundWaiting(): void {
    let held = 0;
    for (const { entry } of this.pending.values()) if (entry.quota.detached) held += entry.quota.bytes;
    for (const [key, { provider, entry }] of this.pending) {
      if (held <= this.bounds.waitingBytes) break;
      if (!entry.quota.detached) continue;
      this.pending.delete(key);
      held -= entry.quota.bytes;
      this.onError(
        `--persist: dropped the unsaved writes of ${provider} sandbox ${entry.id}: forgotten from memory, and ${this.dir} refuses them`,
      );
    }
  }

  /** How long the next save waits: the interval, or the rest of the pause after a failed save. */
  private delay(): number {
    return Math.max(this.intervalMs, this.retryAt - Date.now());
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
    const saved = this.save(key);
    if (saved) this.syncDir();
    // A save that failed (a full disk, a folder made read-only) ends this one: what is left waits
    // for the retry, instead of each sandbox being turned into JSON only to fail in turn.
    if (!saved && this.pending.has(key)) this.queue.clear();
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
      this.skipped.delete(key);
      this.trim();
      if (this.retryMs > 0) this.onError(`--persist: writing to ${this.dir} again`);
      this.retryMs = 0;
      this.retryAt = 0;
      return true;
    } catch (error) {
      // Still waiting (unless a newer change replaced it): the write is tried again once the disk
      // has room, where it was dropped, and a sandbox that changed no more was never written.
      if (!this.pending.has(key)) this.pending.set(key, waiting);
      this.boundWaiting();
      if (this.retryMs === 0)
        this.onError(
          `--persist: cannot write ${provider} sandbox ${entry.id}: ${(error as Error).message}; kept in memory, trying again (said once until a write succeeds)`,
        );
      this.retryMs = Math.min(RETRY_MAX_MS, Math.max(this.intervalMs, 2 * this.retryMs));
      this.retryAt = Date.now() + this.retryMs;
      this.timer ??= setTimeout(() => this.startSave(), this.delay());
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
    let names: string[] = [];
    try {
      names = readdirSync(this.dir);
    } catch (error) {
      this.onError(`--persist: cannot read ${this.dir}: ${(error as Error).message}`);
    }
    for (const name of names) {
      const m = FILE.exec(name);
      if (m && (provider === undefined || m[1] === provider) && (id === undefined || m[2] === id)) {
        if (!removeQuietly(join(this.dir, name))) this.onError(`--persist: cannot remove ${join(this.dir, name)}`);
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
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size > 0) this.onError(`--persist: ${this.pending.size} sandboxes could not be written to ${this.dir}`);
  }

  /**
   * Writes a document in place, never torn; returns its bytes. Every byte is written or the write
   * throws: one `writeSync` on a disk filling up wrote part of the text and said how much, and that
   * part was renamed over the whole file. A failed write removes its temporary file.
   */
  private write(file: string, document: unknown): number {
    const temp = `${file}.${process.pid}.tmp`;
    const data = Buffer.from(`${jsonFileText(document)}\n`);
    try {
      const fd = openSync(temp, 'w');
      try {
        writeFileSync(fd, data);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, file);
    } catch (error) {
      removeQuietly(temp, false);
      throw error;
    }
    return data.length;
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
