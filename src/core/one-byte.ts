/**
 * V8 can keep a string one byte a character only when every character is below U+0100, and
 * whether it does depends on how the string was made, not on what it holds. `normalize('NFD')`
 * makes a two-byte string of `Peña` (its tilde becomes a combining mark), and the `replace` that
 * drops the mark keeps two bytes a character: the slug `pena` is a two-byte string. Every text
 * joined from it is two-byte too, and `JSON.stringify` of a record holding one writes its whole
 * text two bytes a character.
 *
 * The seeds build emails, domains and websites from such slugs, so before this most of Piriod's
 * seeded records rendered as two-byte texts (4,072 of the first 5,000 for seed 42), as did
 * Pelcro's whose names came from faker as two-byte words: twice the memory in the caches of
 * texts and pages, twice the bytes to read when encoding them to UTF-8, and the seeded email
 * column joined two bytes a character (4.7 MB at 100,000 customers instead of 2.4).
 */

import { serialize } from 'node:v8';

/** Characters passed to `String.fromCharCode` at once: far below the engine's limit on arguments. */
const CHUNK = 8192;

/**
 * `text`, stored one byte a character when every character of it is below U+0100 (the same
 * characters, a new string); `text` itself otherwise.
 */
export function oneByte(text: string): string {
  const codes: number[] = new Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) return text;
    codes[i] = code;
  }
  if (codes.length <= CHUNK) return String.fromCharCode(...codes);
  const parts: string[] = [];
  for (let i = 0; i < codes.length; i += CHUNK) parts.push(String.fromCharCode(...codes.slice(i, i + CHUNK)));
  return parts.join('');
}

/** Whether V8 stores `text` one byte a character: its serializer tags such a string `"`, a two-byte one `c`. */
export function storedOneByte(text: string): boolean {
  return serialize(text)[2] === 0x22;
}
