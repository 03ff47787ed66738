/**
 * The suites' HTTP client: builds requests against the target's API root, reads every answer once
 * (status, headers, text, JSON), and tells an unreachable target apart from a drifting one: a
 * network error before the first answer means the target is not there at all.
 *
 * A hostile target must never take the run down: redirects are not followed (a documented path
 * answers directly; a 3xx is reported with its Location), a body is read up to MAX_BODY_BYTES,
 * every request (body included) ends at the timeout even when the target's fetch ignores the
 * abort signal, and once the target stops answering (or one endpoint does) the remaining requests
 * (to it) fail at once instead of each waiting for its own timeout.
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
  /** The `charset` parameter of the Content-Type, lower-cased; undefined when absent. */
  charset?: string;
  text: string;
  /** The parsed body; undefined when the body is empty or not JSON (see `jsonError`). */
  json: unknown;
  jsonError?: string;
  /** The body's bytes are not UTF-8 (JSON between systems must be: RFC 8259 §8.1). */
  notUtf8?: boolean;
  /**
   * The body began with a UTF-8 byte order mark, which the decoder drops from `text`: RFC 8259 §8.1
   * forbids sending one, and PHP's json_decode and Go's encoding/json refuse the body it starts.
   */
  bom?: boolean;
  /** The body passed MAX_BODY_BYTES and was not read further (`text` is empty). */
  oversized?: boolean;
  /** For a 3xx: the Location it points to, resolved against the request URL. */
  location?: string;
  /**
   * Sent with the run's own credentials: no default header (the key, the workspace …) removed or
   * replaced. False for the requests that deliberately send no key, or another one.
   */
  ownCredentials: boolean;
}

/** No answer of a customer API comes near this; a body past it is not read to the end. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/**
 * After this many requests in a row got no answer, on at least two endpoints, the target is taken
 * to have gone away; one endpoint that fails this many times in a row is given up alone (the rest
 * of the API is still judged).
 */
const GONE_AFTER = 3;

/** Methods a client may send again after the connection closed before an answer (RFC 9110 §9.2.2). */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
/** How often one request is sent again after a 429, and the longest Retry-After the run waits for. */
const MAX_THROTTLED = 3;
const MAX_THROTTLE_WAIT_MS = 30_000;

/** A Retry-After (delay-seconds or an HTTP-date, RFC 9110 §10.2.3) in milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The connection closed or was reset before the whole answer came (not a timeout, DNS or TLS failure). */
function closedBeforeAnswer(error: unknown): boolean {
  const err = error as { cause?: { code?: string; cause?: { code?: string } }; code?: string };
  const code = err?.cause?.code ?? err?.cause?.cause?.code ?? err?.code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE';
}

/** `GET /customers/{id}/`: a request's endpoint, ids folded, for telling one bad endpoint from a dead target. */
function endpointOf(method: string, pathname: string): string {
  const folded = pathname
    .split('/')
    .map((segment) => (/\d/.test(segment) || /^[a-z]+_[A-Za-z0-9]+$/.test(segment) ? '{id}' : segment))
    .join('/');
  return `${method} ${folded}`;
}

/**
 * An answer's status as a report shows it: `301 (redirect to https://…)` for a redirect, else the
 * status with the start of the body (`500 text/html: <h1>Server Error (500)</h1>`), which usually
 * says at once what answered.
 */
export function statusText(res: Pick<Res, 'status' | 'location'> & Partial<Pick<Res, 'text' | 'mediaType'>>): string {
  if (res.status >= 300 && res.status < 400) return `${res.status} (redirect to ${res.location ?? 'no Location'})`;
  const text = (res.text ?? '').replace(/\s+/g, ' ').trim();
  if (text.length === 0) return String(res.status);
  return `${res.status} ${res.mediaType || 'without a content type'}: ${text.length > 100 ? `${text.slice(0, 99)}…` : text}`;
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
  /** Requests in a row that got no answer, and the endpoints they went to. */
  private silent = 0;
  private silentEndpoints = new Set<string>();
  /** Per endpoint: its requests in a row that got no answer. */
  private failing = new Map<string, number>();
  requests = 0;

  constructor(
    private readonly target: Target,
    /** The API root every `Req.path` hangs below, e.g. `https://www.pelcro.com/api/v1/core`. */
    readonly apiRoot: URL,
    private readonly defaultHeaders: Record<string, string>,
    private readonly timeoutMs: number,
  ) {}

  /** Whether `headers` leave every default header as it is (an equal value may be repeated). */
  private keepsDefaults(headers: Req['headers']): boolean {
    return Object.entries(headers ?? {}).every(([name, value]) => {
      const own = Object.entries(this.defaultHeaders).find(([key]) => key.toLowerCase() === name.toLowerCase());
      return own === undefined || own[1] === value;
    });
  }

  url(path: string, query?: Req['query'], search?: string): URL {
    const root = this.apiRoot.pathname.replace(/\/+$/, '');
    const url = new URL(`${root}${path}`, this.apiRoot.origin);
    appendQuery(url, query, search);
    return url;
  }

  async send(req: Req): Promise<Res> {
    const url = this.url(req.path, req.query, req.search);
    const shown = `${url.pathname}${url.search}`;
    const endpoint = endpointOf(req.method, url.pathname);
    if (this.silent >= GONE_AFTER && this.silentEndpoints.size >= 2) {
      throw new NetworkError(req.method, shown, `not sent: the target stopped answering (${this.silent} requests in a row got no answer)`);
    }
    if ((this.failing.get(endpoint) ?? 0) >= GONE_AFTER) {
      throw new NetworkError(req.method, shown, `not sent: ${endpoint} got no answer ${GONE_AFTER} times in a row`);
    }
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
    let response: Response;
    let bytes: Uint8Array | undefined;
    for (let attempt = 1; ; attempt++) {
      const signal = AbortSignal.timeout(this.timeoutMs);
      // A redirect is an answer to judge, not a step to take: the documented paths answer directly,
      // and following one would hide a trailing-slash redirect that drops the query.
      const request = new Request(url, { method: req.method, headers, body, signal, redirect: 'manual' });
      this.requests++;
      let head: Response | undefined;
      try {
        // Bounded even when the target's fetch ignores the signal (an in-process app, a test double).
        response = await bounded(this.target.fetch(request), signal);
        head = response;
        bytes = await readBody(response, signal);
      } catch (error) {
        // A server may close an idle keep-alive connection at any time, racing the request sent on
        // it; an idempotent request is sent once more on a fresh connection (RFC 9112 §9.3.1).
        if (attempt === 1 && IDEMPOTENT.has(req.method) && closedBeforeAnswer(error)) continue;
        // Headers that came and a body that did not: say so, or "closed the connection" reads as if
        // nothing had answered (a write may then have been applied).
        let reason = describeNetworkError(error);
        if (head)
          reason = isTimeout(error)
            ? `answered ${head.status}, but its body did not end before the timeout (--timeout)`
            : `answered ${head.status}, then the body broke off: ${reason}`;
        else if (!IDEMPOTENT.has(req.method) && closedBeforeAnswer(error))
          reason += `; not sent again, since a ${req.method} may have been applied`;
        this.silent++;
        this.silentEndpoints.add(endpoint);
        this.failing.set(endpoint, (this.failing.get(endpoint) ?? 0) + 1);
        if (!this.answered) {
          throw new UnreachableError(`cannot reach ${this.apiRoot.href}: ${reason}`);
        }
        throw new NetworkError(req.method, shown, reason);
      }
      // Throttled (DRF's and Laravel's 429 with Retry-After): the provider asks the client to come
      // back later, which says nothing of the contract; the run waits as asked, within bounds.
      const wait = response.status === 429 && attempt <= MAX_THROTTLED ? retryAfterMs(response.headers.get('retry-after')) : undefined;
      if (wait === undefined || wait > MAX_THROTTLE_WAIT_MS) break;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    this.answered = true;
    this.silent = 0;
    this.silentEndpoints.clear();
    this.failing.delete(endpoint);
    const contentType = response.headers.get('content-type') ?? '';
    const mediaType = contentType.split(';')[0].trim().toLowerCase();
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1]?.toLowerCase();
    const res: Res = {
      method: req.method,
      path: shown,
      status: response.status,
      headers: response.headers,
      mediaType,
      charset,
      text: '',
      json: undefined,
      ownCredentials: this.keepsDefaults(req.headers),
    };
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      if (location !== null) {
        try {
          res.location = new URL(location, url).href;
        } catch {
          res.location = location;
        }
      }
    }
    if (bytes === undefined) {
      res.oversized = true;
      return res;
    }
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) res.bom = true;
    try {
      res.text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      res.notUtf8 = true;
      res.text = new TextDecoder('utf-8').decode(bytes);
    }
    if (res.text.length > 0) {
      try {
        res.json = JSON.parse(res.text);
      } catch (error) {
        res.jsonError = (error as Error).message;
      }
    }
    return res;
  }
}

/** `promise`, or a rejection with the signal's reason once it aborts. */
function bounded<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** The body's bytes, or undefined once they pass MAX_BODY_BYTES (the rest is not read). */
async function readBody(response: Response, signal: AbortSignal): Promise<Uint8Array | undefined> {
  if (!response.body) return new Uint8Array(0);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    await response.body.cancel().catch(() => {});
    return undefined;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await bounded(reader.read(), signal);
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel().catch(() => {});
        return undefined;
      }
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
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

/** What the common error codes mean, for someone reading a CI log. */
const CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused (nothing listens there)',
  ECONNRESET: 'connection reset by the server',
  ENOTFOUND: 'the host name does not resolve (DNS)',
  EAI_AGAIN: 'the host name could not be resolved right now (DNS)',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  EPIPE: 'the server closed the connection while the request was sent',
  UND_ERR_SOCKET: 'the server closed the connection',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers in time',
  UND_ERR_BODY_TIMEOUT: 'the response body stalled',
  ERR_SSL_WRONG_VERSION_NUMBER: 'TLS handshake failed (is it an http:// server?)',
  EPROTO: 'TLS handshake failed',
  CERT_HAS_EXPIRED: 'TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS certificate chain is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate cannot be verified',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'TLS certificate issuer is unknown',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not name this host',
};

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

function describeNetworkError(error: unknown): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string; cause?: { code?: string } } };
  if (isTimeout(error)) return 'no answer before the timeout (--timeout)';
  const cause = err?.cause;
  const code = cause?.code ?? cause?.cause?.code ?? (error as { code?: string })?.code;
  if (code) return `${CODES[code] ?? err?.message ?? 'network error'} (${code})`;
  if (cause?.message) return `${err?.message ?? 'network error'}: ${cause.message}`;
  return err?.message ?? String(error);
}
