/**
 * JSON objects that keep their keys in the order sent, as a Python dict and a PHP array do.
 *
 * A JS object lists integer-like keys ("2", "10") first, in numeric order, whatever order they were
 * set in: `{"b": 1, "2": 2, "a": 3}` would come back `{"2": 2, "b": 1, "a": 3}`. So the mock's parsers
 * store such a key escaped — with KEY_MARK in front, which no integer-like key starts with — and
 * everything else stays a plain object with plain keys. A key that starts with KEY_MARK itself is
 * escaped too, so the escape is one-to-one. Whoever reads a free-form object by key goes through
 * `keyOf`, whoever lists its keys through `keysOf`/`entriesOf`, and responses are written by
 * `writeJson`, which drops the marks again.
 */

/** A private-use character: no integer-like key starts with it. */
export const KEY_MARK = '\uE000';

/** Keys a JS object would move first: canonical array indexes 0 … 2^32 − 2. */
function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4294967295;
}

/** The key as stored: escaped when a JS object would reorder it (or it starts with the mark). */
export function keyOf(key: string): string {
  // Most keys start with neither a digit nor the mark: one look at the first character settles them.
  const first = key.charCodeAt(0);
  if ((first < 0x30 || first > 0x39) && first !== 0xe000) return key;
  return isArrayIndex(key) || key.startsWith(KEY_MARK) ? KEY_MARK + key : key;
}

/** The key as sent, from its stored form. */
export function sentKey(stored: string): string {
  return stored.startsWith(KEY_MARK) ? stored.slice(1) : stored;
}

/**
 * What a stored key names in an object, or in a list: a JSON list is the PHP array of keys 0 … n−1
 * it is (Pelcro keeps a list of its input as a JS array). Undefined when it names nothing.
 */
export function childAt(value: object, stored: string): unknown {
  if (!Array.isArray(value)) return Object.hasOwn(value, stored) ? (value as Record<string, unknown>)[stored] : undefined;
  const key = sentKey(stored);
  return isArrayIndex(key) && Number(key) < value.length ? value[Number(key)] : undefined;
}

/**
 * Sets an own data key, even `__proto__` (an assignment would change the prototype): a Python dict
 * or a PHP array takes any key. Any other key is assigned: the same own data key (no prototype here
 * has a setter but Object.prototype's `__proto__`), at a quarter of defineProperty's cost, which
 * every key of every Pelcro request paid.
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: NoInfer<T>): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

/** The keys of a stored object as sent, in the order sent. */
export function keysOf(value: object): string[] {
  return Object.keys(value).map(sentKey);
}

/** The entries of a stored object with their keys as sent, in the order sent. */
export function entriesOf(value: object): [string, unknown][] {
  return Object.entries(value).map(([key, item]) => [sentKey(key), item]);
}

export interface WriteOptions {
  /**
   * PHP's json_encode: an array is written as a list when its keys are 0 … n−1 in that order (an
   * empty one too: `[]`), as an object otherwise (ext/json `php_json_determine_array_type`).
   */
  phpArrays?: boolean;
  /**
   * An object every key of which (as sent) passes is written as the list of its values, in order;
   * an empty one as `[]`. Laravel's API resources do this to every array they return
   * (lib/php/resource.ts). It writes every list phpArrays does, and more.
   */
  listWhen?: (key: string) => boolean;
  /**
   * The text of a number, where the language imitated writes it otherwise than JS (Python writes
   * the float 1e-05 where JS writes 0.00001), and of an object standing for one, such as a Python
   * float `1.0` or an int past 2^53 that a JS number would misstate (undefined: not such an
   * object). Either given, every value is written the careful way.
   */
  number?: (value: number) => string;
  numberObject?: (value: object) => string | undefined;
  /**
   * With `number` or `numberObject`: whether JSON.stringify already writes this number (as it
   * reaches a replacer, after `toJSON`) as `number` would. When every number of a value passes,
   * writeJson keeps its fast native way; one that fails sends the whole the careful way.
   */
  numberAsJs?: (value: number) => boolean;
}

/** Whether stored entries are PHP's "packed" list: keys 0, 1, … n−1 in order. */
function isPhpList(keys: readonly string[]): boolean {
  return keys.every((key, i) => key === String(i));
}

/**
 * JSON.stringify's output for the mock's data (no spaces; `toJSON` honoured; undefined and
 * functions skipped in objects and null in lists), with stored keys written as sent, in order.
 */
export function writeJson(value: unknown, options: WriteOptions = {}): string {
  const numbers = options.number !== undefined || options.numberObject !== undefined;
  if (numbers && !options.numberAsJs) return writeCarefully(value, options);
  // JSON.stringify is native and several times faster; its text is already the answer unless a
  // stored key carries the mark (then so does the text) or, for PHP, an empty array must read `[]`
  // (then the text holds `{}`), or a number is one JS writes otherwise (`numberAsJs`). Any such
  // sign, even inside a string value, takes the careful way.
  const lists = options.listWhen !== undefined;
  let replacer = lists ? listReplacer(options.listWhen as (key: string) => boolean) : options.phpArrays ? emptyAsList : undefined;
  if (numbers) replacer = numberWatch(replacer, options.numberAsJs as (value: number) => boolean);
  numberMisfit = false;
  const text = JSON.stringify(value, replacer) as string | undefined;
  if (text !== undefined && !numberMisfit && !text.includes(KEY_MARK) && !((options.phpArrays || lists) && text.includes('{}')))
    return text;
  return writeCarefully(value, options);
}

/** Set by a `numberWatch` replacer when JSON.stringify met a number it writes otherwise than asked. */
let numberMisfit = false;

/** `replacer` that also notes a number failing `asJs` (JSON.stringify runs to its end without a pause). */
function numberWatch(
  replacer: ((key: string, value: unknown) => unknown) | undefined,
  asJs: (value: number) => boolean,
): (key: string, value: unknown) => unknown {
  return (key, value) => {
    if (typeof value === 'number' && !numberMisfit && !asJs(value)) numberMisfit = true;
    return replacer ? replacer(key, value) : value;
  };
}

const listReplacers = new WeakMap<(key: string) => boolean, (key: string, value: unknown) => unknown>();

/**
 * JSON.stringify's replacer for `listWhen`: an object of passing keys is its values (in the order
 * sent: a marked key is not integer-like, so a JS object keeps it where it was set).
 */
function listReplacer(listWhen: (key: string) => boolean): (key: string, value: unknown) => unknown {
  let replacer = listReplacers.get(listWhen);
  if (replacer === undefined) {
    replacer = (_key, value) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      const values: unknown[] = [];
      for (const key in value) {
        const item = (value as Record<string, unknown>)[key];
        // Skipped, as JSON.stringify skips them in an object.
        if (item === undefined || typeof item === 'function') continue;
        if (!listWhen(sentKey(key))) return value;
        values.push(item);
      }
      return values;
    };
    listReplacers.set(listWhen, replacer);
  }
  return replacer;
}

/**
 * Whether a text writeJson wrote holds a lone surrogate. JSON.stringify (and so writeJson) writes
 * a surrogate pair as it is and a lone surrogate as a `\udXXX` escape (lower-case hex), the only
 * `\ud…` escape it writes; in a JSON text every backslash starts an escape, so the escaped
 * character is skipped. One look per backslash: a text of backslashes is scanned once.
 */
export function writesLoneSurrogate(text: string): boolean {
  for (let at = text.indexOf('\\'); at !== -1; at = text.indexOf('\\', at + 2)) {
    if (text.charCodeAt(at + 1) === 0x75 /* u */ && text.charCodeAt(at + 2) === 0x64 /* d */ && '89abcdef'.includes(text[at + 3])) {
      return true;
    }
  }
  return false;
}

/** Whether a JSON value holds a lone surrogate in any string or object key, at any depth. */
export function holdsLoneSurrogate(value: unknown): boolean {
  return anyLeaf(
    value,
    (text) => !text.isWellFormed(),
    () => false,
  );
}

/** Whether a JSON value holds a null character (U+0000) in any string or object key, at any depth. */
export function holdsNullCharacter(value: unknown): boolean {
  return anyLeaf(
    value,
    (text) => text.includes('\0'),
    () => false,
  );
}

/**
 * Whether a JSON value holds a number past the double range at any depth: Python's JSON reader
 * makes `1e400` a float infinity, which JSON itself cannot write (`json.dumps` writes `Infinity`).
 */
export function holdsNonFiniteNumber(value: unknown): boolean {
  return anyLeaf(
    value,
    () => false,
    (n) => !Number.isFinite(n),
  );
}

/** Whether some string (object keys included) or number of a JSON value passes its test; no recursion. */
function anyLeaf(value: unknown, text: (s: string) => boolean, number: (n: number) => boolean): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') {
      if (text(item)) return true;
    } else if (typeof item === 'number') {
      if (number(item)) return true;
    } else if (Array.isArray(item)) {
      for (const child of item) pending.push(child);
    } else if (typeof item === 'object' && item !== null) {
      // A stored key is the key sent, or the key after KEY_MARK: well-formed exactly when it is.
      for (const key of Object.keys(item)) {
        if (text(key)) return true;
        pending.push((item as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}

/** JSON.stringify's replacer for PHP arrays: an object without keys is the empty array, `[]`. */
function emptyAsList(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  for (const _ in value) return value;
  return EMPTY_LIST;
}

const EMPTY_LIST: readonly never[] = Object.freeze([]);

/** writeJson the long way: every object's entries read through `entriesOf`. */
export function writeCarefully(value: unknown, options: WriteOptions): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      return options.number && Number.isFinite(value) ? options.number(value) : JSON.stringify(value);
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      return 'null';
  }
  const object = value as { toJSON?: () => unknown };
  const text = options.numberObject?.(object);
  if (text !== undefined) return text;
  if (typeof object.toJSON === 'function') return writeCarefully(object.toJSON(), options);
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined || typeof item === 'function' ? 'null' : writeCarefully(item, options))).join(',')}]`;
  }
  const entries = entriesOf(value).filter(([, item]) => item !== undefined && typeof item !== 'function');
  const listed = options.listWhen;
  if (listed ? entries.every(([key]) => listed(key)) : options.phpArrays && isPhpList(entries.map(([key]) => key))) {
    return `[${entries.map(([, item]) => writeCarefully(item, options)).join(',')}]`;
  }
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${writeCarefully(item, options)}`).join(',')}}`;
}
