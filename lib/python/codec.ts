/**
 * Request bytes to text as Django and DRF's JSONParser decode them: Python's codec for the
 * request's charset, read through `codecs.getreader(encoding)(stream).read()`, with CPython's own
 * error texts (Objects/unicodeobject.c, Objects/stringlib/codecs.h).
 */
import { PyValueError } from './json';

export type Codec =
  | 'utf-8'
  | 'latin-1'
  | 'ascii'
  | 'utf-8-sig'
  | 'utf-16'
  | 'utf-16-le'
  | 'utf-16-be'
  | 'utf-32'
  | 'utf-32-le'
  | 'utf-32-be'
  | 'cp1252'
  | 'iso8859-15';

/** Python's codec modules these name, with their aliases (Lib/encodings/aliases.py, 3.11). */
const NAMES = new Map<string, Codec>(
  (
    [
      ['utf-8', 'utf_8 cp65001 u8 utf utf8 utf8_ucs2 utf8_ucs4'],
      ['latin-1', 'latin_1 8859 cp819 csisolatin1 ibm819 iso8859 iso8859_1 iso_8859_1 iso_8859_1_1987 iso_ir_100 l1 latin latin1'],
      [
        'ascii',
        'ascii 646 ansi_x3.4_1968 ansi_x3.4_1986 ansi_x3_4_1968 cp367 csascii ibm367 iso646_us iso_646.irv_1991 iso_ir_6 us us_ascii',
      ],
      ['utf-8-sig', 'utf_8_sig'],
      ['utf-16', 'utf_16 u16 utf16'],
      ['utf-16-le', 'utf_16_le unicodelittleunmarked utf_16le'],
      ['utf-16-be', 'utf_16_be unicodebigunmarked utf_16be'],
      ['utf-32', 'utf_32 u32 utf32'],
      ['utf-32-le', 'utf_32_le utf_32le'],
      ['utf-32-be', 'utf_32_be utf_32be'],
      ['cp1252', 'cp1252 1252 windows_1252'],
      ['iso8859-15', 'iso8859_15 iso_8859_15 l9 latin9'],
    ] as const
  ).flatMap(([codec, names]) => names.split(' ').map((name) => [name, codec] as const)),
);

/**
 * The Python codec a request charset names: `codecs.lookup` lower-cases it and
 * encodings.normalize_encoding turns each run of other characters than letters, digits and `.`
 * into one `_` (dropping them at the ends), then looks the name up among the modules and aliases.
 * Django takes the charset only when Python knows it; an unknown one leaves DEFAULT_CHARSET
 * (utf-8). Python knows more codecs than these (koi8-r, shift_jis …): those are decoded as utf-8
 * (a known divergence, in the fidelity notes).
 */
export function codecFor(charset: string | undefined): Codec {
  const normalized = (charset ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return NAMES.get(normalized) ?? NAMES.get(normalized.replaceAll('.', '_')) ?? 'utf-8';
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
// Python's utf-8 codec keeps a leading BOM as U+FEFF.
const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

function isContinuation(b: number): boolean {
  return b >= 0x80 && b <= 0xbf;
}

type Utf8Scan = { start: number; end: number; reason: string } | { complete: number };

/**
 * CPython's UTF-8 decoder run with `final=False`: the first error (start, end, reason), or how
 * many bytes decode when an incomplete sequence at the end is left for a later read.
 */
function scanUtf8(b: Uint8Array): Utf8Scan {
  const n = b.length;
  const incomplete = (i: number) => ({ complete: i });
  const invalidStart = (i: number) => ({ start: i, end: i + 1, reason: 'invalid start byte' });
  const invalidContinuation = (i: number, len: number) => ({ start: i, end: i + len, reason: 'invalid continuation byte' });
  let i = 0;
  while (i < n) {
    const ch = b[i];
    if (ch < 0x80) {
      i++;
    } else if (ch < 0xc2) {
      return invalidStart(i);
    } else if (ch < 0xe0) {
      if (n - i < 2) return incomplete(i); // kept for a next read that never comes
      if (!isContinuation(b[i + 1])) return invalidContinuation(i, 1);
      i += 2;
    } else if (ch < 0xf0) {
      const c2 = b[i + 1];
      if (n - i < 2) return incomplete(i);
      // A truncated surrogate (ED A0–BF) at the very end waits for more data too (unicodeobject.c).
      if (n - i === 2 && ch === 0xed && c2 >= 0xa0 && c2 <= 0xbf) return incomplete(i);
      if (!isContinuation(c2) || (c2 < 0xa0 ? ch === 0xe0 : ch === 0xed)) return invalidContinuation(i, 1);
      if (n - i < 3) return incomplete(i);
      if (!isContinuation(b[i + 2])) return invalidContinuation(i, 2);
      i += 3;
    } else if (ch < 0xf5) {
      const c2 = b[i + 1];
      if (n - i < 2) return incomplete(i);
      if (!isContinuation(c2) || (c2 < 0x90 ? ch === 0xf0 : ch === 0xf4)) return invalidContinuation(i, 1);
      if (n - i < 3) return incomplete(i);
      if (!isContinuation(b[i + 2])) return invalidContinuation(i, 2);
      if (n - i < 4) return incomplete(i);
      if (!isContinuation(b[i + 3])) return invalidContinuation(i, 3);
      i += 4;
    } else {
      return invalidStart(i);
    }
  }
  return incomplete(i);
}

function decodeFailure(codec: string, b: Uint8Array, start: number, end: number, reason: string): PyValueError {
  const where =
    end - start === 1 ? `byte 0x${b[start].toString(16).padStart(2, '0')} in position ${start}` : `bytes in position ${start}-${end - 1}`;
  return new PyValueError(`'${codec}' codec can't decode ${where}: ${reason}`);
}

/** A failure, or U+FFFD in its place when decoding with `errors='replace'`. */
type OnError = (start: number, end: number, reason: string) => string;

function raising(codec: string, bytes: Uint8Array): OnError {
  return (start, end, reason) => {
    throw decodeFailure(codec, bytes, start, end, reason);
  };
}
const replacing: OnError = () => '\ufffd';

/**
 * UTF-16 code units collected in a typed array and made into a string in slices: a string grown
 * one character at a time held the event loop 200–340 ms for a 1 MiB body.
 */
class Units {
  private readonly units: Uint16Array;
  private length = 0;

  constructor(capacity: number) {
    this.units = new Uint16Array(capacity);
  }

  push(unit: number): void {
    this.units[this.length++] = unit;
  }

  /** A replacement text (U+FFFD) or nothing, from an error handler. */
  pushText(text: string): void {
    for (let i = 0; i < text.length; i++) this.push(text.charCodeAt(i));
  }

  toString(): string {
    let out = '';
    // apply, not a spread: spreading a typed array walks its iterator, ten times slower.
    for (let i = 0; i < this.length; i += 8192)
      out += String.fromCharCode.apply(null, this.units.subarray(i, Math.min(i + 8192, this.length)) as unknown as number[]);
    return out;
  }
}

/**
 * CPython's UTF-16 decoder (unicodeobject.c PyUnicode_DecodeUTF16Stateful) from `from` on: with
 * `final` false, a last odd byte or a high surrogate at the end is left undecoded (a stream
 * reader's next read never comes), else they are its `truncated data` and `unexpected end of data`.
 * Returns the text and how many bytes it consumed.
 */
function utf16(bytes: Uint8Array, from: number, little: boolean, final: boolean, onError: OnError): [string, number] {
  const unit = (i: number) => (little ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1]);
  // Each error's replacement is one unit at most, and takes two bytes or more.
  const out = new Units(bytes.length);
  let i = from;
  while (i < bytes.length) {
    if (bytes.length - i < 2) {
      if (final) out.pushText(onError(i, bytes.length, 'truncated data'));
      break;
    }
    const u = unit(i);
    if (u < 0xd800 || u > 0xdfff) {
      out.push(u);
      i += 2;
    } else if (u >= 0xdc00) {
      out.pushText(onError(i, i + 2, 'illegal encoding'));
      i += 2;
    } else if (bytes.length - i < 4) {
      if (final) out.pushText(onError(i, bytes.length, 'unexpected end of data'));
      break;
    } else {
      const low = unit(i + 2);
      if (low >= 0xdc00 && low <= 0xdfff) {
        out.push(u);
        out.push(low);
        i += 4;
      } else {
        out.pushText(onError(i, i + 2, 'illegal UTF-16 surrogate'));
        i += 2;
      }
    }
  }
  return [out.toString(), i];
}

/** CPython's UTF-32 decoder, as `utf16` (a last partial unit is its `truncated data` when final). */
function utf32(bytes: Uint8Array, from: number, little: boolean, final: boolean, onError: OnError): [string, number] {
  const out = new Units(bytes.length);
  let i = from;
  for (; i + 4 <= bytes.length; i += 4) {
    const cp = little
      ? (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)) >>> 0
      : ((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0;
    if (cp > 0x10ffff) out.pushText(onError(i, i + 4, 'code point not in range(0x110000)'));
    else if (cp >= 0xd800 && cp < 0xe000) out.pushText(onError(i, i + 4, 'code point in surrogate code point range(0xd800, 0xe000)'));
    else if (cp < 0x10000) out.push(cp);
    else {
      out.push(0xd800 + ((cp - 0x10000) >> 10));
      out.push(0xdc00 + ((cp - 0x10000) & 0x3ff));
    }
  }
  if (i < bytes.length && final) {
    out.pushText(onError(i, bytes.length, 'truncated data'));
    i = bytes.length;
  }
  return [out.toString(), i];
}

/** The byte order a UTF-16 or UTF-32 BOM at the start says, and its length; none without one. */
function byteOrderMark(bytes: Uint8Array, width: 2 | 4): { little: boolean; length: number } | undefined {
  if (width === 4) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return { little: true, length: 4 };
    if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return { little: false, length: 4 };
    return undefined;
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { little: true, length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { little: false, length: 2 };
  return undefined;
}

/**
 * cp1252's bytes 0x80–0x9F (Lib/encodings/cp1252.py; the rest is latin-1); -1 for its five bytes
 * with no character. Written out: Node's own windows-1252 decoder reads these bytes as latin-1.
 */
const CP1252_HIGH = [
  0x20ac, -1, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, -1, 0x17d, -1, -1, 0x2018, 0x2019, 0x201c,
  0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, -1, 0x17e, 0x178,
];
/** iso8859-15's eight bytes that differ from latin-1 (Lib/encodings/iso8859_15.py). */
const ISO885915_DIFFERENT: ReadonlyMap<number, number> = new Map([
  [0xa4, 0x20ac],
  [0xa6, 0x160],
  [0xa8, 0x161],
  [0xb4, 0x17d],
  [0xb8, 0x17e],
  [0xbc, 0x152],
  [0xbd, 0x153],
  [0xbe, 0x178],
]);

/** Each byte's character in a single-byte codec, -1 where it has none. */
const CP1252 = Int32Array.from({ length: 256 }, (_, b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b));
const ISO885915 = Int32Array.from({ length: 256 }, (_, b) => ISO885915_DIFFERENT.get(b) ?? b);

/** A single-byte codec through its table; bytes it does not map go to `onError`. */
function charmap(bytes: Uint8Array, table: Int32Array, onError: OnError): string {
  const out = new Units(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const cp = table[bytes[i]];
    if (cp < 0) out.pushText(onError(i, i + 1, 'character maps to <undefined>'));
    else out.push(cp);
  }
  return out.toString();
}

/**
 * `codec` decoding `bytes` as Python does: a stream reader's one read (`stream`: what DRF's
 * JSONParser does, `codecs.getreader(encoding)(stream).read()`, which decodes with `final=False`)
 * or `bytes.decode` (what QueryDict does), each error given to `onError`.
 */
function decodeWith(bytes: Uint8Array, codec: Codec, stream: boolean, onError: OnError): string {
  switch (codec) {
    case 'utf-8':
    case 'latin-1':
    case 'ascii':
      throw new Error('decoded by the callers'); // unreachable: kept apart, they are the hot path
    case 'utf-8-sig': {
      const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      // A stream that holds only the start of a BOM waits for the rest, which never comes.
      if (stream && !bom && bytes.length < 3 && [0xef, 0xbb].slice(0, bytes.length).every((b, i) => bytes[i] === b)) return '';
      // Positions count from after the BOM (the utf-8 codec sees the rest).
      const rest = bom ? bytes.subarray(3) : bytes;
      return onError === replacing ? lenientUtf8.decode(rest) : utf8Text(rest, stream);
    }
    case 'utf-16':
    case 'utf-32': {
      const width = codec === 'utf-16' ? 2 : 4;
      const bom = byteOrderMark(bytes, width);
      // Without a BOM the machine's order, little-endian; a stream reader then refuses what it
      // decoded (encodings/utf_16.py StreamReader.decode: after the decoder's own errors, and only
      // once it consumed a unit), where bytes.decode keeps it.
      const little = bom?.little ?? true;
      const name = `${codec}-${little ? 'le' : 'be'}`;
      const errors = onError === replacing ? replacing : raising(name, bytes);
      const [text, consumed] = (width === 2 ? utf16 : utf32)(bytes, bom?.length ?? 0, little, !stream, errors);
      if (!bom && stream && consumed >= width) throw new PyValueError(`${codec.toUpperCase()} stream does not start with BOM`);
      return text;
    }
    case 'utf-16-le':
    case 'utf-16-be':
    case 'utf-32-le':
    case 'utf-32-be': {
      const errors = onError === replacing ? replacing : raising(codec, bytes);
      return (codec.startsWith('utf-16') ? utf16 : utf32)(bytes, 0, codec.endsWith('le'), !stream, errors)[0];
    }
    case 'cp1252':
      return charmap(bytes, CP1252, onError);
    case 'iso8859-15':
      return charmap(bytes, ISO885915, onError);
  }
}

/**
 * UTF-8 as a stream reader reads it (`final=False`: an incomplete sequence at the very end is
 * dropped) or, not `stream`, as bytes.decode does (it is refused); CPython's error texts.
 */
function utf8Text(bytes: Uint8Array, stream: boolean): string {
  try {
    return utf8.decode(bytes);
  } catch {
    const scan = scanUtf8(bytes);
    if ('reason' in scan) throw decodeFailure('utf-8', bytes, scan.start, scan.end, scan.reason);
    if (!stream) throw decodeFailure('utf-8', bytes, scan.complete, bytes.length, 'unexpected end of data');
    return utf8.decode(bytes.subarray(0, scan.complete));
  }
}

/**
 * The text DRF's JSONParser reads: `codecs.getreader(encoding)(stream).read()`. The stream reader
 * decodes with `final=False`, so an incomplete sequence at the very end is silently dropped
 * rather than refused (a quirk of CPython's StreamReader, kept here).
 */
export function decodeText(bytes: Uint8Array, codec: Codec): string {
  if (codec === 'latin-1') {
    let out = '';
    for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
    return out;
  }
  if (codec === 'ascii') {
    const bad = bytes.findIndex((b) => b >= 0x80);
    if (bad >= 0) throw decodeFailure('ascii', bytes, bad, bad + 1, 'ordinal not in range(128)');
    return decodeText(bytes, 'latin-1');
  }
  if (codec === 'utf-8') return utf8Text(bytes, true);
  return decodeWith(bytes, codec, true, raising(codec === 'cp1252' ? 'charmap' : codec, bytes));
}

/** Python's `bytes.decode(codec)`: strict to the end, undefined where it raises. */
export function decodeStrict(bytes: Uint8Array, codec: Codec): string | undefined {
  if (codec === 'utf-8') {
    try {
      return utf8.decode(bytes);
    } catch {
      return undefined;
    }
  }
  if (codec === 'ascii' && bytes.some((b) => b >= 0x80)) return undefined;
  if (codec === 'ascii' || codec === 'latin-1') return decodeText(bytes, 'latin-1');
  try {
    return decodeWith(bytes, codec, false, raising(codec === 'cp1252' ? 'charmap' : codec, bytes));
  } catch (error) {
    if (error instanceof PyValueError) return undefined;
    throw error;
  }
}

/** Python's `bytes.decode(codec, errors='replace')`: U+FFFD for what does not decode. */
export function decodeReplacing(bytes: Uint8Array, codec: Codec): string {
  if (codec === 'utf-8') return lenientUtf8.decode(bytes);
  if (codec === 'ascii') return Array.from(bytes, (b) => (b < 0x80 ? String.fromCharCode(b) : '\ufffd')).join('');
  if (codec === 'latin-1') return decodeText(bytes, 'latin-1');
  return decodeWith(bytes, codec, false, replacing);
}

/**
 * UTF-8 decoded to the end (`final=True`), each undecodable span given to `replace` (what a
 * CPython error handler returns takes its place; decoding goes on after the span).
 */
export function decodeUtf8Replacing(bytes: Uint8Array, replace: (span: Uint8Array) => string): string {
  let out = '';
  for (let pos = 0; pos < bytes.length; ) {
    const rest = bytes.subarray(pos);
    const scan = scanUtf8(rest);
    const [good, bad] = 'reason' in scan ? [scan.start, scan.end] : [scan.complete, rest.length];
    out += utf8.decode(rest.subarray(0, good));
    if (bad > good) out += replace(rest.subarray(good, bad));
    pos += bad;
  }
  return out;
}
