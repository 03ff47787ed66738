import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BatchedResponse } from './batched-response';

let server: Server | undefined;

afterEach(async () => {
  const closing = new Promise((done) => server?.close(done) ?? done(undefined));
  // Keep-alive connections would hold the close for their timeout.
  server?.closeAllConnections();
  await closing;
  server = undefined;
});

async function serving(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<number> {
  server = createServer({ ServerResponse: BatchedResponse }, handler);
  await new Promise<void>((done) => server?.listen(0, '127.0.0.1', done));
  return (server.address() as { port: number }).port;
}

/** Sends raw bytes on one connection and resolves with all it reads before the server ends it. */
function exchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let read = '';
    socket.on('data', (chunk) => (read += chunk.toString('latin1')));
    socket.on('end', () => resolve(read));
    socket.on('error', reject);
  });
}

describe('BatchedResponse', () => {
  it('writes an ended answer once the turn is over, not while its handler still runs', async () => {
    const seen: string[] = [];
    const port = await serving((_req, res) => {
      expect(res.end('held')).toBe(res);
      seen.push(`after end: ${res.writableEnded}`);
      setImmediate(() => seen.push(`next check phase: ${res.writableEnded}`));
    });
    const answer = await fetch(`http://127.0.0.1:${port}/`);
    expect(await answer.text()).toBe('held');
    expect(seen).toEqual(['after end: false', 'next check phase: true']);
  });

  it('keeps pipelined answers of one connection in order when a later one ends first', async () => {
    const port = await serving((req, res) => {
      if (req.url === '/slow') setTimeout(() => res.end('first'), 20);
      else res.end('second');
    });
    const read = await exchange(port, 'GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(read.indexOf('first')).toBeGreaterThan(0);
    expect(read.indexOf('second')).toBeGreaterThan(read.indexOf('first'));
  });

  it('answers every request of a busy turn, each with its own body', async () => {
    const port = await serving((req, res) => res.end(`answer to ${req.url}`));
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => fetch(`http://127.0.0.1:${port}/${i}`).then((r) => r.text())));
    expect(answers).toEqual(Array.from({ length: 40 }, (_, i) => `answer to /${i}`));
  });

  it('ends the connection of an answer whose end throws, and goes on answering others', async () => {
    const port = await serving((req, res) => {
      // Node's end throws on a body that is neither text nor bytes.
      if (req.url === '/wrong') res.end(42 as never);
      else res.end('fine');
    });
    await expect(fetch(`http://127.0.0.1:${port}/wrong`).then((r) => r.text())).rejects.toThrow();
    expect(await (await fetch(`http://127.0.0.1:${port}/other`)).text()).toBe('fine');
  });
});
