/**
 * What Laravel reads of a request (Illuminate\Http\Request and the router's matching), for the
 * parts the mock must read the same way: the bearer token, `$request->path()` and the decoding of
 * the path a route is matched against.
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

/** The request path as sent (still percent-encoded, without query or fragment), which Laravel's messages quote. */
export function rawPath(url: string): string {
  const start = url.indexOf('/', url.indexOf('://') + 3);
  if (start === -1) return '/';
  const query = url.indexOf('?', start);
  const hash = url.indexOf('#', start);
  const ends = [query, hash].filter((i) => i !== -1);
  return url.slice(start, ends.length === 0 ? undefined : Math.min(...ends));
}
