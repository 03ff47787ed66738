/**
 * Answers written together: an answer ended during a turn of the event loop is written once the
 * turn has read and handled every request its I/O brought (node's check phase, `setImmediate`),
 * together with the turn's other answers, in the order they were ended.
 *
 * Why: on a busy server every answer used to be written as soon as it was ready, and each write
 * had to wake the client, which had read the previous one and gone back to wait. Under wrk (32
 * connections, the same two cores) a quarter of a Piriod update's server time was the kernel's
 * `writev`, and it doubled per request when the server was the slower party. Written together,
 * the first answer of a turn wakes the client and the rest find it awake: wrk went to sleep 0.91–0.94
 * times per Piriod update answered before, 0.04–0.06 times after, and an update's server CPU went
 * from 50–53 to 38–39 µs (20,200–21,000 → 26,700–27,800 req/s; medians of 8 alternated runs of
 * 2 s, two runs), a create's from 52 to 42 µs. A retrieve, where the server is the faster party,
 * gains nothing: 17.0 → 17.4 µs.
 *
 * What it costs: an answer waits for the rest of its turn (the requests that arrived with it),
 * never for a later one; a lone request is written at once after its handling, as before. Node
 * keeps pipelined answers of one connection in order whatever order they end in (its outgoing
 * queue), and `end` returns `this` as node's does. What node's `end` throws (a chunk neither text
 * nor bytes) would now be thrown outside any handler, ending the process: it ends that answer's
 * connection instead.
 *
 * A `ServerResponse` subclass, given to node's `createServer` (its `ServerResponse` option), so
 * no framework code changes: @hono/node-server calls `end` as before.
 */
import { ServerResponse } from 'node:http';

/** The answers ended in this turn, with what `end` was called with, in the order they ended. */
let held: [BatchedResponse, unknown[]][] = [];

function writeHeld(): void {
  const ended = held;
  held = [];
  for (const [response, args] of ended) {
    try {
      (ServerResponse.prototype.end as (...args: unknown[]) => unknown).apply(response, args);
    } catch (error) {
      response.destroy(error as Error);
    }
  }
}

export class BatchedResponse extends ServerResponse {
  override end(cb?: () => void): this;
  override end(chunk: unknown, cb?: () => void): this;
  override end(chunk: unknown, encoding: BufferEncoding, cb?: () => void): this;
  override end(...args: unknown[]): this {
    if (held.length === 0) setImmediate(writeHeld);
    held.push([this, args]);
    return this;
  }
}
