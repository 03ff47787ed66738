/**
 * The result model of a contract run: what a check is, what a failure says, and how a run is
 * summed up. Reporters (reporters.ts) only read these values; the runner (runner.ts) fills them.
 */

/**
 * `schema`: holds for ANY implementation of the provider's document: a request the document calls
 * valid gets its success status, and every answer is a documented status whose body matches the
 * documented schema. An independent mock of the same document (Prism) passes these.
 * `behaviour`: what only the real service (or a faithful mock) does: exact statuses for
 * semantically bad input, error texts, pagination arithmetic, filters, ordering, expand, round trips.
 */
export type Level = 'schema' | 'behaviour';
export const LEVELS: readonly Level[] = ['schema', 'behaviour'];

/** `read`: never changes data (safe against production). `write`: creates/updates/deletes test records. */
export type Mode = 'read' | 'write';

export interface CheckInfo {
  /** Stable id, e.g. `piriod.list.walk-next`. */
  id: string;
  level: Level;
  mode: Mode;
  title: string;
}

/** One way the target differs from the contract. */
export interface Failure {
  method: string;
  /** Path and query of the request that showed it (never the base URL, never credentials). */
  path: string;
  /** Where in the response: `status`, `header content-type`, `$.results[3].email` … */
  jsonPath: string;
  expected: string;
  actual: string;
  /** How many more requests showed the same failure (same place, same expectation). */
  repeats?: number;
}

/** A field the target sends that the schema does not declare: fine unless `--strict`. */
export interface Warning {
  method: string;
  path: string;
  jsonPath: string;
  message: string;
}

export type Outcome = 'passed' | 'failed' | 'skipped';

export interface CheckResult extends CheckInfo {
  outcome: Outcome;
  failures: Failure[];
  warnings: Warning[];
  /** Why a check did not run or could not decide (no data, a needed precondition failed …). */
  skipReason?: string;
  /** Free notes, e.g. "walked 3 of 3 pages". */
  notes: string[];
  durationMs: number;
  requests: number;
}

export interface RunReport {
  provider: string;
  baseUrl: string;
  levels: Level[];
  readOnly: boolean;
  strict: boolean;
  startedAt: string;
  durationMs: number;
  checks: CheckResult[];
  /** Records the run could not remove (the API has no delete, or a delete failed). */
  leftovers: string[];
  /**
   * Why the run stopped before its checks could be judged (the target cannot be reached, or it
   * refuses the credentials): no verdict stands, and the run does not pass.
   */
  error?: RunError;
}

/** What stopped a run: the error's name (`UnreachableError` …) and its message. */
export interface RunError {
  type: string;
  message: string;
}

export interface Summary {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  warnings: number;
  /** Of `failed`, the checks that failed only because `strict` fails their warnings. */
  failedByStrict: number;
  /** Whether the target honours the contract (warnings count only with `strict`). */
  ok: boolean;
}

/** A check's effective outcome once `--strict` turns warnings into failures. */
export function effectiveOutcome(check: CheckResult, strict: boolean): Outcome {
  if (check.outcome === 'passed' && strict && check.warnings.length > 0) return 'failed';
  return check.outcome;
}

export function summarize(report: RunReport): Summary {
  const summary: Summary = { total: 0, passed: 0, failed: 0, skipped: 0, warnings: 0, failedByStrict: 0, ok: true };
  for (const check of report.checks) {
    const outcome = effectiveOutcome(check, report.strict);
    summary.total++;
    summary[outcome]++;
    summary.warnings += check.warnings.length;
    if (outcome !== check.outcome) summary.failedByStrict++;
  }
  summary.ok = summary.failed === 0 && report.error === undefined;
  return summary;
}

/** The report of a run that stopped before any verdict, so CI still gets a report saying why. */
export function stoppedRun(run: Omit<RunReport, 'checks' | 'leftovers' | 'error'>, error: RunError): RunReport {
  return { ...run, checks: [], leftovers: [], error };
}
