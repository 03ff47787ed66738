/**
 * What Laravel reads of a request (Illuminate\Http\Request and the router's matching), for the
 * parts the mock must read the same way: the bearer token, `$request->path()`, the decoding of
 * the path a route is matched against, and which bodies PHP and Symfony parse.
 */
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

/** The path of a request target (`/a/b?q`), still percent-encoded, without query or fragment. */
export function targetPath(target: string): string {
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

/** The query string of a request target, without its `?` ('' for none). */
export function targetQuery(target: string): string {
  const start = target.indexOf('?');
  if (start === -1) return '';
  const hash = target.indexOf('#', start);
  return target.slice(start + 1, hash === -1 ? undefined : hash);
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
