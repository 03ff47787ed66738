/**
 * Laravel's router for the customer routes, so that a path reaches the handler it would reach on
 * Pelcro: Illuminate\Routing\Matching\UriValidator matches `rawurldecode(rtrim($pathInfo, '/'))`
 * against the route's regex, case-sensitively, and route parameters come from the decoded path.
 * So every trailing slash is ignored, `customers%2F7` is customer 7, and a path that does not
 * decode to UTF-8 (`%FF`) matches no route (PCRE's `u` mode refuses it).
 */
import { BASE_PATH } from '../../../contracts/pelcro/schemas';
import { trimChar } from '../../core/text';

export type CustomerRoute = { name: 'collection' } | { name: 'item'; id: string };

/** The methods each route answers, in the order Laravel lists them in a 405 and an OPTIONS answer. */
export const ALLOWED_METHODS = {
  collection: ['GET', 'HEAD', 'POST'],
  item: ['GET', 'HEAD', 'PUT', 'DELETE'],
} as const;

const COLLECTION = `${BASE_PATH}/customers`;
const ITEM = new RegExp(`^${BASE_PATH.replace(/\//g, '\\/')}\\/customers\\/([^/]+)$`);

/** PHP's rawurldecode followed by PCRE's UTF-8 check: undefined when the bytes are not UTF-8. */
function rawUrlDecode(path: string): string | undefined {
  if (!path.includes('%')) return path;
  try {
    // A '%' not followed by two hex digits stays as it is in rawurldecode.
    return decodeURIComponent(path.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'));
  } catch {
    return undefined;
  }
}

/** The customer route a raw (still percent-encoded) request path reaches, if any. */
export function matchCustomerRoute(rawPath: string): CustomerRoute | undefined {
  const path = rawUrlDecode(trimChar(rawPath, '/', 'end'));
  if (path === undefined) return undefined;
  if (path === COLLECTION) return { name: 'collection' };
  const item = ITEM.exec(path);
  return item ? { name: 'item', id: item[1] } : undefined;
}

/** The request path as sent (still percent-encoded), which Laravel's messages quote. */
export function rawPath(url: string): string {
  const start = url.indexOf('/', url.indexOf('://') + 3);
  if (start === -1) return '/';
  const query = url.indexOf('?', start);
  const hash = url.indexOf('#', start);
  const ends = [query, hash].filter((i) => i !== -1);
  return url.slice(start, ends.length === 0 ? undefined : Math.min(...ends));
}
