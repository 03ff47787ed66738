/**
 * Every provider's sandboxes, seen together: what the admin routes, `createMock()` and the
 * persistence work with. Listing, resetting one or all, snapshots out and in, the journal.
 * Provider-neutral: a provider contributes its registry and how credentials name a sandbox.
 */
import { Journal, JournalBudget, type JournalEntry, type JournalFilter, type JournalLimits } from './journal';
import type { MountedProvider } from './provider';
import type { SandboxEntry } from './registry';
import {
  type Base,
  type SandboxSnapshot,
  SNAPSHOT_FORMAT,
  type SnapshotDocument,
  SnapshotError,
  type Snapshotable,
  checkSnapshot,
  fillSandbox,
  parseSnapshotDocument,
  takeSnapshot,
} from './snapshot';

export interface SandboxInfo {
  provider: string;
  id: string;
  label: string;
  /** Live records per table. */
  records: Record<string, number>;
  /** When a request last used it (ISO 8601), null when none has since it was opened or restored. */
  last_used: string | null;
  journal: number;
}

/** Where a sandbox is kept between runs (`--persist`): see src/core/persist.ts. */
export interface SandboxStore {
  /** The sandbox's last written snapshot, if any. */
  load(provider: string, id: string): SandboxSnapshot | undefined;
  /** Notes a sandbox whose data changed: it is written soon. */
  changed(provider: string, entry: SandboxEntry<Snapshotable>): void;
  /** Forgets what was kept of a sandbox (every sandbox of `provider`, or all): true when something was. */
  forget(provider?: string, id?: string): boolean;
  /** Keeps a sandbox's file that cannot be restored (`why`) where it is never read again. */
  setAside(provider: string, id: string, why: string): void;
}

export type JournalRecord = JournalEntry & { provider: string; sandbox: string };

export class Sandboxes {
  private readonly journals = new WeakMap<SandboxEntry<Snapshotable>, Journal>();
  /** Snapshots loaded at start (`--snapshot`): a sandbox opened or reset starts from its own. */
  private readonly preloaded = new Map<string, SandboxSnapshot>();
  private store: SandboxStore | undefined;
  private seq = 0;
  private readonly journalBudget: JournalBudget;

  constructor(
    private readonly providers: ReadonlyMap<string, MountedProvider>,
    private readonly base: Base,
    private readonly journalLimits: JournalLimits,
  ) {
    this.journalBudget = new JournalBudget(journalLimits.totalBytes);
    for (const [name, provider] of providers) {
      provider.registry.hooks = {
        ...provider.registry.hooks,
        opened: (entry) => this.opened(name, entry),
        // A forgotten sandbox's journal gives its bytes back to the shared budget.
        forgotten: (entry) => this.journals.get(entry)?.clear(),
      };
    }
  }

  names(): string[] {
    return [...this.providers.keys()];
  }

  has(provider: string): boolean {
    return this.providers.has(provider);
  }

  private provider(name: string): MountedProvider {
    const provider = this.providers.get(name);
    if (!provider) throw new SnapshotError('provider', `must be one of ${this.names().join(', ')}, got "${name}"`);
    return provider;
  }

  /**
   * A new sandbox starts from what was kept of it, or from its preloaded snapshot. A kept one that
   * does not fit this server (another seed or scenario) is set aside, and the sandbox starts as if
   * none were kept: its visitor was answered 500 on every request. (One that passes the check but
   * cannot be filled, past a bound, is set aside too; that request fails, the next starts afresh.)
   */
  private opened(provider: string, entry: SandboxEntry<Snapshotable>): void {
    const at = `${provider} sandbox ${entry.id}`;
    const kept = this.store?.load(provider, entry.id);
    if (kept) {
      let checked: ReturnType<typeof checkSnapshot> | undefined;
      try {
        checked = checkSnapshot(kept, entry.sandbox, this.base, at);
        fillSandbox(entry.sandbox, kept, checked, at);
        return;
      } catch (error) {
        if (!(error instanceof SnapshotError)) throw error;
        this.store!.setAside(provider, entry.id, `does not fit this server: ${error.message}`);
        if (checked) throw error;
      }
    }
    const preloaded = this.preloaded.get(`${provider}/${entry.id}`);
    if (preloaded) fillSandbox(entry.sandbox, preloaded, checkSnapshot(preloaded, entry.sandbox, this.base, at), at);
  }

  /**
   * Keeps sandboxes between runs from now on; what it kept is restored now. One that does not fit
   * this server (another seed or scenario, a provider's rule it breaks) is set aside and named on
   * stderr, and the others restored: one such file stopped every start.
   */
  attachStore(store: SandboxStore, kept: SandboxSnapshot[]): void {
    this.store = store;
    for (const snapshot of kept) {
      try {
        this.restoreOne(snapshot, `${snapshot.provider}/${snapshot.id}`);
      } catch (error) {
        if (!(error instanceof SnapshotError)) throw error;
        store.setAside(snapshot.provider, snapshot.id, `does not fit this server: ${error.message}`);
      }
    }
  }

  /** Snapshots that sandboxes start from (`--snapshot FILE`): checked and restored now. */
  preload(document: unknown, source: string): void {
    const parsed = parseSnapshotDocument(document);
    this.restore(parsed, source);
    for (const snapshot of parsed.sandboxes) this.preloaded.set(`${snapshot.provider}/${snapshot.id}`, snapshot);
  }

  /** The sandbox id credentials reach (`{provider, token, …}`). */
  addressOf(provider: string, credentials: unknown) {
    return { provider, ...this.provider(provider).addressOf(credentials) };
  }

  list(provider?: string): SandboxInfo[] {
    const out: SandboxInfo[] = [];
    for (const [name, mounted] of this.providers) {
      if (provider !== undefined && name !== provider) continue;
      for (const entry of mounted.registry.entries()) {
        const records: Record<string, number> = {};
        for (const [table, t] of Object.entries(entry.sandbox.tables())) records[table] = t.size;
        out.push({
          provider: name,
          id: entry.id,
          label: entry.label,
          records,
          last_used: entry.lastUsed ? new Date(entry.lastUsed).toISOString() : null,
          journal: this.journals.get(entry)?.size ?? 0,
        });
      }
    }
    return out;
  }

  /** Resets every sandbox, a provider's, or one: true when something was open or kept. */
  reset(provider?: string, id?: string): boolean {
    let any = false;
    for (const [name, mounted] of this.providers) {
      if (provider !== undefined && name !== provider) continue;
      any = mounted.registry.reset(id) || any;
    }
    // A sandbox evicted from memory but kept by --persist still exists: its file goes too.
    const kept = this.store?.forget(provider, id) ?? false;
    return any || kept;
  }

  private find(provider: string, id: string): SandboxEntry<Snapshotable> | undefined {
    return this.provider(provider).registry.find(id);
  }

  /** One sandbox as a snapshot document, or undefined when it is not open. */
  snapshotOne(provider: string, id: string, complete: boolean): SnapshotDocument | undefined {
    const entry = this.find(provider, id);
    if (!entry) return undefined;
    return this.document([this.snapshotOf(provider, entry, complete)]);
  }

  /** Every open sandbox (or a provider's) as one snapshot document. */
  snapshotAll(complete: boolean, provider?: string): SnapshotDocument {
    const sandboxes: SandboxSnapshot[] = [];
    for (const [name, mounted] of this.providers) {
      if (provider !== undefined && name !== provider) continue;
      for (const entry of mounted.registry.entries()) sandboxes.push(this.snapshotOf(name, entry, complete));
    }
    return this.document(sandboxes);
  }

  /** A complete snapshot of a sandbox as it starts (opened aside: nothing is kept open). */
  snapshotOfNew(provider: string, id: string, label: string): SandboxSnapshot {
    let snapshot: SandboxSnapshot | undefined;
    this.provider(provider).registry.stage(id, label, (sandbox) => {
      snapshot = takeSnapshot(sandbox, { provider, id, label, base: this.base, complete: true });
    });
    return snapshot!;
  }

  snapshotOf(provider: string, entry: SandboxEntry<Snapshotable>, complete: boolean): SandboxSnapshot {
    return takeSnapshot(entry.sandbox, { provider, id: entry.id, label: entry.label, base: this.base, complete });
  }

  private document(sandboxes: SandboxSnapshot[]): SnapshotDocument {
    return { format: SNAPSHOT_FORMAT, taken: new Date().toISOString(), sandboxes };
  }

  /**
   * Restores every sandbox of a document (into `target` when given: the document then holds one).
   * Every sandbox is checked before any is replaced; a problem is a SnapshotError naming the field.
   */
  restore(json: unknown, source = 'snapshot', target?: { provider: string; id: string }): { provider: string; id: string }[] {
    const document = parseSnapshotDocument(json);
    if (target && document.sandboxes.length !== 1) {
      throw new SnapshotError(
        'sandboxes',
        `must hold exactly one sandbox to restore into ${target.provider}/${target.id}, holds ${document.sandboxes.length}`,
      );
    }
    const snapshots = document.sandboxes.map((s) => (target ? { ...s, provider: target.provider, id: target.id } : s));
    // Every sandbox filled aside first: one bad sandbox leaves every one as it was.
    const commits = snapshots.map((snapshot, i) => {
      const at = `${source === 'snapshot' ? '' : `${source}: `}sandboxes[${i}]`;
      const mounted = this.providers.get(snapshot.provider);
      if (!mounted) throw new SnapshotError(`${at}.provider`, `must be one of ${this.names().join(', ')}, got "${snapshot.provider}"`);
      return { provider: snapshot.provider, commit: this.stage(mounted.registry, snapshot, at) };
    });
    for (const { provider, commit } of commits) {
      const entry = commit();
      this.store?.changed(provider, entry);
    }
    return snapshots.map((s) => ({ provider: s.provider, id: s.id }));
  }

  private stage(registry: MountedProvider['registry'], snapshot: SandboxSnapshot, at: string) {
    return registry.stage(snapshot.id, snapshot.label ?? '-', (sandbox) => {
      fillSandbox(sandbox, snapshot, checkSnapshot(snapshot, sandbox, this.base, at), at);
    });
  }

  private restoreOne(snapshot: SandboxSnapshot, at: string): void {
    this.stage(this.provider(snapshot.provider).registry, snapshot, at)();
  }

  // --- the journal ------------------------------------------------------------------------------

  /** Notes a request a sandbox answered. */
  record(provider: string, entry: SandboxEntry<Snapshotable>, request: Omit<JournalEntry, 'seq'> | undefined, wrote: boolean): void {
    if (request && this.journalLimits.entries > 0) {
      let journal = this.journals.get(entry);
      if (!journal) {
        journal = new Journal(this.journalLimits, this.journalBudget);
        this.journals.set(entry, journal);
      }
      journal.add({ seq: ++this.seq, ...request });
    }
    if (wrote) this.store?.changed(provider, entry);
  }

  get journalOn(): boolean {
    return this.journalLimits.entries > 0;
  }

  get journalBodyBytes(): number {
    return this.journalLimits.bodyBytes;
  }

  journal(filter: JournalFilter = {}, provider?: string, id?: string): JournalRecord[] {
    const out: JournalRecord[] = [];
    for (const [name, mounted] of this.providers) {
      if (provider !== undefined && name !== provider) continue;
      for (const entry of mounted.registry.entries()) {
        if (id !== undefined && entry.id !== id) continue;
        for (const e of this.journals.get(entry)?.list(filter) ?? []) out.push({ provider: name, sandbox: entry.id, ...e });
      }
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  clearJournal(provider?: string, id?: string): void {
    for (const [name, mounted] of this.providers) {
      if (provider !== undefined && name !== provider) continue;
      for (const entry of mounted.registry.entries()) if (id === undefined || entry.id === id) this.journals.get(entry)?.clear();
    }
  }
}
