/**
 * What a request left for the journal and persistence: which sandbox it used, noted on the request's Hono context by the registry when the
 * provider asks for the sandbox, and read by the journal and persistence once the provider has
 * answered. (Not AsyncLocalStorage: on Node 20 it slows every promise, enough to change how
 * requests in flight drain at a stop.)
 */
import type { Context } from 'hono';
import { AnswerBytes } from './answer-bytes';
import { keptBody } from './journal';
import type { CachedPage } from './page-cache';
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

/**
 * The request target as the client sent it: path and query, still percent-encoded. The node
 * server adapter keeps it in its env (`incoming.url`); the URL it builds has been through the
 * WHATWG URL parser whenever the target held a dot segment or a character outside its fast path,
 * which resolves `/./`, `/../` and `%2e` segments and escapes some characters — nginx passes the
 * target to PHP as sent, gunicorn to Django. Without the env (`app.request()`), the URL's.
 */
export function requestTarget(c: Context): string {
  const target = (c.env as { incoming?: { url?: unknown } } | undefined)?.incoming?.url;
  if (typeof target === 'string' && target.startsWith('/')) return target;
  const url = c.req.url;
  const start = url.indexOf('/', url.indexOf('://') + 3);
  return start === -1 ? '/' : url.slice(start);
}

const BODY = 'understudy.body';

/** The request body as the provider read it (src/core/body.ts), for the journal: no second read. */
export function noteRequestBody(c: Context, bytes: Uint8Array): void {
  c.set(BODY as never, bytes as never);
}

export function requestBody(c: Context): Uint8Array | undefined {
  return c.get(BODY as never) as Uint8Array | undefined;
}

/**
 * What the app notes on an answer it built: the text it was built from (so the journal need not
 * read the body back) and whether it carries the shared headers. Symbol-keyed properties of the
 * answer, not WeakMap entries: an ephemeron per answer cost the collector more than the rest of a
 * retrieve's bookkeeping.
 */
const TEXT = Symbol('understudy.text');
const CARRIES_SHARED = Symbol('understudy.carries-shared');
const SANDBOX_LABEL = Symbol('understudy.sandbox-label');
type Noted = Response & { [TEXT]?: string | CachedPage; [CARRIES_SHARED]?: true; [SANDBOX_LABEL]?: string };

/**
 * The label of the sandbox an answer came from (`GET /__understudy/sandboxes` shows the same), for
 * the request log: the credentials a request carries do not always name its sandbox (a Pelcro Open
 * API call reaches the API key's sandbox with a customer token, or with none on register and login).
 */
export function noteAnswerSandbox(res: Response, label: string): Response {
  (res as Noted)[SANDBOX_LABEL] = label;
  return res;
}

export function answerSandbox(res: Response): string | undefined {
  return (res as Noted)[SANDBOX_LABEL];
}

/**
 * Notes the text `res` was built from (the same string, unchanged), or the kept page it sends,
 * whose text is decoded only if read; returns `res`.
 */
export function withText(res: Response, text: string | CachedPage): Response {
  (res as Noted)[TEXT] = text;
  return res;
}

/** The first `limit` characters of the text noted on `res` (withText), and whether it goes on. */
export function noted(res: Response, limit: number): { text: string; truncated: boolean } | undefined {
  const text = (res as Noted)[TEXT];
  return typeof text === 'object' ? text.head(limit) : text === undefined ? undefined : keptBody(text, limit);
}

const SHARED = 'understudy.shared-headers';

/** Headers the app adds to every answer of a provider route (CORS), noted before the provider runs. */
export function noteSharedHeaders(c: Context, headers: Readonly<Record<string, string>>): void {
  c.set(SHARED as never, headers as never);
}

/**
 * A provider's own headers with the shared ones added (a `Vary` of its own is kept, and extended).
 * An answer built with these, and noted by `carriesShared`, needs nothing added afterwards: its
 * headers stay a plain object, which @hono/node-server writes as is. Set on the answer afterwards,
 * they turned it into a web Headers (validated, sorted, copied) on every answer.
 */
function withSharedHeaders(c: Context, own: Record<string, string>): Record<string, string> {
  const shared = c.get(SHARED as never) as Readonly<Record<string, string>> | undefined;
  if (!shared) return own;
  // Object.assign, not a spread: spreading these header objects took V8's slow path, some 3 µs an
  // answer (measured), against 0.05 µs.
  const headers = Object.assign({}, own, shared);
  if (own.Vary && shared.Vary) headers.Vary = `${own.Vary}, ${shared.Vary}`;
  return headers;
}

/** Notes that `res` was built with `withSharedHeaders`; returns `res`. */
function carriesShared(res: Response): Response {
  (res as Noted)[CARRIES_SHARED] = true;
  return res;
}

/**
 * `res` without its body, its status and headers kept, and whether it carries the shared headers:
 * a HEAD a provider answers itself (Hono strips only a request that is a HEAD on the wire).
 */
export function bodiless(res: Response): Response {
  const out = new Response(null, { status: res.status, headers: res.headers });
  return hasSharedHeaders(res) ? carriesShared(out) : out;
}

/** Whether `res` already carries the shared headers. */
export function hasSharedHeaders(res: Response): boolean {
  return (res as Noted)[CARRIES_SHARED] === true;
}

/** The bytes of read answers asked again: one for the process, as a text is the same bytes in every app. */
const ANSWER_BYTES = new AnswerBytes();

/**
 * A provider's answer with a rendered body (a text, or a kept page's bytes; null for none): its own
 * headers, the app's shared ones when the request `c` is at hand, and its text noted for the journal.
 */
export function renderedAnswer(
  c: Context | undefined,
  status: number,
  body: string | CachedPage | null,
  own: Record<string, string>,
): Response {
  const headers = c ? withSharedHeaders(c, own) : own;
  let res: Response;
  if (body === null) res = new Response(null, { status, headers });
  else if (typeof body === 'string') {
    // A read's text may be asked again, and is then answered from its bytes (answer-bytes.ts).
    const sent = status === 200 && c?.req.method === 'GET' ? ANSWER_BYTES.body(body) : body;
    res = withText(new Response(sent, { status, headers }), body);
  } else res = withText(new Response(body.bytes, { status, headers }), body);
  return c ? carriesShared(res) : res;
}
