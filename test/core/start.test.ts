/**
 * `npm start &` then `kill $!`: the PID a shell gets is npm's, so stopping it must stop the server
 * and free its port (the script execs node, which npm signals; no tsx wrapper process between).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { cwd } from '../trust/process';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

const listening = (port: number) =>
  fetch(`http://127.0.0.1:${port}/__understudy/health`).then(
    (res) => res.ok,
    () => false,
  );

describe('npm start', () => {
  it('stops, port freed, when its own PID gets SIGTERM', async () => {
    const port = await freePort();
    const npm = spawn('npm', ['start', '--', '--port', String(port), '--quiet'], { cwd, stdio: 'ignore' });
    const exited = new Promise((resolve) => npm.on('exit', resolve));
    for (let i = 0; i < 200 && !(await listening(port)); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await listening(port)).toBe(true);
    npm.kill('SIGTERM');
    await exited;
    let up = true;
    for (let i = 0; i < 50 && up; i++) {
      await new Promise((r) => setTimeout(r, 100));
      up = await listening(port);
    }
    expect(up).toBe(false);
  }, 60_000);
});
