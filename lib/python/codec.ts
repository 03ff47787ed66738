/**
 * Request bytes to text as Django and DRF's JSONParser decode them: Python's codec for the
 * request's charset, read through `codecs.getreader(encoding)(stream).read()`, with CPython's own
 * error texts (Objects/unicodeobject.c, Objects/stringlib/codecs.h).
 */
import { PyValueError } from './json';

export type Codec = 'utf-8' | 'latin-1' | 'ascii';

/**
 * The Python codec a request charset names. Django takes the charset only when Python knows it;
 * an unknown one leaves DEFAULT_CHARSET (utf-8). Codecs other than these three are decoded as
 * utf-8 (noted in the fidelity notes).
 */
export function codecFor(charset: string | undefined): Codec {
  const name = (charset ?? '').toLowerCase().replace(/[-_ ]/g, '');
  if (['latin1', 'iso88591', 'l1', 'latin', '8859', 'cp819', 'iso885911987', 'isoir100', 'csisolatin1'].includes(name)) return 'latin-1';
  if (['ascii', 'usascii', '646', 'us', 'iso646us', 'cp367', 'ibm367', 'csascii', 'isoir6', 'ansix3.41968', 'ansix3.4'].includes(name))
    return 'ascii';
  return 'utf-8';
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

/**
 * The text DRF's JSONParser reads: `codecs.getreader(encoding)(stream).read()`. The stream reader
 * decodes with `final=False`, so an incomplete UTF-8 sequence at the very end is silently dropped
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
  try {
    return utf8.decode(bytes);
  } catch {
    // Either an invalid sequence, or an incomplete one at the end (dropped by the stream reader).
    const scan = scanUtf8(bytes);
    if ('reason' in scan) throw decodeFailure('utf-8', bytes, scan.start, scan.end, scan.reason);
    return utf8.decode(bytes.subarray(0, scan.complete));
  }
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
  return decodeText(bytes, 'latin-1');
}

/** Python's `bytes.decode(codec, errors='replace')`: U+FFFD for what does not decode. */
export function decodeReplacing(bytes: Uint8Array, codec: Codec): string {
  if (codec === 'utf-8') return lenientUtf8.decode(bytes);
  if (codec === 'ascii') return Array.from(bytes, (b) => (b < 0x80 ? String.fromCharCode(b) : '\ufffd')).join('');
  return decodeText(bytes, 'latin-1');
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
