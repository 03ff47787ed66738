/**
 * JSON the mock writes out and reads back (snapshot documents, fault rules): object keys keep
 * the order they were sent in. Stored records hold integer-like keys escaped (lib/ordered-json.ts),
 * so a file is written with `writeJson`, which shows every key as sent, and read with the
 * order-keeping parser, which escapes them again: a record's metadata `{"b": 1, "2": 2}` goes out
 * and comes back as it was, never as `{"2": 2, "b": 1}`.
 */
import { writeJson } from '../../lib/ordered-json';
import { pyJsonLoads } from '../../lib/python/json';
import { PyNumber } from '../../lib/python/python';

/** The value of a parsed document as plain data: objects with a prototype, numbers as numbers. */
function plain(value: unknown): unknown {
  if (value instanceof PyNumber) return value.value;
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = plain((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** Parses JSON keeping each object's keys in the order sent; throws an Error saying where it is not JSON. */
export function parseJsonFile(text: string): unknown {
  return plain(pyJsonLoads(text));
}

/** The JSON text of a document, keys as sent; `indent` spaces per level when given (else compact). */
export function jsonFileText(value: unknown, indent?: number): string {
  const compact = writeJson(value);
  return indent ? indentJson(compact, indent) : compact;
}

/** Compact JSON laid out as JSON.stringify(value, null, indent) would lay it out. */
function indentJson(text: string, indent: number): string {
  let out = '';
  let depth = 0;
  const newline = () => `\n${' '.repeat(depth * indent)}`;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      // A string, escapes included, copied as it is.
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      if (text[i + 1] === close) {
        out += ch + close;
        i++;
      } else {
        depth++;
        out += ch + newline();
      }
    } else if (ch === '}' || ch === ']') {
      depth--;
      out += newline() + ch;
    } else if (ch === ',') {
      out += `,${newline()}`;
    } else if (ch === ':') {
      out += ': ';
    } else {
      out += ch;
    }
  }
  return out;
}
