/**
 * Pelcro's one error renderer: every Problem becomes the body a Laravel API answers with, every
 * text taken from contracts/pelcro/messages.ts (handlers only say what went wrong).
 *
 * Laravel renders an HTTP exception as `{"message": $e->getMessage()}` when debug is off
 * (Illuminate\Foundation\Exceptions\Handler::convertExceptionToArray). Validation failures are
 * Pelcro's own: status 400 with only `{"errors": {...}}` (docs.pelcro.com "Errors"), not Laravel's
 * stock 422 with a `message`.
 */
import type { Context } from 'hono';
import { http, laravel } from '../../../contracts/pelcro/messages';
import { ApiError, rendererFor } from '../../core/errors';
import { sandboxLimitText } from '../../core/limits';
import { rawPath } from '../../../lib/php/request';

export const renderPelcroError = rendererFor(
  ['unauthenticated', 'no_route', 'not_found', 'method_not_allowed', 'payload_too_large', 'validation', 'limit_exceeded', 'fault'],
  (problem, request) => {
    switch (problem.kind) {
      case 'unauthenticated':
        return { status: 401, body: { message: http.unauthenticated } };
      case 'no_route':
        return { status: 404, body: { message: http.noRoute(problem.path) } };
      case 'not_found': {
        const message = problem.resource ? http.modelNotFound(problem.resource, problem.id ?? '') : http.notFound;
        return { status: 404, body: { message } };
      }
      case 'method_not_allowed':
        return {
          status: 405,
          body: { message: http.methodNotAllowed(problem.method, request.path, problem.allow) },
          headers: { Allow: problem.allow.join(', ') },
        };
      case 'payload_too_large':
        return { status: 413, body: { message: http.postTooLarge } };
      case 'validation':
        return { status: 400, body: { errors: problem.fields } };
      case 'limit_exceeded':
        // A bound of the mock (src/core/limits.ts), not Pelcro's: Laravel's `max` rule texts for the
        // metadata, the mock's own text for a full sandbox; the status and shapes a **guess**.
        if (problem.limit === 'metadata_keys')
          return { status: 400, body: { errors: { metadata: [laravel.maxArray('metadata', problem.max)] } } };
        if (problem.limit === 'metadata_value')
          return { status: 400, body: { errors: { metadata: [laravel.maxString('metadata', problem.max)] } } };
        return { status: 400, body: { message: sandboxLimitText(problem.limit, problem.max) } };
      case 'fault':
        return pelcroFault(problem.status, problem.retryAfterSeconds);
    }
  },
);

/**
 * A failure asked of the mock, as Laravel answers that status: ThrottleRequests' 429 with its
 * Retry-After, the exception handler's "Server Error" for a 500, maintenance mode's 503, and
 * `abort($status)` for any other (an HttpException without a message: `{"message": ""}`).
 */
function pelcroFault(status: number, retryAfterSeconds?: number) {
  const texts: Record<number, string> = {
    401: http.unauthenticated,
    404: http.notFound,
    429: http.tooManyAttempts,
    500: http.serverError,
    503: http.serviceUnavailable,
  };
  const headers: Record<string, string> =
    status === 429 && retryAfterSeconds !== undefined ? { 'Retry-After': String(retryAfterSeconds) } : {};
  return { status, body: { message: texts[status] ?? '' }, headers };
}

/** Turns a thrown ApiError into Pelcro's response; anything else is a bug and goes on to the 500 guard. */
export function respondWithError(error: unknown, c: Context): Response {
  if (!(error instanceof ApiError)) throw error;
  const rendered = renderPelcroError(error.problem, { method: c.req.method, path: rawPath(c.req.url) });
  return c.json(rendered.body, rendered.status as 400, rendered.headers);
}
