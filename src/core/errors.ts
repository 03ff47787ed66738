/**
 * One neutral error value for every provider (after hono's HTTPException and stripe-mock's single
 * error constructor). Handlers throw an ApiError describing *what* went wrong; each provider's
 * renderer decides *how* its real API says it (DRF bodies for Piriod, Laravel bodies for Pelcro).
 * Handlers never build error JSON themselves.
 */

/** Field name → messages, already in the provider's own words (the texts live in its schemas). */
export type FieldErrors = Record<string, string[]>;

export type Problem =
  /** No usable credentials. `reason` tells the renderer which of the provider's texts applies. */
  | { kind: 'unauthenticated'; reason: 'missing' | 'malformed' | 'spaces' | 'invalid_characters' | 'invalid' }
  | { kind: 'forbidden'; message?: string }
  | { kind: 'not_found'; resource?: string }
  | { kind: 'method_not_allowed'; method: string; allow: string[] }
  /** The body is not parseable; `message` is the provider's parser's own text. */
  | { kind: 'malformed_body'; message: string }
  | { kind: 'unsupported_media_type'; contentType: string }
  | { kind: 'payload_too_large'; limitBytes: number }
  | { kind: 'validation'; fields: FieldErrors }
  | { kind: 'invalid_page' }
  /** A request the provider refuses outside field validation (bad filter, missing header …). */
  | { kind: 'bad_request'; message: string; field?: string }
  /** A bound of the mock itself (src/core/limits.ts), not of the provider: what was passed and its maximum. */
  | { kind: 'limit_exceeded'; limit: 'records' | 'bytes' | 'metadata_keys' | 'metadata_value'; max: number };

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.kind);
    this.name = 'ApiError';
  }

  static validation(fields: FieldErrors): ApiError {
    return new ApiError({ kind: 'validation', fields });
  }

  static notFound(resource?: string): ApiError {
    return new ApiError({ kind: 'not_found', resource });
  }
}

/** What a provider's renderer returns: the status, the JSON body (or none) and extra headers. */
export interface RenderedError {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type ErrorRenderer = (problem: Problem) => RenderedError;
