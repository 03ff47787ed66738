/**
 * The request input as a Laravel controller sees it: `$request->all()`, i.e. the body (JSON or form)
 * with the query string underneath it, after Laravel's default global middleware TrimStrings and
 * ConvertEmptyStringsToNull.
 */
import type { Context } from 'hono';
import { readRawBody } from '../../core/body';
import { ApiError } from '../../core/errors';

export type Input = Record<string, unknown>;

/** PHP's json_decode gives up past this nesting depth (and Laravel then sees an empty body). */
const JSON_MAX_DEPTH = 512;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets an own property even for keys like `__proto__` (plain assignment would change the prototype). */
export function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

function nextIndex(node: Record<string, unknown>): string {
  let max = -1;
  for (const key of Object.keys(node)) if (/^\d+$/.test(key)) max = Math.max(max, Number(key));
  return String(max + 1);
}

/**
 * PHP's parse_str for `a`, `a[b]`, `a[b][c]` and `a[]`: brackets nest, the last value of a repeated
 * key wins, dots and spaces in the outer name become underscores.
 */
export function parsePhpParams(entries: Iterable<[string, string]>): Input {
  const out: Input = {};
  for (const [rawKey, value] of entries) {
    const match = /^([^[]*)((?:\[[^\]]*\])*)/.exec(rawKey.trimStart());
    const name = match?.[1].replace(/[. ]/g, '_') ?? '';
    if (name === '') continue;
    const keys = [name, ...[...(match?.[2] ?? '').matchAll(/\[([^\]]*)\]/g)].map((m) => m[1])];
    let node = out;
    for (let i = 0; i < keys.length - 1; i++) {
      const key = keys[i] === '' ? nextIndex(node) : keys[i];
      let child = Object.hasOwn(node, key) ? node[key] : undefined;
      if (!isRecord(child)) {
        child = {};
        defineOwn(node, key, child);
      }
      node = child as Input;
    }
    const last = keys[keys.length - 1];
    defineOwn(node, last === '' ? nextIndex(node) : last, value);
  }
  return out;
}

/** The query string, parsed the PHP way. */
export function queryInput(c: Context): Input {
  const url = c.req.url;
  const q = url.indexOf('?');
  return q === -1 ? {} : parsePhpParams(new URLSearchParams(url.slice(q + 1)));
}

/** TrimStrings trims every string except the password fields (compared on the full dotted key). */
const NOT_TRIMMED = new Set(['password', 'password_confirmation', 'current_password']);
const EDGE_SPACE = /^[\s\uFEFF\u200B\u200E]+|[\s\uFEFF\u200B\u200E]+$/gu;

class TooDeep extends Error {}

/** TrimStrings then ConvertEmptyStringsToNull, through nested arrays and objects. */
function clean(value: unknown, key: string, depth: number): unknown {
  if (typeof value === 'string') {
    const trimmed = NOT_TRIMMED.has(key) ? value : value.replace(EDGE_SPACE, '');
    return trimmed === '' ? null : trimmed;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= JSON_MAX_DEPTH) throw new TooDeep();
  if (Array.isArray(value)) return value.map((item, i) => clean(item, `${key}.${i}`, depth + 1));
  const out: Input = {};
  for (const [k, v] of Object.entries(value)) defineOwn(out, k, clean(v, key === '' ? k : `${key}.${k}`, depth + 1));
  return out;
}

function cleanInput(input: Input): Input {
  try {
    return clean(input, '', 0) as Input;
  } catch (error) {
    if (error instanceof TooDeep) return {};
    throw error;
  }
}

/**
 * Laravel's Request::json(): json_decode($content, true). Anything that does not decode to an
 * object (malformed JSON, a list, a scalar, deeper than 512 levels) leaves no named input, so the
 * request goes on as if it had no body — Laravel raises no parse error.
 */
function decodeJsonBody(text: string): Input {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (!isRecord(parsed)) return {};
  try {
    clean(parsed, '', 0);
  } catch (error) {
    if (error instanceof TooDeep) return {};
    throw error;
  }
  return parsed;
}

async function decodeMultipart(raw: Uint8Array, contentType: string): Promise<Input> {
  try {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const fields: [string, string][] = [];
    for (const [key, value] of form) if (typeof value === 'string') fields.push([key, value]);
    return parsePhpParams(fields);
  } catch {
    return {};
  }
}

/**
 * The body as Laravel reads it: JSON when the Content-Type contains "/json" or "+json"
 * (Request::isJson), PHP's own parsing for form bodies, nothing for any other type (Laravel has no
 * 415: an unreadable body is simply empty).
 */
export async function bodyInput(c: Context, limitBytes: number): Promise<Input> {
  const contentType = c.req.header('content-type') ?? '';
  const isJson = contentType.includes('/json') || contentType.includes('+json');
  const method = c.req.method;
  if (!isJson && (method === 'GET' || method === 'HEAD')) return {};
  const raw = await readRawBody(c, limitBytes);
  if (raw.byteLength === 0) return {};
  const text = new TextDecoder().decode(raw);
  if (isJson) return decodeJsonBody(text);
  const media = contentType.split(';')[0].trim().toLowerCase();
  if (media === 'application/x-www-form-urlencoded') return parsePhpParams(new URLSearchParams(text));
  if (media === 'multipart/form-data') return decodeMultipart(raw, contentType);
  return {};
}

/**
 * ValidatePostSize runs before routing and authentication: a declared Content-Length past the
 * limit is refused first (a streamed body is refused while it is read).
 */
export function refuseDeclaredOversize(c: Context, limitBytes: number): void {
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > limitBytes) throw new ApiError({ kind: 'payload_too_large', limitBytes });
}

/** `$request->all()`: body keys win over query keys of the same name (PHP's `$body + $query`). */
export async function requestInput(c: Context, limitBytes: number): Promise<Input> {
  const body = await bodyInput(c, limitBytes);
  const merged: Input = { ...queryInput(c) };
  for (const [key, value] of Object.entries(body)) defineOwn(merged, key, value);
  return cleanInput(merged);
}

/** The query alone, cleaned: the input of a GET. */
export function cleanQuery(c: Context): Input {
  return cleanInput(queryInput(c));
}
