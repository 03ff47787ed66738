/**
 * The one renderer that turns a neutral Problem into what Piriod (Django REST Framework) answers:
 * `{"detail": …}` for exceptions (rest_framework/exceptions.py), field errors for validation,
 * DRF's exact texts and statuses.
 */
import type { ErrorRenderer, RenderedError } from '../../core/errors';
import { sandboxLimitText } from '../../core/limits';

/** TokenAuthentication's texts (rest_framework/authentication.py) and NotAuthenticated's. */
const UNAUTHENTICATED = {
  missing: 'Authentication credentials were not provided.',
  malformed: 'Invalid token header. No credentials provided.',
  spaces: 'Invalid token header. Token string should not contain spaces.',
  invalid_characters: 'Invalid token header. Token string should not contain invalid characters.',
  invalid: 'Invalid token.',
} as const;

const detail = (status: number, text: string, headers?: Record<string, string>): RenderedError => ({
  status,
  body: { detail: text },
  headers,
});

export const renderPiriodError: ErrorRenderer = (problem) => {
  switch (problem.kind) {
    case 'unauthenticated':
      // DRF answers 401 with the first authenticator's header (TokenAuthentication: "Token").
      return detail(401, UNAUTHENTICATED[problem.reason], { 'WWW-Authenticate': 'Token' });
    case 'forbidden':
      return detail(403, problem.message ?? 'You do not have permission to perform this action.');
    case 'not_found':
      // DRF ≥ 3.15 passes Django's Http404 text through (get_object_or_404).
      return detail(404, problem.resource ? `No ${problem.resource} matches the given query.` : 'Not found.');
    case 'method_not_allowed':
      return detail(405, `Method "${problem.method}" not allowed.`, { Allow: problem.allow.join(', ') });
    case 'malformed_body':
      return detail(400, problem.message);
    case 'unsupported_media_type':
      return detail(415, `Unsupported media type "${problem.contentType}" in request.`);
    case 'payload_too_large':
      // Not a DRF answer (a proxy's, on the real API): a DRF-shaped body is a guess.
      return detail(413, `Request body is larger than the limit of ${problem.limitBytes} bytes.`);
    case 'validation':
      return { status: 400, body: problem.fields };
    case 'invalid_page':
      return detail(404, 'Invalid page.');
    case 'bad_request':
      // A DRF ValidationError: tied to a field it is `{field: [msg]}`, otherwise a bare list.
      return { status: 400, body: problem.field ? { [problem.field]: [problem.message] } : [problem.message] };
    case 'limit_exceeded':
      // A bound of the mock (src/core/limits.ts), not Piriod's: DRF's shapes, the texts a **guess**.
      if (problem.limit === 'metadata_keys') return { status: 400, body: { metadata: [`Ensure this field has no more than ${problem.max} keys.`] } };
      if (problem.limit === 'metadata_value') return { status: 400, body: { metadata: [`Ensure each value has no more than ${problem.max} characters.`] } };
      return detail(400, sandboxLimitText(problem.limit, problem.max));
  }
};
