/**
 * Django 4.2's multipart reader (django/http/multipartparser.py: `Parser`, `BoundaryIter`,
 * `parse_boundary_stream`, `MultiPartParser._parse`, `sanitize_file_name`), for the fields and
 * file names DRF's MultiPartParser hands on. Django is lenient, and so is this:
 *
 * - the body is cut at every `--<boundary>`, wherever it stands (not only at a line start), the
 *   CRLF before it dropped; what comes before the first one and after the last is read as parts
 *   too (they have no headers, so they are skipped);
 * - a part's headers end at the first blank line within its first 1,024 bytes, else it is skipped;
 *   a header line that is not UTF-8 or has no `:` is ignored, and a part without
 *   `Content-Disposition` is skipped;
 * - parameters are read by parse_header_parameters: `name=value` unquoted is fine (.NET's
 *   MultipartFormDataContent sends `name=field`);
 * - a part with a non-empty `filename` is a file (its content is not kept: only its name reaches
 *   DRF's fields, as `str()` of the upload); an empty `filename` makes it a field;
 * - names, values and file names are decoded with the request's encoding, errors replaced.
 *
 * Not ported: RFC 2231 `filename*=` (Django decodes it), `html.unescape` of file names, the base64
 * transfer encoding of file parts (a field's is decoded; a file's content is never read), and the
 * stuck-parser guard (`SuspiciousMultipartForm`).
 */
import { parseHeaderParameters } from './media-type';
import { pyIsPrintable } from './python';

/** One part as `parse_boundary_stream` classifies it, with its headers' values and parameters. */
export interface RawPart {
  type: 'raw' | 'field' | 'file';
  headers: Map<string, { value: string; params: Map<string, string> }>;
  data: Uint8Array;
}

/** parse_boundary_stream's look-ahead for the end of a part's headers. */
const MAX_HEADER_SIZE = 1024;

const CRLF_CRLF = Uint8Array.of(13, 10, 13, 10);

function indexOf(haystack: Uint8Array, needle: Uint8Array, from = 0, to = haystack.length): number {
  // Buffer's native search: a long boundary over a long body stays linear.
  const view = Buffer.from(haystack.buffer, haystack.byteOffset, Math.min(to, haystack.length));
  return view.indexOf(needle, from);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The parts between the separators `--<boundary>` (Parser, InterBoundaryIter, BoundaryIter), one
 * at a time as Django reads them: a caller that stops at a bound (too many fields) reads no further.
 */
export function* multipartParts(body: Uint8Array, boundary: string): Generator<RawPart> {
  const separator = new TextEncoder().encode(`--${boundary}`);
  let at = 0;
  // BoundaryIter starts only where a byte is left.
  while (at < body.length) {
    const index = indexOf(body, separator, at);
    let end = index < 0 ? body.length : index;
    // `_find_boundary` backs up over one LF, then one CR, before the separator.
    if (index >= 0) {
      if (end - 1 >= at && body[end - 1] === 10) end--;
      if (end - 1 >= at && body[end - 1] === 13) end--;
    }
    yield boundaryPart(body.subarray(at, end));
    at = index < 0 ? body.length : index + separator.length;
  }
}

/** parse_boundary_stream: the headers within the first 1,024 bytes, then the data. */
function boundaryPart(stream: Uint8Array): RawPart {
  const headers: RawPart['headers'] = new Map();
  const headerEnd = indexOf(stream, CRLF_CRLF, 0, MAX_HEADER_SIZE);
  if (headerEnd < 0) return { type: 'raw', headers, data: stream };
  let type: RawPart['type'] = 'raw';
  const header = stream.subarray(0, headerEnd);
  let lineStart = 0;
  for (let i = 0; i <= header.length; i++) {
    if (i < header.length && !(header[i] === 13 && header[i + 1] === 10)) continue;
    const bytes = header.subarray(lineStart, i);
    lineStart = i + 2;
    let line: string;
    try {
      line = utf8.decode(bytes);
    } catch {
      continue;
    }
    const { key, params } = parseHeaderParameters(line);
    const colon = key.indexOf(':');
    if (colon < 0) continue;
    const name = key.slice(0, colon);
    if (name === 'content-disposition') {
      type = 'field';
      if (params.get('filename')) type = 'file';
    }
    headers.set(name, { value: key.slice(colon + 1), params });
  }
  if (type === 'raw') return { type, headers, data: stream };
  return { type, headers, data: stream.subarray(headerEnd + 4) };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Map([...BASE64].map((ch, i) => [ch.charCodeAt(0), i]));

/**
 * Python's `base64.b64decode(data)` (binascii.a2b_base64, not strict): characters outside the
 * alphabet skipped, decoding stops at the padding that completes a quantum; undefined where it
 * raises binascii.Error (a quantum left incomplete).
 */
export function pyB64Decode(data: Uint8Array): Uint8Array | undefined {
  const out: number[] = [];
  let quad = 0;
  let left = 0;
  let pads = 0;
  for (const byte of data) {
    if (byte === 61) {
      if (quad >= 2 && quad + ++pads >= 4) return Uint8Array.from(out);
      continue;
    }
    const v = BASE64_VALUE.get(byte);
    if (v === undefined) continue;
    pads = 0;
    if (quad === 0) left = v;
    else if (quad === 1) out.push((left << 2) | (v >> 4));
    else if (quad === 2) out.push(((left & 0xf) << 4) | (v >> 2));
    else out.push(((left & 0x3) << 6) | v);
    left = v;
    quad = (quad + 1) % 4;
  }
  return quad === 0 ? Uint8Array.from(out) : undefined;
}

/**
 * MultiPartParser.sanitize_file_name (bar `html.unescape`): the last path segment without the
 * characters `str.isprintable()` refuses (Django 4.1 on; 3.2 kept them); none when that is empty,
 * `.` or `..`.
 */
export function sanitizeFileName(fileName: string): string | undefined {
  const last = fileName.split('/').pop()?.split('\\').pop() ?? '';
  const base = [...last].filter(pyIsPrintable).join('');
  return base === '' || base === '.' || base === '..' ? undefined : base;
}
