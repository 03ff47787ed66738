/**
 * The suites' HTTP client: builds requests against the target's API root, reads every answer once
 * (status, headers, text, JSON), and tells an unreachable target apart from a drifting one: a
 * network error before the first answer means the target is not there at all.
 */

/** Where a suite sends its requests: a base URL and a fetch (global fetch, or an app's in-process fetch). */
export interface Target {
  baseUrl: string;
  fetch: (request: Request) => Promise<Response>;
}

/** The target could not be reached at all (exit code 2, not a contract failure). */
export class UnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreachableError';
  }
}

export type QueryValue = string | number | boolean | undefined | null;

export interface Req {
  method: string;
  /** Path below the API root, starting with `/` (e.g. `/customers/`). */
  path: string;
  /** Appended in order; undefined/null values are left out. */
  query?: Record<string, QueryValue> | [string, string][];
  /** A raw query string (`?a=1&b=2` or `a=1`) appended after `query`, e.g. from a `next` link. */
  search?: string;
  /** Sent as JSON unless `rawBody` is given. */
  body?: unknown;
  rawBody?: string;
  /** Content-Type for the body; defaults to application/json when there is one. */
  contentType?: string;
  /** Extra headers; a null value removes a default header (e.g. `Authorization: null`). */
  headers?: Record<string, string | null>;
}

export interface Res {
  method: string;
  /** Path and query as sent, for reports (no origin, no credentials). */
  path: string;
  status: number;
  headers: Headers;
  /** Media type without parameters, lower-cased; '' when absent. */
  mediaType: string;
  text: string;
  /** The parsed body; undefined when the body is empty or not JSON (see `jsonError`). */
  json: unknown;
  jsonError?: string;
}

export function appendQuery(url: URL, query: Req['query'], search?: string): void {
  const pairs: [string, string][] = Array.isArray(query)
    ? query
    : Object.entries(query ?? {})
        .filter(([, v]) => v !== undefined && v !== null)
        .map(([k, v]) => [k, String(v)]);
  for (const [k, v] of pairs) url.searchParams.append(k, v);
  if (search) {
    for (const [k, v] of new URLSearchParams(search.startsWith('?') ? search.slice(1) : search)) {
      url.searchParams.append(k, v);
    }
  }
}

export class HttpClient {
  private answered = false;
  requests = 0;

  constructor(
    private readonly target: Target,
    /** The API root every `Req.path` hangs below, e.g. `https://www.pelcro.com/api/v1/core`. */
    readonly apiRoot: URL,
    private readonly defaultHeaders: Record<string, string>,
    private readonly timeoutMs: number,
  ) {}

  url(path: string, query?: Req['query'], search?: string): URL {
    const root = this.apiRoot.pathname.replace(/\/+$/, '');
    const url = new URL(`${root}${path}`, this.apiRoot.origin);
    appendQuery(url, query, search);
    return url;
  }

  async send(req: Req): Promise<Res> {
    const url = this.url(req.path, req.query, req.search);
    const headers = new Headers({ Accept: 'application/json' });
    for (const [k, v] of Object.entries(this.defaultHeaders)) headers.set(k, v);
    let body: string | undefined;
    if (req.rawBody !== undefined || req.body !== undefined) {
      body = req.rawBody ?? JSON.stringify(req.body);
      headers.set('Content-Type', req.contentType ?? 'application/json');
    }
    for (const [k, v] of Object.entries(req.headers ?? {})) {
      if (v === null) headers.delete(k);
      else headers.set(k, v);
    }
    const request = new Request(url, { method: req.method, headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
    const shown = `${url.pathname}${url.search}`;
    this.requests++;
    let response: Response;
    let text: string;
    try {
      response = await this.target.fetch(request);
      text = await response.text();
    } catch (error) {
      const reason = describeNetworkError(error);
      if (!this.answered) {
        throw new UnreachableError(`cannot reach ${this.apiRoot.href}: ${reason}`);
      }
      throw new NetworkError(req.method, shown, reason);
    }
    this.answered = true;
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    let json: unknown;
    let jsonError: string | undefined;
    if (text.length > 0) {
      try {
        json = JSON.parse(text);
      } catch (error) {
        jsonError = (error as Error).message;
      }
    }
    return { method: req.method, path: shown, status: response.status, headers: response.headers, mediaType, text, json, jsonError };
  }
}

/** A network error after the target has answered once: a failure of the check that sent it. */
export class NetworkError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${method} ${path}: ${reason}`);
    this.name = 'NetworkError';
  }
}

function describeNetworkError(error: unknown): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return 'no answer before the timeout';
  const cause = err?.cause;
  if (cause?.code) return `${err.message ?? 'network error'} (${cause.code})`;
  if (cause?.message) return `${err.message ?? 'network error'}: ${cause.message}`;
  return err?.message ?? String(error);
}
