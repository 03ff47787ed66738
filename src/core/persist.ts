/**
 * `--persist DIR`: each sandbox that changed is written to `DIR/<provider>-<id>.json` (a snapshot
 * document of its changes), and read back at start and whenever the sandbox is opened again (after
 * an eviction). A save starts `intervalMs` after the first change since the last save began, or
 * later when the event loop is busy then, and writes every sandbox waiting, one after the other
 * (synchronously: no request is answered while it runs).
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
    if (this.pending.has(`${provider}/${id}`)) this.flush();
    return this.read(provider, id);
  }

  changed(provider: string, entry: SandboxEntry<Snapshotable>): void {
    this.pending.set(`${provider}/${entry.id}`, { provider, entry });
    // A throttle, not a debounce: steady writes still reach the disk every interval.
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
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

  /** Writes every sandbox waiting (synchronously: also called on the way out). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = [...this.pending.values()];
    this.pending.clear();
    for (const { provider, entry } of batch) {
      try {
        const snapshot = this.sandboxes!.snapshotOf(provider, entry, false);
        this.write(this.file(provider, entry.id), { format: SNAPSHOT_FORMAT, taken: new Date().toISOString(), sandboxes: [snapshot] });
      } catch (error) {
        this.onError(`--persist: cannot write ${provider} sandbox ${entry.id}: ${(error as Error).message}`);
      }
    }
    if (batch.length > 0) this.syncDir();
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
