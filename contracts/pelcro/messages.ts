/**
 * Every text Pelcro's API answers with, once: the renderer, the schemas, the list's query reading
 * and the contract suites all take their texts from here.
 *
 * Laravel's validation messages are word for word from the framework's `lang/en/validation.php`
 * (Laravel 10/11), with Laravel's attribute naming (`first_name` reads "first name"). Pelcro is a
 * Laravel API and its validation errors carry these texts (its docs quote "The email field is
 * required." and "The first name field must not be greater than 255 characters.").
 */
import { requestPath } from '../../lib/php/request';
import { attributeName as a } from '../../lib/php/validator';

const list = (fields: readonly string[]) => fields.map(a).join(' / ');

/** Laravel's `lang/en/validation.php`, by rule. */
export const laravel = {
  required: (f: string) => `The ${a(f)} field is required.`,
  requiredWith: (f: string, others: readonly string[]) => `The ${a(f)} field is required when ${list(others)} is present.`,
  requiredWithoutAll: (f: string, others: readonly string[]) => `The ${a(f)} field is required when none of ${list(others)} are present.`,
  string: (f: string) => `The ${a(f)} field must be a string.`,
  email: (f: string) => `The ${a(f)} field must be a valid email address.`,
  boolean: (f: string) => `The ${a(f)} field must be true or false.`,
  integer: (f: string) => `The ${a(f)} field must be an integer.`,
  array: (f: string) => `The ${a(f)} field must be an array.`,
  maxString: (f: string, max: number) => `The ${a(f)} field must not be greater than ${max} characters.`,
  maxArray: (f: string, max: number) => `The ${a(f)} field must not have more than ${max} items.`,
  minString: (f: string, min: number) => `The ${a(f)} field must be at least ${min} characters.`,
  maxNumeric: (f: string, max: number) => `The ${a(f)} field must not be greater than ${max}.`,
  minNumeric: (f: string, min: number) => `The ${a(f)} field must be at least ${min}.`,
  digitsBetween: (f: string, min: number, max: number) => `The ${a(f)} field must be between ${min} and ${max} digits.`,
  timezone: (f: string) => `The ${a(f)} field must be a valid timezone.`,
  alphaDash: (f: string) => `The ${a(f)} field must only contain letters, numbers, dashes, and underscores.`,
  /** `in`, `exists`, `enum`, `not_in` share this text. */
  invalid: (f: string) => `The selected ${a(f)} is invalid.`,
  unique: (f: string) => `The ${a(f)} has already been taken.`,
  filled: (f: string) => `The ${a(f)} field must have a value.`,
  /** ReplacesAttributes::replaceRequiredIf names the other field's value as sent. */
  requiredIf: (f: string, other: string, value: string) => `The ${a(f)} field is required when ${a(other)} is ${value}.`,
} as const;

/** Laravel's `lang/en/pagination.php`: the labels of the previous/next entries of `meta.links`. */
export const PAGINATION_LABELS = { previous: '&laquo; Previous', next: 'Next &raquo;' } as const;

/**
 * The Eloquent model of each declared resource, named in a 404 (**guess**: Pelcro's class is not
 * public; its addresses call their customer `user_id`, so `App\Models\User` is as likely).
 */
const MODELS: Record<string, string> = {
  customer: 'App\\Models\\Customer',
  address: 'App\\Models\\Address',
  source: 'App\\Models\\Source',
};

/** Laravel's texts outside validation, rendered as `{"message": …}`. */
export const http = {
  /**
   * Laravel's AuthenticationException for a JSON request; the same text for every reason
   * (**guess** for Pelcro, which documents only the status).
   */
  unauthenticated: 'Unauthenticated.',
  /** Laravel's router: `NotFoundHttpException("The route {$request->path()} could not be found.")`. */
  noRoute: (path: string) => `The route ${requestPath(path)} could not be found.`,
  /** ModelNotFoundException::setModel, e.g. "No query results for model [App\Models\Customer] 42". */
  modelNotFound: (resource: string, id: string) => `No query results for model [${MODELS[resource]}] ${id}`,
  /** Symfony's NotFoundHttpException without a message. */
  notFound: 'Not Found',
  /** The start of Illuminate\Routing\AbstractRouteCollection::requestMethodNotAllowed's text. */
  methodNotSupported: (method: string) => `The ${method} method is not supported for route `,
  methodNotAllowed: (method: string, path: string, allow: readonly string[]) =>
    `${http.methodNotSupported(method)}${requestPath(path)}. Supported methods: ${allow.join(', ')}.`,
  /**
   * A request exception of Symfony's (an invalid method override) as Laravel 11's
   * Handler::prepareException renders it: `new BadRequestHttpException('Bad request.')`.
   */
  badRequest: 'Bad request.',
  /** ValidatePostSize throws PostTooLargeException (413); its text is **guessed** from Laravel 11. */
  postTooLarge: 'The POST data is too large.',
  /** Faults the mock is asked for: ThrottleRequests' exception, the Handler's text for a non-HTTP exception, maintenance mode's 503. */
  tooManyAttempts: 'Too Many Attempts.',
  serverError: 'Server Error',
  serviceUnavailable: 'Service Unavailable',
} as const;

/**
 * The Open API's own texts (docs/fidelity/pelcro.md). The duplicate email is react-pelcro-js's exact
 * comparison; the token refusals are tymon/jwt-auth 1.x's exception messages, the JWT package of
 * Laravel APIs (**guess** that Pelcro uses it); the rest are **guesses** worded after Laravel's.
 */
export const sdk = {
  /** react-pelcro-js compares `getErrorMessages(err) === "This email is already in use."`. */
  emailInUse: 'This email is already in use.',
  /** lang/en/auth.php `failed`, as laravel/ui's AuthenticatesUsers::sendFailedLoginResponse puts it under the login field. */
  loginFailed: 'These credentials do not match our records.',
  /** Tymon\JWTAuth\Claims\Expiration::validatePayload. */
  tokenExpired: 'Token has expired',
  /** Tymon\JWTAuth\Manager::decode for a token in the blacklist. */
  tokenBlacklisted: 'The token has been blacklisted',
  /** Tymon\JWTAuth\Providers\JWT\Lcobucci::decode for a bad signature or a token that does not parse. */
  tokenInvalid: 'Token Signature could not be verified.',
  /** Tymon\JWTAuth\Http\Middleware\BaseMiddleware::authenticate when the token's customer is gone. */
  userNotFound: 'User not found',
  /** The JSON tymon's README answers a logout with. */
  loggedOut: 'Successfully logged out',
  /** POST /payment_methods without `token` answers 404 with a message (REFERENCE); the text is the `required` rule's. */
  paymentTokenMissing: laravel.required('token'),
  /** "at most 200 per customer"; the status follows the Open API's 404 for business rules. */
  tooManySources: (max: number) => `A customer can have at most ${max} payment methods.`,
  /** DELETE /payment_methods/{id} of the default ("it cannot be deleted": docs.pelcro.com); the text is a **guess**. */
  defaultSourceUndeletable: 'Cannot delete the default payment method',
} as const;

/**
 * Pelcro's own texts for its beta filters and `expand` (**guesses**: docs/fidelity/pelcro.md): the
 * `in` rule's text followed by what is valid.
 */
export const pelcro = {
  /** docs.pelcro.com "Delete payment method": the refusal for a source a subscription uses. */
  sourceInSubscription: 'Cannot delete source already associated to a subscription',
  filterUnsupported: (field: string, filterable: string) => `The ${field} filter is not supported. Filterable attributes: ${filterable}.`,
  filterOperatorInvalid: (field: string, operator: string, valid: readonly string[]) =>
    `The ${field} operator "${operator}" is invalid. Valid operators: ${valid.join(', ')}.`,
  /** The mock's bound on the like patterns of one list (customers/list.ts `MAX_LIKE_FILTER_LENGTH`). */
  likeFiltersTooLong: (max: number) => `The like and orlike filters together must not be greater than ${max} characters.`,
  expandUnknown: (unknown: readonly string[], valid: readonly string[]) =>
    `${laravel.invalid('expand')} Unknown: ${unknown.join(', ')}. Valid values: ${valid.join(', ')}.`,
} as const;
