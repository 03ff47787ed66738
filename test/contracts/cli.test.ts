import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseContractArgs, runContract } from '../../src/commands/contract';
import { UsageError } from '../../src/commands/usage';
import { BASE_URL, drifted, everywhere, mockTarget } from './harness';

const cwd = process.cwd();
const tsx = 'node_modules/.bin/tsx';
const piriodArgs = ['--provider', 'piriod', '--base-url', BASE_URL, '--token', 't'];

// Reports go to one folder, removed when this file's tests end.
let reports: string | undefined;
let made = 0;
afterAll(() => reports && rmSync(reports, { recursive: true, force: true }));

/** A fresh path for one report. */
function reportPath(name: string): string {
  reports ??= mkdtempSync(join(tmpdir(), 'understudy-'));
  return join(reports, `${++made}-${name}`);
}

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), cwd } };
}

/** A port nothing listens on: bound once by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('understudy contract flags', () => {
  it('reads every flag', () => {
    const settings = parseContractArgs({
      args: [
        '--provider',
        'pelcro',
        '--base-url',
        'https://www.pelcro.com/api/v1/core',
        '--token',
        'k',
        '--site-id',
        '7',
        '--read-only',
        '--strict',
        '--checks',
        'behaviour',
        '--reporter',
        'junit',
        '--max-pages',
        '3',
        '--timeout',
        '5000',
        '--only',
        'pelcro.list,pelcro.sort',
        '--skip',
        'pelcro.sort.email',
        '--output',
        'r.xml',
      ],
      env: {},
    });
    expect(settings).toEqual({
      provider: 'pelcro',
      baseUrl: 'https://www.pelcro.com/api/v1/core',
      reporter: 'junit',
      output: 'r.xml',
      options: {
        token: 'k',
        workspace: undefined,
        siteId: 7,
        readOnly: true,
        strict: true,
        levels: ['behaviour'],
        maxPages: 3,
        timeoutMs: 5000,
        only: ['pelcro.list', 'pelcro.sort'],
        skip: ['pelcro.sort.email'],
      },
    });
  });

  it('takes the token from UNDERSTUDY_TOKEN when --token is absent', () => {
    const settings = parseContractArgs({ args: ['--provider', 'piriod', '--base-url', BASE_URL], env: { UNDERSTUDY_TOKEN: 'from-env' } });
    expect(settings).toMatchObject({ options: { token: 'from-env' }, reporter: 'pretty' });
  });

  it.each([
    [[], /--provider is required/],
    [['--provider', 'stripe', '--base-url', BASE_URL, '--token', 't'], /--provider must be one of piriod, pelcro, got "stripe"/],
    [['--provider', 'piriod', '--token', 't'], /--base-url is required/],
    [['--provider', 'piriod', '--base-url', 'localhost:4010', '--token', 't'], /--base-url must be an http or https URL/],
    [['--provider', 'piriod', '--base-url', 'not a url', '--token', 't'], /--base-url must be an absolute http\(s\) URL/],
    [['--provider', 'piriod', '--base-url', 'ftp://x', '--token', 't'], /--base-url must be an http or https URL/],
    [['--provider', 'piriod', '--base-url', 'http://x/?a=1', '--token', 't'], /--base-url takes no query/],
    [['--provider', 'piriod', '--base-url', BASE_URL], /--token is required/],
    [[...piriodArgs, '--reporter', 'tap'], /--reporter must be one of pretty, json, junit/],
    [[...piriodArgs, '--checks', 'schema,speed'], /--checks takes schema,behaviour/],
    [[...piriodArgs, '--max-pages', '0'], /--max-pages must be a whole number/],
    [[...piriodArgs, '--timeout', '-5'], /--timeout must be a whole number from 1 to 3600000, got "-5"/],
    [[...piriodArgs, '--token', 'a b'], /--token must not contain spaces/],
    [['--provider', 'pelcro', '--base-url', BASE_URL, '--token', 't'], /Pelcro needs --site-id/],
    [['--provider', 'pelcro', '--base-url', BASE_URL, '--token', 't', '--site-id', 'abc'], /--site-id must be a whole number/],
    [[...piriodArgs, '--verbose'], /Unknown option '--verbose'/],
  ])('refuses %j with a clear message', (args, message) => {
    expect(() => parseContractArgs({ args, env: {} })).toThrow(UsageError);
    expect(() => parseContractArgs({ args, env: {} })).toThrow(message);
  });

  // A typo in a CI gate must not pass with zero checks: each pattern has to count.
  it.each([
    [['--only', 'nothing.matches'], '--only "nothing.matches" matches no check'],
    [['--only', 'piriod.filter,piriod.fliter'], '--only "piriod.fliter" matches no check'],
    [['--skip', 'piriod.filtr'], '--skip "piriod.filtr" matches no check'],
    [['--skip', 'piriod'], 'no check is left to run (--skip piriod)'],
    [['--only', 'piriod.filter', '--skip', 'piriod.filter.'], 'no check is left to run (--only piriod.filter --skip piriod.filter.)'],
    [
      ['--only', 'piriod.create.round-trip', '--read-only'],
      '--only "piriod.create.round-trip" names only write checks, which --read-only leaves out',
    ],
    [
      ['--only', 'piriod.filter', '--checks', 'schema'],
      '--only "piriod.filter" names only behaviour checks, which --checks schema leaves out',
    ],
  ])('refuses a selection %j that leaves a pattern or the run without checks, listing the check ids', (args, message) => {
    const parse = () => parseContractArgs({ args: [...piriodArgs, ...args], env: {} });
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(message);
    expect(parse).toThrow(/\n {2}piriod\.filter\.email, \.email-in, /);
  });

  it('takes a --skip of checks the mode leaves out anyway', () => {
    const settings = parseContractArgs({ args: [...piriodArgs, '--read-only', '--skip', 'piriod.create.round-trip'], env: {} });
    expect(settings).toMatchObject({ options: { skip: ['piriod.create.round-trip'] } });
  });
});

describe('runContract', () => {
  it('exits 0 when the target honours the contract', async () => {
    const settings = parseContractArgs({ args: [...piriodArgs, '--read-only'], env: {} });
    const { out, io: streams } = io();
    const code = await runContract(settings as Exclude<typeof settings, 'help'>, streams, mockTarget().fetch);
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/^PASS/m);
  });

  it('exits 1 on drift and names method, path, JSON path, expected and actual', async () => {
    const target = drifted(mockTarget(), {
      name: 'email renamed',
      response: (answer) =>
        everywhere(
          answer.json,
          (o) => typeof o.id === 'string' && o.id.startsWith('cus_'),
          (o) => {
            o.e_mail = o.email;
            delete o.email;
          },
        ),
    });
    const settings = parseContractArgs({ args: [...piriodArgs, '--read-only', '--reporter', 'json'], env: {} });
    const { out, io: streams } = io();
    const code = await runContract(settings as Exclude<typeof settings, 'help'>, streams, target.fetch);
    expect(code).toBe(1);
    const report = JSON.parse(out.join('\n'));
    expect(report.summary.ok).toBe(false);
    const failure = report.checks.flatMap((c: { failures: unknown[] }) => c.failures)[0];
    expect(failure).toEqual({
      method: 'GET',
      path: '/customers/',
      jsonPath: '$.results[0].email',
      expected: 'string or null',
      actual: 'missing',
      repeats: expect.any(Number),
    });
  });

  it('exits 2 with a clear message when the target cannot be reached', async () => {
    const port = await closedPort();
    const settings = parseContractArgs({
      args: ['--provider', 'piriod', '--base-url', `http://127.0.0.1:${port}`, '--token', 't'],
      env: {},
    });
    const { out, err, io: streams } = io();
    const code = await runContract(settings as Exclude<typeof settings, 'help'>, streams);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('\n')).toContain(`cannot reach http://127.0.0.1:${port}/`);
  });

  // A rotated or wrong key must not read as the provider drifting on every check.
  it.each([
    ['an unknown token', 'piriod', ['--token', 'bad'], '401 application/json: {"detail":"Invalid token."}', '--token and --workspace'],
    [
      'a token not allowed in the workspace',
      'piriod',
      ['--token', 'k2', '--workspace', 'acc_2'],
      '403 application/json: {"detail":"You do not have permission to perform this action."}',
      '--token and --workspace',
    ],
    [
      'an unknown token',
      'pelcro',
      ['--token', 'bad', '--site-id', '1'],
      '401 application/json: {"message":"Unauthenticated."}',
      '--token and --site-id',
    ],
  ])('exits 2 after one request when the target refuses %s (%s)', async (_name, provider, flags, answer, hint) => {
    const mock = mockTarget({ tokens: ['good', 'k2@acc_1'] });
    let sent = 0;
    const counting = (request: Request) => {
      sent++;
      return mock.fetch(request);
    };
    const settings = parseContractArgs({ args: ['--provider', provider, '--base-url', BASE_URL, ...flags], env: {} });
    const { out, err, io: streams } = io();
    const code = await runContract(settings as Exclude<typeof settings, 'help'>, streams, counting);
    expect(code).toBe(2);
    expect(sent).toBe(1);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(/^understudy: the target refused the credentials: GET \S*\/customers\S* answered /);
    expect(err.join('\n')).toContain(answer);
    expect(err.join('\n')).toContain(`Check ${hint}`);
  });

  it('still runs and passes the checks that send bad credentials on purpose when the token is good', async () => {
    const settings = parseContractArgs({ args: [...piriodArgs, '--token', 'good', '--read-only', '--reporter', 'json'], env: {} });
    const { out, io: streams } = io();
    const code = await runContract(settings as Exclude<typeof settings, 'help'>, streams, mockTarget({ tokens: ['good'] }).fetch);
    expect(code).toBe(0);
    const outcomes = Object.fromEntries(JSON.parse(out.join('\n')).checks.map((c: { id: string; outcome: string }) => [c.id, c.outcome]));
    expect(outcomes).toMatchObject({
      'piriod.auth.missing': 'passed',
      'piriod.auth.malformed': 'passed',
      'piriod.auth.invalid': 'passed',
      'piriod.schema.unauthenticated': 'passed',
    });
  });

  it('exits 2 before sending anything when --output cannot be written', async () => {
    let sent = 0;
    const mock = mockTarget();
    const settings = parseContractArgs({ args: [...piriodArgs, '--reporter', 'junit', '--output', '/nonexistent/dir/x.xml'], env: {} });
    const { out, err, io: streams } = io();
    const code = await runContract(settings as Exclude<typeof settings, 'help'>, streams, (request) => {
      sent++;
      return mock.fetch(request);
    });
    expect(code).toBe(2);
    expect(sent).toBe(0);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(/^understudy: cannot write --output \/nonexistent\/dir\/x\.xml: ENOENT/);
  });

  it('creates no --output file before the run: the writability check removes what it made', async () => {
    const file = reportPath('report.json');
    const settings = parseContractArgs({
      args: [...piriodArgs, '--reporter', 'json', '--output', file, '--only', 'piriod.schema.list'],
      env: {},
    });
    const { io: streams } = io();
    const mock = mockTarget();
    let existedDuringRun: boolean | undefined;
    const code = await runContract(settings as Exclude<typeof settings, 'help'>, streams, (request) => {
      existedDuringRun ??= existsSync(file);
      return mock.fetch(request);
    });
    expect(code).toBe(0);
    expect(existedDuringRun).toBe(false);
    expect(JSON.parse(readFileSync(file, 'utf8')).summary.ok).toBe(true);
  });

  it.each([
    [
      'junit',
      'report.xml',
      /<testsuite [^>]*tests="1" failures="0" errors="1"[\s\S]*<error message="cannot reach http:\/\/127\.0\.0\.1:\d+\/: connection refused[^"]*" type="UnreachableError">/,
    ],
    [
      'json',
      'report.json',
      /"error": \{\s*"type": "UnreachableError",\s*"message": "cannot reach http:\/\/127\.0\.0\.1:\d+\/: connection refused/,
    ],
  ])('writes a %s report recording why when the target cannot be reached, and exits 2', async (reporter, name, recorded) => {
    const port = await closedPort();
    const file = reportPath(name);
    const settings = parseContractArgs({
      args: ['--provider', 'piriod', '--base-url', `http://127.0.0.1:${port}`, '--token', 't', '--reporter', reporter, '--output', file],
      env: {},
    });
    const { out, err, io: streams } = io();
    expect(await runContract(settings as Exclude<typeof settings, 'help'>, streams)).toBe(2);
    expect(err.join('\n')).toContain('cannot reach');
    expect(readFileSync(file, 'utf8')).toMatch(recorded);
    expect(out.join('\n')).toBe(readFileSync(file, 'utf8'));
  });

  it('writes a junit report naming refused credentials as the error', async () => {
    const file = reportPath('report.xml');
    const settings = parseContractArgs({ args: [...piriodArgs, '--token', 'bad', '--reporter', 'junit', '--output', file], env: {} });
    const { io: streams } = io();
    expect(await runContract(settings as Exclude<typeof settings, 'help'>, streams, mockTarget({ tokens: ['good'] }).fetch)).toBe(2);
    expect(readFileSync(file, 'utf8')).toContain('<error message="the target refused the credentials: GET /customers/ answered 401');
    expect(readFileSync(file, 'utf8')).toContain('type="CredentialsRefusedError"');
  });

  it('writes the report to --output as well', async () => {
    const file = reportPath('report.xml');
    const settings = parseContractArgs({
      args: [...piriodArgs, '--read-only', '--reporter', 'junit', '--output', file, '--only', 'piriod.schema'],
      env: {},
    });
    const { io: streams } = io();
    expect(await runContract(settings as Exclude<typeof settings, 'help'>, streams, mockTarget().fetch)).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^<\?xml[\s\S]*<testsuite name="understudy contract piriod"/);
  });
});

describe('understudy contract as a process', () => {
  let server: ChildProcess | undefined;
  let base = '';

  beforeAll(async () => {
    server = spawn(tsx, ['src/cli.ts', 'serve', '--port', '0'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    base = await new Promise<string>((resolve, reject) => {
      let seen = '';
      server!.stdout!.on('data', (chunk) => {
        seen += String(chunk);
        const match = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
        if (match) resolve(match[1]);
      });
      server!.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
  });

  afterAll(() => {
    server?.kill();
  });

  it.each([
    ['piriod', []],
    ['pelcro', ['--site-id', '1']],
  ])('passes against `understudy serve` for %s (exit 0)', (provider, extra) => {
    const run = spawnSync(tsx, ['src/cli.ts', 'contract', '--provider', provider, '--base-url', base, '--token', 'demo', ...extra], {
      cwd,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^PASS/m);
    expect(run.status).toBe(0);
  });

  it('exits 2 for an unreachable target and for bad flags', async () => {
    const port = await closedPort();
    const unreachable = spawnSync(
      tsx,
      ['src/cli.ts', 'contract', '--provider', 'piriod', '--base-url', `http://127.0.0.1:${port}`, '--token', 't'],
      { cwd, encoding: 'utf8' },
    );
    expect(unreachable.status).toBe(2);
    expect(unreachable.stderr).toContain('cannot reach');
    const bad = spawnSync(tsx, ['src/cli.ts', 'contract', '--provider', 'piriod'], { cwd, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--base-url is required');
  });

  it('exits 2 for an --only that matches no check, instead of passing with none', () => {
    const run = spawnSync(
      tsx,
      ['src/cli.ts', 'contract', '--provider', 'piriod', '--base-url', base, '--token', 'demo', '--only', 'nothing.matches'],
      { cwd, encoding: 'utf8' },
    );
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('understudy: --only "nothing.matches" matches no check.');
    expect(run.stderr).toContain('piriod.auth.missing, .malformed, .invalid, .workspace');
  });
});
