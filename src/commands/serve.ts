import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { resolve as resolvePath } from 'node:path';
import { z } from 'zod';
import { buildApp, ADMIN_PREFIX, isAdminPath, refusalHeaders, type UnderstudyApp } from '../app';
import { isLoopbackAddress } from '../core/admin';
import { withRequestLog, type LogFormat } from '../core/log';
import { type FaultRule, FaultRuleSchema, latencyRule, MAX_DELAY_MS } from '../core/faults';
import { DEFAULT_JOURNAL_LIMITS } from '../core/journal';
import { DirectoryStore, keptBounds, PersistError } from '../core/persist';
import { parseJsonFile } from '../core/json-file';
import { fieldPath } from '../core/scenario-file';
import { boundHeapGrowth, boundSeedGrowth } from '../core/heap';
import { clientUrl, listen } from '../core/server';
import { installGracefulStop } from '../core/shutdown';
import { SnapshotError } from '../core/snapshot';
import { AppOptionsSchema, PROVIDER_NAMES, type AppOptionsInput } from '../core/options';
import type { Scenario } from '../core/scenario';
import { providers } from '../providers';
import { SCENARIO_HELP, checkFixtures, loadScenario } from './scenario';
import { SERVE_FLAGS, servePort } from './serve-flags';
import { UsageError, commaList, parseFlags, wholeNumber, type Command, type CommandIo } from './usage';

const help = `Usage: understudy serve [options]

Serves every customer endpoint of the selected providers on one port, over seeded in-memory data.

Options:
  --port N               port to listen on (default 4010, or $PORT)
  --host H               interface to bind (default 127.0.0.1)
  --seed N               seed for the generated data (default 1)
  --scenario NAME|FILE   ${SCENARIO_HELP}
  --provider P           piriod | pelcro | all (default all)
  --tokens a,b           accept only these tokens (default: any non-empty token); key@acc_1 binds a
                         key to a Piriod workspace (another workspace: 403)
  --require-workspace    Piriod: a request without X-Simple-Workspace gets the real API's 400
  --freeze-time ISO      start every sandbox clock at this instant, one second per write
  --body-limit BYTES     largest request body accepted (default 1048576)
  --admin-token T        secret for the /__understudy/ routes (or $UNDERSTUDY_ADMIN_TOKEN); without
                         it they answer loopback clients only, and are off on a non-loopback --host
  --public-url URL       base URL of pagination links (default: from the request's Host header)
  --open-api-key K       Pelcro Open API: the API key whose sandbox a frontend's calls reach (default:
                         the first of --tokens, else demo); X-Understudy-Account overrides it per call
  --token-ttl SECONDS    Pelcro Open API: lifetime of a customer JWT (default 3600)
  --token-secret S       Pelcro Open API: HS256 secret of customer JWTs, at least 32 characters
                         (or $UNDERSTUDY_TOKEN_SECRET; default: a random one per server)
  --max-sandboxes N      open sandboxes at most, least recently used forgotten first (default 1000)
  --max-connections N    open connections at most; more are refused (default 1000)
  --quiet                no request log
  --log-format F         text | json: one line per request on stdout (default text)

Sandboxes, snapshots, journal and faults:
  --snapshot FILE        start sandboxes from a snapshot document (from GET /__understudy/snapshot
                         or "understudy seed --out"); a reset brings them back to it
  --persist DIR          keep every sandbox that changed in DIR (one file each, never torn) and
                         restore them at start
  --persist-interval MS  how long a change waits before its save starts (default 250); a crash
                         loses at most one interval of writes, plus those of a late start (a busy
                         server) and of the save under way
  --journal N            keep the last N requests of each sandbox for GET /__understudy/journal
                         (default 0: none; createMock() keeps 100)
  --latency MS|MIN-MAX   delay every provider request: fixed, or uniform in [MIN, MAX] ms
  --faults FILE          fault rules, JSON: {"rules": [{"path": "/customers/", "method": "POST",
                         "status": 503, "rate": 0.2}, …]} (also PUT /__understudy/faults)
  --fault-headers on|off obey X-Understudy-Delay / -Status / -Retry-After (default on)
  -h, --help             show this help

Delays are capped at 30 s in all and never hold the server. Admin routes under /__understudy/:
sandboxes, reset, snapshot, journal, faults (see the README).

Limits: a sandbox adds at most 10000 records and 8 MiB, all sandboxes together 128 MiB (least
recently used forgotten first), 50 metadata keys of at most 4096 characters; headers 16 KiB,
sent within 10 s, a whole request within 30 s, idle keep-alive connections closed after 5 s.
SIGTERM, SIGINT, SIGHUP, SIGQUIT or SIGUSR2 (nodemon's restart): stop accepting, finish the
requests in flight (up to 5 s), write what --persist has pending, exit 0.`;

/** How the HTTP server itself is bounded (node:http settings), and the request log. */
export interface ServerLimits {
  maxConnections: number;
  maxHeaderBytes: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** How long a stop waits for requests in flight. */
  graceMs: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  maxConnections: 1000,
  maxHeaderBytes: 16 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  graceMs: 5_000,
};

export interface ServeSettings {
  port: number;
  host: string;
  options: AppOptionsInput;
  server: ServerLimits;
  log: LogFormat | 'off';
  /** `--persist DIR`: where sandboxes are kept, and how soon a change is written. */
  persist?: { dir: string; intervalMs: number };
}

/** A JSON file a flag names, read and parsed; a mistake is a UsageError naming the flag. */
function readJsonFlag(flag: string, file: string, cwd: string): unknown {
  const path = resolvePath(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${flag}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return parseJsonFile(text);
  } catch (error) {
    throw new UsageError(`${flag}: ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** `--faults FILE`: `{"rules": [...]}` or a bare list of rules, each checked; the message names the field. */
function faultRules(file: string, cwd: string): FaultRule[] {
  const json = readJsonFlag('--faults', file, cwd);
  const list = Array.isArray(json) ? json : (json as { rules?: unknown })?.rules;
  const parsed = z.array(FaultRuleSchema).safeParse(list);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `--faults ${file}: rules${issue.path.length ? `[${String(issue.path[0])}]` : ''}${issue.path.length > 1 ? `.${fieldPath(issue.path.slice(1))}` : ''}: ${issue.message}`,
    );
  }
  return parsed.data;
}

/** The flags a variable stands in for when they are absent. */
const FROM_ENV: Record<string, string> = { 'admin-token': 'UNDERSTUDY_ADMIN_TOKEN', 'token-secret': 'UNDERSTUDY_TOKEN_SECRET' };

/** Turns `serve` flags (and PORT) into settings; every mistake is a UsageError. */
export function parseServeArgs(io: Pick<CommandIo, 'args' | 'env' | 'cwd'>): ServeSettings | 'help' {
  const values = parseFlags(io.args, SERVE_FLAGS);
  if (values.help) return 'help';

  const port = servePort(values.port, io.env);
  const provider = values.provider ?? 'all';
  if (provider !== 'all' && !(PROVIDER_NAMES as readonly string[]).includes(provider)) {
    throw new UsageError(`--provider must be one of ${[...PROVIDER_NAMES, 'all'].join(', ')}, got "${provider}"`);
  }
  const tokens = commaList(values.tokens);
  if (values.tokens !== undefined && tokens?.length === 0) throw new UsageError('--tokens needs at least one token');

  const host = values.host ?? '127.0.0.1';
  const adminToken = values['admin-token'] ?? (io.env.UNDERSTUDY_ADMIN_TOKEN || undefined);
  const logFormat = values['log-format'] ?? 'text';
  if (logFormat !== 'text' && logFormat !== 'json') throw new UsageError(`--log-format must be text or json, got "${logFormat}"`);
  const maxSandboxes = wholeNumber('--max-sandboxes', values['max-sandboxes'], 1, 1_000_000);
  const journalEntries = wholeNumber('--journal', values.journal, 0, 10_000);
  const rules: FaultRule[] = [];
  if (values.latency !== undefined) {
    const rule = latencyRule(values.latency);
    if (!rule) throw new UsageError(`--latency takes milliseconds, MS or MIN-MAX (at most ${MAX_DELAY_MS}), got "${values.latency}"`);
    rules.push(rule);
  }
  if (values.faults !== undefined) rules.push(...faultRules(values.faults, io.cwd));
  const faultHeaders = values['fault-headers'] ?? 'on';
  if (faultHeaders !== 'on' && faultHeaders !== 'off') throw new UsageError(`--fault-headers must be on or off, got "${faultHeaders}"`);
  if (values.persist === '') throw new UsageError('--persist needs a folder');
  const persistInterval = wholeNumber('--persist-interval', values['persist-interval'], 1, 60_000) ?? 250;

  const options: AppOptionsInput = {
    seed: wholeNumber('--seed', values.seed, 0, 2 ** 31 - 1),
    scenario: values.scenario === undefined ? undefined : loadScenario(values.scenario, io.cwd),
    providers: provider === 'all' ? [...PROVIDER_NAMES] : [provider as (typeof PROVIDER_NAMES)[number]],
    tokens,
    requireWorkspace: values['require-workspace'] ?? false,
    freezeTime: values['freeze-time'],
    bodyLimitBytes: wholeNumber('--body-limit', values['body-limit'], 1, 2 ** 31 - 1),
    adminToken,
    // Reset wipes every tenant: on a public interface, the admin routes need a token or are off.
    adminRoutes: adminToken !== undefined || isLoopbackBind(host),
    publicUrl: values['public-url'],
    openApiKey: values['open-api-key'],
    tokenTtlSeconds: wholeNumber('--token-ttl', values['token-ttl'], 1, 366 * 24 * 3600),
    tokenSecret: values['token-secret'] ?? (io.env.UNDERSTUDY_TOKEN_SECRET || undefined),
    limits: maxSandboxes === undefined ? undefined : { maxSandboxes },
    // Off unless asked for on a served mock (createMock keeps it on): keeping bodies costs every
    // request a copy, and it changed how requests in flight drain at a stop (test/trust/shutdown).
    journal: { ...DEFAULT_JOURNAL_LIMITS, entries: journalEntries ?? 0 },
    faults: rules,
    faultHeaders: faultHeaders === 'on',
    snapshots: values.snapshot === undefined ? [] : [readJsonFlag('--snapshot', values.snapshot, io.cwd)],
  };
  const checked = AppOptionsSchema.safeParse(options);
  if (!checked.success) {
    const first = checked.error.issues[0];
    const flag = String(first.path[0] ?? 'option').replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`);
    // A secret taken from the environment is named by its variable, where the operator set it.
    const variable = values[flag as keyof typeof values] === undefined ? FROM_ENV[flag] : undefined;
    throw new UsageError(variable ? `$${variable} (--${flag}) ${first.message}` : `--${flag} ${first.message}`);
  }
  const server: ServerLimits = {
    ...DEFAULT_SERVER_LIMITS,
    maxConnections: wholeNumber('--max-connections', values['max-connections'], 1, 1_000_000) ?? DEFAULT_SERVER_LIMITS.maxConnections,
  };
  return {
    port,
    host,
    options,
    server,
    log: values.quiet ? 'off' : logFormat,
    persist: values.persist === undefined ? undefined : { dir: resolvePath(io.cwd, values.persist), intervalMs: persistInterval },
  };
}

/** Whether a --host value binds loopback only (`localhost`, 127.0.0.0/8, ::1). */
export function isLoopbackBind(host: string): boolean {
  return host === 'localhost' || isLoopbackAddress(host);
}

export interface RunningServer {
  server: Server;
  /** The base URL, e.g. http://127.0.0.1:4010. */
  url: string;
  app: UnderstudyApp;
  /** With --persist: where sandboxes are kept (flush it on the way out). */
  store?: DirectoryStore;
}

/** The app, with `--snapshot` restored and `--persist` attached; a bad file is a UsageError naming it. */
function buildServedApp(settings: ServeSettings, warn: (line: string) => void): { built: UnderstudyApp; store?: DirectoryStore } {
  let built: UnderstudyApp;
  try {
    built = buildApp(settings.options);
  } catch (error) {
    if (error instanceof SnapshotError) throw new UsageError(`--snapshot: ${error.message}`);
    throw error;
  }
  if (!settings.persist) return { built };
  try {
    const store = new DirectoryStore(
      settings.persist.dir,
      settings.persist.intervalMs,
      (line) => warn(`understudy: ${line}`),
      keptBounds(built.options.limits),
    );
    store.sandboxes = built.sandboxes;
    built.sandboxes.attachStore(store, store.readAll());
    return { built, store };
  } catch (error) {
    if (error instanceof PersistError) throw new UsageError(error.message);
    if (error instanceof SnapshotError) throw new UsageError(`--persist ${settings.persist.dir}: ${error.message}`);
    throw error;
  }
}

/**
 * The app's fetch, which has every provider's seeded data built once a provider is first asked
 * (after that request): a client that asks the other provider a minute later is answered at once,
 * where it waited for the seed (a Pelcro page at 100,000 customers: 1.2 s). The seeds also start
 * in slices as the server listens (UnderstudyApp.prepareSoon): this finishes at once whatever the
 * slices have not built by then.
 */
function preparingOnFirstUse(built: UnderstudyApp, seeded: () => void): UnderstudyApp['app']['fetch'] {
  let asked = false;
  return (request, env, context) => {
    if (!asked && !isAdminPath(new URL(request.url).pathname)) {
      asked = true;
      setTimeout(() => void built.prepare().then(seeded), 0).unref();
    }
    return built.app.fetch(request, env, context);
  };
}

/**
 * Builds the app and listens, with the server's bounds and the request log; resolves when listening.
 * `seeded` is called once every provider's seeded data is built (after the first provider request).
 */
export function startServer(
  settings: ServeSettings,
  write: (line: string) => void,
  warn: (line: string) => void = write,
  seeded: () => void = () => {},
): Promise<RunningServer> {
  const { built, store } = buildServedApp(settings, warn);
  const limits = settings.server;
  // Once, whichever of the slices and the first request builds the last seed.
  let isSeeded = false;
  const seededOnce = () => {
    if (!isSeeded) seeded();
    isSeeded = true;
  };
  const served = preparingOnFirstUse(built, seededOnce);
  const fetch = settings.log === 'off' ? served : withRequestLog(served, write, settings.log);
  return new Promise((resolve, reject) => {
    const server = listen(
      {
        fetch,
        port: settings.port,
        hostname: settings.host,
        refusalHeaders,
        serverOptions: {
          maxHeaderSize: limits.maxHeaderBytes,
          headersTimeout: limits.headersTimeoutMs,
          requestTimeout: limits.requestTimeoutMs,
          keepAliveTimeout: limits.keepAliveTimeoutMs,
          // How often node checks the two timeouts above (its default, 30 s, would let them slip).
          connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
        },
      },
      (info) => {
        // Seeded while no client has asked yet, a slice at a time (see preparingOnFirstUse).
        void built.prepareSoon().then(seededOnce);
        resolve({ server, url: clientUrl(settings.host, info.port), app: built, store });
      },
    );
    server.maxConnections = limits.maxConnections;
    server.on('error', (error: NodeJS.ErrnoException) => {
      reject(new UsageError(error.code === 'EADDRINUSE' ? `port ${settings.port} is already in use` : error.message));
    });
  });
}

export const serveCommand: Command = {
  help,
  async run(io) {
    const settings = parseServeArgs(io);
    if (settings === 'help') {
      io.out(help);
      return 0;
    }
    if (settings.options.scenario) await checkFixtures(settings.options.scenario as Scenario, settings.options.seed);
    boundSeedGrowth();
    const {
      server,
      url: base,
      app: built,
      store,
    } = await startServer(
      settings,
      (line) => io.out(line),
      (line) => io.err(line),
      // Once the seeds are built: bounding the heap as tightly before made them slower (src/core/heap.ts).
      () => boundHeapGrowth(),
    );
    const options = built.options;
    const lines = [
      `understudy is serving ${options.providers.join(' and ')} at ${base}  (seed ${options.seed}, scenario ${options.scenario.name})`,
      '',
    ];
    for (const name of options.providers) {
      const provider = providers[name];
      lines.push(`${provider.title}:`);
      for (const route of provider.routes) {
        const [method, path] = route.split(' ');
        lines.push(`  ${method.padEnd(6)} ${path}`);
      }
      lines.push(`  try: ${provider.curlExample(base, options)}`);
      for (const note of provider.notes?.(options) ?? []) lines.push(`  ${note}`);
      lines.push('');
    }
    lines.push(`health: ${base}${ADMIN_PREFIX}/health`);
    if (!options.adminRoutes) lines.push(`admin routes are off on ${settings.host} without --admin-token`);
    if (store) lines.push(`keeping sandboxes in ${store.dir} (${built.sandboxes.list().length} restored)`);
    io.out(lines.join('\n'));
    installGracefulStop(server, {
      graceMs: settings.server.graceMs,
      // What changed since the last write reaches the disk before the process goes.
      exit: (code) => {
        store?.flush();
        process.exit(code);
      },
      onStop: (signal, inFlight) => io.err(`understudy: ${signal}: no new connections; finishing ${inFlight} requests in flight`),
      onStopped: (drained) =>
        io.err(
          drained
            ? 'understudy: stopped: every request in flight answered'
            : `understudy: stopped: cut what was still open after ${settings.server.graceMs} ms`,
        ),
    });
    return 'running';
  },
};
