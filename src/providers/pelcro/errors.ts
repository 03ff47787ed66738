/**
 * Pelcro's one error renderer: every Problem becomes the body a Laravel API answers with, and the
 * texts of those bodies live here (handlers only say what went wrong).
 *
 * Laravel renders an HTTP exception as `{"message": $e->getMessage()}` when debug is off
 * (Illuminate\Foundation\Exceptions\Handler::convertExceptionToArray). Validation failures are
 * Pelcro's own: status 400 with only `{"errors": {...}}` (docs.pelcro.com "Errors"), not Laravel's
 * stock 422 with a `message`.
 */
import type { Context } from 'hono';
import { ApiError, type Problem, type RenderedError } from '../../core/errors';
import { sandboxLimitText } from '../../core/limits';
import { trimChar } from '../../core/text';
import { rawPath } from './router';

/**
 * The Eloquent model named in a 404 (**guess**: Pelcro's class is not public; its addresses call
 * their customer `user_id`, so `App\Models\User` is as likely).
 */
export const CUSTOMER_MODEL = 'App\\Models\\Customer';

/** Laravel's ModelNotFoundException::setModel text, e.g. "No query results for model [App\Models\Customer] 42". */
export function modelNotFound(id: string, model = CUSTOMER_MODEL): ApiError {
  return ApiError.notFound(`No query results for model [${model}] ${id}`);
}

/** Laravel's router: `NotFoundHttpException("The route {$request->path()} could not be found.")`. */
export function routeNotFound(path: string): ApiError {
  return ApiError.notFound(`The route ${laravelPath(path)} could not be found.`);
}

/** `$request->path()`: the raw path without its leading and trailing slashes. */
export function laravelPath(path: string): string {
  const trimmed = trimChar(path, '/');
  return trimmed === '' ? '/' : trimmed;
}

/** What the renderer needs to know of the request beyond the Problem (Laravel names the route in a 405). */
export interface RequestFacts {
  /** The path as sent, still percent-encoded. */
  path: string;
}

export function renderPelcroError(problem: Problem, request?: RequestFacts): RenderedError {
  switch (problem.kind) {
    case 'unauthenticated':
      // Laravel's AuthenticationException for a JSON request; the same text for every reason
      // (**guess** for Pelcro, which documents only the status).
      return { status: 401, body: { message: 'Unauthenticated.' } };
    case 'forbidden':
      return { status: 403, body: { message: problem.message ?? 'This action is unauthorized.' } };
    case 'not_found':
      return { status: 404, body: { message: problem.resource ?? 'Not Found' } };
    case 'method_not_allowed':
      // Illuminate\Routing\AbstractRouteCollection::requestMethodNotAllowed.
      return {
        status: 405,
        body: {
          message:
            `The ${problem.method} method is not supported for route ${laravelPath(request?.path ?? '/')}. ` +
            `Supported methods: ${problem.allow.join(', ')}.`,
        },
        headers: { Allow: problem.allow.join(', ') },
      };
    case 'payload_too_large':
      // ValidatePostSize throws PostTooLargeException (413); its text is **guessed** from Laravel 11.
      return { status: 413, body: { message: 'The POST data is too large.' } };
    case 'validation':
      return { status: 400, body: { errors: problem.fields } };
    case 'bad_request':
      return {
        status: 400,
        body: problem.field === undefined ? { message: problem.message } : { errors: { [problem.field]: [problem.message] } },
      };
    case 'malformed_body':
      return { status: 400, body: { message: problem.message } };
    case 'unsupported_media_type':
      return { status: 415, body: { message: `Unsupported media type "${problem.contentType}".` } };
    case 'invalid_page':
      return { status: 400, body: { message: 'Invalid page.' } };
    case 'limit_exceeded':
      // A bound of the mock (src/core/limits.ts), not Pelcro's: Laravel's shapes, the texts a **guess**.
      if (problem.limit === 'metadata_keys') return { status: 400, body: { errors: { metadata: [`The metadata field must not have more than ${problem.max} items.`] } } };
      if (problem.limit === 'metadata_value') return { status: 400, body: { errors: { metadata: [`The metadata field must not be greater than ${problem.max} characters.`] } } };
      return { status: 400, body: { message: sandboxLimitText(problem.limit, problem.max) } };
  }
}

/** Turns a thrown ApiError into Pelcro's response; anything else is a bug and goes on to the 500 guard. */
export function respondWithError(error: unknown, c: Context): Response {
  if (!(error instanceof ApiError)) throw error;
  const rendered = renderPelcroError(error.problem, { path: rawPath(c.req.url) });
  return c.json(rendered.body, rendered.status as 400, rendered.headers);
}
