/**
 * The HTTP server behind both `understudy serve` and `startMock()`: @hono/node-server's, plus what
 * node's HTTP parser would otherwise decide before the app sees a request.
 *
 * Node's parser (llhttp) knows a fixed list of verbs and refuses any other (`FOO /customers/`) with
 * an empty 400. The servers in front of the real frameworks pass an unknown upper-case verb on:
 * gunicorn (`[A-Z0-9$-_.]{3,20}`, lower case refused by default) for Django, nginx
 * (`ngx_http_parse_request_line`: `A-Z`, `_`, `-`) for PHP-FPM — which server each provider runs is
 * a **guess** (docs/fidelity). The framework then answers it as a method it does not serve: DRF's 405
 * `Method "FOO" not allowed.`, Laravel's 405 `The FOO method is not supported for route …`. So a
 * request refused for such a verb alone is read here from its raw bytes and answered by the app, on
 * a connection that then closes; any other verb keeps node's empty 400, as those servers refuse it too.
 *
 * Node's parser also refuses a target holding raw bytes above 0x7f (`GET /customers/?search=ñ`,
 * as curl sends what it is given), which nginx and gunicorn pass on as they are (PEP 3333: the
 * WSGI strings hold them as latin-1 characters). Such a request is read from its raw bytes too:
 * the app gets a URL with those bytes percent-encoded, and the target as sent (each byte one
 * latin-1 character, as a WSGI server hands it over) where it asks for the raw target. The rest
 * of such a request is read from the socket: its head to the blank line, and a body of the length
 * its Content-Length declares (up to `RAW_TARGET_MAX_BODY`); a chunked one keeps node's 400.
 */
import type { IncomingHttpHeaders, Server, ServerOptions } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import { serve } from '@hono/node-server';
import { BatchedResponse } from './batched-response';
import { noteRequest } from './slices';

type Fetch = (request: Request, env?: unknown) => Response | Promise<Response>;

export interface ListenOptions {
  fetch: Fetch;
  port: number;
  hostname: string;
  serverOptions?: ServerOptions;
  /**
   * The headers node's own refusal of a request carries, from the path and the Origin its bytes
   * read name (undefined when they do not): the app's CORS headers, so a page can read a 431.
   */
  refusalHeaders?: (path: string | undefined, origin: string | undefined) => Readonly<Record<string, string>>;
}

/** RFC 9110 `token`: what a header name may be. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** The verbs both nginx and gunicorn pass on: upper-case letters, `_` and `-`. */
const PASSED_VERB = /^[A-Z_-]+$/;

/** The request line and headers of a raw request head, or undefined when they are not HTTP/1.x's. */
export function parseHead(raw: string): { method: string; target: string; headers: [string, string][] } | undefined {
  const end = raw.indexOf('\r\n\r\n');
  const lines = (end === -1 ? raw : raw.slice(0, end)).split('\r\n');
  const match = /^(\S+) (\/\S*) HTTP\/1\.[01]$/.exec(lines[0] ?? '');
  if (!match || !PASSED_VERB.test(match[1])) return undefined;
  const headers: [string, string][] = [];
  // Without the blank line the last header may be cut short: only whole lines count.
  for (const line of end === -1 ? lines.slice(1, -1) : lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0 || !TOKEN.test(line.slice(0, colon))) return undefined;
    headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  return { method: match[1], target: match[2], headers };
}

/**
 * What the bytes read of a refused request name: the path of its request line and its `Origin`,
 * each only when its whole line was read (a head over the bound is cut wherever the bound falls).
 */
export function refusedHead(raw: string): { path?: string; origin?: string } {
  const line = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+ (\/[^\s?#]*)\S* HTTP\/1\.[01]\r\n/.exec(raw);
  // Visible ASCII only (every serialized origin is), so nothing read is written back but an origin.
  const origin = /\r\norigin:[ \t]*([!-~]+)[ \t]*\r\n/i.exec(raw);
  return { path: line?.[1], origin: origin?.[1] };
}

/** Node's own answers to a request its parser refused (lib/_http_server.js, socketOnError), with `headers`. */
function defaultAnswer(code: string | undefined, headers: Readonly<Record<string, string>> = {}): string {
  const status =
    code === 'HPE_HEADER_OVERFLOW' ? 431 : code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW' ? 413 : code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  let head = `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n`;
  for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
  return `${head}Connection: close\r\n\r\n`;
}

/** A request target with its bytes above 0x7f (one latin-1 character each) percent-encoded, as a URL holds them. */
export function escapeHighBytes(target: string): string {
  return target.replace(/[\x80-\xff]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The most body a request with a raw-byte target is read with (the bytes node's parser would have
 * streamed to the app); past it, or when the whole request has not arrived within
 * `RAW_TARGET_WAIT_MS` (one deadline, however the bytes trickle in), node's 400 stands.
 */
export const RAW_TARGET_MAX_BODY = 8 * 1024 * 1024;
const RAW_TARGET_MAX_HEAD = 64 * 1024;
const RAW_TARGET_WAIT_MS = 30_000;

/**
 * The whole of a request node's parser refused after `first`: more is read from the socket (node
 * has stopped reading it) until the head's blank line and the declared body have arrived, or the
 * bounds above are passed; resolves with what arrived either way. The chunks are kept as they come
 * and joined once: joined at every chunk, a body trickled in a byte at a time made each byte copy
 * all the bytes before it (megabytes, millions of times over), holding the event loop.
 */
function readRefusedRequest(socket: Socket, first: Buffer): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    /** Where the blank line ending the head starts, once it has arrived. */
    let headEnd = -1;
    /** The bytes the whole request takes, once its head is known. */
    let needed = Number.POSITIVE_INFINITY;
    let timer: NodeJS.Timeout | undefined;
    const whole = () => Buffer.concat(chunks, received);
    const done = () => {
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.removeListener('end', done);
      socket.removeListener('close', done);
      resolve(whole());
    };
    /** The last bytes before the chunk coming, where a blank line may have begun. */
    let tail = Buffer.alloc(0);
    /** Takes `chunk` in; true once the request is whole or past the bounds. */
    const add = (chunk: Buffer): boolean => {
      chunks.push(chunk);
      received += chunk.length;
      if (headEnd === -1) {
        if (received > RAW_TARGET_MAX_HEAD + 4) return true;
        // Only the new bytes are searched, with the three before them: the blank line may straddle chunks.
        const window = Buffer.concat([tail, chunk]);
        const at = window.indexOf('\r\n\r\n');
        if (at === -1) {
          tail = Buffer.from(window.subarray(Math.max(0, window.length - 3)));
          return false;
        }
        headEnd = received - window.length + at;
        // A head answerThroughApp would not take, or a body it would not read, ends the reading.
        const head = parseHead(Buffer.concat(chunks, headEnd + 4).toString('latin1'));
        const declared = head && declaredBody(head.headers);
        if (declared === undefined || (declared ?? 0) > RAW_TARGET_MAX_BODY) return true;
        needed = headEnd + 4 + (declared ?? 0);
      }
      return received >= needed;
    };
    const onData = (chunk: Buffer) => {
      if (add(chunk)) done();
    };
    if (add(first)) return resolve(whole());
    // Node's parser keeps its own listener; it has refused the request and must see no more of it.
    socket.removeAllListeners('data');
    socket.on('data', onData);
    socket.once('end', done);
    socket.once('close', done);
    timer = setTimeout(done, RAW_TARGET_WAIT_MS);
  });
}

/** A target node refused only for its raw bytes above 0x7f: visible ASCII otherwise. */
const RAW_BYTES_TARGET = /^\/[\x21-\x7e\x80-\xff]*$/;
/** A request line whose target holds a raw byte above 0x7f. */
const RAW_BYTE_LINE = /^[^ \r\n]+ [^ \r\n]*[\x80-\xff]/;

/**
 * The body a refused request's head declares: its length, null for none (no Content-Length, or
 * `0`), undefined (not answerable) for a chunked one or a length that is not digits.
 */
function declaredBody(headers: readonly [string, string][]): number | null | undefined {
  if (headers.some(([name]) => name.toLowerCase() === 'transfer-encoding')) return undefined;
  const declared = headers.find(([name]) => name.toLowerCase() === 'content-length')?.[1];
  if (declared === undefined || declared === '0') return null;
  return /^\d+$/.test(declared) ? Number(declared) : undefined;
}

/**
 * The body of a refused request when the bytes read hold all of it: none for no Content-Length,
 * undefined (not answerable) for a chunked one or one cut short.
 */
function bodyOf(raw: string, headers: readonly [string, string][]): Uint8Array | null | undefined {
  const length = declaredBody(headers);
  if (length === null || length === undefined) return length;
  const start = raw.indexOf('\r\n\r\n') + 4;
  if (start < 4 || raw.length - start < length) return undefined;
  return Buffer.from(raw.slice(start, start + length), 'latin1');
}

/**
 * Answers a request node's parser refused through the app: an unknown verb (its body left unread:
 * the app answers 405 before reading one), or a target with raw bytes above 0x7f (`rawTarget`).
 */
async function answerThroughApp(raw: string, socket: Socket, fetch: Fetch, rawTarget: boolean): Promise<boolean> {
  const head = parseHead(raw);
  if (!head) return false;
  if (rawTarget && !RAW_BYTES_TARGET.test(head.target)) return false;
  const sentBody = rawTarget ? bodyOf(raw, head.headers) : null;
  if (sentBody === undefined) return false;
  const host = head.headers.find(([name]) => name.toLowerCase() === 'host')?.[1] || 'localhost';
  let request: Request;
  try {
    const kept = head.headers.filter(
      ([name]) => !/^(content-length|transfer-encoding)$/i.test(name) || (sentBody && /^content-length$/i.test(name)),
    );
    const sent = sentBody && head.method !== 'GET' && head.method !== 'HEAD' ? sentBody : null;
    request = new Request(`http://${host}${escapeHighBytes(head.target)}`, { method: head.method, headers: new Headers(kept), body: sent });
  } catch {
    return false;
  }
  // The same env the node adapter passes: the app reads the peer address from it (admin routes),
  // and the target as sent (request-context.ts requestTarget).
  const incoming = { socket, headers: {} as IncomingHttpHeaders, url: head.target };
  const response = await fetch(request, { incoming });
  const body = Buffer.from(await response.arrayBuffer());
  let out = `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}\r\n`;
  response.headers.forEach((value, name) => {
    if (name !== 'content-length' && name !== 'connection' && name !== 'transfer-encoding') out += `${name}: ${value}\r\n`;
  });
  // A HEAD answer keeps the length of the body it does not send: Hono has already dropped that
  // body, so the length is the one the app declared for it, if any.
  const length = head.method === 'HEAD' ? (response.headers.get('content-length') ?? body.byteLength) : body.byteLength;
  out += `Content-Length: ${length}\r\nConnection: close\r\n\r\n`;
  const sentBytes = head.method === 'HEAD' ? Buffer.alloc(0) : body;
  if (socket.writable) socket.end(Buffer.concat([Buffer.from(out, 'latin1'), sentBytes]));
  return true;
}

/**
 * The base URL a client on this machine calls: the listening address, except that an unspecified
 * one (`0.0.0.0`, `::`: every interface) is where the server listens, not an address to call, so
 * it is shown as loopback, as Vite and webpack's dev server print theirs.
 */
export function clientUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host === '::' || host === '[::]' ? '::1' : host;
  return `http://${shown.includes(':') && !shown.startsWith('[') ? `[${shown}]` : shown}:${port}`;
}

/** Starts listening with @hono/node-server, answering unknown verbs and raw-byte targets through the app. */
export function listen(options: ListenOptions, onListening: (info: AddressInfo) => void): Server {
  const server = serve(
    {
      fetch: options.fetch,
      port: options.port,
      hostname: options.hostname,
      serverOptions: { ServerResponse: BatchedResponse, ...options.serverOptions },
    },
    onListening,
  ) as Server;
  // A new connection brings a request: the slices wait from now, not from when its bytes are read
  // a poll later, which was a slice (a millisecond) later (src/core/slices.ts).
  server.on('connection', noteRequest);
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket) => {
    const answer = async () => {
      if (error.code === 'HPE_INVALID_METHOD' && error.rawPacket) {
        if (await answerThroughApp(error.rawPacket.toString('latin1'), socket, options.fetch, false)) return;
      } else if (error.code === 'HPE_INVALID_URL' && error.rawPacket && RAW_BYTE_LINE.test(error.rawPacket.toString('latin1'))) {
        const whole = await readRefusedRequest(socket, error.rawPacket);
        if (await answerThroughApp(whole.toString('latin1'), socket, options.fetch, true)) return;
      }
      let headers: Readonly<Record<string, string>> = {};
      if (options.refusalHeaders && error.rawPacket) {
        const { path, origin } = refusedHead(error.rawPacket.toString('latin1'));
        headers = options.refusalHeaders(path, origin);
      }
      if (socket.writable) socket.write(defaultAnswer(error.code, headers));
      socket.destroy(error);
    };
    answer().catch(() => socket.destroy());
  });
  return server;
}
