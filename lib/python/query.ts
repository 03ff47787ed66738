/**
 * Query strings as Django reads them and as DRF writes pagination links: Python's
 * `urllib.parse.parse_qsl(keep_blank_values=True)` (what QueryDict uses) and
 * `urlencode(sorted(parse_qs(...).items()), doseq=True)` (rest_framework/utils/urls.py
 * replace_query_param / remove_query_param).
 */

import { decodeReplacing, type Codec } from './codec';

/** Python's `unquote(s, encoding, errors='replace')` after `+` → space. */
function unquotePlus(s: string, codec: Codec): string {
  const text = s.replace(/\+/g, ' ');
  if (!text.includes('%')) return text;
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) =>
    decodeReplacing(
      Uint8Array.from(run.slice(1).split('%'), (h) => parseInt(h, 16)),
      codec,
    ),
  );
}

/**
 * The query's name/value pairs in order (`a` alone is `['a', '']`; empty parts are skipped);
 * escapes decode with the request's codec (UTF-8 unless a form body says otherwise).
 */
export function parseQsl(query: string, codec: Codec = 'utf-8'): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    pairs.push([unquotePlus(name, codec), unquotePlus(value, codec)]);
  }
  return pairs;
}

/**
 * Django's settings.DATA_UPLOAD_MAX_NUMBER_FIELDS and DATA_UPLOAD_MAX_NUMBER_FILES (defaults; the
 * files bound since Django 3.2.18 / 4.1.7): past them QueryDict and MultiPartParser raise
 * TooManyFieldsSent / TooManyFilesSent, which Django answers with its 400 page.
 */
export const DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000;
export const DATA_UPLOAD_MAX_NUMBER_FILES = 100;
/** Django's DATA_UPLOAD_MAX_MEMORY_SIZE default (2.5 MB): the bytes of a multipart body's fields. */
export const DATA_UPLOAD_MAX_MEMORY_SIZE = 2621440;

/**
 * Whether `parse_qsl(query, max_num_fields=max)` raises: Python counts the fields as one more than
 * the separators, empty pieces included (`1 + qs.count('&') if qs else 0`, urllib/parse.py).
 */
export function exceedsMaxNumFields(query: string, max = DATA_UPLOAD_MAX_NUMBER_FIELDS): boolean {
  if (query === '') return false;
  let fields = 1;
  for (let at = query.indexOf('&'); at !== -1; at = query.indexOf('&', at + 1)) if (++fields > max) return true;
  return false;
}

/** A QueryDict: every value per key, in order; `get` answers the last one, as Django does. */
export class QueryDict {
  readonly lists = new Map<string, string[]>();

  constructor(query: string) {
    for (const [name, value] of parseQsl(query)) {
      const list = this.lists.get(name);
      if (list) list.push(value);
      else this.lists.set(name, [value]);
    }
  }

  get(name: string): string | undefined {
    const list = this.lists.get(name);
    return list ? list[list.length - 1] : undefined;
  }

  has(name: string): boolean {
    return this.lists.has(name);
  }
}

const ALWAYS_SAFE = /[A-Za-z0-9_.\-~]/;
const utf8 = new TextEncoder();

/** One byte as Python's `quote` escapes it: `%` and two upper-case hex digits. */
export function percentByte(byte: number): string {
  return `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Python's `quote(s, safe)`: the UTF-8 bytes of every character but letters, digits, `_.-~` and `safe` escaped. */
export function pyQuote(s: string, safe: string): string {
  let out = '';
  for (const ch of s) {
    if (ALWAYS_SAFE.test(ch) || safe.includes(ch)) out += ch;
    else for (const byte of utf8.encode(ch)) out += percentByte(byte);
  }
  return out;
}

/** Python's `quote_plus(s)`: `quote(s, safe='')` with a space written `+`. */
export function quotePlus(s: string): string {
  return pyQuote(s, ' ').replaceAll(' ', '+');
}

/** Python's str ordering: by code point (JS compares UTF-16 units). */
function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/**
 * DRF's replace_query_param (`value` set) or remove_query_param (`value` undefined) applied to the
 * request's absolute URL: every key re-encoded, sorted.
 */
export function withQueryParam(base: string, query: QueryDict, key: string, value: string | undefined): string {
  const lists = new Map(query.lists);
  if (value === undefined) lists.delete(key);
  else lists.set(key, [value]);
  const encoded = [...lists.keys()]
    .sort(byCodePoint)
    .flatMap((name) => lists.get(name)!.map((v) => `${quotePlus(name)}=${quotePlus(v)}`))
    .join('&');
  return encoded ? `${base}?${encoded}` : base;
}
