import { closeSync, existsSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { summarize, stoppedRun, LEVELS, type Level, type RunReport } from '../../contracts/check/report';
import { REPORTERS, render, type ReporterName } from '../../contracts/check/reporters';
import { CredentialsRefusedError, runSuite, UnreachableError, type RunOptions, type Target } from '../../contracts/check/runner';
import { selectionProblem } from '../../contracts/check/selection';
import { SUITE_NAMES, suites, type SuiteName } from '../../contracts/check/suites';
import { UsageError, commaList, parseFlags, wholeNumber, type Command, type CommandIo } from './usage';

const help = `Usage: understudy contract --provider piriod|pelcro --base-url URL --token T [options]

Checks a deployment (the real API, a staging copy, or this mock) against the provider's contract:
statuses, content types, every body against the schema, list invariants, filters, ordering,
expand, error bodies and write round trips. Exit code 0: the target honours the contract;
1: it drifts (each failure names method, path, JSON path, expected and actual);
2: bad flags (an --only or --skip pattern that matches no check included), the target
cannot be reached (refused, DNS, TLS, no answer before --timeout), the target refuses the
credentials (its first answer to them is a 401 or 403 in the provider's shape), or --output
cannot be written (checked before any request). When a run stops so, --output (and a json or
junit report on stdout) still records why. Redirects are reported, not followed.

Options:
  --provider P          piriod | pelcro
  --base-url URL        the API root (Piriod: https://api.piriod.com, Pelcro:
                        https://www.pelcro.com/api/v1/core; a bare origin gets /api/v1/core)
  --token T             the API key (or set UNDERSTUDY_TOKEN)
  --workspace W         Piriod: the X-Simple-Workspace header (acc_…)
  --site-id N           Pelcro: the site every call is scoped to (required for Pelcro)
  --read-only           never write: lists, retrieves and requests that must be rejected only
  --checks LEVELS       schema,behaviour (default both). schema: documented statuses, content
                        types and bodies, which any implementation of the document honours;
                        behaviour: exact error statuses and texts, pagination, filters, ordering,
                        expand and round trips
  --strict              fields the schema does not declare fail the run (default: warnings)
  --reporter R          pretty | json | junit (default pretty)
  --output FILE         also write the report to FILE
  --max-pages N         most pages walked through \`next\` (default 50)
  --timeout MS          per-request timeout in milliseconds (default 30000)
  --only IDS            run only checks whose id starts with one of these (comma-separated);
                        each must select a check that runs, else exit 2 with the check ids
  --skip IDS            leave out checks whose id starts with one of these (comma-separated);
                        each must name a check, and at least one check must be left
  -h, --help            show this help`;

export interface ContractSettings {
  provider: SuiteName;
  baseUrl: string;
  reporter: ReporterName;
  output?: string;
  options: RunOptions;
}

/** Turns `contract` flags into settings; every mistake is a UsageError (exit 2). */
export function parseContractArgs(io: Pick<CommandIo, 'args' | 'env'>): ContractSettings | 'help' {
  const values = parseFlags(io.args, {
    provider: { type: 'string' },
    'base-url': { type: 'string' },
    token: { type: 'string' },
    workspace: { type: 'string' },
    'site-id': { type: 'string' },
    'read-only': { type: 'boolean' },
    checks: { type: 'string' },
    strict: { type: 'boolean' },
    reporter: { type: 'string' },
    output: { type: 'string' },
    'max-pages': { type: 'string' },
    timeout: { type: 'string' },
    only: { type: 'string' },
    skip: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';

  const provider = values.provider;
  if (provider === undefined) throw new UsageError(`--provider is required (${SUITE_NAMES.join(' or ')})`);
  if (!(SUITE_NAMES as readonly string[]).includes(provider)) {
    throw new UsageError(`--provider must be one of ${SUITE_NAMES.join(', ')}, got "${provider}"`);
  }
  const baseUrl = values['base-url'];
  if (baseUrl === undefined) throw new UsageError('--base-url is required, e.g. --base-url http://localhost:4010');
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new UsageError(`--base-url must be an absolute http(s) URL, got "${baseUrl}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`--base-url must be an http or https URL, got "${baseUrl}"`);
  }
  if (parsed.search || parsed.hash) throw new UsageError(`--base-url takes no query or fragment, got "${baseUrl}"`);
  const token = values.token ?? io.env.UNDERSTUDY_TOKEN;
  if (!token) throw new UsageError('--token is required (or set UNDERSTUDY_TOKEN)');

  const reporter = values.reporter ?? 'pretty';
  if (!(REPORTERS as readonly string[]).includes(reporter)) {
    throw new UsageError(`--reporter must be one of ${REPORTERS.join(', ')}, got "${reporter}"`);
  }
  const levels = commaList(values.checks);
  if (levels !== undefined) {
    const unknown = levels.filter((l) => !(LEVELS as readonly string[]).includes(l));
    if (levels.length === 0 || unknown.length > 0) {
      throw new UsageError(`--checks takes ${LEVELS.join(',')} (one or both), got "${values.checks}"`);
    }
  }
  const options: RunOptions = {
    token,
    workspace: values.workspace,
    siteId: wholeNumber('--site-id', values['site-id'], 1, Number.MAX_SAFE_INTEGER),
    readOnly: values['read-only'] ?? false,
    strict: values.strict ?? false,
    levels: levels as Level[] | undefined,
    maxPages: wholeNumber('--max-pages', values['max-pages'], 1, 100_000),
    timeoutMs: wholeNumber('--timeout', values.timeout, 1, 3_600_000),
    only: commaList(values.only),
    skip: commaList(values.skip),
  };
  const suite = suites[provider as SuiteName];
  const selection = {
    levels: new Set(options.levels ?? LEVELS),
    readOnly: options.readOnly ?? false,
    only: options.only,
    skip: options.skip,
  };
  // Before anything is sent: a selection that runs nothing would otherwise pass with zero checks.
  const problem = suite.validate(options) ?? selectionProblem(suite.checks, selection);
  if (problem) throw new UsageError(problem);
  return { provider: provider as SuiteName, baseUrl, reporter: reporter as ReporterName, output: values.output, options };
}

/** Runs a contract from parsed settings; the exit code is 0 (honoured), 1 (drift) or 2 (unreachable, credentials refused). */
export async function runContract(
  settings: ContractSettings,
  io: Pick<CommandIo, 'out' | 'err' | 'cwd'>,
  fetchImpl: Target['fetch'] = (request) => fetch(request),
  color = false,
): Promise<number> {
  const file = settings.output === undefined ? undefined : resolve(io.cwd, settings.output);
  // Before anything is sent: a path found unwritable after the run would hide its result, and the
  // run may already have written to the target.
  const unwritable = file === undefined ? undefined : writeProblem(file);
  if (unwritable) {
    io.err(`understudy: cannot write --output ${file}: ${unwritable}`);
    return 2;
  }
  const started = Date.now();
  let report: RunReport;
  let code: number;
  try {
    report = await runSuite(suites[settings.provider], { baseUrl: settings.baseUrl, fetch: fetchImpl }, settings.options);
    code = summarize(report).ok ? 0 : 1;
    io.out(render(report, settings.reporter, { color }));
  } catch (error) {
    io.err(`understudy: ${stopMessage(error)}`);
    report = stoppedRun(
      {
        provider: settings.provider,
        baseUrl: settings.baseUrl,
        levels: LEVELS.filter((level) => settings.options.levels === undefined || settings.options.levels.includes(level)),
        readOnly: settings.options.readOnly ?? false,
        strict: settings.options.strict ?? false,
        startedAt: new Date(started).toISOString(),
        durationMs: Date.now() - started,
      },
      { type: (error as Error)?.name ?? 'Error', message: (error as Error)?.message ?? String(error) },
    );
    code = 2;
    // A machine reading stdout gets a report saying why; a terminal has the message above.
    if (settings.reporter !== 'pretty') io.out(render(report, settings.reporter));
  }
  if (file !== undefined) {
    try {
      writeFileSync(file, render(report, settings.reporter));
    } catch (error) {
      io.err(`understudy: cannot write --output ${file}: ${(error as Error)?.message ?? String(error)}`);
      return 2;
    }
  }
  return code;
}

/** Why a run stopped, for stderr. */
function stopMessage(error: unknown): string {
  if (error instanceof UnreachableError) return `${error.message}\nIs the server running, and is --base-url right?`;
  if (error instanceof CredentialsRefusedError) return error.message;
  // The runner turns whatever a target answers into failures; reaching this is a defect of the
  // suite itself, reported in one line rather than as a stack trace.
  return `the contract run stopped: ${(error as Error)?.message ?? String(error)}`;
}

/**
 * Why `file` cannot be written, or undefined when it can: opened for appending (an existing
 * report stays as it is until the new one replaces it), and removed again if this made it.
 */
function writeProblem(file: string): string | undefined {
  const existed = existsSync(file);
  try {
    closeSync(openSync(file, 'a'));
    if (!existed) rmSync(file, { force: true });
    return undefined;
  } catch (error) {
    return (error as Error)?.message ?? String(error);
  }
}

export const contractCommand: Command = {
  help,
  async run(io) {
    const settings = parseContractArgs(io);
    if (settings === 'help') {
      io.out(help);
      return 0;
    }
    // Colour only on request: CI logs and pipes get plain text.
    const force = io.env.FORCE_COLOR;
    const color = settings.reporter === 'pretty' && force !== undefined && force !== '' && force !== '0' && !io.env.NO_COLOR;
    return runContract(settings, io, undefined, color);
  },
};
