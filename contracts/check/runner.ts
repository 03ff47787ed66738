/**
 * Runs a provider's contract suite against a target (a real deployment, `npm start`, or an app's
 * in-process fetch) and returns a RunReport. Imports nothing from the mock: a suite must be able
 * to judge any deployment with nothing of the mock loaded.
 *
 * A check is a small async function over a Context. It sends requests through `ctx.send(op, req)`,
 * which (when the schema level is selected) holds every answer to the operation's documented
 * responses; behaviour checks then assert what only the real service does. A failed assertion is
 * recorded and the check goes on; `ctx.abort` ends a check that cannot go further.
 */
import { CheckAborted, CheckSkipped, Context, type RunOptions } from './context';
import { CredentialsGate, CredentialsRefusedError, type CredentialRefusal } from './credentials';
import { HttpClient, UnreachableError, type Target } from './http';
import { LEVELS, type CheckInfo, type CheckResult, type Level, type RunReport } from './report';
import { selectChecks, selectionProblem } from './selection';

export type { Target, Req, Res } from './http';
export { UnreachableError } from './http';
export { CredentialsRefusedError } from './credentials';
export { Context, type Operation, type RunOptions } from './context';

export interface CheckDef<S> extends CheckInfo {
  /** Ids of checks whose state this one needs; it is skipped when one of them did not pass. */
  needs?: string[];
  run(ctx: Context<S>): Promise<void>;
}

export interface Suite<S> {
  provider: string;
  title: string;
  /** A message when the options cannot drive this suite (e.g. Pelcro without a site id). */
  validate(options: RunOptions): string | undefined;
  /** The API root below which every request path hangs, from the user's base URL. */
  apiRoot(baseUrl: URL): URL;
  /** Headers every request carries (credentials, workspace …). */
  headers(options: RunOptions): Record<string, string>;
  /** How the provider refuses those credentials: such a refusal stops the run (credentials.ts). */
  credentials?: CredentialRefusal;
  initialState(): S;
  checks: CheckDef<S>[];
  /** Removes what the write checks created; returns what it could not remove. Full mode only. */
  cleanup?(ctx: Context<S>): Promise<string[]>;
  /**
   * Read-only mode: what the run created all the same (a request that had to be refused and was
   * not), listed, never deleted.
   */
  leftBehind?(ctx: Context<S>): string[];
}

/**
 * Runs `suite` against `target`. Rejects with UnreachableError when the target never answers, and
 * with CredentialsRefusedError when it refuses the run's own credentials.
 */
export async function runSuite<S>(suite: Suite<S>, target: Target, input: RunOptions): Promise<RunReport> {
  const levels = new Set<Level>(input.levels && input.levels.length > 0 ? input.levels : LEVELS);
  const selection = { levels, readOnly: input.readOnly ?? false, only: input.only, skip: input.skip };
  const problem = suite.validate(input) ?? selectionProblem(suite.checks, selection);
  if (problem) throw new Error(problem);
  const options = {
    ...input,
    readOnly: input.readOnly ?? false,
    maxPages: input.maxPages ?? 50,
    runTag: input.runTag ?? defaultRunTag(),
  };
  const base = new URL(target.baseUrl);
  const http = new HttpClient(target, suite.apiRoot(base), suite.headers(options), input.timeoutMs ?? 30_000);
  const ctx = new Context<S>(http, options, levels, suite.initialState(), new CredentialsGate(suite.credentials));
  const started = Date.now();
  const report: RunReport = {
    provider: suite.provider,
    baseUrl: target.baseUrl,
    levels: LEVELS.filter((l) => levels.has(l)),
    readOnly: options.readOnly,
    strict: input.strict ?? false,
    startedAt: new Date(started).toISOString(),
    durationMs: 0,
    checks: [],
    leftovers: [],
  };
  const passed = new Set<string>();

  for (const check of selectChecks(suite.checks, selection)) {
    const result: CheckResult = {
      id: check.id,
      level: check.level,
      mode: check.mode,
      title: check.title,
      outcome: 'passed',
      failures: [],
      warnings: [],
      notes: [],
      durationMs: 0,
      requests: 0,
    };
    ctx.begin(result);
    const missing = (check.needs ?? []).filter((id) => !passed.has(id));
    const t0 = Date.now();
    const r0 = http.requests;
    if (missing.length > 0) {
      result.outcome = 'skipped';
      result.skipReason = `needs ${missing.join(', ')}, which did not pass`;
    } else {
      try {
        await check.run(ctx);
      } catch (error) {
        if (error instanceof CheckSkipped) {
          result.outcome = 'skipped';
          result.skipReason = error.message;
        } else if (!(error instanceof CheckAborted)) {
          // Nothing the run could judge: the caller reports it instead of a list of failures.
          if (error instanceof UnreachableError || error instanceof CredentialsRefusedError) throw error;
          // A body so far off the contract that the check itself tripped over it.
          result.failures.push({
            method: '-',
            path: '-',
            jsonPath: '-',
            expected: 'a response the check can read',
            actual: `the check could not proceed: ${(error as Error)?.message ?? String(error)}`,
          });
        }
      }
    }
    if (result.failures.length > 0) result.outcome = 'failed';
    result.durationMs = Date.now() - t0;
    result.requests = http.requests - r0;
    if (result.outcome === 'passed') passed.add(check.id);
    report.checks.push(result);
  }

  if (suite.cleanup && !options.readOnly) {
    ctx.begin({ failures: [], warnings: [], notes: [] });
    try {
      report.leftovers = await suite.cleanup(ctx);
    } catch (error) {
      report.leftovers = [`cleanup failed: ${(error as Error)?.message ?? String(error)}`];
    }
  } else if (suite.leftBehind && options.readOnly) {
    report.leftovers = suite.leftBehind(ctx);
  }
  report.durationMs = Date.now() - started;
  return report;
}

function defaultRunTag(): string {
  return `run-${Date.now().toString(36)}`;
}
