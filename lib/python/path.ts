/**
 * Request paths as Django reads and writes them: the path the URL resolver matches, and the path
 * a redirect points to (django/core/handlers/wsgi.py, django/utils/encoding.py).
 */
import { decodeUtf8Replacing } from './codec';
import { percentByte, pyQuote } from './query';

/**
 * The path the resolver sees: the WSGI server percent-decodes it to bytes (an invalid escape such
 * as `%ZZ` stays as it is), then `repercent_broken_unicode(path).decode()` decodes UTF-8 and
 * percent-encodes again every byte that does not decode.
 */
export function djangoPath(rawPath: string): string {
  // A raw request target may also carry bytes above 0x7f, one character each.
  if (!/[%\x80-\xff]/.test(rawPath)) return rawPath;
  const latin1 = rawPath.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return decodeUtf8Replacing(
    Uint8Array.from(latin1, (ch) => ch.charCodeAt(0)),
    (span) => [...span].map(percentByte).join(''),
  );
}

/** Django's escape_uri_path: the decoded path quoted again, keeping `/:@&+$,-_.!~*'()`. */
export function escapeUriPath(path: string): string {
  return pyQuote(path, "/:@&+$,-_.!~*'()");
}

/**
 * Django's iri_to_uri (django/utils/encoding.py), which get_full_path applies to the query
 * string: `quote(iri, safe="/#%[]=:;$&()+,!?*@'~")`, so `'` stays and `{`, `|`, `^`, `` ` ``,
 * `\`, `"`, `<`, `>`, spaces and non-ASCII are percent-encoded (an existing escape is left alone).
 */
export function iriToUri(iri: string): string {
  return pyQuote(iri, "/#%[]=:;$&()+,!?*@'~");
}
