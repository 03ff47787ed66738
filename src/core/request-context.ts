/**
 * What the mock learns about a request while a provider answers it: which sandbox it used. The
 * provider code never passes this along; the sandbox registry notes it here (AsyncLocalStorage),
 * so the journal and persistence work the same for every provider without a line in its routes.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SandboxEntry } from './registry';

export interface RequestContext {
  /** The sandbox the request opened or used, with the provider it belongs to. */
  sandbox?: { provider: string; entry: SandboxEntry<unknown> };
}

export const requestContext = new AsyncLocalStorage<RequestContext>();
