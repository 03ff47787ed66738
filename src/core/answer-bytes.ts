/**
 * The UTF-8 bytes of a record's text answered again: a client asking for the same customer over
 * and over (a frontend polling it, a test suite reading it back) gets the bytes encoded the first
 * time it was asked again, as a kept list page is answered from its bytes (`page-cache.ts`).
 *
 * Why: an answer given as a string is joined to its header block and encoded to UTF-8 by Node at
 * every write, after `@hono/node-server` has measured its UTF-8 length, and a text holding an
 * accented name is a two-byte string, the slower case of each. Served from its bytes, Piriod's
 * retrieve under 32 connections (wrk) took 19.5–24.6 µs of server CPU against 23.3–26.1 µs, in
 * three alternated pairs of runs.
 *
 * Keyed by the text itself (by its `fingerprint`, then compared): the same text is the same bytes
 * whichever sandbox, record or version it came from, so nothing has to be forgotten on a write (a
 * written record has a new text). Only reads are kept, from their second asking (the doorkeeper of
 * `KeptMap`): a write's text is answered once, and a walk over 100,000 records reads each once.
 */
import { KeptMap } from './kept-map';

/** Texts shorter than this are answered as they are: joined and encoded at once, they cost little. */
export const KEPT_FROM_CHARS = 512;
/**
 * Bytes kept at most (4 MiB: some 2,200 Piriod customers of 1.9 KB). The texts are not counted:
 * a read's text is mostly held anyway, by the seeded texts' cache or the sandbox's store, and one
 * held here alone takes at most twice its bytes (V8 keeps two bytes a character at most, and a
 * character is one byte of UTF-8 at least), so all this keeps is under 12 MiB.
 */
const KEPT_BYTES = 4 * 1024 * 1024;
const KEPT_ENTRIES = 4_096;

const ENCODER = new TextEncoder();

/**
 * A cheap stand-in for a text's hash: its length, its first 48 characters (where a record's id
 * is) and 64 characters spread over the rest. A text read once is a new string, and hashing it
 * whole to look it up (V8 hashes every character, once per string) cost 2.2 µs a 1.5 KB text,
 * most of what keeping bytes saves; this costs about 0.1 µs. Two texts may share a fingerprint:
 * a kept entry is used only when its text equals the one answered.
 */
export function fingerprint(text: string): number {
  const n = text.length;
  let h = Math.imul(n, 0x9e3779b1);
  const head = Math.min(n, 48);
  for (let i = 0; i < head; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  if (n > head) {
    const step = (n - head) / 64;
    for (let k = 0; k < 64; k++) h = Math.imul(h ^ text.charCodeAt(head + Math.floor(k * step)), 0x01000193);
  }
  // Within a small integer, so the maps hold it unboxed.
  return h & 0x3fffffff;
}

interface Kept {
  text: string;
  bytes: Uint8Array;
}

export class AnswerBytes {
  private readonly kept = new KeptMap<number, Kept>(KEPT_ENTRIES, KEPT_BYTES, (_fingerprint, kept) => kept.bytes.byteLength);

  /** `text`'s bytes when it was asked before, else `text` itself. */
  body(text: string): string | Uint8Array {
    if (text.length < KEPT_FROM_CHARS) return text;
    const key = fingerprint(text);
    const kept = this.kept.get(key);
    // The same string when it is a kept record's text: compared by identity, at once.
    if (kept !== undefined && kept.text === text) return kept.bytes;
    if (!this.kept.admits(key)) return text;
    const bytes = ENCODER.encode(text);
    this.kept.set(key, { text, bytes });
    return bytes;
  }

  get size(): number {
    return this.kept.size;
  }
}
