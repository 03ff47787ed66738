import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_LIMITS, startServer, type RunningServer } from '../../src/commands/serve';
import { parseHead } from '../../src/core/server';
import { startMock, type RunningMock } from '../../src/mock';

let running: RunningServer | undefined;
let mock: RunningMock | undefined;
afterEach(async () => {
  running?.server.closeAllConnections();
  await new Promise((resolve) => running?.server.close(resolve) ?? resolve(undefined));
  await mock?.close();
  running = undefined;
  mock = undefined;
});

/** Writes `data` on a raw socket and resolves with everything the server sent before closing. */
function raw(port: number, data: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.on('connect', () => socket.write(Buffer.from(data, 'latin1')));
    socket.on('data', (chunk) => (text += String(chunk)));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(text));
  });
}

/** Writes `pieces` (latin-1 text) on a raw socket, `gapMs` apart, and resolves with all the server sent before closing. */
function rawInPieces(port: number, pieces: readonly string[], gapMs: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let out = '';
    socket.on('connect', async () => {
      for (const [i, piece] of pieces.entries()) {
        if (i > 0) await new Promise((wait) => setTimeout(wait, gapMs));
        socket.write(Buffer.from(piece, 'latin1'));
      }
    });
    socket.on('data', (chunk) => (out += String(chunk)));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(out));
  });
}

const statusOf = (text: string) => Number(text.split(' ')[1]);
const bodyOf = (text: string) => text.slice(text.indexOf('\r\n\r\n') + 4);

describe('a verb node does not know reaches the app (the real servers pass any token verb on)', () => {
  it("answers FOO /customers/ with DRF's 405 on the serve command's server", async () => {
    running = await startServer(
      { port: 0, host: '127.0.0.1', options: { providers: ['piriod'] }, server: DEFAULT_SERVER_LIMITS, log: 'off' },
      () => undefined,
    );
    const port = Number(new URL(running.url).port);
    const text = await raw(port, 'FOO /customers/ HTTP/1.1\r\nHost: x\r\nAuthorization: Token t\r\nX-Simple-Workspace: acc_1\r\n\r\n');
    expect(statusOf(text)).toBe(405);
    expect(text).toMatch(/\r\ncontent-type: application\/json\r\n/i);
    expect(text).toMatch(/\r\nallow: GET, POST, HEAD, OPTIONS\r\n/i);
    expect(JSON.parse(bodyOf(text))).toEqual({ detail: 'Method "FOO" not allowed.' });
  });

  it("answers FOO on a Pelcro route with Laravel's 405 on startMock's server", async () => {
    mock = await startMock({ providers: ['pelcro'] });
    const text = await raw(mock.port, 'FOO /api/v1/core/customers?site_id=1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\n\r\n');
    expect(statusOf(text)).toBe(405);
    expect(JSON.parse(bodyOf(text))).toEqual({
      message: 'The FOO method is not supported for route api/v1/core/customers. Supported methods: GET, HEAD, POST.',
    });
  });

  it.each(['F(O', 'foo'])("still answers node's empty 400 to the verb %s, which the real front servers refuse too", async (verb) => {
    mock = await startMock({ providers: ['piriod'] });
    const text = await raw(mock.port, `${verb} /customers/ HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(text).toBe('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
});

describe('parseHead', () => {
  it('reads the verb, target and whole header lines of a raw head', () => {
    expect(parseHead('FOO /a?b=1 HTTP/1.1\r\nHost: x\r\nA: 1\r\n\r\nbody')).toEqual({
      method: 'FOO',
      target: '/a?b=1',
      headers: [
        ['Host', 'x'],
        ['A', '1'],
      ],
    });
    expect(parseHead('FOO /a HTTP/1.1\r\nHost: x\r\nCut: sho')?.headers).toEqual([['Host', 'x']]);
    expect(parseHead('FOO http://x/a HTTP/1.1\r\n\r\n')).toBeUndefined();
  });
});

describe('a body on GET reaches the app', () => {
  it('lets Pelcro read site_id from a JSON body on GET, as Laravel reads $request->json() on any verb', async () => {
    mock = await startMock({ providers: ['pelcro'] });
    const body = '{"site_id": 1}';
    const text = await raw(
      mock.port,
      `GET /api/v1/core/customers/1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(statusOf(text)).toBe(200);
    expect(JSON.parse(bodyOf(text)).data.id).toBe(1);
  });

  it('answers one list URL with the page its GET body asks for, whatever page that URL was answered before', async () => {
    mock = await startMock({ providers: ['pelcro'] });
    const list = async (body: string) => {
      const head = `GET /api/v1/core/customers?site_id=1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\nContent-Type: application/json`;
      const text = await raw(mock!.port, `${head}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
      return JSON.parse(bodyOf(text)).data.map((c: { id: number }) => c.id);
    };
    expect(await list('{}')).toHaveLength(10);
    expect(await list('{"limit": 2}')).toEqual([1, 2]);
    expect(await list('{"limit": 2, "page": 2}')).toEqual([3, 4]);
    expect(await list('{}')).toHaveLength(10);
  });
});

describe('a target with raw bytes above 0x7f reaches the app (nginx and gunicorn pass them on)', () => {
  const auth = 'Authorization: Token t\r\nX-Simple-Workspace: acc_1\r\n';

  it("answers a Piriod list, its filters reading UTF-8 and its links quoting the WSGI string again, as DRF's do", async () => {
    mock = await startMock({ providers: ['piriod'] });
    const target = Buffer.from('/customers/?page_size=1&zz=ñ', 'utf8').toString('latin1');
    const text = await raw(mock.port, `GET ${target} HTTP/1.1\r\nHost: x\r\n${auth}\r\n`);
    expect(statusOf(text)).toBe(200);
    // build_absolute_uri: iri_to_uri of QUERY_STRING, whose raw bytes are latin-1 characters
    expect(JSON.parse(bodyOf(text)).next).toBe('http://x/customers/?page=2&page_size=1&zz=%C3%83%C2%B1');
  });

  it('answers a HEAD with the Content-Length of the GET it does not send (CommonMiddleware sets it on both)', async () => {
    mock = await startMock({ providers: ['piriod'] });
    const target = Buffer.from('/customers/?page_size=1&zz=ñ', 'utf8').toString('latin1');
    const get = await raw(mock.port, `GET ${target} HTTP/1.1\r\nHost: x\r\n${auth}\r\n`);
    const head = await raw(mock.port, `HEAD ${target} HTTP/1.1\r\nHost: x\r\n${auth}\r\n`);
    expect(statusOf(head)).toBe(200);
    expect(bodyOf(head)).toBe('');
    const length = (text: string) => /\r\ncontent-length: (\d+)\r\n/i.exec(text)?.[1];
    expect(length(get)).toBe(String(Buffer.byteLength(bodyOf(get))));
    expect(length(head)).toBe(length(get));
  });

  it('reads a body sent after the head, in its own packet', async () => {
    mock = await startMock({ providers: ['piriod'] });
    const target = Buffer.from('/customers/?x=ñ', 'utf8').toString('latin1');
    const body = '{"name": "Ñandú", "country": "MX"}';
    const head = `POST ${target} HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
    const text = await rawInPieces(mock.port, [head, Buffer.from(body, 'utf8').toString('latin1')], 50);
    expect(statusOf(text)).toBe(201);
    expect(JSON.parse(bodyOf(text)).name).toBe('Ñandú');
  });

  it('reads a head and body trickled in pieces, the blank line split between them, whole', async () => {
    mock = await startMock({ providers: ['piriod'] });
    const target = Buffer.from('/customers/?x=ñ', 'utf8').toString('latin1');
    const body = JSON.stringify({ name: 'Ñandú', country: 'MX', metadata: { note: 'x'.repeat(3000) } });
    const rest = `${auth}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${Buffer.from(body, 'utf8').toString('latin1')}`;
    // Odd sizes, so that pieces end inside the blank line as well as between its bytes.
    const pieces = [rest.slice(0, rest.indexOf('\r\n\r\n') + 1), rest.slice(rest.indexOf('\r\n\r\n') + 1, rest.indexOf('\r\n\r\n') + 3)];
    for (let at = rest.indexOf('\r\n\r\n') + 3; at < rest.length; at += 61) pieces.push(rest.slice(at, at + 61));
    const text = await rawInPieces(mock.port, [`POST ${target} HTTP/1.1\r\nHost: x\r\n`, ...pieces], 1);
    expect(statusOf(text)).toBe(201);
    expect(JSON.parse(bodyOf(text)).name).toBe('Ñandú');
  });

  it("redirects a raw path without its slash to the path quoted, as Django's APPEND_SLASH does", async () => {
    mock = await startMock({ providers: ['piriod'] });
    const text = await raw(mock.port, `GET ${Buffer.from('/contacts/ñ', 'utf8').toString('latin1')} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(statusOf(text)).toBe(301);
    expect(text).toMatch(/\r\nlocation: \/contacts\/%C3%B1\/\r\n/i);
  });

  it('names a raw Pelcro path in UTF-8, as Laravel reads REQUEST_URI', async () => {
    mock = await startMock({ providers: ['pelcro'] });
    const text = await raw(
      mock.port,
      `GET ${Buffer.from('/api/v1/core/ñ', 'utf8').toString('latin1')} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\n\r\n`,
    );
    expect(statusOf(text)).toBe(404);
    expect(JSON.parse(bodyOf(text)).message).toBe('The route api/v1/core/ñ could not be found.');
  });

  it("keeps node's empty 400 for a chunked body and for control characters in the target", async () => {
    mock = await startMock({ providers: ['piriod'] });
    const target = Buffer.from('/customers/?x=ñ', 'utf8').toString('latin1');
    const chunked = await raw(mock.port, `POST ${target} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`);
    expect(chunked).toBe('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    const control = await raw(mock.port, `GET /customers/?x=\u00c3\u00b1\u0001 HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(control).toBe('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
});
