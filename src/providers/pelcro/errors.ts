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
import { http, laravel, pelcro, sdk } from '../../../contracts/pelcro/messages';
import { MAX_SOURCES_PER_CUSTOMER } from '../../../contracts/pelcro/schemas';
import { ApiError, type Problem, rendererFor } from '../../core/errors';
import { handlerJson, jsonAnswer, laravelJson } from './json';
import { sandboxLimitText } from '../../core/limits';
import { targetPath } from '../../../lib/php/request';
import { requestTarget } from '../../core/request-context';
import { phpTarget } from '../../../lib/request-target';

/** The Open API's refusals of a customer token (403, or 401 on the refresh route), by reason. */
const TOKEN_TEXTS: Record<string, string> = {
  token_invalid: sdk.tokenInvalid,
  token_expired: sdk.tokenExpired,
  token_blacklisted: sdk.tokenBlacklisted,
  user_not_found: sdk.userNotFound,
};

/** Refusals outside validation: the status and text of each reason. */
const BAD_REQUESTS: Record<string, { status: number; message: string }> = {
  source_in_subscription: { status: 400, message: pelcro.sourceInSubscription },
  // An override Symfony's Request::getMethod() refuses (lib/php/request.ts intendedMethod).
  method_override: { status: 400, message: http.badRequest },
  // A Host Symfony's Request::getHost() refuses (lib/php/request.ts symfonyHostValid).
  bad_host: { status: 400, message: http.badRequest },
  // The Open API answers some business-rule failures with 404 (REFERENCE).
  payment_token_missing: { status: 404, message: sdk.paymentTokenMissing },
  too_many_sources: { status: 404, message: sdk.tooManySources(MAX_SOURCES_PER_CUSTOMER) },
  // The status of the Core API's refusal to delete a source (pelcro.sourceInSubscription): **guess**.
  default_source_undeletable: { status: 400, message: sdk.defaultSourceUndeletable },
};

export const renderPelcroError = rendererFor(
  [
    'unauthenticated',
    'forbidden',
    'no_route',
    'not_found',
    'method_not_allowed',
    'payload_too_large',
    'validation',
    'bad_request',
    'limit_exceeded',
    'server_error',
    'fault',
  ],
  (problem, request) => {
    switch (problem.kind) {
      case 'unauthenticated':
        // A missing key or token: Laravel's AuthenticationException; a bad customer token on the refresh route: its text.
        return { status: 401, body: { message: TOKEN_TEXTS[problem.reason] ?? http.unauthenticated } };
      case 'forbidden':
        return { status: 403, body: { message: TOKEN_TEXTS[problem.reason ?? 'token_invalid'] ?? sdk.tokenInvalid } };
      case 'bad_request': {
        const refusal = BAD_REQUESTS[problem.reason];
        if (!refusal) throw new Error(`a bad_request "${problem.reason}", which Pelcro never raises`);
        return { status: refusal.status, body: { message: refusal.message } };
      }
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
        return { status: 400, body: { errors: { ...problem.fields, ...problem.extra } } };
      case 'limit_exceeded':
        // A bound of the mock (src/core/limits.ts), not Pelcro's: Laravel's `max` rule texts for the
        // metadata, the mock's own text for a full sandbox; the status and shapes a **guess**.
        if (problem.limit === 'metadata_keys')
          return { status: 400, body: { errors: { metadata: [laravel.maxArray('metadata', problem.max)] } } };
        if (problem.limit === 'metadata_value')
          return { status: 400, body: { errors: { metadata: [laravel.maxString('metadata', problem.max)] } } };
        return { status: 400, body: { message: sandboxLimitText(problem.limit, problem.max) } };
      case 'server_error':
        // An ErrorException (HandleExceptions turns every PHP warning into one): the handler's 500.
        return { status: 500, body: { message: http.serverError } };
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

/**
 * Whether Laravel's exception handler renders the problem (prepareJsonResponse, pretty-printed:
 * ./json.ts) rather than a response the application builds: an HttpException (no route, 405, 413,
 * Symfony's bad request, abort()), a ModelNotFoundException, any other exception's 500.
 * AuthenticationException has its own `response()->json()` (Handler::unauthenticated), and the
 * validation 400s and the Open API's refusals are Pelcro's own answers (a **guess**: compact).
 */
function renderedByHandler(problem: Problem): boolean {
  switch (problem.kind) {
    case 'no_route':
    case 'not_found':
    case 'method_not_allowed':
    case 'payload_too_large':
    case 'server_error':
      return true;
    case 'bad_request':
      return problem.reason === 'method_override' || problem.reason === 'bad_host';
    case 'fault':
      return problem.status !== 401;
    default:
      return false;
  }
}

/** The answer's text: the handler's pretty JSON, or a JsonResponse's. */
function errorText(problem: Problem, body: unknown): string {
  return renderedByHandler(problem) ? handlerJson(body) : laravelJson(body);
}

/** Turns a thrown ApiError into Pelcro's response; anything else is a bug and goes on to the 500 guard. */
export function respondWithError(error: unknown, c: Context): Response {
  if (!(error instanceof ApiError)) throw error;
  const rendered = renderPelcroError(error.problem, { method: c.req.method, path: targetPath(phpTarget(requestTarget(c))) });
  return jsonAnswer(c, rendered.status, errorText(error.problem, rendered.body), rendered.headers);
}

/** The answer to a fault asked of the mock (src/core/faults.ts), as Laravel gives that status. */
export function faultAnswer(status: number, request: { method: string; path: string }, retryAfterSeconds?: number): Response {
  const problem: Problem = { kind: 'fault', status, retryAfterSeconds };
  const rendered = renderPelcroError(problem, request);
  return new Response(errorText(problem, rendered.body), {
    status: rendered.status,
    headers: { 'Content-Type': 'application/json', ...rendered.headers },
  });
}
