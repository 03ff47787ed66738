/**
 * Request data as plain data. Python dicts and PHP arrays take any key, `__proto__` included; a JS
 * object literal does not (assigning `__proto__` changes the prototype), and Zod rebuilds records by
 * assignment, so a parsed record loses such a key. Every provider reads and keeps request dicts
 * through these helpers, so a key is data whatever its name.
 */

/** An empty dictionary with no prototype: every key, `__proto__` included, is an own data key. */
export function plainObject<T = unknown>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Sets an own data key, `__proto__` included (lib/ordered-json.ts). */
export { setOwn } from '../../lib/ordered-json';

/**
 * Zod's output with the named record fields taken back from the input as sent: the schema checked
 * them, but its output dropped any `__proto__` key. Fields absent or null in the output stay as they are.
 */
export function keepSentRecords<T extends object>(parsed: T, input: unknown, fields: readonly (keyof T & string)[]): T {
  const sent = input as Record<string, unknown>;
  for (const field of fields) {
    if (parsed[field]) (parsed as Record<string, unknown>)[field] = sent[field];
  }
  return parsed;
}
