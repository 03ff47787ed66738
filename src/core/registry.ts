/**
 * Sandboxes by key (a token, a workspace, a site …), each created on first use.
 *
 * A sandbox is known outside by its **id**: the first 16 hex digits of the SHA-256 of its key. The
 * key holds a credential, the id does not, so the id is what the admin routes, the journal and
 * snapshot files name (a snapshot can be loaded back into the sandbox the same credentials reach,
 * without the file holding them). The factory receives the id, so ids minted inside a sandbox are
 * derived from it deterministically, and the sandbox's Quota to hand to its tables.
 *
 * At most `limits.maxSandboxes` stay open: the Map keeps them in order of last use (a use moves a
 * sandbox to the end), so the first is the least recently used. Past the bound, the least recently
 * used sandbox no request wrote to goes first — forgetting it loses nothing, it is the seed again
 * (or what it was restored from) —, and only when every open sandbox holds writes the least recently
 * used of all: a client asking with a new token at each request (1,000 reads) forgot every other
 * visitor's writes. Past `limits.maxTotalBytes` the least recently used go (only writes hold bytes). A forgotten sandbox is only
 * dropped: its memory goes back with the garbage collector, and its next request opens it again
 * (from the seed, or from what `opened` restores: a loaded or persisted snapshot).
 */
import { createHash } from 'node:crypto';
import { DEFAULT_LIMITS, Quota, type BytePool, type Limits } from './limits';
import type { Context } from 'hono';
import { noteSandbox } from './request-context';

export interface SandboxEntry<S> {
  readonly id: string;
  /** What names the sandbox, credentials redacted (a token's fingerprint, a workspace, a site). */
  readonly label: string;
  readonly sandbox: S;
  readonly quota: Quota;
  /** When a request last used it (ms since the epoch). */
  lastUsed: number;
}

export interface RegistryHooks<S> {
  /** The provider, for the request context. */
  provider?: string;
  /** Called when a sandbox is created, before any request uses it (to restore a snapshot into it). */
  opened?(entry: SandboxEntry<S>): void;
  /** Called when a sandbox is forgotten (reset, or evicted past a bound). */
  forgotten?(entry: SandboxEntry<S>, why: 'reset' | 'evicted'): void;
}

/** The id of the sandbox a key names. */
export function sandboxId(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

export class SandboxRegistry<S> {
  private readonly sandboxes = new Map<string, SandboxEntry<S>>();
  /**
   * The ids of the open sandboxes nothing was written to (their quota says so), least recently
   * used first; one written since it was noted here is dropped when eviction meets it.
   */
  private readonly unchanged = new Set<string>();
  /** The id last in the map's order (the most recently used), when known. */
  private newest: string | undefined;
  private readonly pool: BytePool;
  /** The last key looked up and its id: a run of requests with one token hashes it once. */
  private lastKey: string | undefined;
  private lastId = '';
  hooks: RegistryHooks<S>;

  constructor(
    /** Builds a sandbox; `key` is given when a request opens it (not when a snapshot does). */
    private readonly create: (id: string, quota: Quota, key?: string) => S,
    private readonly limits: Limits = DEFAULT_LIMITS,
    hooks: RegistryHooks<S> = {},
  ) {
    this.hooks = hooks;
    this.pool = { used: 0, makeRoom: (bytes, except) => this.makeRoom(bytes, except) };
  }

  /** The sandbox a key names, created on first use; noted as the sandbox of request `c`. */
  get(key: string, label: () => string = () => '-', c?: Context): S {
    if (key !== this.lastKey) {
      this.lastId = sandboxId(key);
      this.lastKey = key;
    }
    const entry = this.open(this.lastId, label, key);
    entry.lastUsed = Date.now();
    noteSandbox(c, { provider: this.hooks.provider ?? '-', entry: entry as SandboxEntry<unknown> });
    return entry.sandbox;
  }

  /** The open sandbox with this id, or undefined. Does not count as a use. */
  find(id: string): SandboxEntry<S> | undefined {
    return this.sandboxes.get(id);
  }

  /** The sandbox with this id, opened (and moved to most recently used) if needed. */
  open(id: string, label: () => string = () => '-', key?: string): SandboxEntry<S> {
    const found = this.sandboxes.get(id);
    if (found) {
      // Moved to the end of the map's order (most recently used), unless it is there already: a
      // delete and set on every request of a busy sandbox cost a rehash of the map now and then.
      if (id !== this.newest) {
        this.sandboxes.delete(id);
        this.sandboxes.set(id, found);
        this.newest = id;
        this.unchanged.delete(id);
        if (!found.quota.written) this.unchanged.add(id);
      }
      return found;
    }
    while (this.sandboxes.size >= this.limits.maxSandboxes) this.evictOldest();
    const quota = new Quota(this.limits, this.pool);
    const entry: SandboxEntry<S> = { id, label: label(), sandbox: this.create(id, quota, key), quota, lastUsed: 0 };
    this.sandboxes.set(id, entry);
    this.unchanged.add(id);
    this.newest = id;
    try {
      this.hooks.opened?.(entry);
    } catch (error) {
      this.forget(entry);
      throw error;
    }
    return entry;
  }

  /**
   * Builds a sandbox aside and fills it (a snapshot being restored); returns what puts it in place
   * of the one with this id. When `fill` throws, nothing has changed; two staged sandboxes can be
   * checked before either is committed.
   */
  stage(id: string, label: string, fill: (sandbox: S) => void): () => SandboxEntry<S> {
    const quota = new Quota(this.limits);
    const sandbox = this.create(id, quota);
    fill(sandbox);
    return () => {
      const old = this.sandboxes.get(id);
      if (old) this.forget(old);
      while (this.sandboxes.size >= this.limits.maxSandboxes) this.evictOldest();
      quota.join(this.pool);
      // An imported snapshot is not the seed: it counts as written.
      quota.written = true;
      const entry: SandboxEntry<S> = { id, label: old?.label ?? label, sandbox, quota, lastUsed: 0 };
      this.sandboxes.set(id, entry);
      this.newest = id;
      return entry;
    };
  }

  keys(): string[] {
    return [...this.sandboxes.keys()];
  }

  entries(): SandboxEntry<S>[] {
    return [...this.sandboxes.values()];
  }

  get size(): number {
    return this.sandboxes.size;
  }

  /** Approximate bytes all open sandboxes have written. */
  get storedBytes(): number {
    return this.pool.used;
  }

  /** Forgets every sandbox, or the one with this id; true when one was open. */
  reset(id?: string): boolean {
    let any = false;
    for (const entry of [...this.sandboxes.values()]) {
      if (id === undefined || entry.id === id) {
        this.forget(entry);
        this.hooks.forgotten?.(entry, 'reset');
        any = true;
      }
    }
    return any;
  }

  private forget(entry: SandboxEntry<S>): void {
    if (entry.quota.detached) return;
    entry.quota.detached = true;
    this.pool.used -= entry.quota.bytes;
    if (this.sandboxes.get(entry.id) === entry) {
      this.sandboxes.delete(entry.id);
      this.unchanged.delete(entry.id);
    }
    if (entry.id === this.newest) this.newest = undefined;
  }

  /** Forgets the least recently used sandbox that holds no writes, or else the least recently used. */
  private evictOldest(): void {
    let entry: SandboxEntry<S> | undefined;
    for (const id of this.unchanged) {
      const candidate = this.sandboxes.get(id)!;
      if (!candidate.quota.written) {
        entry = candidate;
        break;
      }
      // Written since: each id is dropped once, so a run of evictions stays linear.
      this.unchanged.delete(id);
    }
    entry ??= this.sandboxes.values().next().value!;
    this.forget(entry);
    this.hooks.forgotten?.(entry, 'evicted');
  }

  private makeRoom(bytes: number, except: Quota): boolean {
    for (const entry of [...this.sandboxes.values()]) {
      if (this.pool.used + bytes <= this.limits.maxTotalBytes) break;
      if (entry.quota !== except) {
        this.forget(entry);
        this.hooks.forgotten?.(entry, 'evicted');
      }
    }
    return this.pool.used + bytes <= this.limits.maxTotalBytes;
  }
}
