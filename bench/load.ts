/**
 * Load runs with autocannon (the load generator Fastify and Hono benchmark themselves with): N
 * keep-alive connections, each sending its next request as soon as the last answer is read, so a
 * slower server gets fewer requests and requests/s compares servers directly.
 *
 * Two things are added on top of autocannon's own result: the latency of every answer is kept at
 * full resolution (autocannon's histogram rounds to whole milliseconds, too coarse for answers
 * under 1 ms), and an answer with an unexpected status counts as an error whose first occurrence
 * is kept, so a broken scenario cannot pass for a fast one (autocannon only splits 2xx from the rest).
 */
import autocannon from 'autocannon';

export interface BenchRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  /** Path and query, sent as written (already percent-encoded). */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /**
   * Whether the path, the headers' values and the body are templates filled in per request (see
   * `fill`): writes that must be unique, or a create run spread over sandboxes.
   */
  counted?: boolean;
  /** The path and query of request `i`, when each asks another (`path` names them in reports; autocannon only). */
  pathFor?: (i: number) => string;
}

/**
 * Request `i`'s text from a template: `{i}` is i, and `{i/N}` is i divided by N, rounded down. A
 * varying request is described by templates rather than by a function so that both load
 * generators fill it in the same way: autocannon here, wrk in its Lua script (`bench/wrk.ts`).
 */
export function fill(template: string, i: number): string {
  return template.replace(/\{i\/(\d+)\}/g, (_, n: string) => String(Math.floor(i / Number(n)))).replaceAll('{i}', String(i));
}

/** Request `i` of a run as sent: its templates filled in when it is counted. */
export function nth(request: BenchRequest, i: number): { path: string; headers: Record<string, string>; body?: string } {
  const headers = { ...request.headers };
  if (!request.counted) return { path: request.pathFor?.(i) ?? request.path, headers, body: request.body };
  for (const name of Object.keys(headers)) headers[name] = fill(headers[name], i);
  return {
    path: request.pathFor?.(i) ?? fill(request.path, i),
    headers,
    body: request.body === undefined ? undefined : fill(request.body, i),
  };
}

export interface LoadOptions {
  port: number;
  host?: string;
  connections: number;
  durationMs: number;
  request: BenchRequest;
  /** Statuses that count as success; anything else (or a socket error, or a timeout) is an error. */
  expect: readonly number[];
  /** Seconds an answer may take before it counts as an error (default: 10, or 2 × the duration). */
  timeoutS?: number;
  /** Where a counted request's `i` starts, so a second run never repeats the first one's writes. */
  firstIndex?: number;
}

export interface LoadResult {
  /** Answers received (expected or not). */
  requests: number;
  errors: number;
  /** Answers with an expected status, per second of the run. */
  rps: number;
  /**
   * Latency percentiles in milliseconds, over every answer and every request still unanswered when
   * the run stopped (see `censoredPercentile`); NaN when nothing was sent.
   */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Requests still unanswered when the run stopped. */
  unfinished: number;
  /** Whether a figure is only a lower bound, because unanswered requests reach into it. */
  p50AtLeast: boolean;
  p99AtLeast: boolean;
  maxAtLeast: boolean;
  /** The first unexpected answer or socket error, to tell a broken scenario apart from a slow one. */
  firstError?: string;
}

/**
 * A latency percentile when some requests were still unanswered at the stop: the Kaplan–Meier
 * estimate, the standard one for right-censored times. An unanswered request is known to take at
 * least the time it had waited; it counts among the requests "still waiting" up to then and is
 * dropped after, so it weighs like the requests that had waited as long. Dropping it instead would
 * hide exactly the slowest requests of a run bounded in time; counting it at its wait would
 * understate it. When the answers never reach the percentile (the rest is unanswered), the value
 * is only known from below: the last time observed, marked `atLeast`.
 */
export function censoredPercentile(answered: Float64Array, waited: Float64Array, p: number): { value: number; atLeast: boolean } {
  const n = answered.length + waited.length;
  if (n === 0) return { value: Number.NaN, atLeast: false };
  let atRisk = n;
  let survival = 1;
  let i = 0;
  let j = 0;
  let last = 0;
  while (i < answered.length || j < waited.length) {
    // At equal times an answer comes first: a request that waited t may still be answered at t.
    if (j >= waited.length || (i < answered.length && answered[i] <= waited[j])) {
      last = answered[i++];
      survival *= (atRisk - 1) / atRisk;
      if (1 - survival >= p / 100 - 1e-9) return { value: last, atLeast: false };
    } else last = waited[j++];
    atRisk--;
  }
  return { value: last, atLeast: true };
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function describe(request: BenchRequest): string {
  return `${request.method} ${request.path}`;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { request, expect } = options;
  const latencies: number[] = [];
  let ok = 0;
  let unexpected = 0;
  let firstError: string | undefined;
  let index = options.firstIndex ?? 0;
  const varies = request.counted || request.pathFor !== undefined;
  // When each connection's current request was written; answered ones are removed. A slow server
  // may leave requests unanswered when the time is up: their waits are kept as censored times
  // (see censoredPercentile) rather than dropped, or a run bounded in time would hide its slowest.
  const inFlight = new Map<object, number>();
  const unanswered: number[] = [];

  let finish!: (result: autocannon.Result) => void;
  let fail!: (error: unknown) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  // The callback form returns the instance (the promise form's type hides its events).
  const instance = autocannon(
    {
      url: `http://${options.host ?? '127.0.0.1'}:${options.port}`,
      connections: options.connections,
      duration: options.durationMs / 1000,
      // autocannon stops at the first sample after the duration: sample often, so a run ends on time.
      sampleInt: 100,
      timeout: options.timeoutS ?? Math.max(10, (2 * options.durationMs) / 1000),
      headers: {
        ...request.headers,
        ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      setupClient: (client: autocannon.Client) => {
        // The client also emits 'request' (written) and 'timeout', which its type does not list.
        const events = client as unknown as NodeJS.EventEmitter;
        events.on('request', () => inFlight.set(client, performance.now()));
        client.on('response', () => inFlight.delete(client));
        events.on('timeout', () => inFlight.delete(client));
        // 'done' fires when autocannon destroys the client at the stop: a request still waiting
        // then has waited this long (measured now, not after autocannon has built its result).
        events.on('done', () => {
          const sentAt = inFlight.get(client);
          if (sentAt !== undefined) unanswered.push(performance.now() - sentAt);
          inFlight.delete(client);
        });
      },
      requests: [
        {
          method: request.method,
          path: request.path,
          ...(request.body === undefined ? {} : { body: request.body }),
          // A request without setupRequest is serialised once; only varying ones pay for a rebuild.
          ...(varies
            ? {
                setupRequest: (req: autocannon.Request) => {
                  const { path, headers, body } = nth(request, index++);
                  return { ...req, path, headers: { ...req.headers, ...headers }, ...(body === undefined ? {} : { body }) };
                },
              }
            : {}),
          onResponse: (status: number, body: string) => {
            if (expect.includes(status)) ok++;
            else {
              unexpected++;
              firstError ??= `${describe(request)} → ${status} ${String(body).slice(0, 300)}`;
            }
          },
        },
      ],
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
  });
  instance.on('reqError', (error: Error) => {
    firstError ??= `${describe(request)} → ${error.message}`;
  });
  const result = await done;

  const waited = Float64Array.from(unanswered).sort();
  const answered = Float64Array.from(latencies).sort();
  const seconds = result.duration > 0 ? result.duration : options.durationMs / 1000;
  const p50 = censoredPercentile(answered, waited, 50);
  const p99 = censoredPercentile(answered, waited, 99);
  const longestAnswer = answered.length > 0 ? answered[answered.length - 1] : Number.NaN;
  const longestWait = waited.length > 0 ? waited[waited.length - 1] : Number.NaN;
  // With no answer at all (NaN), the longest wait is the only figure there is.
  const maxAtLeast = waited.length > 0 && !(longestWait <= longestAnswer);
  return {
    requests: answered.length,
    // autocannon's `errors` already include its timeouts.
    errors: unexpected + result.errors,
    rps: ok / seconds,
    p50Ms: p50.value,
    p99Ms: p99.value,
    maxMs: maxAtLeast ? longestWait : longestAnswer,
    unfinished: waited.length,
    p50AtLeast: p50.atLeast,
    p99AtLeast: p99.atLeast,
    maxAtLeast,
    firstError,
  };
}
