/**
 * One request at a time, timed, for what a load run cannot show: the bytes a server answers (to
 * pre-serialise them for bare Hono) and the latency of single requests such as a new sandbox's first.
 */
import http from 'node:http';
import { nth, type BenchRequest } from './load';

export interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
  /** From the first byte written to the last byte read, in milliseconds. */
  ms: number;
}

/** Headers Node's HTTP server writes on every answer by itself, whichever app answers. */
const NODE_OWN_HEADERS = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/**
 * An answer's headers for bare Hono to send with its bytes: every header understudy sent but those
 * Node writes by itself, so the ceiling answers the same response, not a lighter one (six headers
 * instead of one cost bare Hono about 5% of a retrieve's server time).
 */
export function answerHeaders(answer: Answer): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value !== undefined && !NODE_OWN_HEADERS.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  headers['content-type'] ??= 'application/json';
  return headers;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

export async function send(port: number, request: BenchRequest, i = 0): Promise<Answer> {
  try {
    return await sendOnce(port, request, i);
  } catch (error) {
    // A kept-alive socket the server closed while idle (Node's keepAliveTimeout) fails on reuse;
    // Node's documentation advises retrying such a request once (`request.reusedSocket`).
    if ((error as { reusedSocket?: boolean }).reusedSocket) return sendOnce(port, request, i);
    throw error;
  }
}

function sendOnce(port: number, request: BenchRequest, i: number): Promise<Answer> {
  const { path, headers, body } = nth(request, i);
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(body));
  }
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const outgoing = http.request({ agent, host: '127.0.0.1', port, method: request.method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          headers: res.headers,
          ms: performance.now() - started,
        }),
      );
      res.on('error', reject);
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) =>
      reject(Object.assign(error, { reusedSocket: outgoing.reusedSocket && error.code === 'ECONNRESET' })),
    );
    outgoing.end(body);
  });
}

/** Sends and insists on `status`, naming the request and the answer otherwise. */
export async function expectStatus(port: number, request: BenchRequest, status: number, i = 0): Promise<Answer> {
  const answer = await send(port, request, i);
  if (answer.status !== status) {
    throw new Error(`${request.method} ${request.path} answered ${answer.status}, expected ${status}: ${answer.body.slice(0, 300)}`);
  }
  return answer;
}

/** Closes the kept-alive socket so the process can exit. */
export function closeConnections(): void {
  agent.destroy();
}
