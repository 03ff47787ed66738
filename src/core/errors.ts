/**
 * One neutral error value for every provider (after hono's HTTPException and stripe-mock's single
 * error constructor). Handlers throw an ApiError describing *what* went wrong — a kind and its data,
 * never prose; each provider's one renderer (`src/providers/<p>/errors.ts`) decides *how* its real
 * API says it, taking every text from the provider's messages file (`contracts/<p>/messages.ts`),
 * which the contract suites import too. See docs/decisions/001-zod-is-the-source-of-truth.md.
 */

/**
 * Field name → messages. The one place prose travels inside a Problem: field validation runs
 * through the provider's Zod schemas, whose texts come from its messages file.
 */
export type FieldErrors = Record<string, string[]>;

export type Problem =
  /** No usable credentials. `reason` names which of the provider's refusal texts applies. */
  | { kind: 'unauthenticated'; reason: string }
  /** Credentials fine, access refused. `reason` names the provider's text (its default if absent). */
  | { kind: 'forbidden'; reason?: string }
  /** A path the provider routes nowhere. */
  | { kind: 'no_route'; path: string }
  /** No such object: `resource` is the declared resource name (`customer`), `id` as requested. */
  | { kind: 'not_found'; resource?: string; id?: string }
  | { kind: 'method_not_allowed'; method: string; allow: string[] }
  /** The body is not parseable: which parser refused it and the framework port's own diagnosis. */
  | { kind: 'malformed_body'; parser: 'json' | 'form' | 'multipart'; diagnosis: string }
  | { kind: 'unsupported_media_type'; contentType: string }
  /** Content negotiation found no renderer for the request's `Accept`. */
  | { kind: 'not_acceptable' }
  | { kind: 'payload_too_large'; limitBytes: number }
  /** `extra`: keys a provider puts beside the field messages (Pelcro's `registered_on_other_sites`). */
  | { kind: 'validation'; fields: FieldErrors; extra?: Record<string, boolean> }
  | { kind: 'invalid_page' }
  /** A refusal outside field validation (a bad filter, a missing header …): `reason` names its text. */
  | { kind: 'bad_request'; reason: string; field?: string }
  /** A bound of the mock itself (records or bytes per sandbox, metadata size) was reached. */
  | { kind: 'limit_exceeded'; limit: 'records' | 'bytes' | 'metadata_keys' | 'metadata_value'; max: number }
  /** The framework itself fails on the request, as the real one would: its 500 (`cause` names why). */
  | { kind: 'server_error'; cause: string }
  /** A failure asked of the mock (src/core/faults.ts): `status`, with `Retry-After` for a 429. */
  | { kind: 'fault'; status: number; retryAfterSeconds?: number };

export type ProblemKind = Problem['kind'];

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.kind);
    this.name = 'ApiError';
  }

  static validation(fields: FieldErrors): ApiError {
    return new ApiError({ kind: 'validation', fields });
  }

  static notFound(resource?: string, id?: string): ApiError {
    return new ApiError({ kind: 'not_found', resource, id });
  }
}

/** What the renderer may need of the request beyond the Problem (Laravel names the path in a 405). */
export interface RequestFacts {
  method: string;
  /** The path as sent, still percent-encoded. */
  path: string;
}

/** What a provider's renderer returns: the status, the JSON body (or none) and extra headers. */
export interface RenderedError {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * A provider's renderer covers exactly the kinds that provider raises (`K`): a kind it never raises
 * reaching it is a bug of the mock, answered by the app's 500 guard rather than a made-up text.
 */
export type ErrorRenderer<K extends ProblemKind = ProblemKind> = (
  problem: Extract<Problem, { kind: K }>,
  request: RequestFacts,
) => RenderedError;

/**
 * Binds a renderer to the kinds its provider raises. A Problem of another kind is a bug of the mock
 * (a handler raised what the provider never answers), so it goes on to the app's 500 guard.
 */
export function rendererFor<K extends ProblemKind>(
  kinds: readonly K[],
  render: ErrorRenderer<K>,
): (problem: Problem, request: RequestFacts) => RenderedError {
  const raised = new Set<ProblemKind>(kinds);
  return (problem, request) => {
    if (!raised.has(problem.kind)) throw new Error(`a "${problem.kind}" problem, which this provider never raises`);
    return render(problem as Extract<Problem, { kind: K }>, request);
  };
}
