/**
 * PHP's bound on the parts of a multipart body (main/rfc1867.c, PHP ≥ 8.2.3): past
 * `max_multipart_body_parts` — by default max_input_vars + max_file_uploads, 1000 + 20 — the parser
 * warns "Multipart body parts limit exceeded" and stops: the parts before stay, the rest is never
 * read. The mock cuts the body there before handing it to a parser, so a body of thousands of tiny
 * parts costs what 1,020 cost (8,000 parts were 0.4-0.9 s of parsing).
 */

/** max_input_vars (1000) + max_file_uploads (20), PHP's defaults. */
export const MAX_MULTIPART_PARTS = 1020;

/** The boundary a multipart Content-Type names, or undefined. */
function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

/**
 * `raw` with at most `max` parts: cut before the delimiter that opens the next part and closed
 * there, or `raw` itself when it holds no more (or names no boundary: the parser refuses it anyway).
 */
export function firstParts(raw: Uint8Array, contentType: string, max = MAX_MULTIPART_PARTS): Uint8Array {
  const boundary = boundaryOf(contentType);
  if (!boundary) return raw;
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The first delimiter opens part 1 (at the start, or after a preamble); each later one closes a part.
  let at = bytes.indexOf(delimiter.subarray(2));
  for (let part = 0; at !== -1; part++) {
    if (bytes[at + delimiter.length - 2] === 0x2d && bytes[at + delimiter.length - 1] === 0x2d) return raw;
    if (part === max) {
      const cut = at >= 2 && bytes[at - 2] === 0x0d && bytes[at - 1] === 0x0a ? at - 2 : at;
      return Buffer.concat([bytes.subarray(0, cut), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    }
    at = bytes.indexOf(delimiter, at + 1);
    if (at !== -1) at += 2;
  }
  return raw;
}
