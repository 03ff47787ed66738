/**
 * The mock for your own tests. `createMock()` builds it in-process (no port, no I/O: `fetch` goes
 * straight to the app, as hono's `app.request` does); `startMock()` also listens on a loopback port
 * for code that needs a URL (an HTTP client, a browser, another process), and `close()` frees it.
 * Each call is a world of its own: two mocks share no sandbox, so one per test file isolates
 * parallel workers; `reset()` brings one back to its seeded data between tests.
 */
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';
import { ADMIN_PREFIX, buildApp } from './app';
import { loadScenarioFile } from './core/scenario-file';
import { listen } from './core/server';
import type { AppOptions, AppOptionsInput, ProviderName } from './core/options';

export interface MockOptions extends Omit<AppOptionsInput, 'scenario'> {
  /**
   * A scenario object, or a name or path as `--scenario` takes it: a path to a JSON file, or a
   * name looked up as `seeds/NAME.json` under `cwd`, then among the package's own scenarios.
   */
  scenario?: AppOptionsInput['scenario'] | string;
  /** Where relative scenario paths and `seeds/` are looked up (default: the working directory). */
  cwd?: string;
}

export interface Mock {
  /** The Hono app itself: `app.request()`, or mount it elsewhere. */
  app: Hono;
  /** The options in force, defaults filled in. */
  options: AppOptions;
  /** Sends a request to the mock in-process. A path (`/customers/`) or a full URL (its host is ignored). */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** Brings every sandbox (or only one provider's) back to the seeded data, as a restart would. */
  reset(provider?: ProviderName): Promise<void>;
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
  const { app, options: parsed } = buildApp(appOptions(options));
  return {
    app,
    options: parsed,
    fetch: async (input, init) => app.request(input, init),
    async reset(provider) {
      const query = provider === undefined ? '' : `?provider=${encodeURIComponent(provider)}`;
      // In-process there is no peer address, so the loopback rule lets it through; with an admin
      // token the token is asked for like from anyone (src/core/admin.ts).
      const headers: Record<string, string> = parsed.adminToken === undefined ? {} : { Authorization: `Bearer ${parsed.adminToken}` };
      const res = await app.request(`${ADMIN_PREFIX}/reset${query}`, { method: 'POST', headers });
      if (!res.ok) throw new Error(`understudy: reset failed with ${res.status}: ${await res.text()}`);
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
    const server = listen({ fetch: mock.app.fetch, port, hostname: host }, (info: AddressInfo) => {
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        ...mock,
        url: `http://${shownHost}:${info.port}`,
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
