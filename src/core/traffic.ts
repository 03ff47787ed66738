/**
 * What happens around every provider request: the faults asked for (delay first, then a failure
 * answered in the provider's own shape, or a dropped connection), then the provider itself, then
 * the journal entry of the sandbox it used and, when it wrote, a note for persistence.
 *
 * A plain function from the request to its answer, not Hono middleware: a path that one handler
 * serves is dispatched by Hono without its middleware chain, and an answer the provider gives at
 * once is passed on at once, with no promise between. The chain (two middlewares and their
 * `await next()`) cost a retrieve a sixth of its server time (measured: 40.6 → 34.8 µs).
 */
import type { Context } from 'hono';
import type { Faults } from './faults';
import { keptBody, redactedHeaders } from './journal';
import { attempt, type Later, onceReady } from './later';
import type { MountedProvider } from './provider';
import { noted, requestBody, usedSandbox } from './request-context';
import type { Sandboxes } from './sandboxes';
import { noteRequest } from './slices';

/** An answer now, or once the provider has read the request body. */
export type Answer = Later<Response>;

/** The answer to a request, given at once when it can be. */
export type Handle = (c: Context) => Answer;

/** Methods that never write. */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Marks a response that stands for a cut connection, for an in-process caller (createMock's fetch). */
export const DROPPED_HEADER = 'x-understudy-dropped';

/** Cuts the client's connection (behind @hono/node-server); false in-process. */
function dropConnection(c: Context): boolean {
  const socket = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming?.socket;
  if (!socket) return false;
  socket.destroy();
  return true;
}

/** The first `max` bytes of the body the provider read, as text; null when it read none. */
function bodyText(c: Context, max: number): { text: string | null; truncated: boolean } {
  const bytes = requestBody(c);
  if (!bytes) return { text: null, truncated: false };
  return { text: new TextDecoder().decode(bytes.subarray(0, max)), truncated: bytes.byteLength > max };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface TrafficOptions {
  /** The provider's name, as fault rules and the journal name it. */
  name: string;
  provider: MountedProvider;
  /** Every provider's sandboxes (built once all providers are mounted). */
  sandboxes: () => Sandboxes;
  faults: Faults;
  /** The answer to an error the provider did not expect (a bug of the mock): the app's 500. */
  failed: (error: Error, c: Context) => Response;
}

/** The provider's `handle` with the faults before it and the journal after it. */
export function providerTraffic({ name, provider, sandboxes, faults, failed }: TrafficOptions): Handle {
  /** The provider's own answer, a bug in it answered as what it is. */
  const answered = (c: Context): Answer =>
    attempt(
      () => provider.handle(c),
      (error) => {
        if (error instanceof Error) return failed(error, c);
        throw error;
      },
    );

  const unfaulted = (c: Context, method: string): Answer => {
    const all = sandboxes();
    const journaling = all.journalOn;
    const started = journaling ? performance.now() : 0;
    return onceReady(answered(c), (res) => {
      const used = usedSandbox(c);
      if (!used) return res;
      const wrote = !SAFE.has(method) && res.status < 400;
      if (!journaling) {
        all.record(used.provider, used.entry as never, undefined, wrote);
        return res;
      }
      return journal(c, res, method, started, wrote);
    });
  };

  const journal = async (c: Context, res: Response, method: string, started: number, wrote: boolean): Promise<Response> => {
    const all = sandboxes();
    const used = usedSandbox(c)!;
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const limit = all.journalBodyBytes;
    // The body as the provider read it (noted by src/core/body.ts): nothing is read a second time,
    // and nothing at all that the provider did not read.
    const request = bodyText(c, limit);
    // The provider's answer is read whole and answered anew rather than cloned: a cloned body not
    // read by the client kept its bytes alive. Its size is the mock's own (a page at most).
    // A rendered answer's text is known (withText); any other is read and answered anew.
    const status = res.status;
    let response: { text: string | null; truncated: boolean } =
      res.body === null ? { text: null, truncated: false } : (noted(res, limit) ?? { text: null, truncated: false });
    if (response.text === null && res.body !== null) {
      const text = await res.text();
      res = new Response(text, { status, headers: res.headers });
      response = keptBody(text, limit);
    }
    const url = new URL(c.req.url);
    all.record(
      used.provider,
      used.entry as never,
      {
        time: new Date().toISOString(),
        method,
        path: url.pathname,
        query: url.search.slice(1),
        status,
        ms,
        request: { headers: redactedHeaders(c.req.raw.headers), body: request.text, truncated: request.truncated },
        response: {
          headers: redactedHeaders(res.headers),
          body: method === 'HEAD' ? null : response.text,
          truncated: response.truncated,
        },
      },
      wrote,
    );
    return res;
  };

  return (c) => {
    noteRequest();
    const method = c.req.method.toUpperCase();
    const plan = faults.plan({ provider: name, method, path: c.req.path, headers: c.req.raw.headers });
    if (typeof plan === 'string') return c.json({ error: 'bad_request', message: plan }, 400);
    const go = (): Answer => {
      if (plan.failure === 'drop') {
        dropConnection(c);
        return c.body(null, 502, { [DROPPED_HEADER]: '1' });
      }
      if (plan.failure)
        return provider.faultResponse(plan.failure.status, { method: c.req.method, path: c.req.path }, plan.failure.retryAfterSeconds);
      return unfaulted(c, method);
    };
    const answer = plan.delayMs > 0 ? sleep(plan.delayMs).then(go) : go();
    // Noted again once the request's own work is done: an ordered list that first builds its order
    // (100-200 ms at 100,000 customers) was quiet enough by its end for whole slices, which then
    // held the same client's next request (src/core/slices.ts).
    noteRequest();
    return answer;
  };
}
