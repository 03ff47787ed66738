/**
 * The request input as a Laravel controller sees it: `$request->all()`, i.e. the body (JSON or form)
 * with the query string underneath it, after Laravel's default global middleware TrimStrings and
 * ConvertEmptyStringsToNull, and a multipart POST's uploaded files over it.
 */
import type { Context } from 'hono';
import { SiteId } from '../../../contracts/pelcro/schemas';
import { laravel } from '../../../contracts/pelcro/messages';
import { sentKey } from '../../../lib/ordered-json';
import { parsePhpParams, parsePhpPostForm, parsePhpQuery, type PhpArray } from '../../../lib/php/params';
import { pyJsonLoads } from '../../../lib/python/json';
import { PyNumber } from '../../../lib/python/python';
import { FORM_MEDIA_TYPE, phpPostMediaType, symfonyParsesForm, targetQuery } from '../../../lib/php/request';
import { firstParts } from '../../../lib/php/multipart';
import { type FilePart, uploadedFiles, withFiles } from '../../../lib/php/upload';
import { toInt, type ErrorBag } from '../../../lib/php/validator';
import { given } from '../../../lib/php/rules';
import { strTrim } from '../../../lib/php/str';
import type { Later } from '../../core/later';
import { readRawBody } from '../../core/body';
import { ApiError } from '../../core/errors';
import { setOwn } from '../../core/plain-object';

export type Input = PhpArray;

/**
 * json_decode's default `depth` (and Laravel passes none). It counts one more than the arrays and
 * objects nested: a structure of 512 levels, the body object included, is already JSON_ERROR_DEPTH
 * (`json_decode('[]', true, 1)` is null), so Laravel sees an empty body; 511 levels decode (checked
 * with php8.2-cli).
 */
const JSON_MAX_DEPTH = 512;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof PyNumber);
}

/** The query string of a raw request target as sent (nginx's `$args`), parsed the PHP way. */
export function queryOf(target: string): Input {
  const query = targetQuery(target);
  return query === '' ? {} : parsePhpQuery(query);
}

/**
 * TrimStrings trims every string with Str::trim (Laravel 11.56: Unicode white space, NUL and the
 * invisible characters; lib/php/str.ts) except the password fields, compared on the full dotted key
 * (TrimStrings::$except, TransformsRequest::cleanArray).
 */
const NOT_TRIMMED = new Set(['password', 'password_confirmation', 'current_password']);

/**
 * TrimStrings then ConvertEmptyStringsToNull, through nested arrays and objects; `except` for the
 * values TrimStrings::$except names, which are top-level keys only (the dotted key of anything
 * nested holds a dot). The depth is bounded before this runs: JSON bodies by json_decode's 512,
 * form and query input by PHP's 64.
 *
 * A JSON list stays a JS array: the PHP array of keys 0 … n−1 it is, which every reader of the
 * input takes as such (isPhpArray, phpCount, entriesOf, writeJson; mergeMetadata stores it keyed).
 * Made into an object of escaped keys, a list of 300,000 numbers (600 KB) took 200 ms to build and
 * 60 ms more each time a rule counted its keys: a create sending one held the server 720-890 ms.
 *
 * What holds nothing to change is given back as it is, not copied: a body's arrays are its own,
 * the kept query's are frozen (src/providers/pelcro/router.ts), and nothing writes into the input.
 */
function clean(value: unknown, except: boolean): unknown {
  if (typeof value === 'string') {
    const trimmed = except ? value : strTrim(value);
    return trimmed === '' ? null : trimmed;
  }
  if (typeof value !== 'object' || value === null || value instanceof PyNumber) return value;
  return Array.isArray(value) ? cleanList(value) : cleanArray(value, false);
}

/** `clean` of every item of a list: the list itself when none changes. */
function cleanList(list: readonly unknown[]): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const cleaned = clean(item, false);
    if (out === undefined) {
      if (cleaned === item) continue;
      out = list.slice(0, i);
    }
    out.push(cleaned);
  }
  return out ?? (list as unknown[]);
}

/** `clean` of every entry of an array (`top`: the input itself, whose keys TrimStrings may except): the array itself when none changes. */
function cleanArray(value: object, top: boolean): Input {
  const array = value as Input;
  const keys = Object.keys(array);
  let out: Input | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const item = array[key];
    const cleaned = clean(item, top && NOT_TRIMMED.has(sentKey(key)));
    if (out === undefined) {
      if (cleaned === item) continue;
      out = {};
      for (let j = 0; j < i; j++) setOwn(out, keys[j], array[keys[j]]);
    }
    setOwn(out, key, cleaned);
  }
  return out ?? array;
}

/**
 * PHP's json_decode refuses what JSON.parse lets through: a byte-order mark, bytes that are not
 * UTF-8 (JSON_ERROR_UTF8) and `\uD800`-style escapes of a lone surrogate (JSON_ERROR_UTF16).
 */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/**
 * Whether a decoded value holds a lone surrogate or nests deeper than json_decode allows; `level`
 * counts the arrays and objects from the body's own (1) to this value.
 */
function refusedByPhp(value: unknown, level: number): boolean {
  if (typeof value === 'string') return !value.isWellFormed();
  if (typeof value !== 'object' || value === null || value instanceof PyNumber) return false;
  if (level >= JSON_MAX_DEPTH) return true;
  // Indexes and keys read in place: Object.entries built a pair for every item of a list.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (refusedByPhp(value[i], level + 1)) return true;
    return false;
  }
  // A decoded object has no prototype: for…in reads its own keys only.
  for (const key in value) {
    if (!key.isWellFormed() || refusedByPhp((value as Record<string, unknown>)[key], level + 1)) return true;
  }
  return false;
}

/**
 * Laravel's Request::json(): json_decode($content, true). Anything that does not decode to an
 * object (malformed JSON, a list, a scalar, a decoding error of PHP's own) leaves no named input,
 * so the request goes on as if it had no body — Laravel raises no parse error. The scanner is the
 * strict RFC 8259 one of lib/python/json.ts (the grammar json_decode accepts too), because it keeps
 * object keys in the order sent, as a PHP array does.
 */
function decodeJsonBody(raw: Uint8Array): Input {
  let parsed: unknown;
  try {
    // No digit limit: Python refuses an int of more than 4,300 digits; PHP's json_decode reads an
    // integer past PHP_INT_MAX as a float, however long (php-src ext/json/tests/008.phpt), unless
    // JSON_BIGINT_AS_STRING, which Laravel's Request::json() does not pass.
    parsed = pyJsonLoads(STRICT_UTF8.decode(raw), { maxIntDigits: Number.POSITIVE_INFINITY });
  } catch {
    return {};
  }
  return isRecord(parsed) && !refusedByPhp(parsed, 1) ? parsed : {};
}

/** A multipart POST as PHP's rfc1867 parser leaves it: the fields (`$_POST`) and the files. */
async function decodeMultipart(raw: Uint8Array, contentType: string): Promise<Body> {
  try {
    // Past PHP's bound on parts the rest is never read (lib/php/multipart.ts).
    const form = await new Response(firstParts(raw, contentType), { headers: { 'content-type': contentType } }).formData();
    const fields: [string, string][] = [];
    const files: FilePart[] = [];
    for (const [name, value] of form) {
      // A part with a `filename` is a file, an empty name included (UPLOAD_ERR_NO_FILE).
      if (typeof value === 'string') fields.push([name, value]);
      else files.push({ name, filename: value.name, size: value.size });
    }
    return { fields: parsePhpParams(fields), files: uploadedFiles(files) };
  } catch {
    return EMPTY_BODY;
  }
}

/** The body as PHP and Symfony parsed it: `$request->request` and `$request->files`. */
export interface Body {
  /** The JSON object, or the form's or multipart body's fields. */
  fields: Input;
  /** The uploaded files of a multipart POST (lib/php/upload.ts). */
  files: Input;
}

const EMPTY_BODY: Body = Object.freeze({ fields: {}, files: {} });

/**
 * The body as Laravel reads it: JSON when the Content-Type contains "/json" or "+json"
 * (Request::isJson, case-sensitive), whatever the method; otherwise by the method the request
 * really has (an overridden POST is still read as PHP read the POST): PHP parses the form and
 * multipart bodies of a POST only (phpPostMediaType), and Symfony's Request::createFromGlobals
 * parse_str()s the form body of a PUT or DELETE (symfonyParsesForm) — a multipart PUT reaches
 * Laravel empty; nothing for any other type (Laravel has no 415: an unreadable body is simply empty).
 */
export function readBody(c: Context, limitBytes: number): Later<Body> {
  const contentType = c.req.header('content-type') ?? '';
  const isJson = contentType.includes('/json') || contentType.includes('+json');
  const method = c.req.method.toUpperCase();
  // Given at once when nothing is read: a read is answered in the same turn (src/core/later.ts).
  if (!isJson && (method === 'GET' || method === 'HEAD')) return EMPTY_BODY;
  return readRawBody(c, limitBytes).then((raw) => decodeBody(raw, contentType, isJson, method));
}

function decodeBody(raw: Uint8Array, contentType: string, isJson: boolean, method: string): Later<Body> {
  if (raw.byteLength === 0) return EMPTY_BODY;
  if (isJson) return { fields: decodeJsonBody(raw), files: {} };
  if (method === 'POST') {
    const media = phpPostMediaType(contentType);
    if (media === FORM_MEDIA_TYPE) return { fields: parsePhpPostForm(new TextDecoder().decode(raw)), files: {} };
    if (media === 'multipart/form-data') return decodeMultipart(raw, contentType);
    return EMPTY_BODY;
  }
  if (symfonyParsesForm(contentType)) return { fields: parsePhpQuery(new TextDecoder().decode(raw)), files: {} };
  return EMPTY_BODY;
}

/**
 * `$request->all()` once the global middleware ran: `array_replace_recursive($this->input(),
 * $this->allFiles())`, where `input()` is the body with the query keys it lacks (PHP's
 * `$body + $query`), trimmed and emptied to null (TrimStrings, ConvertEmptyStringsToNull, which
 * leave files alone).
 */
export function allInput(query: Input, body: Body): Input {
  const merged: Input = { ...query };
  // Keys read in place: Object.entries built a pair for every field (80,000 of them in a 1 MiB body).
  for (const key in body.fields) setOwn(merged, key, body.fields[key]);
  const cleaned = cleanArray(merged, true);
  return Object.keys(body.files).length === 0 ? cleaned : withFiles(cleaned, body.files);
}

/** Digits without a leading zero, short of 2^53: an id FILTER_VALIDATE_INT and the site check accept. */
export const PLAIN_SITE_ID = /^[1-9]\d{0,14}$/;

/**
 * `site_id` (required on every call, from the query or the body): the site id, or undefined with
 * the failure recorded in `bag`.
 */
export function readSite(input: Input, bag: ErrorBag): number | undefined {
  const raw = input.site_id;
  // What every client sends (`site_id=1`) passes `integer` and the id check without the schema,
  // which costs a retrieve a tenth of its time (input.test.ts checks that the two agree).
  if (typeof raw === 'string' && PLAIN_SITE_ID.test(raw)) return Number(raw);
  // `required` first (ValidatesAttributes::validateRequired): an empty array (`"site_id": []` or
  // `{}` in JSON) is missing too, and a failed `required` stops the field's other rules.
  if (!given(raw)) {
    bag.add('site_id', laravel.required('site_id'), true);
    return undefined;
  }
  const parsed = SiteId.safeParse(raw);
  if (!parsed.success) {
    bag.addIssues(parsed.error.issues, { field: 'site_id' });
    return undefined;
  }
  return toInt(parsed.data);
}

/** Pelcro's 400 with every failing field, when anything failed. */
export function failIfInvalid(bag: ErrorBag): void {
  if (!bag.empty) throw ApiError.validation(bag.toFields());
}
