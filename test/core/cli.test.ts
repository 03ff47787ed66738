import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { parseServeArgs } from '../../src/commands/serve';
import { portOfCmdline } from '../../src/commands/serve-flags';
import { UsageError } from '../../src/commands/usage';
import { providers } from '../../src/providers';

const cwd = process.cwd();
const tsx = 'node_modules/.bin/tsx';

describe('understudy serve flags', () => {
  it('defaults to 127.0.0.1:4010, seed 1, every provider', () => {
    const settings = parseServeArgs({ args: [], env: {}, cwd });
    expect(settings).toMatchObject({ port: 4010, host: '127.0.0.1', options: { providers: ['piriod', 'pelcro'] } });
  });

  it('takes --port from PORT when the flag is absent, and the flag over PORT', () => {
    expect(parseServeArgs({ args: [], env: { PORT: '5000' }, cwd })).toMatchObject({ port: 5000 });
    expect(parseServeArgs({ args: ['--port', '4011'], env: { PORT: '5000' }, cwd })).toMatchObject({ port: 4011 });
  });

  it('names the variable, not the flag, when a value from the environment is wrong', () => {
    expect(() => parseServeArgs({ args: [], env: { PORT: 'abc' }, cwd })).toThrow(
      /^\$PORT must be a whole number from 0 to 65535, got "abc"$/,
    );
    expect(() => parseServeArgs({ args: [], env: { UNDERSTUDY_ADMIN_TOKEN: 'short' }, cwd })).toThrow(
      /^\$UNDERSTUDY_ADMIN_TOKEN \(--admin-token\) must be at least 8 characters$/,
    );
    expect(() => parseServeArgs({ args: [], env: { UNDERSTUDY_TOKEN_SECRET: 'short' }, cwd })).toThrow(
      /^\$UNDERSTUDY_TOKEN_SECRET \(--token-secret\)/,
    );
    expect(() => parseServeArgs({ args: ['--admin-token', 'short'], env: {}, cwd })).toThrow(
      /^--admin-token must be at least 8 characters$/,
    );
    // An empty PORT is no PORT, as an empty UNDERSTUDY_ADMIN_TOKEN is no token.
    expect(parseServeArgs({ args: [], env: { PORT: '' }, cwd })).toMatchObject({ port: 4010 });
  });

  it('reads --seed, --provider, --tokens, --require-workspace, --freeze-time and --scenario', () => {
    const settings = parseServeArgs({
      args: [
        '--seed',
        '7',
        '--provider',
        'piriod',
        '--tokens',
        'a,b',
        '--require-workspace',
        '--freeze-time',
        '2026-01-01T00:00:00Z',
        '--scenario',
        'empty',
      ],
      env: {},
      cwd,
    });
    expect(settings).toMatchObject({
      options: {
        seed: 7,
        providers: ['piriod'],
        tokens: ['a', 'b'],
        requireWorkspace: true,
        freezeTime: '2026-01-01T00:00:00Z',
        scenario: { name: 'empty', piriod: { customers: 0 } },
      },
    });
  });

  it.each([
    [['--port', 'abc'], /--port must be a whole number/],
    [['--port', '70000'], /--port must be a whole number/],
    [['--seed', '-1'], /--seed must be a whole number from 0 to 2147483647, got "-1"/],
    [['--port', '-1'], /--port must be a whole number from 0 to 65535, got "-1"/],
    [['--journal', '-1'], /--journal must be a whole number from 0 to 10000, got "-1"/],
    [['--latency', '-5'], /--latency takes milliseconds, MS or MIN-MAX/],
    [['--port', '--seed', '1'], /Option '--port' argument is ambiguous/],
    [['--provider', 'stripe'], /--provider must be one of piriod, pelcro, all/],
    [['--scenario', 'nope'], /no scenario "nope"/],
    [['--scenario', '../etc/passwd'], /no scenario file at/],
    [['--scenario', 'bad name'], /--scenario takes a name/],
    [['--freeze-time', 'tomorrow'], /--freeze-time must be an ISO 8601 instant/],
    [['--tokens', ','], /--tokens needs at least one token/],
    [['--verbose'], /Unknown option '--verbose'/],
  ])('refuses %j with a clear message', (args, message) => {
    expect(() => parseServeArgs({ args, env: {}, cwd })).toThrow(UsageError);
    expect(() => parseServeArgs({ args, env: {}, cwd })).toThrow(message);
  });
});

describe("the image's HEALTHCHECK: the port of process 1's command line", () => {
  /** /proc/PID/cmdline: each argument ended by a NUL. */
  const cmdline = (...argv: string[]) => argv.map((arg) => `${arg}\0`).join('');
  const image = ['node', 'bin/understudy.js', 'serve', '--host', '0.0.0.0'];

  it.each([
    ['no flag', cmdline(...image), {}, 4010],
    ['--port N after the image name', cmdline(...image, '--port', '5000'), {}, 5000],
    ['--port=N', cmdline(...image, '--port=5000'), {}, 5000],
    ['the last of two --port', cmdline(...image, '--port', '5000', '--port', '5001'), {}, 5001],
    ['--port after flags with values', cmdline(...image, '--tokens', 'a,b', '--quiet', '--port', '5002'), {}, 5002],
    ['$PORT without a flag', cmdline(...image), { PORT: '5003' }, 5003],
    ['--port over $PORT', cmdline(...image, '--port', '5004'), { PORT: '5003' }, 5004],
    ['`docker run --init`', cmdline('/sbin/docker-init', '--', ...image, '--port', '5005'), {}, 5005],
  ])('reads %s', (_, line, env, port) => {
    expect(portOfCmdline(line, env)).toBe(port);
  });

  it('throws a UsageError on arguments serve refuses (no server runs with them)', () => {
    expect(() => portOfCmdline(cmdline(...image, '--port', 'abc'), {})).toThrow(UsageError);
  });
});

// Each of these starts a node process with the TypeScript loader: seconds on a busy machine.
describe('understudy CLI process', { timeout: 90_000 }, () => {
  it('exits 2 with a message on a bad flag', () => {
    const run = spawnSync(tsx, ['src/cli.ts', 'serve', '--port', 'abc'], { cwd, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('understudy: --port must be a whole number');
  });

  it('ends quietly with status 141 when its reader closes the pipe early (`| head`)', async () => {
    const child = spawn(tsx, ['src/cli.ts', 'openapi', '--provider', 'pelcro'], { cwd });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    // Closed before the command writes: its write must fail (a pipe buffer could hold a whole answer).
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(141);
    expect(stderr).toBe('');
  });

  it.each(['--version', '-v', 'version'])('prints the version in package.json and exits 0 (%s)', (flag) => {
    const run = spawnSync(tsx, ['src/cli.ts', flag], { cwd, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`${JSON.parse(readFileSync('package.json', 'utf8')).version}\n`);
    expect(run.status).toBe(0);
  });

  it.each(['frobnicate', 'constructor', 'toString'])('exits 2 on an unknown command (%s)', (name) => {
    const run = spawnSync(tsx, ['src/cli.ts', name], { cwd, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`unknown command "${name}"`);
  });

  it('prints the base URL, the routes and a curl line, then answers health', async () => {
    const child = spawn(tsx, ['src/cli.ts', 'serve', '--port', '0', '--seed', '7'], { cwd });
    try {
      const banner = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          if (out.includes('/__understudy/health')) resolve(out);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const base = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
      expect(base).toBeDefined();
      expect(banner).toContain('seed 7');
      expect(banner).toMatch(/try: curl /);
      // One column of methods, one of paths: DELETE as wide as the rest.
      const routeLines = banner.split('\n').filter((line) => /^ {2}(GET|POST|PUT|PATCH|DELETE) /.test(line));
      expect(routeLines.length).toBeGreaterThan(20);
      expect(new Set(routeLines.map((line) => line.indexOf('/')))).toEqual(new Set([9]));
      const health = await fetch(`${base}/__understudy/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      // The details are for the operator: a loopback client without --admin-token.
      const status = await fetch(`${base}/__understudy/status`);
      expect(await status.json()).toMatchObject({ status: 'ok', seed: 7 });
    } finally {
      child.kill();
    }
  });
});

describe("the start banner's curl lines", () => {
  /** The request a pasted `curl -H '…' '…'` line sends. */
  const request = (line: string) => ({
    url: /'(http[^']+)'/.exec(line)?.[1] ?? '',
    headers: Object.fromEntries([...line.matchAll(/-H '([^:]+): ([^']*)'/g)].map(([, name, value]) => [name, value])),
  });

  it.each([
    [[]],
    [['--tokens', 'a,b']],
    [['--tokens', 'key@acc_1,other', '--require-workspace']],
    [['--tokens', 'a', '--require-workspace']],
    [['--open-api-key', 'frontend']],
    [['--tokens', 'a,b', '--open-api-key', 'z']],
  ])('answer 200 on a server started with %j', async (args) => {
    const settings = parseServeArgs({ args, env: {}, cwd });
    if (settings === 'help') throw new Error('help');
    const built = buildApp(settings.options);
    for (const name of built.options.providers) {
      const line = providers[name].curlExample('http://127.0.0.1:4010', built.options);
      const { url, headers } = request(line);
      const res = await built.app.request(url, { headers });
      expect({ line, status: res.status }).toEqual({ line, status: 200 });
    }
  });

  it("name the key whose sandbox a frontend's Open API calls reach", () => {
    const settings = parseServeArgs({ args: ['--open-api-key', 'frontend'], env: {}, cwd });
    if (settings === 'help') throw new Error('help');
    const built = buildApp(settings.options);
    expect(providers.pelcro.curlExample('http://h', built.options)).toContain("'Authorization: Bearer frontend'");
  });
});
