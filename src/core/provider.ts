import type { Context } from 'hono';
import type { AppOptions, ProviderName } from './options';
import type { SandboxRegistry } from './registry';
import type { Snapshotable } from './snapshot';

/** What the app needs from a provider: its routes mounted at their real paths. */
export interface ProviderModule {
  name: ProviderName;
  title: string;
  /** `METHOD /path` lines, for the start banner and the docs. */
  routes: readonly string[];
  /**
   * A ready-to-paste curl line against `baseUrl`, with credentials this server accepts (the first
   * of `--tokens`, its workspace when one is required or bound).
   */
  curlExample(baseUrl: string, options: AppOptions): string;
  /** More lines for the start banner (e.g. how a frontend signs in). */
  notes?(options: AppOptions): string[];
  /** Builds the provider: its sandboxes and the handler of its routes. Must do no I/O. */
  mount(options: AppOptions): MountedProvider;
}

/** What names one sandbox, as the admin routes take it: the id the credentials reach, and its label. */
export interface SandboxAddress {
  id: string;
  label: string;
}

/** A provider once mounted: its requests' handler, and what the mock's own routes may do to its sandboxes. */
export interface MountedProvider {
  /**
   * The answer to any request under its mount points (and any path it claims): at once when it
   * can be, a promise when it must wait (a request body). The app adds the faults, the journal and
   * the shared headers around it (src/core/traffic.ts).
   */
  handle(c: Context): Response | Promise<Response>;
  /** The first path segments the provider is mounted at (`/customers`, `/api`): those and any path below. */
  mountPoints: readonly string[];
  /**
   * Headers every answer of the provider's framework carries, whoever built it (Laravel's:
   * Symfony's `Cache-Control: no-cache, private`); the app adds them with the CORS ones.
   */
  answerHeaders?: Readonly<Record<string, string>>;
  /** A path outside the mount points that the provider answers all the same (Pelcro: `//api/…`). */
  claims?(path: string): boolean;
  /** Forgets every sandbox: the next request of each starts again from the seeded data. */
  reset(): void;
  sandboxCount(): number;
  /** Its open sandboxes (for the admin routes, the journal, snapshots and persistence). */
  registry: SandboxRegistry<Snapshotable>;
  /**
   * The sandbox that credentials given as JSON reach (Piriod `{token, workspace?, test_mode?}`,
   * Pelcro `{token, site_id}`); a ZodError names a bad field.
   */
  addressOf(credentials: unknown): SandboxAddress;
  /**
   * The answer the provider gives for `status` when a fault asks for it, in its own error shape
   * (a request through `X-Understudy-Status`, or a fault rule).
   */
  faultResponse(status: number, request: { method: string; path: string }, retryAfterSeconds?: number): Response;
  /**
   * Builds the seeded data now instead of at the provider's first request (`serve` does, once it
   * listens); does nothing once built. Whether it built it now.
   */
  prepare(): boolean;
  /**
   * Starts building the seeded data in slices (`serve` does, once it listens), so that a request
   * arriving later finds it built while one arriving meanwhile waits at most a slice (a health
   * probe) or finishes the build itself (a provider request). Resolves once it is built.
   */
  prepareSoon(): Promise<void>;
}
