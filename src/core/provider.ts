import type { Hono } from 'hono';
import type { AppOptions, ProviderName } from './options';

/** What the app needs from a provider: its routes mounted at their real paths. */
export interface ProviderModule {
  name: ProviderName;
  title: string;
  /** `METHOD /path` lines, for the start banner and the docs. */
  routes: readonly string[];
  /** A ready-to-paste curl line against `baseUrl`. */
  curlExample(baseUrl: string): string;
  /** More lines for the start banner (e.g. how a frontend signs in). */
  notes?(options: AppOptions): string[];
  /** Mounts the provider's routes on `app`. Must do no I/O. */
  mount(app: Hono, options: AppOptions): MountedProvider;
}

/** A provider once mounted: what the mock's own routes may do to its sandboxes. */
export interface MountedProvider {
  /** Forgets every sandbox: the next request of each starts again from the seeded data. */
  reset(): void;
  sandboxCount(): number;
}
