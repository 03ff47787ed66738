/**
 * `request.data` as DRF computes it (rest_framework/request.py `_parse`, negotiation.py
 * `select_parser`, parsers.py) with DRF's default parsers: JSON, form and multipart.
 *
 * - An empty body is `{}` whatever its content type (DRF skips parsing when CONTENT_LENGTH is 0).
 * - Otherwise the first parser whose media type matches the request's wins: `application/json`
 *   (`*` wildcards match too; `application/vnd.api+json` does not); none → 415 quoting the whole
 *   Content-Type header.
 * - The charset parameter picks the codec (Django's request.encoding), utf-8 by default (lib/python/codec.ts).
 */
import type { Context } from 'hono';
import { ApiError } from '../../core/errors';
import { readRawBody } from '../../core/body';
import { plainObject } from '../../core/plain-object';
import { CUSTOMER_WRITE_FIELDS } from '../../../contracts/piriod/schemas';
import { MESSAGES } from '../../../contracts/piriod/messages';
import { PyUploadedFile, pyStrip } from '../../../lib/python/python';
import { multipartParts, pyB64Decode, sanitizeFileName } from '../../../lib/python/multipart';
import { codecFor, decodeReplacing, decodeStrict, decodeText } from '../../../lib/python/codec';
import { PyValueError, pyJsonLoads } from '../../../lib/python/json';
import { type MediaType, mediaTypeMatches, parseMediaType } from '../../../lib/python/media-type';
import {
  DATA_UPLOAD_MAX_MEMORY_SIZE,
  DATA_UPLOAD_MAX_NUMBER_FIELDS,
  DATA_UPLOAD_MAX_NUMBER_FILES,
  exceedsMaxNumFields,
  parseQsl,
} from '../../../lib/python/query';

// MultiPartParser.boundary_re, matched in full.
const MULTIPART_BOUNDARY = /^[ -~]{0,200}[!-~]$/;

const malformed = (parser: 'json' | 'multipart', diagnosis: string) => new ApiError({ kind: 'malformed_body', parser, diagnosis });

/**
 * Django's SuspiciousOperation of a request past DATA_UPLOAD_MAX_NUMBER_FIELDS or
 * DATA_UPLOAD_MAX_NUMBER_FILES (TooManyFieldsSent, TooManyFilesSent): DRF does not handle it, and
 * Django answers its HTML 400 page (the router's `failure`).
 */
export class SuspiciousOperation extends Error {}

const tooManyFields = () => new SuspiciousOperation('The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.');

/** request.GET as DRF first reads it (content negotiation): past the field bound, Django's 400. */
export function checkQueryFields(query: string): void {
  if (exceedsMaxNumFields(query)) throw tooManyFields();
}

/** A form's value: a text, or a multipart body's file (which DRF merges into `request.data`). */
export type FormValue = string | PyUploadedFile;

/** The request body as the serializer sees it: a JSON value, or a form (QueryDict). */
export type RequestData = { kind: 'json'; value: unknown } | { kind: 'form'; fields: Map<string, FormValue[]> };

function formFields(pairs: Iterable<[string, FormValue]>): Map<string, FormValue[]> {
  const fields = new Map<string, FormValue[]>();
  for (const [name, value] of pairs) {
    const list = fields.get(name);
    if (list) list.push(value);
    else fields.set(name, [value]);
  }
  return fields;
}

/** The parser DRF selects for a Content-Type, or undefined (415). */
function parserFor(type: MediaType): 'json' | 'form' | 'multipart' | undefined {
  if (mediaTypeMatches('application/json', type)) return 'json';
  if (mediaTypeMatches('application/x-www-form-urlencoded', type)) return 'form';
  if (mediaTypeMatches('multipart/form-data', type)) return 'multipart';
  return undefined;
}

export async function readRequestData(c: Context, limitBytes: number): Promise<RequestData> {
  const header = c.req.header('content-type') ?? '';
  const type = parseMediaType(header);
  const parser = parserFor(type);
  // DRF picks the parser before reading: a declared non-empty body of an unsupported type is a
  // 415 however large it is.
  const declared = Number(c.req.header('content-length') ?? '');
  if (declared > 0 && !parser) throw new ApiError({ kind: 'unsupported_media_type', contentType: header });
  const raw = await readRawBody(c, limitBytes);
  if (raw.length === 0) {
    // is_form_media_type compares the type exactly.
    const full = `${type.main}/${type.sub}`;
    const form = full === 'application/x-www-form-urlencoded' || full === 'multipart/form-data';
    return form ? { kind: 'form', fields: new Map() } : { kind: 'json', value: {} };
  }
  const codec = codecFor(type.params.get('charset'));
  switch (parser) {
    case 'json':
      try {
        return { kind: 'json', value: pyJsonLoads(decodeText(raw, codec)) };
      } catch (error) {
        if (error instanceof PyValueError) throw malformed('json', error.message);
        throw error;
      }
    case 'form': {
      // QueryDict: the bytes decoded strictly with the request encoding, else as latin-1; the
      // escapes in them with the request encoding.
      const text = decodeStrict(raw, codec) ?? decodeText(raw, 'latin-1');
      if (exceedsMaxNumFields(text)) throw tooManyFields();
      return { kind: 'form', fields: formFields(parseQsl(text, codec)) };
    }
    case 'multipart': {
      // Django's MultiPartParser.__init__ checks the header as sent, in this order; DRF prefixes
      // its parse-error text (django/http/multipartparser.py, rest_framework/parsers.py).
      const fail = (reason: string) => malformed('multipart', reason);
      if (!header.startsWith('multipart/')) throw fail(MESSAGES.multipartContentType(header));
      if (/[^\x00-\x7f]/.test(header)) throw fail(MESSAGES.multipartNonAscii(header));
      const boundary = type.params.get('boundary');
      if (!boundary || !MULTIPART_BOUNDARY.test(boundary)) throw fail(MESSAGES.multipartBoundary(boundary));
      // Django 4.2's MultiPartParser._parse over its Parser (lib/python/multipart.ts): fields and
      // raw parts count toward DATA_UPLOAD_MAX_NUMBER_FIELDS (two more allowed, for the empty
      // parts before the first separator and after the last), files toward
      // DATA_UPLOAD_MAX_NUMBER_FILES; a field's bytes toward DATA_UPLOAD_MAX_MEMORY_SIZE. Names,
      // values and file names are decoded with the request's encoding, errors replaced.
      const pairs: [string, FormValue][] = [];
      const files: [string, FormValue][] = [];
      let postKeys = 0;
      let fileCount = 0;
      let bytesRead = 0;
      const asText = (text: string) => decodeReplacing(new TextEncoder().encode(text), codec);
      for (const part of multipartParts(raw, boundary)) {
        if (part.type !== 'file' && ++postKeys > DATA_UPLOAD_MAX_NUMBER_FIELDS + 2) throw tooManyFields();
        const disposition = part.headers.get('content-disposition')?.params;
        const rawName = disposition?.get('name');
        if (rawName === undefined) continue;
        // `.strip()` of the name's bytes (ASCII whitespace), then force_str with the encoding.
        const name = asText(rawName.replace(/^[ \t\n\r\v\f]+|[ \t\n\r\v\f]+$/g, ''));
        const transfer = part.headers.get('content-transfer-encoding')?.value;
        if (part.type === 'field') {
          const base64 = transfer !== undefined && pyStrip(transfer) === 'base64';
          // The bytes as read (base64 undecoded), and the name in code points plus two for `&=`.
          bytesRead += part.data.length + [...name].length + 2;
          const data = base64 ? (pyB64Decode(part.data) ?? part.data) : part.data;
          if (bytesRead > DATA_UPLOAD_MAX_MEMORY_SIZE)
            throw new SuspiciousOperation('Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.');
          pairs.push([name, decodeReplacing(data, codec)]);
        } else if (part.type === 'file') {
          if (++fileCount > DATA_UPLOAD_MAX_NUMBER_FILES) {
            throw new SuspiciousOperation('The number of files exceeded settings.DATA_UPLOAD_MAX_NUMBER_FILES.');
          }
          // A file by its sanitized name (none left: skipped); DRF then merges request.FILES into
          // request.data (Request._parse), after the fields of the same name.
          const fileName = sanitizeFileName(asText(disposition?.get('filename') ?? ''));
          if (fileName !== undefined) files.push([name, new PyUploadedFile(fileName)]);
        }
      }
      return { kind: 'form', fields: formFields([...pairs, ...files]) };
    }
    default:
      throw new ApiError({ kind: 'unsupported_media_type', contentType: header });
  }
}

/**
 * A form as DRF 3.15's fields read HTML input (fields.py `Field.get_value`): the last value of each
 * key; an empty value is null for a nullable field that refuses blanks, and absent for an optional
 * one. A DictField (`metadata`, `tax_settings`) is always present and always empty: its get_value
 * returns `html.parse_html_dict(data, prefix=name)` (an empty MultiValueDict when no key matches, never
 * `empty`), and its to_internal_value parses that again with prefix '' (regex `^\.(.+)$`), which
 * drops every `crm` of `metadata.crm=9`. So a form create stores `{}`, and a form PUT or PATCH that
 * omits the field resets it to `{}`. DRF changed this later (encode/django-rest-framework#9891).
 */
export function formToInput(
  fields: Map<string, FormValue[]>,
  // A resource's writable fields (the customer's by default): their kinds and presence rules.
  specs: Record<string, { kind: string; required: boolean; allowNull: boolean; allowBlank?: boolean }> = CUSTOMER_WRITE_FIELDS,
  partial = false,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.kind === 'dict') {
      input[name] = plainObject<string>();
      continue;
    }
    const values = fields.get(name);
    // A form cannot send false: an absent BooleanField is its `default_empty_html`, False, unless partial.
    if (!values && spec.kind === 'boolean' && !partial) input[name] = false;
    if (!values) continue;
    const last = values[values.length - 1];
    // ChoiceField looks a value up by its `str()`: an uploaded file by its name.
    const value = last instanceof PyUploadedFile && spec.kind === 'choice' ? last.name : last;
    const allowBlank = 'allowBlank' in spec && spec.allowBlank;
    if (value === '' && spec.allowNull) input[name] = allowBlank ? '' : null;
    else if (value === '' && !spec.required) {
      if (allowBlank) input[name] = '';
    } else input[name] = value;
  }
  return input;
}
