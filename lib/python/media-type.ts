/**
 * Media types as DRF reads them in Content-Type and Accept headers (rest_framework/utils/mediatypes.py
 * `_MediaType`, `media_type_matches`, `order_by_precedence`; negotiation.py
 * `DefaultContentNegotiation`), over Django's parse_header_parameters (django/utils/http.py).
 */
import { pyInt, pyStrip } from './python';

export interface MediaType {
  main: string;
  sub: string;
  params: Map<string, string>;
}

/**
 * Django's `_parseparam`: the `;`-separated parts of a header, stripped. A `;` after an odd
 * number of quotes (not counting `\"`) is inside a quoted value and does not split.
 */
function headerParts(header: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quotes = 0;
  for (let i = 0; i <= header.length; i++) {
    if (i === header.length || (header[i] === ';' && (i === start || quotes % 2 === 0))) {
      parts.push(pyStrip(header.slice(start, i)));
      start = i + 1;
      quotes = 0;
    } else if (header[i] === '"' && !(i > start && header[i - 1] === '\\')) {
      quotes++;
    }
  }
  return parts;
}

/**
 * Django's parse_header_parameters: the first part lower-cased, then each `name=value` part with
 * its name lower-cased and a quoted value unquoted (`\\` and `\"` undone); a value may also go
 * unquoted. RFC 2231's `name*=charset'lang'value` is not decoded (kept under `name*`).
 */
export function parseHeaderParameters(header: string): { key: string; params: Map<string, string> } {
  const [first, ...rest] = headerParts(header);
  const params = new Map<string, string>();
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    let value = pyStrip(part.slice(eq + 1));
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      value = value.slice(1, -1).replaceAll('\\\\', '\\').replaceAll('\\"', '"');
    }
    params.set(pyStrip(part.slice(0, eq)).toLowerCase(), value);
  }
  return { key: first.toLowerCase(), params };
}

/** Django's parse_header_parameters and DRF's `_MediaType` split of the type at its first `/`. */
export function parseMediaType(header: string): MediaType {
  const { key: full, params } = parseHeaderParameters(header);
  const slash = full.indexOf('/');
  return { main: slash < 0 ? full : full.slice(0, slash), sub: slash < 0 ? '' : full.slice(slash + 1), params };
}

/** DRF's `_MediaType.match` with a parser's or renderer's type (which has no parameters) on the left. */
export function mediaTypeMatches(ownType: string, other: MediaType): boolean {
  const [main, sub] = ownType.split('/');
  if (sub !== '*' && other.sub !== '*' && other.sub !== sub) return false;
  return main === '*' || other.main === '*' || other.main === main;
}

/**
 * `_MediaType.precedence`: 0 for any type (main type `*`), 1 for any subtype, 2 for a type, 3 for
 * a type with parameters besides `q`.
 */
function precedence(type: MediaType): number {
  if (type.main === '*') return 0;
  if (type.sub === '*') return 1;
  return [...type.params.keys()].every((key) => key === 'q') ? 2 : 3;
}

/**
 * The media type DRF's select_renderer accepts for the one renderer of `rendererType`, or
 * undefined when the `Accept` header names nothing it matches (DRF's 406). The header's items
 * (split at every comma, stripped; any type when there is no header) are tried most specific
 * first; an item more general than the renderer's type gives that type with the item's parameters
 * (`application/*; indent=2` → `application/json;indent=2`). DRF keeps the items of one precedence
 * in a Python set, whose order is its hashes': here the first sent wins.
 */
export function acceptedMediaType(accept: string | undefined, rendererType: string): string | undefined {
  const items = (accept ?? '*/*').split(',').map((item) => {
    const text = pyStrip(item);
    return { text, type: parseMediaType(text) };
  });
  for (let level = 3; level >= 0; level--) {
    for (const { text, type } of items) {
      if (precedence(type) !== level || !mediaTypeMatches(rendererType, type)) continue;
      if (level >= 2) return text;
      return [rendererType, ...[...type.params].map(([key, value]) => `${key}=${value}`)].join(';');
    }
  }
  return undefined;
}

/**
 * JSONRenderer.get_indent: the accepted media type's `indent` parameter read by `int()`, clamped
 * to 0–8, 0 meaning none; no parameter, or one `int()` refuses, is none too.
 */
export function jsonIndent(accepted: string): number | undefined {
  const raw = parseMediaType(accepted).params.get('indent');
  const indent = raw === undefined ? undefined : pyInt(raw);
  if (indent === undefined) return undefined;
  const clamped = Math.max(Math.min(indent, 8), 0);
  return clamped === 0 ? undefined : clamped;
}
