/**
 * The mock for your own tests. `createMock()` builds it in-process (no port, no I/O: `fetch` goes
 * straight to the app, as hono's `app.request` does); `startMock()` also listens on a loopback port
 * for code that needs a URL (an HTTP client, a browser, another process), and `close()` frees it.
 * Each call is a world of its own: two mocks share no sandbox, so one per test file isolates
 * parallel workers; `reset()` brings one back to its seeded data between tests.
 */
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';
import { buildApp, refusalHeaders } from './app';
import { FaultRuleSchema, type FaultRule, type FaultRuleInput } from './core/faults';
import type { JournalFilter } from './core/journal';
import { clientUrl, listen } from './core/server';
import type { AppOptions, AppOptionsInput, ProviderName } from './core/options';
import type { JournalRecord, SandboxInfo } from './core/sandboxes';
import { loadScenarioFile } from './core/scenario-file';
import type { SnapshotDocument } from './core/snapshot';
import { DROPPED_HEADER } from './core/traffic';

export interface MockOptions extends Omit<AppOptionsInput, 'scenario'> {
  /**
   * A scenario object, or a name or path as `--scenario` takes it: a path to a JSON file, or a
   * name looked up as `seeds/NAME.json` under `cwd`, then among the package's own scenarios.
   */
  scenario?: AppOptionsInput['scenario'] | string;
  /** Where relative scenario paths and `seeds/` are looked up (default: the working directory). */
  cwd?: string;
}

/** One sandbox: by the credentials that reach it, or by its id (from `sandboxes()` or the journal). */
export type SandboxTarget =
  | { provider: 'piriod'; token: string; workspace?: string; test_mode?: boolean }
  | { provider: 'pelcro'; token: string; site_id?: number }
  | { provider: ProviderName; sandbox: string };

export interface Mock {
  /** The Hono app itself: `app.request()`, or mount it elsewhere. */
  app: Hono;
  /** The options in force, defaults filled in. */
  options: AppOptions;
  /**
   * Sends a request to the mock in-process. A path (`/customers/`) or a full URL (its host is
   * ignored). A dropped connection (a fault rule) rejects, as a real fetch would.
   */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /**
   * Brings sandboxes back to their starting data (the seed, or a loaded snapshot), as a restart
   * would: every one, one provider's (`'piriod'`), or one sandbox (`{ provider, token }`).
   */
  reset(target?: ProviderName | SandboxTarget): Promise<void>;
  /** The open sandboxes: id, label (a token's fingerprint), records per table, last use. */
  sandboxes(): SandboxInfo[];
  /** The open sandboxes as a snapshot document (`complete`: every record, not only the changes). */
  snapshot(options?: { provider?: ProviderName; complete?: boolean }): SnapshotDocument;
  /** Restores a snapshot document; a bad one throws a SnapshotError naming the field, and nothing changes. */
  restore(document: unknown): void;
  /** The requests the sandboxes answered, oldest first (`{ method, path, status, since }`, one sandbox). */
  journal(filter?: JournalFilter & { target?: SandboxTarget }): JournalRecord[];
  clearJournal(): void;
  /** Replaces the fault rules (latency, statuses, drops); `[]` removes them. */
  setFaults(rules: FaultRuleInput[]): FaultRule[];
}

function appOptions(options: MockOptions): AppOptionsInput {
  const { scenario, cwd, ...rest } = options;
  return {
    ...rest,
    scenario: typeof scenario === 'string' ? loadScenarioFile(scenario, cwd ?? process.cwd()) : scenario,
  };
}

/** Builds the mock in-process. A bad option throws at once, with the option's name. */
export function createMock(options: MockOptions = {}): Mock {
  const { app, options: parsed, sandboxes, faults } = buildApp(appOptions(options));
  /** The provider and id a target names. */
  const idOf = (target: SandboxTarget): { provider: ProviderName; id: string } => {
    if ('sandbox' in target) return { provider: target.provider, id: target.sandbox };
    const { provider, ...credentials } = target;
    return { provider, id: sandboxes.addressOf(provider, credentials).id };
  };
  return {
    app,
    options: parsed,
    async fetch(input, init) {
      const res = await app.request(input, init);
      if (res.headers.get(DROPPED_HEADER)) {
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
      }
      return res;
    },
    async reset(target) {
      if (target === undefined || typeof target === 'string') sandboxes.reset(target);
      else {
        const { provider, id } = idOf(target);
        sandboxes.reset(provider, id);
      }
    },
    sandboxes: () => sandboxes.list(),
    snapshot: ({ provider, complete = false } = {}) => sandboxes.snapshotAll(complete, provider),
    restore(document) {
      sandboxes.restore(document);
    },
    journal({ target, ...filter } = {}) {
      if (!target) return sandboxes.journal(filter);
      const { provider, id } = idOf(target);
      return sandboxes.journal(filter, provider, id);
    },
    clearJournal: () => sandboxes.clearJournal(),
    setFaults(rules) {
      faults.set(rules.map((rule) => FaultRuleSchema.parse(rule)));
      return faults.list();
    },
  };
}

export interface StartMockOptions extends MockOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
}

export interface RunningMock extends Mock {
  /** Base URL of the running mock, e.g. `http://127.0.0.1:53124`, without a trailing slash. */
  url: string;
  port: number;
  /** Stops listening and closes open connections; the port is free once it resolves. */
  close(): Promise<void>;
}

/** Starts the mock on a port (a free one by default) and resolves once it is listening. */
export async function startMock(options: StartMockOptions = {}): Promise<RunningMock> {
  const { port = 0, host = '127.0.0.1', ...rest } = options;
  const mock = createMock(rest);
  return new Promise<RunningMock>((resolve, reject) => {
    const server = listen({ fetch: mock.app.fetch, port, hostname: host, refusalHeaders }, (info: AddressInfo) => {
      resolve({
        ...mock,
        url: clientUrl(host, info.port),
        port: info.port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            // Keep-alive connections would hold the server open until they time out.
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}
