import type { Context } from 'hono';
import { ApiError } from './errors';

/**
 * Reads the raw request body, refusing more than `limitBytes` before buffering it all: a declared
 * Content-Length over the limit is refused at once, a streamed body as soon as it passes the limit.
 */
export async function readRawBody(c: Context, limitBytes: number): Promise<Uint8Array> {
  refuseDeclaredOversize(c, limitBytes);
  const stream = c.req.raw.body;
  if (!stream) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel();
      // Made only when thrown: an Error captures a stack trace, a cost every write paid before.
      throw new ApiError({ kind: 'payload_too_large', limitBytes });
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** Refuses a request whose declared Content-Length is over the limit, before reading anything. */
export function refuseDeclaredOversize(c: Context, limitBytes: number): void {
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > limitBytes) throw new ApiError({ kind: 'payload_too_large', limitBytes });
}

/** The media type of the request without parameters, lower-cased; '' when absent. */
export function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
}
