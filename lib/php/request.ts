/**
 * What Laravel reads of a request (Illuminate\Http\Request and the router's matching), for the
 * parts the mock must read the same way: the bearer token, `$request->path()`, the decoding of
 * the path a route is matched against, and which bodies PHP and Symfony parse.
 */
export { targetPath, targetQuery } from '../request-target';
import { trimChar } from '../text';

/**
 * Request::bearerToken(): the text after the last "Bearer " (any case) of the Authorization
 * header, cut at the first comma; undefined when there is none or it is empty.
 */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const position = header.toLowerCase().lastIndexOf('bearer ');
  if (position === -1) return undefined;
  let token = header.slice(position + 7);
  const comma = token.indexOf(',');
  if (comma !== -1) token = token.slice(0, comma);
  return token === '' ? undefined : token;
}

/** `$request->path()`: the raw path without its leading and trailing slashes ('/' when nothing is left). */
export function requestPath(path: string): string {
  const trimmed = trimChar(path, '/');
  return trimmed === '' ? '/' : trimmed;
}

/**
 * The path Illuminate\Routing\Matching\UriValidator matches a route against:
 * `rawurldecode(rtrim($pathInfo, '/'))`, then PCRE's `u` mode refuses bytes that are not UTF-8
 * (undefined here). A '%' not followed by two hex digits stays as it is in rawurldecode.
 */
export function routingPath(rawPath: string): string | undefined {
  // rtrim by a loop: the RegExp `/\/+$/` is quadratic in a long run of slashes followed by anything else.
  const path = trimChar(rawPath, '/', 'end');
  if (!path.includes('%')) return path;
  try {
    return decodeURIComponent(path.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'));
  } catch {
    return undefined;
  }
}

/** The form media type, as PHP's and Symfony's parsers spell it. */
export const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/**
 * The media type PHP picks a POST body's parser by (php-src main/SAPI.c, sapi_read_post_data):
 * the Content-Type cut at the first `;`, `,` or space and lower-cased with C's tolower(), so
 * `APPLICATION/X-WWW-FORM-URLENCODED, x` is a form and `application/x-www-form-urlencoded\tx` is not.
 */
export function phpPostMediaType(contentType: string): string {
  const cut = contentType.search(/[;, ]/);
  return (cut === -1 ? contentType : contentType.slice(0, cut)).replace(/[A-Z]+/g, (upper) => upper.toLowerCase());
}

/**
 * Whether Symfony's Request::createFromGlobals parse_str()s the body of a PUT, DELETE or PATCH,
 * which PHP leaves unread: `str_starts_with($CONTENT_TYPE, 'application/x-www-form-urlencoded')`,
 * case-sensitive and on the whole header (symfony/http-foundation 7.2 Request.php, the version
 * Laravel 11.x requires). `Application/x-www-form-urlencoded` is not a form there, and
 * `application/x-www-form-urlencodedX` is.
 */
export function symfonyParsesForm(contentType: string): boolean {
  return contentType.startsWith(FORM_MEDIA_TYPE);
}

/** What InputBag::get refuses: an array (a PHP array of the input, or a JSON list). */
function isInputArray(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

/** InputBag::get($key, $default): the value, the default when the key is absent; an array throws. */
function inputBagGet(bag: Record<string, unknown>, key: string, fallback: unknown): { value: unknown } | undefined {
  if (!Object.hasOwn(bag, key)) return { value: fallback };
  const value = bag[key];
  return isInputArray(value) ? undefined : { value };
}

/**
 * The method Laravel routes a request by: Symfony's Request::getMethod() (http-foundation 7.2),
 * with the `_method` parameter enabled as Laravel's Request::capture() and Kernel::handle() do.
 * Only a POST is overridden: by the X-HTTP-Method-Override header when PHP reads it as true (not
 * empty, not "0"), otherwise by `_method` of the body (`$this->request`: the form or multipart
 * fields, or the JSON object, which Laravel's createFromBase puts there), else of the query —
 * `$this->request->get('_method', $this->query->get('_method', 'POST'))`, so the query's is read
 * first, and either refuses an array. A value that is no string (a JSON number, `null`) leaves
 * POST. The override is upper-cased with strtoupper() (ASCII only); a known method or any `[A-Z]+`
 * word is taken. Undefined where Symfony throws (BadRequestException for an array,
 * SuspiciousOperationException for `f-o` or `""`), both request exceptions that Laravel's
 * Handler::prepareException turns into a 400 "Bad request.". The values are the raw ones:
 * Laravel 11's HandleCors asks the method first, before TrimStrings runs.
 */
export function intendedMethod(
  realMethod: string,
  header: string | undefined,
  body: Record<string, unknown>,
  query: Record<string, unknown>,
): string | undefined {
  if (realMethod !== 'POST') return realMethod;
  let method: unknown = header;
  if (header === undefined || header === '' || header === '0') {
    const fromQuery = inputBagGet(query, '_method', 'POST');
    const fromBody = fromQuery && inputBagGet(body, '_method', fromQuery.value);
    if (!fromBody) return undefined;
    method = fromBody.value;
  }
  if (typeof method !== 'string') return realMethod;
  // strtoupper() changes ASCII letters only, and every method taken is letters only: anything else
  // is refused without being upper-cased (a replace with a callback per run of 1 MiB: 0.3 s).
  return /^[A-Za-z]+$/.test(method) ? method.toUpperCase() : undefined;
}

/**
 * Whether Symfony's Request::getHost() takes a Host header: trimmed, a trailing `:digits` port
 * dropped and lower-cased, what is left must be runs of `[a-zA-Z0-9-:\]_]` each followed by at most
 * one dot, an opening `[` allowed first (symfony/http-foundation 5.4-7.x Request::getHost, "RFC 952
 * and RFC 2181"); anything else (`a..b`, `x"y`, a space, `é`) throws SuspiciousOperationException.
 * An empty or absent Host is taken (getHost falls back to SERVER_NAME). One linear replace, as
 * Symfony does it "to prevent DoS attacks with long host names".
 */
export function symfonyHostValid(host: string | undefined): boolean {
  if (host === undefined) return true;
  const bare = host.trim().replace(/:\d+$/, '');
  return bare === '' || bare.replace(/(?:^\[)?[a-zA-Z0-9\-:\]_]+\.?/g, '') === '';
}

/**
 * Request::getSchemeAndHttpHost() for the URL the mock was asked (WHATWG-parsed: host lower-cased,
 * the scheme's default port dropped, as Symfony does). One difference: getPort() takes the Host's
 * port only when the text after its last `:` is truthy in PHP, so a Host ending `:0` (`"0"`, falsy)
 * gets the scheme's default port, which getHttpHost() omits (`x.test:0` → `http://x.test`).
 */
export function symfonyOrigin(url: URL, host: string | undefined): string {
  const falsyPort = url.port === '0' && host !== undefined && host.slice(host.lastIndexOf(':') + 1) === '0';
  return falsyPort ? `${url.protocol}//${url.hostname}` : url.origin;
}
