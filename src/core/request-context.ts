/**
 * What a request left for the journal and persistence: which sandbox it used, noted on the request's Hono context by the registry when the
 * provider asks for the sandbox, and read by the journal and persistence once the provider has
 * answered. (Not AsyncLocalStorage: on Node 20 it slows every promise, enough to change how
 * requests in flight drain at a stop.)
 */
import type { Context } from 'hono';
import type { SandboxEntry } from './registry';

export interface UsedSandbox {
  provider: string;
  entry: SandboxEntry<unknown>;
}

const KEY = 'understudy.sandbox';

export function noteSandbox(c: Context | undefined, used: UsedSandbox): void {
  c?.set(KEY as never, used as never);
}

export function usedSandbox(c: Context): UsedSandbox | undefined {
  return c.get(KEY as never) as UsedSandbox | undefined;
}

const BODY = 'understudy.body';

/** The request body as the provider read it (src/core/body.ts), for the journal: no second read. */
export function noteRequestBody(c: Context, bytes: Uint8Array): void {
  c.set(BODY as never, bytes as never);
}

export function requestBody(c: Context): Uint8Array | undefined {
  return c.get(BODY as never) as Uint8Array | undefined;
}

/** The text of responses a provider built from a string it rendered, so the journal need not read them back. */
const texts = new WeakMap<Response, string>();

/** Notes the text `res` was built from (the same string, unchanged); returns `res`. */
export function withText(res: Response, text: string): Response {
  texts.set(res, text);
  return res;
}

export function textOf(res: Response): string | undefined {
  return texts.get(res);
}
