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
import { ApiError, rendererFor } from '../../core/errors';
import { rawPath } from './router';

/**
 * The Eloquent model of each declared resource, named in a 404 (**guess**: Pelcro's class is not
 * public; its addresses call their customer `user_id`, so `App\Models\User` is as likely).
 */
const MODELS: Record<string, string> = { customer: 'App\\Models\\Customer' };

/** Laravel's model-binding 404 for a customer id (see the renderer's `not_found`). */
export function modelNotFound(id: string): ApiError {
  return ApiError.notFound('customer', id);
}

/** Laravel's router found no route for the path. */
export function routeNotFound(path: string): ApiError {
  return new ApiError({ kind: 'no_route', path });
}

/** `$request->path()`: the raw path without its leading and trailing slashes. */
export function laravelPath(path: string): string {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : trimmed;
}

export const renderPelcroError = rendererFor(
  ['unauthenticated', 'no_route', 'not_found', 'method_not_allowed', 'payload_too_large', 'validation'],
  (problem, request) => {
    switch (problem.kind) {
      case 'unauthenticated':
        // Laravel's AuthenticationException for a JSON request; the same text for every reason
        // (**guess** for Pelcro, which documents only the status).
        return { status: 401, body: { message: 'Unauthenticated.' } };
      case 'no_route':
        // Laravel's router: `NotFoundHttpException("The route {$request->path()} could not be found.")`.
        return { status: 404, body: { message: `The route ${laravelPath(problem.path)} could not be found.` } };
      case 'not_found':
        // Laravel's ModelNotFoundException::setModel text, e.g. "No query results for model [App\Models\Customer] 42".
        return {
          status: 404,
          body: { message: problem.resource ? `No query results for model [${MODELS[problem.resource]}] ${problem.id ?? ''}` : 'Not Found' },
        };
      case 'method_not_allowed':
        // Illuminate\Routing\AbstractRouteCollection::requestMethodNotAllowed.
        return {
          status: 405,
          body: {
            message:
              `The ${problem.method} method is not supported for route ${laravelPath(request.path)}. ` +
              `Supported methods: ${problem.allow.join(', ')}.`,
          },
          headers: { Allow: problem.allow.join(', ') },
        };
      case 'payload_too_large':
        // ValidatePostSize throws PostTooLargeException (413); its text is **guessed** from Laravel 11.
        return { status: 413, body: { message: 'The POST data is too large.' } };
      case 'validation':
        return { status: 400, body: { errors: problem.fields } };
    }
  },
);

/** Turns a thrown ApiError into Pelcro's response; anything else is a bug and goes on to the 500 guard. */
export function respondWithError(error: unknown, c: Context): Response {
  if (!(error instanceof ApiError)) throw error;
  const rendered = renderPelcroError(error.problem, { method: c.req.method, path: rawPath(c.req.url) });
  return c.json(rendered.body, rendered.status as 400, rendered.headers);
}
