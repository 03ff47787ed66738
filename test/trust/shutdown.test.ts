import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { cliArgs, requestInFlight, sleep, startServe, waitForSockets } from './process';

/** unshare of util-linux, able to make a PID namespace without root (through a user namespace). */
function unshareWorks(): boolean {
  const run = spawnSync('unshare', ['--pid', '--fork', '--map-root-user', 'true'], { encoding: 'utf8' });
  return run.status === 0;
}
const canUnshare = unshareWorks();

const HEADERS = { Authorization: 'Token stop', 'Content-Type': 'application/json' };

/** The host pid of a process's only child (unshare --fork runs the command as its child). */
function childPid(pid: number): number {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  if (children.length !== 1) throw new Error(`expected one child of ${pid}, found ${children.join(', ') || 'none'}`);
  return Number(children[0]);
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/**
 * 40 POST /customers/ are sent half-way, the signal arrives, then their bodies are finished: every
 * one must be answered 201, new connections refused, and the process must exit 0.
 */
async function inFlightSurvive(command: string, args: string[], signalPid: (childPid: number) => number, signal: NodeJS.Signals) {
  const serve = await startServe(command, args);
  try {
    // The first request builds the seeded data; afterwards the event loop is free to take requests in.
    const warm = requestInFlight(serve.port, '/customers/', HEADERS, '{"name": "Warm SpA"}');
    warm.finish();
    expect((await warm.answer).status).toBe(201);
    const serverPid = signalPid(serve.child.pid!);
    const flights = Array.from({ length: 40 }, (_, i) =>
      requestInFlight(serve.port, '/customers/', HEADERS, JSON.stringify({ name: `Stop ${i} SpA` })),
    );
    // Every connection accepted by the server, then a moment for their headers to be read.
    // (The listener is one socket; the warm-up's keep-alive connection may or may not be another.)
    await waitForSockets(serverPid, 1 + flights.length);
    await sleep(300);
    process.kill(serverPid, signal);
    await sleep(300);
    expect(await connects(serve.port)).toBe(false);
    for (const flight of flights) flight.finish();
    const answers = await Promise.all(flights.map((f) => f.answer));
    expect(answers.map((a) => a.status)).toEqual(flights.map(() => 201));
    const { code } = await serve.exited;
    expect(code).toBe(0);
    expect(serve.output()).toContain(`${signal}: no new connections; finishing 40 requests in flight`);
    // Stopped because everything was answered, not because the 5 s grace ran out.
    expect(serve.output()).toContain('stopped: every request in flight answered');
  } finally {
    serve.child.kill('SIGKILL');
  }
}

describe('stopping understudy serve', { timeout: 90_000 }, () => {
  it('answers every request in flight on SIGTERM, refuses new connections, exits 0', async () => {
    await inFlightSurvive(process.execPath, cliArgs('--quiet'), (pid) => pid, 'SIGTERM');
  });

  it('does the same on SIGINT (Ctrl-C)', async () => {
    await inFlightSurvive(process.execPath, cliArgs('--quiet'), (pid) => pid, 'SIGINT');
  });

  it.skipIf(!canUnshare)('does the same as process 1 of its PID namespace (a container without an init)', async () => {
    await inFlightSurvive(
      'unshare',
      ['--pid', '--fork', '--map-root-user', '--kill-child', process.execPath, ...cliArgs('--quiet')],
      (unsharePid) => {
        const pid = childPid(unsharePid);
        // Inside its namespace the server is process 1: its status names NSpid "<host pid> 1".
        expect(readFileSync(`/proc/${pid}/status`, 'utf8')).toMatch(/^NSpid:\s+\d+\s+1$/m);
        return pid;
      },
      'SIGTERM',
    );
  });
});

if (!canUnshare) {
  describe('stopping as process 1', () => {
    it.skip(`skipped: unshare --pid --fork --map-root-user fails here (${execFileSync('sh', ['-c', 'command -v unshare || echo "no unshare"']).toString().trim()})`, () => {});
  });
}
