/**
 * Test helpers: the in-process mock as a contract target, the options each provider's suite needs,
 * and drift, a wrapper around a target's fetch that rewrites requests or answers the way a
 * drifting deployment would.
 */
import { createApp } from '../../src/app';
import type { AppOptionsInput } from '../../src/core/options';
import type { RunOptions, Target } from '../../contracts/check/runner';

export const BASE_URL = 'http://understudy.test';

/** The mock in-process, as a target: no port, no network. */
export function mockTarget(options: AppOptionsInput = {}, baseUrl = BASE_URL): Target {
  const app = createApp({ freezeTime: '2026-01-01T12:00:00Z', ...options });
  return { baseUrl, fetch: async (request) => app.fetch(request) };
}

/** What each suite needs to run against the mock (fixed run tag: deterministic records). */
export const runOptions: Record<'piriod' | 'pelcro', RunOptions> = {
  piriod: { token: 'contract-token', workspace: 'acc_understudy', runTag: 'test-run' },
  pelcro: { token: 'contract-token', siteId: 1, runTag: 'test-run' },
};

export interface Answer {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined when there is none or it is not JSON. */
  json: unknown;
  text: string;
  /** Raw bytes to send instead of `json`/`text` (e.g. a body in another charset). */
  bytes?: Uint8Array;
}

export interface Drift {
  /** What changed, in a few words (shown when the drift survives). */
  name: string;
  /** Rewrites a request before the mock sees it (e.g. drop a filter: "filter ignored"). */
  request?: (request: Request, url: URL) => Request | Promise<Request>;
  /** Rewrites an answer; return a new answer or mutate and return the given one. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a drift that mutates the answer in place returns nothing
  response?: (answer: Answer, request: Request) => Answer | void | Promise<Answer | void>;
  /** Run options the drift needs (e.g. `strict` for an undeclared field, a short `timeoutMs`). */
  options?: Partial<RunOptions>;
  /** Mock options the drift needs (e.g. a scenario with more than one page of 100). */
  app?: AppOptionsInput;
  /** The base URL the run calls, when not BASE_URL (e.g. `https://…`, for a drift that downgrades links to http). */
  baseUrl?: string;
}

/** The target with `drift` applied to everything that passes through it. */
export function drifted(target: Target, drift: Drift): Target {
  return {
    baseUrl: target.baseUrl,
    async fetch(original) {
      const forResponse = original.clone();
      const request = drift.request ? await drift.request(original, new URL(original.url)) : original;
      const response = await target.fetch(request);
      if (!drift.response) return response;
      const text = await response.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      const answer: Answer = { status: response.status, headers: new Headers(response.headers), json, text };
      const changed = (await drift.response(answer, forResponse)) ?? answer;
      // A drift edits `json` (re-serialized here) or, to send something that is not JSON, sets
      // `json` to undefined and `text` to the raw body (or `bytes`, for bytes that are not UTF-8).
      const body = changed.bytes ?? (changed.json !== undefined ? JSON.stringify(changed.json) : changed.text);
      changed.headers.delete('content-length');
      const empty = changed.status === 204 || changed.status === 304 || (changed.status >= 300 && changed.status < 400 && body === '');
      return new Response(empty ? null : body, { status: changed.status, headers: changed.headers });
    },
  };
}

/** Runs `drift` against a fresh mock: the target and the options the suite runs with. */
export function driftRun(provider: 'piriod' | 'pelcro', drift: Drift): { target: Target; options: RunOptions } {
  return { target: drifted(mockTarget(drift.app, drift.baseUrl), drift), options: { ...runOptions[provider], ...drift.options } };
}

/** Resolves after `ms`, or rejects when `signal` aborts first (a hanging server that a client gives up on). */
export function hang(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** Makes `answer` a JSON answer of `status` holding `json`: its text and Content-Type follow. */
export function asJson(answer: Answer, status: number, json: unknown): void {
  answer.status = status;
  answer.json = json;
  answer.text = JSON.stringify(json);
  answer.headers.set('content-type', 'application/json');
}

/**
 * A deployment that throttles once: the first answer `when` picks becomes a 429 with `retryAfter`
 * (read when it is sent, so an HTTP-date is current) and `json`; every other answer is left as it is.
 */
export function throttledOnce(
  name: string,
  when: (answer: Answer, request: Request) => boolean,
  retryAfter: () => string,
  json: unknown,
): Drift {
  let done = false;
  return {
    name,
    response: (answer, request) => {
      if (done || !when(answer, request)) return;
      done = true;
      answer.headers.set('retry-after', retryAfter());
      asJson(answer, 429, json);
    },
  };
}

/** A copy of `request` with `url` changed (method, headers and body kept). */
export async function withUrl(request: Request, url: URL): Promise<Request> {
  const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
  return new Request(url, { method: request.method, headers: request.headers, body });
}

/** A request without the query parameters `names` (the target "ignores" them). */
export function dropParams(...names: string[]): Drift['request'] {
  return (request, url) => {
    if (!names.some((n) => url.searchParams.has(n))) return request;
    for (const name of names) url.searchParams.delete(name);
    return withUrl(request, url);
  };
}

/** Applies `edit` to every object in `value` that `is` recognises, at any depth. */
export function everywhere(value: unknown, is: (o: Record<string, unknown>) => boolean, edit: (o: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) for (const v of value) everywhere(v, is, edit);
  else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (is(o)) edit(o);
    for (const v of Object.values(o)) everywhere(v, is, edit);
  }
}

/** Every object of `value` with its keys in reverse alphabetical order, at any depth. */
export function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .reverse()
      .map((k) => [k, reordered(o[k])]),
  );
}
