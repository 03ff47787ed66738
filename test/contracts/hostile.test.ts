/**
 * `understudy contract` thrown at targets that are not an API at all, or a broken one: HTML, empty
 * and invalid bodies, a body too large to read, redirect loops, a server that hangs or resets,
 * refused connections, DNS and TLS failures, a 500 everywhere. The command never throws and never
 * prints a stack trace: it reports failures (exit 1) or an unreachable target (exit 2), clearly.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseContractArgs, runContract, type ContractSettings } from '../../src/commands/contract';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** One local server whose behaviour each test picks by the first path segment of its base URL. */
const behaviours: Record<string, Handler> = {
  html: (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>');
  },
  empty: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end();
  },
  'invalid-json': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"count": 3, "results": [');
  },
  'not-utf8': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]));
  },
  deep: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(`${'{"results":'.repeat(50_000)}1${'}'.repeat(50_000)}`);
  },
  'escape-codes': (_req, res) => {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('\u001b[2J\u001b[31mpwned\u001b[0m\u202e');
  },
  gigantic: (_req, res) => {
    // Streamed without a Content-Length: only reading tells how large it is.
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < 40) {
        sent++;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end('{}');
    };
    res.on('error', () => {});
    pump();
  },
  'declared-gigantic': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(64 * 1024 * 1024) });
    res.write('{"count": 0');
    res.on('error', () => {});
  },
  'redirect-loop': (req, res) => {
    res.writeHead(302, { location: req.url ?? '/' });
    res.end();
  },
  'server-error': (_req, res) => {
    res.writeHead(500, { 'content-type': 'text/html' });
    res.end('<h1>Server Error (500)</h1>');
  },
  hang: () => {
    /* never answers */
  },
  reset: (req) => {
    req.socket.destroy();
  },
};

let answered = 0;
/** Answers the first request like the html target, then hangs: a server that dies mid-run. */
behaviours['hang-later'] = (req, res) => {
  if (answered++ === 0) behaviours.html(req, res);
};

let server: Server;
let origin = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const [, name, ...rest] = (req.url ?? '/').split('/');
    req.url = `/${rest.join('/')}`;
    (behaviours[name] ?? behaviours.html)(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function contract(baseUrl: string, ...extra: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const settings = parseContractArgs({
    args: ['--provider', 'piriod', '--base-url', baseUrl, '--token', 't', '--timeout', '400', ...extra],
    env: {},
  }) as ContractSettings;
  const started = Date.now();
  const code = await runContract(settings, { out: (t) => void out.push(t), err: (t) => void err.push(t), cwd: process.cwd() });
  return { code, out: out.join('\n'), err: err.join('\n'), ms: Date.now() - started };
}

describe('understudy contract against hostile targets', () => {
  it.each([
    ['HTML instead of JSON', 'html', ['header content-type', 'expected: application/json', 'actual:   text/html; charset=utf-8']],
    ['empty bodies', 'empty', ['expected: a JSON body', 'actual:   an empty body']],
    ['invalid JSON', 'invalid-json', ['actual:   not JSON (']],
    ['bytes that are not UTF-8', 'not-utf8', ['application/json in UTF-8', 'bytes that are not UTF-8']],
    [
      'a 500 everywhere',
      'server-error',
      ['expected: a documented status (200, 400, 401, 403, 404)', 'actual:   500 text/html: <h1>Server Error (500)</h1>'],
    ],
    ['a redirect loop', 'redirect-loop', ['actual:   302 (redirect to http://127.0.0.1:']],
  ])('reports %s as drift (exit 1)', async (_name, behaviour, lines) => {
    const run = await contract(`${origin}/${behaviour}`);
    expect(run.err).toBe('');
    expect(run.code).toBe(1);
    for (const line of lines) expect(run.out).toContain(line);
    expect(run.out).toMatch(/^FAIL {2}0 passed, \d+ failed/m);
  });

  it('reports a body too large to read, without reading it to the end', async () => {
    for (const behaviour of ['gigantic', 'declared-gigantic']) {
      const run = await contract(`${origin}/${behaviour}`, '--only', 'piriod.schema.list', '--timeout', '10000');
      expect(run.code).toBe(1);
      expect(run.out).toContain('expected: a body under 16 MB');
    }
  });

  it('survives a body nested fifty thousand levels deep', async () => {
    const run = await contract(`${origin}/deep`, '--only', 'piriod.schema,piriod.list');
    expect(run.err).toBe('');
    expect(run.code).toBe(1);
  });

  it('shows control characters from the target as escapes, never raw', async () => {
    const run = await contract(`${origin}/escape-codes`, '--only', 'piriod.auth.missing');
    expect(run.code).toBe(1);
    expect(run.out).not.toMatch(/[\u001b\u202e]/);
    expect(run.out).toContain('\\u001b[2J');
  });

  it.each([
    [
      'a server that never answers',
      () => `${origin}/hang`,
      /cannot reach http:\/\/127\.0\.0\.1:\d+\/hang: no answer before the timeout \(--timeout\)/,
    ],
    ['a connection reset', () => `${origin}/reset`, /cannot reach .*: the server closed the connection|connection reset/],
    ['a TLS handshake with a plain HTTP server', () => origin.replace('http:', 'https:'), /cannot reach https:.*TLS/],
    [
      'a host name that does not resolve',
      () => 'http://understudy-contract.invalid',
      /cannot reach http:\/\/understudy-contract\.invalid\/: /,
    ],
  ])('exits 2 for %s, with the reason', async (_name, base, message) => {
    const run = await contract(base());
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err).toMatch(message);
    expect(run.err).not.toMatch(/\n\s+at /);
  });

  it('stops waiting once a target that answered stops answering', async () => {
    const run = await contract(`${origin}/hang-later`);
    expect(run.code).toBe(1);
    expect(run.out).toContain('no answer before the timeout (--timeout)');
    expect(run.out).toContain('not sent: the target stopped answering');
    // A few timeouts of 400 ms, not one per check of the run.
    expect(run.ms).toBeLessThan(5_000);
  });

  it('prints no stack trace as a process either', async () => {
    // Asynchronously: the hostile server runs in this process and must keep answering.
    const args = ['src/cli.ts', 'contract', '--provider', 'pelcro', '--site-id', '1', '--base-url', `${origin}/html`, '--token', 't'];
    const run = await promisify(execFile)('node_modules/.bin/tsx', args, { encoding: 'utf8' }).then(
      ({ stdout, stderr }) => ({ status: 0, stdout, stderr }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        status: error.code,
        stdout: error.stdout ?? '',
        stderr: error.stderr ?? '',
      }),
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^FAIL {2}0 passed/m);
  }, 30_000);

  it('exits 2 with a message when --output cannot be written', async () => {
    const run = await contract(`${origin}/html`, '--only', 'piriod.schema.list', '--output', '/nonexistent-dir/understudy/report.txt');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/cannot write --output \/nonexistent-dir\/understudy\/report\.txt: ENOENT/);
  });
});
