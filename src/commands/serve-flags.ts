/**
 * The flags of `understudy serve` and the port they choose, apart from the command so that a
 * reader of the same arguments need not load the app.
 */
import { type FlagSpec, wholeNumber } from './usage';

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

/** `--port`, else $PORT, else 4010; a UsageError when it is not a port. */
export function servePort(flag: string | undefined, env: Record<string, string | undefined>): number {
  return wholeNumber('--port', flag ?? env.PORT, 0, 65535) ?? DEFAULT_PORT;
}
