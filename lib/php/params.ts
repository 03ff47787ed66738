/**
 * How PHP turns `name=value` pairs into the arrays a Laravel controller reads: `$_GET`, `$_POST`
 * and parse_str() (php-src main/php_variables.c, php_register_variable_ex and
 * php_default_treat_data), with PHP's default limits (max_input_vars 1000,
 * max_input_nesting_level 64).
 */
import { keyOf } from '../ordered-json';

/**
 * A PHP array as a plain object: keys in insertion order (integer keys stored escaped, see
 * ../ordered-json), integer keys as their decimal text, every key an own data key (`__proto__` included).
 */
export type PhpArray = Record<string, unknown>;

/** php.ini `max_input_vars`: later variables are dropped (PHP warns and carries on). */
export const MAX_INPUT_VARS = 1000;
/** php.ini `max_input_nesting_level`: a variable with more brackets is dropped whole. */
export const MAX_INPUT_NESTING_LEVEL = 64;

/** An array while it is being built: PHP's ordered hash table, as a Map (any key is data). */
type Building = Map<string, unknown>;

/**
 * The built array as a plain object: Object.fromEntries defines every key as an own data key, and
 * integer keys are stored escaped so that they keep their place (../ordered-json).
 */
function toPhpArray(node: Building): PhpArray {
  return Object.fromEntries([...node].map(([key, value]) => [keyOf(key), value instanceof Map ? toPhpArray(value) : value]));
}

/** C's isspace(), which PHP uses to read `a[ ]` as `a[]`. */
const C_SPACE = /^[ \t\n\v\f\r]$/;
/** ZEND_HANDLE_NUMERIC_STR for the keys that move the next free index (PHP ignores negative ones here). */
const INDEX_KEY = /^(?:0|[1-9]\d{0,14})$/;

/** The keys of one variable name: its base name and the bracketed indexes (null for `[]`). */
interface ParsedName {
  base: string;
  indexes: (string | null)[];
  /** Nested deeper than MAX_INPUT_NESTING_LEVEL: PHP drops it and deletes what `base` held. */
  tooDeep?: true;
}

/** php_register_variable_ex's reading of a name; undefined when PHP ignores the variable. */
function parseName(raw: string): ParsedName | undefined {
  const name = raw.replace(/^ +/, '');
  const open = name.indexOf('[');
  // Spaces and dots of the base name become underscores (PHP variable names cannot hold them).
  let base = (open === -1 ? name : name.slice(0, open)).replace(/[ .]/g, '_');
  if (base === '') return undefined;
  const indexes: (string | null)[] = [];
  if (open === -1) return { base, indexes };
  let at = open;
  for (;;) {
    if (indexes.length + 1 > MAX_INPUT_NESTING_LEVEL) return { base, indexes, tooDeep: true };
    const start = at + 1;
    const first = C_SPACE.test(name[start] ?? '') ? start + 1 : start;
    if (name[first] === ']') {
      indexes.push(null);
      at = first;
    } else {
      const close = name.indexOf(']', first);
      if (close === -1) {
        // An unclosed '[' is no index: on the first level it joins the base name as '_' (with the
        // rest's spaces, dots and brackets), deeper down the rest is dropped.
        if (indexes.length === 0) base = `${base}_${name.slice(start).replace(/[ .[]/g, '_')}`;
        return { base, indexes };
      }
      indexes.push(name.slice(start, close));
      at = close;
    }
    // Anything after a ']' other than another '[' is ignored.
    if (name[at + 1] !== '[') return { base, indexes };
    at += 1;
  }
}

/** The arrays of one parse and their next free integer index (PHP's nNextFreeElement). */
class Builder {
  readonly root: Building = new Map();
  private readonly next = new WeakMap<Building, number>();

  private set(target: Building, key: string | null, value: unknown): void {
    const next = this.next.get(target) ?? 0;
    const name = key ?? String(next);
    target.set(name, value);
    if (INDEX_KEY.test(name) && Number(name) >= next) this.next.set(target, Number(name) + 1);
  }

  register(raw: string, value: string): void {
    const parsed = parseName(raw);
    if (!parsed) return;
    if (parsed.tooDeep) {
      this.root.delete(parsed.base);
      return;
    }
    let node = this.root;
    let key: string | null = parsed.base;
    for (const index of parsed.indexes) {
      let child = key !== null ? node.get(key) : undefined;
      // A scalar already at that key is replaced by an array, as PHP does.
      if (!(child instanceof Map)) {
        child = new Map();
        this.set(node, key, child);
      }
      node = child as Building;
      key = index;
    }
    this.set(node, key, value);
  }
}

/**
 * PHP's parsing of decoded `name=value` pairs: brackets nest (`a[b][c]`, `a[]` appends), the last
 * value of a repeated name wins, spaces and dots of the base name become underscores, and only the
 * first MAX_INPUT_VARS pairs count.
 */
export function parsePhpParams(entries: Iterable<[string, string]>): PhpArray {
  const builder = new Builder();
  let count = 0;
  for (const [name, value] of entries) {
    if (++count > MAX_INPUT_VARS) break;
    builder.register(name, value);
  }
  return toPhpArray(builder.root);
}
