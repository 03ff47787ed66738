/**
 * The Docker image, reproduced without a Docker engine: the runtime stage's steps taken from the
 * Dockerfile (a production-only install of the lockfile in a clean folder, the built dist/, bin/
 * and seeds/), then its ENTRYPOINT started as a container starts it — process 1 of a new PID
 * namespace, in its own network namespace, as a user that owns nothing, on a read-only root
 * filesystem — its HEALTHCHECK run inside that network, and a SIGTERM that must end it.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cleanEnv, ensureBuilt, exited, run, spawn } from './build';

const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
/** Instructions of the last stage, continuation lines joined. */
const runtime = dockerfile
  .split(/^FROM /m)
  .at(-1)!
  .replace(/\\\n\s*/g, '');
const instruction = (name: string) => new RegExp(`^${name} (.*)$`, 'm').exec(runtime)?.[1];
const execForm = (text: string | undefined): string[] => JSON.parse(text ?? 'null');

// The namespaces need root (as a container engine does); elsewhere this file has nothing to run.
const canIsolate = spawnSync('unshare', ['--net', '--pid', '--fork', '--mount', 'true']).status === 0;

let app: string;

beforeAll(async () => {
  await ensureBuilt();
  app = mkdtempSync(join(tmpdir(), 'understudy-image-'));
  chmodSync(app, 0o755); // as an image's files are: root's, readable by the user that runs them
  for (const file of ['package.json', 'package-lock.json', 'LICENSE', 'README.md']) cpSync(join(ROOT, file), join(app, file));
  run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: app, env: cleanEnv() });
  for (const dir of ['dist', 'bin', 'seeds']) cpSync(join(ROOT, dir), join(app, dir), { recursive: true });
}, 180_000);

afterAll(() => {
  if (app) rmSync(app, { recursive: true, force: true });
});

describe('Dockerfile', () => {
  it('runs a slim current-LTS Node as a non-root user, exposes 4010 and declares scenarios and data volumes and a HEALTHCHECK', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-slim$/m);
    expect(dockerfile).toMatch(/^FROM \$\{NODE_IMAGE\} AS build$/m);
    expect(instruction('USER')).toBe('node');
    expect(instruction('EXPOSE')).toBe('4010');
    expect(instruction('VOLUME')).toBe('["/scenarios", "/data"]');
    // The data volume is the server's to write (--persist /data).
    expect(dockerfile).toMatch(/^RUN mkdir \/data && chown node:node \/data$/m);
    expect(execForm(instruction('HEALTHCHECK.*CMD'))[0]).toBe('node');
    expect(execForm(instruction('ENTRYPOINT')).slice(0, 2)).toEqual(['node', 'bin/understudy.js']);
  });

  it('installs no compiler in the runtime stage: no tsx, esbuild or typescript', () => {
    const installed = readdirSync(join(app, 'node_modules'));
    expect(installed).not.toEqual(expect.arrayContaining(['tsx']));
    expect(installed.filter((name) => ['tsx', 'esbuild', 'typescript', 'tsup', '@esbuild'].includes(name))).toEqual([]);
    expect(existsSync(join(app, 'node_modules', 'hono'))).toBe(true);
  });
});

describe.skipIf(!canIsolate)('the image started as a container starts it', { timeout: 60_000 }, () => {
  // `docker run understudy` and `docker run understudy --port 5020`: the flag after the image name
  // must move the HEALTHCHECK too.
  it.each([
    [[], 4010],
    [['--port', '5020'], 5020],
  ])('answers its HEALTHCHECK as PID 1 on a read-only root as nobody, and exits on SIGTERM (run with %j)', async (flags, port) => {
    const entrypoint = [...execForm(instruction('ENTRYPOINT')), ...flags];
    const healthcheck = execForm(/CMD (\[.*\])$/.exec(instruction('HEALTHCHECK') ?? '')?.[1]);
    // Inside: loopback up, every mount read-only, then the ENTRYPOINT exec'd as process 1.
    const inside = [
      'ip link set lo up',
      'mount --make-rprivate /',
      'mount -o remount,bind,ro /',
      `cd ${app}`,
      `exec setpriv --reuid=65534 --regid=65534 --clear-groups env -i PATH="$PATH" NODE_ENV=production ${entrypoint.map((a) => `'${a}'`).join(' ')}`,
    ].join(' && ');
    // A /proc of its own, as a container has: process 1 there is the server.
    const container = spawn('unshare', ['--net', '--pid', '--fork', '--mount', '--mount-proc', '--kill-child', 'sh', '-c', inside], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let pid = 0;
    container.stdout!.on('data', (chunk) => (output += chunk));
    container.stderr!.on('data', (chunk) => (output += chunk));
    try {
      for (let i = 0; i < 150 && !output.includes('/__understudy/health'); i++) {
        if (container.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      // Bound on every interface (0.0.0.0), shown as the address a client calls (`docker run -p 4010:4010`).
      expect(output).toContain(`at http://127.0.0.1:${port}`);
      // The server is unshare's only child; /proc names it from here.
      pid = Number(readFileSync(`/proc/${container.pid}/task/${container.pid}/children`, 'utf8').trim());
      expect(readFileSync(`/proc/${pid}/status`, 'utf8')).toMatch(/^NSpid:\s+\d+\s+1$/m); // process 1 inside
      expect(readFileSync(`/proc/${pid}/status`, 'utf8')).toMatch(/^Uid:\s+65534\s/m);

      // As Docker runs it: in the container's namespaces and working directory, with its environment.
      const health = spawnSync('nsenter', ['--target', String(pid), '--net', '--pid', '--mount', `--wd=${app}`, '--', ...healthcheck], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, NODE_ENV: 'production' },
      });
      expect(health.stderr).toBe('');
      expect(health.status).toBe(0);

      process.kill(pid, 'SIGTERM');
      const ended = await Promise.race([exited(container), new Promise((r) => setTimeout(() => r('still running'), 5_000))]);
      expect(ended).not.toBe('still running');
      expect(output).not.toMatch(/EROFS|EACCES|Error/);
    } finally {
      // The server first: it changed user, which clears the parent-death signal unshare relies on.
      if (pid > 0 && container.exitCode === null) process.kill(pid, 'SIGKILL');
      if (container.exitCode === null) container.kill('SIGKILL');
    }
  });
});
