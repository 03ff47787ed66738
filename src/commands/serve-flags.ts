/**
 * The flags of `understudy serve` and the port they choose: read by the command, and by the
 * container's health check (src/healthcheck.ts), which must find the port the server listens on
 * from the same arguments. Nothing here loads the app, so the health check starts quickly.
 */
import { type FlagSpec, parseFlags, wholeNumber } from './usage';

export const SERVE_FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  seed: { type: 'string' },
  scenario: { type: 'string' },
  provider: { type: 'string' },
  tokens: { type: 'string' },
  'require-workspace': { type: 'boolean' },
  'freeze-time': { type: 'string' },
  'body-limit': { type: 'string' },
  'admin-token': { type: 'string' },
  'public-url': { type: 'string' },
  'open-api-key': { type: 'string' },
  'token-ttl': { type: 'string' },
  'token-secret': { type: 'string' },
  'max-sandboxes': { type: 'string' },
  'max-connections': { type: 'string' },
  quiet: { type: 'boolean' },
  'log-format': { type: 'string' },
  snapshot: { type: 'string' },
  persist: { type: 'string' },
  'persist-interval': { type: 'string' },
  journal: { type: 'string' },
  latency: { type: 'string' },
  faults: { type: 'string' },
  'fault-headers': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies FlagSpec;

export const DEFAULT_PORT = 4010;

/** `--port`, else $PORT (unless empty), else 4010; a UsageError naming where a value that is not a port came from. */
export function servePort(flag: string | undefined, env: Record<string, string | undefined>): number {
  if (flag !== undefined) return wholeNumber('--port', flag, 0, 65535) as number;
  return wholeNumber('$PORT', env.PORT || undefined, 0, 65535) ?? DEFAULT_PORT;
}

/**
 * The port of a server started with this command line, as /proc/PID/cmdline holds it (each
 * argument ended by a NUL): the arguments after `serve` read as `serve` reads them, so
 * `--port 5000`, `--port=5000` and a repeated flag (the last wins) all count, then $PORT, then
 * 4010. Throws a UsageError on arguments `serve` refuses: no server runs with them.
 */
export function portOfCmdline(cmdline: string, env: Record<string, string | undefined>): number {
  const argv = cmdline.replace(/\0$/, '').split('\0');
  const at = argv.indexOf('serve');
  return servePort(at === -1 ? undefined : parseFlags(argv.slice(at + 1), SERVE_FLAGS).port, env);
}
