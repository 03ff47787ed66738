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

const utf8 = new TextDecoder();

/**
 * A target sent with raw bytes above 0x7f (the server hands them over one latin-1 character each,
 * as a WSGI server does) as PHP holds it: REQUEST_URI is those bytes, which Laravel reads (and
 * json_encode writes) as UTF-8, so `ñ` sent raw reads `ñ`, not `Ã±`; bytes that are no UTF-8 read
 * U+FFFD. A target of ASCII alone comes back as it is.
 */
export function phpTarget(target: string): string {
  if (!/[\x80-\xff]/.test(target) || /[^\x00-\xff]/.test(target)) return target;
  return utf8.decode(Uint8Array.from(target, (ch) => ch.charCodeAt(0)));
}
