/**
 * The parts of a request target as the client sent it (`/a/b?q`, still percent-encoded), which
 * both frameworks' servers hand over as they came: PHP's REQUEST_URI and QUERY_STRING, a WSGI
 * server's QUERY_STRING.
 */

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
