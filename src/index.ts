/** The programmatic API: build the mock in-process for your own tests. */
export { createApp, buildApp, ADMIN_PREFIX } from './app';
export type { AppOptions, AppOptionsInput, ProviderName } from './core/options';
export type { Scenario } from './core/scenario';
