/**
 * The one renderer that turns a neutral Problem into what Piriod (Django REST Framework) answers:
 * `{"detail": …}` for exceptions (rest_framework/exceptions.py), field errors for validation,
 * DRF's statuses; every text comes from contracts/piriod/messages.ts.
 */
import { ApiError, rendererFor, type RenderedError } from '../../core/errors';
import { sandboxLimitText } from '../../core/limits';
import {
  BAD_REQUEST,
  FAULT_DETAILS,
  FAULT_DETAIL_OTHER,
  MESSAGES,
  throttled,
  MODEL_NAMES,
  UNAUTHENTICATED,
  type BadRequestReason,
  type UnauthenticatedReason,
} from '../../../contracts/piriod/messages';

const detail = (status: number, text: string, headers?: Record<string, string>): RenderedError => ({
  status,
  body: { detail: text },
  headers,
});

export const renderPiriodError = rendererFor(
  [
    'unauthenticated',
    'forbidden',
    'not_found',
    'method_not_allowed',
    'malformed_body',
    'unsupported_media_type',
    'not_acceptable',
    'payload_too_large',
    'validation',
    'invalid_page',
    'bad_request',
    'limit_exceeded',
    'fault',
  ],
  (problem) => {
    switch (problem.kind) {
      case 'unauthenticated':
        // DRF answers 401 with the first authenticator's header (TokenAuthentication: "Token").
        return detail(401, UNAUTHENTICATED[problem.reason as UnauthenticatedReason], { 'WWW-Authenticate': 'Token' });
      case 'forbidden':
        return detail(403, MESSAGES.permissionDenied);
      case 'not_found':
        // DRF ≥ 3.15 passes Django's Http404 text through (get_object_or_404).
        return detail(
          404,
          problem.resource ? MESSAGES.noMatch(MODEL_NAMES[problem.resource as keyof typeof MODEL_NAMES]) : MESSAGES.notFound,
        );
      case 'method_not_allowed':
        return detail(405, MESSAGES.methodNotAllowed(problem.method), { Allow: problem.allow.join(', ') });
      case 'malformed_body':
        return detail(400, MESSAGES.parseError(problem.parser, problem.diagnosis));
      case 'unsupported_media_type':
        return detail(415, MESSAGES.unsupportedMediaType(problem.contentType));
      case 'not_acceptable':
        return detail(406, MESSAGES.notAcceptable);
      case 'payload_too_large':
        return detail(413, MESSAGES.payloadTooLarge(problem.limitBytes));
      case 'validation':
        return { status: 400, body: problem.fields };
      case 'invalid_page':
        return detail(404, MESSAGES.invalidPage);
      case 'bad_request': {
        // A DRF ValidationError: tied to a field it is `{field: [msg]}`, otherwise a bare list.
        const text = BAD_REQUEST[problem.reason as BadRequestReason];
        return { status: 400, body: problem.field ? { [problem.field]: [text] } : [text] };
      }
      case 'limit_exceeded':
        // A bound of the mock (src/core/limits.ts), not Piriod's: DRF's shapes, the texts a **guess**.
        if (problem.limit === 'metadata_keys') return { status: 400, body: { metadata: [MESSAGES.metadataMaxKeys(problem.max)] } };
        if (problem.limit === 'metadata_value') return { status: 400, body: { metadata: [MESSAGES.metadataValueMaxLength(problem.max)] } };
        return detail(400, sandboxLimitText(problem.limit, problem.max));
      case 'fault': {
        // A failure asked of the mock: DRF's exception for that status (the router answers a 500
        // with Django's HTML page itself); a status no DRF exception has gets APIException's text.
        const wait = problem.retryAfterSeconds;
        if (problem.status === 429) return detail(429, throttled(wait), wait === undefined ? undefined : { 'Retry-After': String(wait) });
        const headers = problem.status === 401 ? { 'WWW-Authenticate': 'Token' } : undefined;
        return detail(problem.status, FAULT_DETAILS[problem.status] ?? FAULT_DETAIL_OTHER, headers);
      }
    }
  },
);

/**
 * Not a Problem of the API: an exception neither DRF nor Django handles, such as the
 * UnicodeEncodeError of DRF's JSONRenderer (`ret.encode()` of a text holding a lone surrogate) or a
 * database refusing a value. Django answers its HTML 500 page (core/handlers/exception.py
 * response_for_exception → handle_uncaught_exception → views/defaults.py server_error), outside
 * DRF: the router's `failure` does.
 */
export class UncaughtException extends Error {}

/**
 * The 404 of an id no object of `resource` has. An id holding a null character never reaches a
 * row: psycopg2 refuses to quote it (ValueError "A string literal cannot contain NUL (0x00)
 * characters.", psycopg/utils.c psycopg_escape_string), and DRF's get_object_or_404 turns a
 * ValueError into a bare Http404 (rest_framework/generics.py), answered with NotFound's own
 * "Not found." (views.py exception_handler). **guess**: the driver is psycopg2 (psycopg 3 raises
 * a DataError instead: Django's 500 page).
 */
export function unknownId(resource: string, id: string): ApiError {
  return ApiError.notFound(id.includes('\0') ? undefined : resource, id);
}
