/**
 * What a check works with: the request helper that holds every answer to the operation's
 * documented responses (at the schema level), the assertions that record located failures, and
 * the suite's shared state.
 */
import type { z } from 'zod';
import { sharedReuse } from './caching';
import { judge } from './conformance';
import { rateLimitProblem } from './rate-limit';
import { CredentialsGate } from './credentials';
import { type HttpClient, NetworkError, MAX_BODY_BYTES, statusText, type Req, type Res } from './http';
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
  /** The check recording (none for the cleanup after the checks). */
  id?: string;
  failures: Failure[];
  warnings: Warning[];
  notes: string[];
}

/** What a check sees: the request helpers, the assertions and the suite's shared state. */
export class Context<S> {
  current: Recorder = { failures: [], warnings: [], notes: [] };
  /** Findings of the current check, so forty records failing at one place are one finding. */
  private seen = new Map<string, Failure | Warning>();
  /**
   * Schema findings already reported in full, run-wide, with the check that reported them: a later
   * check whose answers show the same one still fails, on one line naming that check (`echo`),
   * instead of repeating every finding — one drifted field is read by nearly every check.
   */
  private readonly reported = new Map<string, string>();
  private echo?: { failure: Failure; places: string[]; from: string[]; keys: Set<string> };

  constructor(
    private readonly http: HttpClient,
    readonly options: Required<Pick<RunOptions, 'readOnly' | 'maxPages' | 'runTag'>> & RunOptions,
    readonly levels: ReadonlySet<Level>,
    readonly state: S,
    private readonly gate = new CredentialsGate(undefined),
  ) {}

  /** Starts recording into `recorder` (a new check). */
  begin(recorder: Recorder): void {
    this.current = recorder;
    this.seen = new Map();
    this.echo = undefined;
  }

  get requests(): number {
    return this.http.requests;
  }

  /** The absolute URL a request for `path` (below the API root) and `query` goes to. */
  url(path: string, query?: Req['query']): URL {
    return this.http.url(path, query);
  }

  /** Sends a request for `op` and, at the schema level, holds the answer to the documented responses. */
  async send(op: Operation, req: Omit<Req, 'method'>): Promise<Res> {
    const res = await this.exchange({ ...req, method: op.method });
    if (this.levels.has('schema')) this.conform(op, res);
    return res;
  }

  /**
   * Sends a request the API documents no operation for (e.g. a path without its trailing slash):
   * the check judges the answer itself; only what holds for every answer is checked here.
   */
  async sendUndocumented(req: Req): Promise<Res> {
    const res = await this.exchange(req);
    if (res.oversized) this.fail(res, 'body', `a body under ${MAX_BODY_MB} MB`, 'a larger body (not read to the end)');
    const charset = res.mediaType === 'application/json' ? charsetProblem(res) : undefined;
    if (charset) this.fail(res, 'header content-type', UTF8, charset);
    if (res.bom && res.mediaType === 'application/json') this.fail(res, 'body', NO_BOM, 'EF BB BF before the JSON');
    return res;
  }

  private async exchange(req: Req): Promise<Res> {
    let res: Res;
    try {
      res = await this.http.send(req);
    } catch (error) {
      if (error instanceof NetworkError) {
        this.fail({ method: error.method, path: error.path }, 'response', 'an HTTP answer', error.reason);
        throw new CheckAborted();
      }
      throw error;
    }
    this.gate.inspect(res);
    return res;
  }

  private conform(op: Operation, res: Res): void {
    if (res.oversized) {
      this.failOnce(op, res, 'body', `a body under ${MAX_BODY_MB} MB`, 'a larger body (not read to the end)');
    }
    // An answer to the run's key is that account's data: no shared cache may hand it to others.
    const reuse = res.ownCredentials ? sharedReuse(res.headers.get('cache-control')) : undefined;
    if (reuse) {
      const value = res.headers.get('cache-control');
      this.failOnce(
        op,
        res,
        'header cache-control',
        'an answer to an authenticated request no shared cache reuses (RFC 9111 §3.5)',
        `${value} (${reuse})`,
      );
    }
    // A gateway's rate-limit headers a client paces itself by must count down from the limit.
    const rateLimit = rateLimitProblem(res.headers);
    if (rateLimit) {
      const expected =
        rateLimit.header === 'x-ratelimit-limit'
          ? 'a count of requests a window allows'
          : 'a count of requests left, from 0 to X-RateLimit-Limit';
      this.failOnce(op, res, `header ${rateLimit.header}`, expected, rateLimit.actual);
    }
    const documented = Object.keys(op.responses).map(Number);
    if (!documented.includes(res.status)) {
      this.failOnce(op, res, 'status', `a documented status (${documented.join(', ')})`, statusText(res));
      return;
    }
    const schema = op.responses[res.status];
    if (schema === null) {
      if (res.text.trim().length > 0) this.failOnce(op, res, 'body', 'an empty body', `${res.text.slice(0, 60)}`);
      return;
    }
    if (res.mediaType !== 'application/json') {
      this.failOnce(op, res, 'header content-type', 'application/json', res.headers.get('content-type') ?? 'missing');
    } else {
      const charset = charsetProblem(res);
      if (charset) this.failOnce(op, res, 'header content-type', UTF8, charset);
      if (res.bom) this.failOnce(op, res, 'body', NO_BOM, 'EF BB BF before the JSON');
    }
    if (res.oversized) return;
    if (res.json === undefined) {
      this.failOnce(op, res, '$', 'a JSON body', res.jsonError ? `not JSON (${res.jsonError}): ${snippet(res.text)}` : 'an empty body');
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
    const first = this.reported.get(key);
    if (first !== undefined && first !== this.current.id) {
      this.echoFinding(res, key, first, generalize(jsonPath));
      return;
    }
    const failure: Failure = { method: res.method, path: res.path, jsonPath, expected, actual };
    this.seen.set(key, failure);
    if (this.current.id !== undefined) this.reported.set(key, this.current.id);
    this.current.failures.push(failure);
  }

  /** Counts a schema finding an earlier check reported in full on this check's one line for them. */
  private echoFinding(res: Res, key: string, from: string, place: string): void {
    if (!this.echo) {
      const failure: Failure = { method: res.method, path: res.path, jsonPath: '$', expected: 'answers matching the document', actual: '' };
      this.echo = { failure, places: [], from: [], keys: new Set() };
      this.current.failures.push(failure);
    }
    const echo = this.echo;
    if (echo.keys.has(key)) return;
    echo.keys.add(key);
    if (!echo.places.includes(place)) echo.places.push(place);
    if (!echo.from.includes(from)) echo.from.push(from);
    const shown = echo.places.slice(0, 6).join(', ') + (echo.places.length > 6 ? ` and ${echo.places.length - 6} more` : '');
    const count = echo.keys.size === 1 ? 'the schema mismatch' : `the ${echo.keys.size} schema mismatches`;
    echo.failure.actual = `${count} ${echo.from.join(', ')} reports in full (${shown})`;
  }

  /**
   * Records a failure; the check goes on. The same failure on many items of one answer
   * (`$.results[3].email`, `$.results[7].email` …) is one finding with a count: the first is shown.
   */
  fail(where: Pick<Res, 'method' | 'path'>, jsonPath: string, expected: string, actual: string): void {
    // `JSON.stringify(undefined)` is undefined: a report line always gets text.
    expected = expected ?? 'a value';
    actual = actual ?? 'missing';
    const general = generalize(jsonPath);
    if (general !== jsonPath) {
      const key = `item|${where.method}|${where.path}|${general}`;
      const known = this.seen.get(key) as Failure | undefined;
      if (known) {
        known.repeats = (known.repeats ?? 0) + 1;
        return;
      }
      const failure: Failure = { method: where.method, path: where.path, jsonPath, expected, actual };
      this.seen.set(key, failure);
      this.current.failures.push(failure);
      return;
    }
    this.current.failures.push({ method: where.method, path: where.path, jsonPath, expected, actual });
  }

  /** Records a failure when `ok` is false; returns `ok`. */
  expect(ok: boolean, where: Pick<Res, 'method' | 'path'>, jsonPath: string, expected: string, actual: string): boolean {
    if (!ok) this.fail(where, jsonPath, expected, actual);
    return ok;
  }

  /** Records a failure unless the status is one of `statuses`; returns whether it is. */
  expectStatus(res: Res, ...statuses: number[]): boolean {
    return this.expect(statuses.includes(res.status), res, 'status', statuses.join(' or '), statusText(res));
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

  /** Records a warning (reported, never failing the run); once per check, answer and place. */
  warn(where: Pick<Res, 'method' | 'path'>, jsonPath: string, message: string): void {
    const key = `warn|${where.method}|${where.path}|${generalize(jsonPath)}`;
    if (this.seen.has(key)) return;
    const warning: Warning = { method: where.method, path: where.path, jsonPath, message };
    this.seen.set(key, warning);
    this.current.warnings.push(warning);
  }
}

const MAX_BODY_MB = MAX_BODY_BYTES / (1024 * 1024);
const UTF8 = 'application/json in UTF-8 (no charset, or charset=utf-8)';
const NO_BOM = 'JSON with no byte order mark before it (RFC 8259 §8.1)';

/**
 * What is wrong with a JSON answer's encoding, or undefined. JSON between systems is UTF-8
 * (RFC 8259 §8.1); DRF and Laravel send no other charset.
 */
function charsetProblem(res: Res): string | undefined {
  if (res.notUtf8) return `bytes that are not UTF-8 (${res.headers.get('content-type')})`;
  if (res.charset !== undefined && res.charset !== 'utf-8' && res.charset !== 'utf8') return res.headers.get('content-type') ?? '';
  return undefined;
}

/** The start of a body, whitespace collapsed, for a report line. */
function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
}

/** `$.results[3].email` → `$.results[*].email`, so one drifted field on every record is one finding. */
function generalize(path: string): string {
  return path.replace(/\[\d+\]/g, '[*]');
}
