/**
 * What a check works with: the request helper that holds every answer to the operation's
 * documented responses (at the schema level), the assertions that record located failures, and
 * the suite's shared state.
 */
import type { z } from 'zod';
import { judge } from './conformance';
import { HttpClient, NetworkError, type Req, type Res } from './http';
import type { Failure, Level, Warning } from './report';

/** An operation and its documented answers: status → body schema (null: no body). */
export interface Operation {
  id: string;
  method: string;
  /** Path template for reports, e.g. `/customers/{id}/`. */
  route: string;
  responses: Record<number, z.ZodType | null>;
}

export interface RunOptions {
  token: string;
  /** Piriod: the `X-Simple-Workspace` header. */
  workspace?: string;
  /** Pelcro: the site every call is scoped to. */
  siteId?: number;
  /** Never write: only lists, retrieves and requests that must be rejected. */
  readOnly?: boolean;
  /** Undeclared fields fail the run instead of warning. */
  strict?: boolean;
  /** Which levels to run (both by default). */
  levels?: Level[];
  /** Cap on pages walked through `next` (default 50), so a huge account stays cheap. */
  maxPages?: number;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /** Run only checks whose id equals or starts with one of these. */
  only?: string[];
  /** Leave out checks whose id equals or starts with one of these. */
  skip?: string[];
  /** Tag put into the names and metadata of created records (default: derived from the clock). */
  runTag?: string;
}

/** Ends a check that cannot go on (its failure is already recorded). */
export class CheckAborted extends Error {}
/** Ends a check without a verdict. */
export class CheckSkipped extends Error {}

export interface Recorder {
  failures: Failure[];
  warnings: Warning[];
  notes: string[];
}

/** What a check sees: the request helpers, the assertions and the suite's shared state. */
export class Context<S> {
  current: Recorder = { failures: [], warnings: [], notes: [] };
  /** Findings of the current check, so forty records failing at one place are one finding. */
  private seen = new Map<string, Failure | Warning>();

  constructor(
    private readonly http: HttpClient,
    readonly options: Required<Pick<RunOptions, 'readOnly' | 'maxPages' | 'runTag'>> & RunOptions,
    readonly levels: ReadonlySet<Level>,
    readonly state: S,
  ) {}

  /** Starts recording into `recorder` (a new check). */
  begin(recorder: Recorder): void {
    this.current = recorder;
    this.seen = new Map();
  }

  get requests(): number {
    return this.http.requests;
  }

  /** Sends a request for `op` and, at the schema level, holds the answer to the documented responses. */
  async send(op: Operation, req: Omit<Req, 'method'>): Promise<Res> {
    let res: Res;
    try {
      res = await this.http.send({ ...req, method: op.method });
    } catch (error) {
      if (error instanceof NetworkError) {
        this.fail({ method: error.method, path: error.path }, 'response', 'an HTTP answer', error.reason);
        throw new CheckAborted();
      }
      throw error;
    }
    if (this.levels.has('schema')) this.conform(op, res);
    return res;
  }

  private conform(op: Operation, res: Res): void {
    const documented = Object.keys(op.responses).map(Number);
    if (!documented.includes(res.status)) {
      this.failOnce(op, res, 'status', `a documented status (${documented.join(', ')})`, String(res.status));
      return;
    }
    const schema = op.responses[res.status];
    if (schema === null) {
      if (res.text.trim().length > 0) this.failOnce(op, res, 'body', 'an empty body', `${res.text.slice(0, 60)}`);
      return;
    }
    if (res.mediaType !== 'application/json') {
      this.failOnce(op, res, 'header content-type', 'application/json', res.headers.get('content-type') ?? 'missing');
    }
    if (res.json === undefined) {
      this.failOnce(op, res, '$', 'a JSON body', res.jsonError ? `not JSON (${res.jsonError})` : 'an empty body');
      return;
    }
    const verdict = judge(schema, res.json);
    for (const f of verdict.findings) {
      // A refinement is a rule of the Zod schema the OpenAPI document cannot state (e.g. the
      // labels of Laravel's meta.links): an implementation of the document alone need not keep
      // it, so it is judged with the behaviour level.
      if (f.refinement && !this.levels.has('behaviour')) continue;
      this.failOnce(op, res, f.jsonPath, f.expected, f.actual);
    }
    for (const path of verdict.undeclared) {
      const key = `warn|${op.id}|${res.status}|${generalize(path)}`;
      const known = this.seen.get(key);
      if (known) continue;
      const warning: Warning = { method: res.method, path: res.path, jsonPath: path, message: 'field not declared by the schema' };
      this.seen.set(key, warning);
      this.current.warnings.push(warning);
    }
  }

  /** Records a schema failure once per check: the same place failing on forty records is one finding. */
  private failOnce(op: Operation, res: Res, jsonPath: string, expected: string, actual: string): void {
    const key = `fail|${op.id}|${res.status}|${generalize(jsonPath)}|${expected}`;
    const known = this.seen.get(key) as Failure | undefined;
    if (known) {
      known.repeats = (known.repeats ?? 0) + 1;
      return;
    }
    const failure: Failure = { method: res.method, path: res.path, jsonPath, expected, actual };
    this.seen.set(key, failure);
    this.current.failures.push(failure);
  }

  /** Records a failure; the check goes on. */
  fail(where: Pick<Res, 'method' | 'path'>, jsonPath: string, expected: string, actual: string): void {
    this.current.failures.push({ method: where.method, path: where.path, jsonPath, expected, actual });
  }

  /** Records a failure when `ok` is false; returns `ok`. */
  expect(ok: boolean, where: Pick<Res, 'method' | 'path'>, jsonPath: string, expected: string, actual: string): boolean {
    if (!ok) this.fail(where, jsonPath, expected, actual);
    return ok;
  }

  /** Records a failure unless the status is one of `statuses`; returns whether it is. */
  expectStatus(res: Res, ...statuses: number[]): boolean {
    return this.expect(statuses.includes(res.status), res, 'status', statuses.join(' or '), String(res.status));
  }

  /** Like `expect`, but ends the check when it fails (what follows depends on it). */
  require(ok: boolean, where: Pick<Res, 'method' | 'path'>, jsonPath: string, expected: string, actual: string): asserts ok {
    if (!ok) this.abort(where, jsonPath, expected, actual);
  }

  abort(where: Pick<Res, 'method' | 'path'>, jsonPath: string, expected: string, actual: string): never {
    this.fail(where, jsonPath, expected, actual);
    throw new CheckAborted();
  }

  /** Ends the check without a verdict (no data to judge, a precondition the target cannot meet). */
  skip(reason: string): never {
    throw new CheckSkipped(reason);
  }

  note(text: string): void {
    this.current.notes.push(text);
  }
}

/** `$.results[3].email` → `$.results[*].email`, so one drifted field on every record is one finding. */
function generalize(path: string): string {
  return path.replace(/\[\d+\]/g, '[*]');
}
