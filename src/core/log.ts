/**
 * The request log: one line per request with its time, method, path (no query string: it may
 * carry keys), status, milliseconds and sandbox. A credential never reaches the log: the token is
 * shown as the first 8 hex digits of its SHA-256, enough to tell tenants apart and to grep for
 * your own (`understudy` prints nothing from which the token could be recovered).
 */
import { createHash } from 'node:crypto';
import { answerSandbox } from './request-context';

export type LogFormat = 'text' | 'json';

export interface RequestLogEntry {
  time: string;
  method: string;
  path: string;
  status: number;
  ms: number;
  /** `fingerprint[:workspace][:test][:site=N]`, or `-` without credentials. */
  sandbox: string;
}

/** The first 8 hex digits of the SHA-256 of a token. */
export function fingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 8);
}

/** The credential of an Authorization header: what follows its scheme (or the whole value). */
function tokenOf(header: string): string {
  const space = header.trim().indexOf(' ');
  return space === -1
    ? header.trim()
    : header
        .trim()
        .slice(space + 1)
        .trim();
}

/** Control characters and spaces of client-chosen text, escaped so one request stays one line. */
function printable(text: string, max = 64): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(/[\u0000-\u0020\u007f-\u009f\u2028\u2029"\\]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Which sandbox a request used, with its token redacted to a fingerprint: the label of the sandbox
 * that answered when the app noted one (`answered`), else the one the request's credentials name.
 */
export function sandboxLabel(request: Request, answered?: string): string {
  let label: string;
  if (answered !== undefined) {
    label = printable(answered, 128);
  } else {
    const auth = request.headers.get('authorization');
    if (!auth) return '-';
    label = fingerprint(tokenOf(auth));
    const workspace = request.headers.get('x-simple-workspace');
    if (workspace) label += `:${printable(workspace)}`;
    // Piriod's test data is a sandbox of its own, apart from the live one of the same credentials.
    if (request.headers.get('x-piriod-test-mode')?.trim().toLowerCase() === 'true') label += ':test';
  }
  const site = new URL(request.url).searchParams.get('site_id');
  if (site) label += `:site=${printable(site, 16)}`;
  return label;
}

export function formatEntry(entry: RequestLogEntry, format: LogFormat): string {
  if (format === 'json') return JSON.stringify(entry);
  return `${entry.time} ${entry.method} ${printable(entry.path, 512)} ${entry.status} ${entry.ms}ms sandbox=${entry.sandbox}`;
}

type Fetch = (request: Request, env?: unknown) => Response | Promise<Response>;

/** Wraps a fetch handler so that each request writes one log line once its response is ready. */
export function withRequestLog(fetch: Fetch, write: (line: string) => void, format: LogFormat, now = () => new Date()): Fetch {
  return async (request, env) => {
    const started = performance.now();
    let status = 500;
    let answered: string | undefined;
    try {
      const response = await fetch(request, env);
      status = response.status;
      answered = answerSandbox(response);
      return response;
    } finally {
      const url = new URL(request.url);
      write(
        formatEntry(
          {
            time: now().toISOString(),
            method: request.method,
            path: url.pathname,
            status,
            ms: Math.round((performance.now() - started) * 10) / 10,
            sandbox: sandboxLabel(request, answered),
          },
          format,
        ),
      );
    }
  };
}
