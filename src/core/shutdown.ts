/**
 * A graceful stop for the HTTP server. On SIGTERM, SIGINT, SIGHUP (the terminal it ran in closed),
 * SIGQUIT (Ctrl-\) or SIGUSR2 (what nodemon sends to restart the process it watches), where node's
 * default would end the process at once, losing what `--persist` had not yet written:
 *
 * 1. stop accepting connections (the listening socket closes at once);
 * 2. let every request already received finish, each answered with `Connection: close`, so node
 *    ends its connection once the answer is flushed;
 * 3. end the connections that carry no request, gently (`end()` flushes before its FIN), looking
 *    again every 100 ms, each time after the event loop has read what sockets had pending — a
 *    request whose bytes were waiting behind a busy loop is read, not cut (node's own
 *    `closeIdleConnections`, which `server.close()` calls, destroys such connections);
 * 4. exit 0 once every connection is closed, or after `graceMs` with whatever is left cut.
 *
 * Handlers are installed explicitly because a process running as PID 1 (a container without an
 * init) gets no default action for SIGTERM: without a handler it ignores the signal until SIGKILL.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

export interface GracefulStopOptions {
  graceMs: number;
  /** Called when the stop begins, and when it ends (`drained`: every request was answered). */
  onStop?: (signal: string, inFlight: number, connections: number) => void;
  onStopped?: (drained: boolean) => void;
  exit?: (code: number) => void;
  signals?: readonly NodeJS.Signals[];
}

const SWEEP_MS = 100;

/**
 * The signals that stop the server gracefully. A signal a platform lacks (Windows has no SIGQUIT
 * or SIGUSR2) is no signal there, and listening for it is listening for an event never emitted.
 */
export const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'];

/** The answer a connection is carrying, while it carries one. */
const ANSWERING = Symbol('understudy.answering');
type Tracked = Socket & { [ANSWERING]?: ServerResponse };

export function installGracefulStop(server: Server, options: GracefulStopOptions): () => void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? STOP_SIGNALS;
  let stopping = false;
  const sockets = new Set<Tracked>();

  const closeAfter = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  };
  server.on('connection', (socket: Tracked) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // The answer a socket carries is noted on the socket: a map of busy sockets took a set and a
  // delete on every request (and a rehash now and then). An answer emits 'close' once finished
  // (node 20 emits it after 'finish') or cut, and keeps its request, and the request its socket,
  // after the socket moves on: one listener, made once, clears the note.
  function settled(this: ServerResponse) {
    const socket = this.req.socket as Tracked;
    if (socket[ANSWERING] === this) socket[ANSWERING] = undefined;
  }
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    (req.socket as Tracked)[ANSWERING] = res;
    if (stopping) closeAfter(res);
    res.on('close', settled);
  });
  /** The answers in progress. */
  const answering = () => [...sockets].flatMap((socket) => (socket[ANSWERING] ? [socket[ANSWERING]] : []));

  const endIdle = () =>
    setImmediate(() => {
      for (const socket of sockets) if (!socket[ANSWERING]) socket.end();
    });

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const inFlight = answering();
    options.onStop?.(signal, inFlight.length, sockets.size);
    for (const res of inFlight) closeAfter(res);
    const sweep = setInterval(endIdle, SWEEP_MS);
    const timer = setTimeout(() => {
      clearInterval(sweep);
      server.closeAllConnections();
      options.onStopped?.(false);
      exit(0);
    }, options.graceMs);
    // net.Server's close: stop listening, without http.Server's immediate cut of "idle" sockets;
    // one turn of the loop later, so connections the kernel already queued are taken in first.
    setImmediate(() =>
      NetServer.prototype.close.call(server, () => {
        clearInterval(sweep);
        clearTimeout(timer);
        options.onStopped?.(true);
        exit(0);
      }),
    );
    setTimeout(endIdle, SWEEP_MS).unref();
  };
  for (const signal of signals) process.on(signal, stop);
  return () => {
    for (const signal of signals) process.off(signal, stop);
  };
}
