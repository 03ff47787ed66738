import { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { ApiError } from './errors';
import { noteRequestBody } from './request-context';

/**
 * Reads the raw request body, refusing more than `limitBytes` before buffering it all: a declared
 * Content-Length over the limit is refused at once, a streamed body as soon as it passes the limit.
 * The bytes read are noted on the request for the journal, which so never reads the body itself.
 */
export async function readRawBody(c: Context, limitBytes: number): Promise<Uint8Array> {
  const bytes = await readWithin(c, limitBytes);
  noteRequestBody(c, bytes);
  return bytes;
}

/**
 * The body's bytes, or undefined past `limitBytes` (declared or streamed): read as it arrives and
 * dropped at the first byte past the bound, for a route that answers its own refusal (the admin's).
 */
export async function bodyWithin(c: Context, limitBytes: number): Promise<Uint8Array | undefined> {
  try {
    return await readWithin(c, limitBytes);
  } catch (error) {
    if (error instanceof ApiError && error.problem.kind === 'payload_too_large') return undefined;
    throw error;
  }
}

async function readWithin(c: Context, limitBytes: number): Promise<Uint8Array> {
  refuseDeclaredOversize(c, limitBytes);
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  if (incoming instanceof IncomingMessage && !incoming.readableEnded) return readIncoming(incoming, limitBytes);
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

/**
 * The body straight from Node's request (served by @hono/node-server): the web stream Hono would
 * build over it (a Request, a ReadableStream, Readable.toWeb) cost every write several ms. It also
 * reads the body of a GET or HEAD, which a Fetch Request cannot carry (the node adapter drops it)
 * but HTTP allows and Laravel reads.
 */
function readIncoming(incoming: IncomingMessage, limitBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const stop = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > limitBytes) {
        // Stop reading, but leave the socket open: the refusal is still answered on it (the
        // server drains what is left once the answer is written).
        stop();
        incoming.pause();
        reject(new ApiError({ kind: 'payload_too_large', limitBytes }));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    // A client gone before the end: nothing is left to answer, but the read must not wait forever.
    const onClose = () => onError(new Error('the request was closed before its body ended'));
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
  });
}

/** Refuses a request whose declared Content-Length is over the limit, before reading anything. */
export function refuseDeclaredOversize(c: Context, limitBytes: number): void {
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > limitBytes) throw new ApiError({ kind: 'payload_too_large', limitBytes });
}
