/**
 * What happens around every provider request: the faults asked for (delay first, then a failure
 * answered in the provider's own shape, or a dropped connection), then the provider itself, then
 * the journal entry of the sandbox it used and, when it wrote, a note for persistence.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Faults } from './faults';
import { keptBody, redactedHeaders } from './journal';
import type { MountedProvider } from './provider';
import { requestBody, textOf, usedSandbox } from './request-context';
import type { Sandboxes } from './sandboxes';
import { noteRequest } from './slices';

/** Methods that never write. */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Marks a response that stands for a cut connection, for an in-process caller (createMock's fetch). */
export const DROPPED_HEADER = 'x-understudy-dropped';

function ownerOf(providers: ReadonlyMap<string, MountedProvider>, path: string): [string, MountedProvider] | undefined {
  for (const [name, provider] of providers) {
    if (provider.mountPoints.some((mount) => path === mount || path.startsWith(`${mount}/`))) return [name, provider];
  }
  return undefined;
}

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

export function providerTraffic(providers: ReadonlyMap<string, MountedProvider>, sandboxes: Sandboxes, faults: Faults): MiddlewareHandler {
  return async (c, next) => {
    const owner = ownerOf(providers, c.req.path);
    if (!owner) return next();
    noteRequest();
    const [name, provider] = owner;
    const method = c.req.method.toUpperCase();
    const plan = faults.plan({ provider: name, method, path: c.req.path, headers: c.req.raw.headers });
    if (typeof plan === 'string') return c.json({ error: 'bad_request', message: plan }, 400);
    if (plan.delayMs > 0) await sleep(plan.delayMs);
    if (plan.failure === 'drop') {
      dropConnection(c);
      return c.body(null, 502, { [DROPPED_HEADER]: '1' });
    }
    if (plan.failure)
      return provider.faultResponse(plan.failure.status, { method: c.req.method, path: c.req.path }, plan.failure.retryAfterSeconds);

    const journaling = sandboxes.journalOn;
    const started = journaling ? performance.now() : 0;
    await next();
    const used = usedSandbox(c);
    if (!used) return;
    const status = c.res.status;
    const wrote = !SAFE.has(method) && status < 400;
    if (!journaling) {
      sandboxes.record(used.provider, used.entry as never, undefined, wrote);
      return;
    }
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const limit = sandboxes.journalBodyBytes;
    // The body as the provider read it (noted by src/core/body.ts): nothing is read a second time,
    // and nothing at all that the provider did not read.
    const request = bodyText(c, limit);
    // The provider's answer is read whole and answered anew rather than cloned: a cloned body not
    // read by the client kept its bytes alive. Its size is the mock's own (a page at most).
    // A rendered answer's text is known (withText); any other is read and answered anew.
    let text: string | null = c.res.body === null ? null : (textOf(c.res) ?? null);
    if (text === null && c.res.body !== null) {
      text = await c.res.text();
      c.res = new Response(text, { status, headers: c.res.headers });
    }
    const response = text === null ? { text: null, truncated: false } : keptBody(text, limit);
    const url = new URL(c.req.url);
    sandboxes.record(
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
          headers: redactedHeaders(c.res.headers),
          body: method === 'HEAD' ? null : response.text,
          truncated: response.truncated,
        },
      },
      wrote,
    );
  };
}
