/**
 * Every text Piriod answers with, once: Django REST Framework's, Django's, django-filter's and
 * Piriod's own. The schemas, the mock's renderer and the contract suites all take their texts from
 * here, so a sentence is typed in exactly one place. Each group names the source it is copied from;
 * a guess is marked as one (see docs/fidelity/piriod.md).
 */
import { pyStr, pyTypeName } from '../../lib/python/python';
import { MAX_CONTACTS_PER_ORGUNIT } from './common';

export const MESSAGES = {
  // rest_framework/fields.py (Field, CharField, ChoiceField, DictField) and serializers.py.
  required: 'This field is required.',
  null: 'This field may not be null.',
  blank: 'This field may not be blank.',
  notAString: 'Not a valid string.',
  maxLength: (max: number) => `Ensure this field has no more than ${max} characters.`,
  // Django's ProhibitNullCharactersValidator and DRF's ProhibitSurrogateCharactersValidator.
  nullCharacters: 'Null characters are not allowed.',
  surrogate: (codePoint: number) => `Surrogate characters are not allowed: U+${codePoint.toString(16).toUpperCase()}.`,
  // Django's EmailValidator and URLValidator.
  email: 'Enter a valid email address.',
  url: 'Enter a valid URL.',
  invalidChoice: (input: unknown) => `"${pyStr(input)}" is not a valid choice.`,
  notABoolean: 'Must be a valid boolean.',
  /** rest_framework/relations.py PrimaryKeyRelatedField `incorrect_type`. */
  incorrectPkType: (typeName: string) => `Incorrect type. Expected pk value, received ${typeName}.`,
  /**
   * Piriod's own words for an unknown related object (DRF's `does_not_exist` reworded), from the
   * newest reference: `{"customer": ["Primary key \"cus_…\" invalid - object is not exists."]}`.
   */
  relatedNotFound: (pk: string) => `Primary key "${pk}" invalid - object is not exists.`,
  /** rest_framework/relations.py PrimaryKeyRelatedField `does_not_exist`, DRF's own wording. */
  pkNotFound: (pk: string) => `Invalid pk "${pk}" - object does not exist.`,
  /** rest_framework/relations.py SlugRelatedField `does_not_exist` (`slug` is its `slug_field`). */
  slugNotFound: (slug: string, value: string) => `Object with ${slug}=${value} does not exist.`,
  /** Piriod's own, for DELETE of a customer with active subscriptions (the newest reference). */
  activeSubscriptions: 'Customer has active subscriptions; cancel them first.',
  /** The seven-contacts rule of the newest reference; its wording is not published: a **guess**. */
  tooManyContacts: (max: number) => `A customer can have at most ${max} contacts per organizational unit.`,
  notADict: (input: unknown) => `Expected a dictionary of items but got type "${pyTypeName(input)}".`,
  notAnObject: (input: unknown) => `Invalid data. Expected a dictionary, but got ${pyTypeName(input)}.`,
  noData: 'No data provided',
  /** Piriod's own, for a tax id its country's rule refuses. */
  invalidFormat: 'Invalid format.',
  /** django-filter (Django forms) messages for list filters. */
  filterChoice: 'Select a valid choice. That choice is not one of the available choices.',
  /** django/forms/fields.py ChoiceField (ChoiceFilter, and each item of a CSV of choices). */
  filterInvalidChoice: (value: string) => `Select a valid choice. ${value} is not one of the available choices.`,
  filterDateTime: 'Enter a valid date/time.',
  /** django/forms/utils.py `from_current_timezone`: a curly apostrophe (U+2019) since Django 3.0. */
  ambiguousDateTime: (datetime: string, zone: string) =>
    `${datetime} couldn’t be interpreted in time zone ${zone}; it may be ambiguous or it may not exist.`,

  // rest_framework/exceptions.py and authentication.py (TokenAuthentication).
  notAuthenticated: 'Authentication credentials were not provided.',
  tokenWithoutCredentials: 'Invalid token header. No credentials provided.',
  tokenWithSpaces: 'Invalid token header. Token string should not contain spaces.',
  tokenWithInvalidCharacters: 'Invalid token header. Token string should not contain invalid characters.',
  invalidToken: 'Invalid token.',
  permissionDenied: 'You do not have permission to perform this action.',
  /** NotFound's default (DRF < 3.15, and a `?format=` no renderer serves). */
  notFound: 'Not found.',
  /** Django's Http404 from get_object_or_404, passed through by DRF ≥ 3.15; `model` is the model's name. */
  noMatch: (model: string) => `No ${model} matches the given query.`,
  methodNotAllowed: (method: string) => `Method "${method}" not allowed.`,
  unsupportedMediaType: (contentType: string) => `Unsupported media type "${contentType}" in request.`,
  /** rest_framework/pagination.py: every InvalidPage becomes NotFound with this text. */
  invalidPage: 'Invalid page.',
  /** DRF NotAcceptable: an `Accept` no renderer matches. */
  notAcceptable: 'Could not satisfy the request Accept header.',
  /** rest_framework/parsers.py prefixes the parser's own diagnosis. */
  parseError: (parser: 'json' | 'form' | 'multipart', diagnosis: string) => `${PARSE_ERROR[parser]} - ${diagnosis}`,
  // django/http/multipartparser.py (MultiPartParser.__init__).
  multipartContentType: (header: string) => `Invalid Content-Type: ${header}`,
  multipartNonAscii: (header: string) => `Invalid non-ASCII Content-Type in multipart: ${header}`,
  multipartBoundary: (boundary: string | undefined) => `Invalid boundary in multipart: ${boundary ?? 'None'}`,
  /** Piriod's own, without the workspace header where the API requires it. */
  workspaceRequired: 'x-simple-workspace header is required.',
  /** Not a DRF answer (a proxy's, on the real API): a DRF-shaped text is a guess. */
  payloadTooLarge: (limitBytes: number) => `Request body is larger than the limit of ${limitBytes} bytes.`,
  /**
   * The mock's own bounds on a metadata dictionary (src/core/limits.ts), which Piriod does not
   * document: DRF-shaped texts after `max_length`'s, a **guess**.
   */
  metadataMaxKeys: (max: number) => `Ensure this field has no more than ${max} keys.`,
  metadataValueMaxLength: (max: number) => `Ensure each value has no more than ${max} characters.`,
} as const;

const PARSE_ERROR = { json: 'JSON parse error', form: 'Form parse error', multipart: 'Multipart form parse error' } as const;

/** TokenAuthentication's refusals by the `reason` of an `unauthenticated` Problem. */
export const UNAUTHENTICATED = {
  missing: MESSAGES.notAuthenticated,
  malformed: MESSAGES.tokenWithoutCredentials,
  spaces: MESSAGES.tokenWithSpaces,
  invalid_characters: MESSAGES.tokenWithInvalidCharacters,
  invalid: MESSAGES.invalidToken,
} as const;
export type UnauthenticatedReason = keyof typeof UNAUTHENTICATED;

/** DRF ValidationErrors raised outside field validation, by the `reason` of a `bad_request` Problem. */
export const BAD_REQUEST = {
  null_characters: MESSAGES.nullCharacters,
  workspace_required: MESSAGES.workspaceRequired,
  active_subscriptions: MESSAGES.activeSubscriptions,
  too_many_contacts: MESSAGES.tooManyContacts(MAX_CONTACTS_PER_ORGUNIT),
} as const;
export type BadRequestReason = keyof typeof BAD_REQUEST;

/** Django model names of the declared resources, for Http404's text. */
export const MODEL_NAMES = { customer: 'Customer', contact: 'Contact', source: 'Source' } as const;

/** Django's HTML 404 (DEBUG off) for a path no URL pattern resolves. */
export const DJANGO_NOT_FOUND_HTML =
  '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n' +
  '  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';

/**
 * Django's HTML 400 (DEBUG off, no 400.html): django/views/defaults.py bad_request, which
 * core/handlers/exception.py response_for_exception answers a SuspiciousOperation with (such as
 * TooManyFieldsSent), outside DRF: no `Allow`.
 */
export const DJANGO_BAD_REQUEST_HTML =
  '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Bad Request (400)</title>\n</head>\n<body>\n' +
  '  <h1>Bad Request (400)</h1><p></p>\n</body>\n</html>\n';

/** Django's HTML 500 (DEBUG off, no 500.html): django/views/defaults.py server_error. */
export const DJANGO_SERVER_ERROR_HTML =
  '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n' +
  '  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n';

/**
 * What DRF answers for a status a fault asks for (rest_framework/exceptions.py default_detail of
 * the exception raising it); any other status gets APIException's own text.
 */
export const FAULT_DETAILS: Readonly<Record<number, string>> = {
  400: 'Malformed request.',
  401: 'Incorrect authentication credentials.',
  403: 'You do not have permission to perform this action.',
  404: 'Not found.',
  406: MESSAGES.notAcceptable,
};
export const FAULT_DETAIL_OTHER = 'A server error occurred.';
/** Throttled: its text, and the wait added when there is one. */
export const throttled = (wait?: number) =>
  wait === undefined ? 'Request was throttled.' : `Request was throttled. Expected available in ${wait} second${wait === 1 ? '' : 's'}.`;

/** DRF's SimpleMetadata names of the views, for OPTIONS, by the first segment of their path. */
export const VIEW_NAMES = {
  customers: { list: 'Customer List', detail: 'Customer Instance' },
  contacts: { list: 'Contact List', detail: 'Contact Instance' },
  sources: { list: 'Source List', detail: 'Source Instance' },
} as const;
