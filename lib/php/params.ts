/**
 * How PHP turns `name=value` pairs into the arrays a Laravel controller reads: `$_GET`, `$_POST`
 * and parse_str() (php-src main/php_variables.c, php_register_variable_ex and
 * php_default_treat_data; add_post_vars for a form POST), with PHP's default limits
 * (max_input_vars 1000, max_input_nesting_level 64). PHP 8.2, the version the notes name; checked
 * against php8.2-cli 8.2.36.
 */
import { keyOf, setOwn } from '../ordered-json';

/**
 * A PHP array as a plain object: keys in insertion order (integer keys stored escaped, see
 * ../ordered-json), integer keys as their decimal text, every key an own data key (`__proto__` included).
 */
export type PhpArray = Record<string, unknown>;

/**
 * php.ini `max_input_vars`: later variables are dropped (PHP warns and carries on). How many are
 * kept depends on the parser: see parsePhpQuery and parsePhpPostForm.
 */
export const MAX_INPUT_VARS = 1000;
/** php.ini `max_input_nesting_level`: a variable with more brackets is dropped whole. */
export const MAX_INPUT_NESTING_LEVEL = 64;

/** C's isspace(), which PHP uses to read `a[ ]` as `a[]`. */
const C_SPACE = /^[ \t\n\v\f\r]$/;
/**
 * ZEND_HANDLE_NUMERIC_STR: a key PHP stores as an integer (`-5` and `7`, not `-0`, `07` or `+7`),
 * if it fits a zend_long (checked in `integerKey`).
 */
const INTEGER_KEY = /^(?:0|-?[1-9]\d{0,18})$/;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** The integer a key is stored as, or undefined for a string key. */
function integerKey(key: string): bigint | undefined {
  if (!INTEGER_KEY.test(key)) return undefined;
  const n = BigInt(key);
  return n >= LONG_MIN && n <= LONG_MAX ? n : undefined;
}

/** The keys of one variable name: its base name and the bracketed indexes (null for `[]`). */
interface ParsedName {
  base: string;
  indexes: (string | null)[];
  /** Nested deeper than MAX_INPUT_NESTING_LEVEL: PHP drops it and deletes what `base` held. */
  tooDeep?: true;
}

/** php_register_variable_ex's reading of a name; undefined when PHP ignores the variable. */
function parseName(raw: string): ParsedName | undefined {
  // The name is read as a C string (strlen), so it ends at its first NUL: `a%00b` is `a`, `a[b%00]`
  // an unclosed `a[b`; the value keeps its NULs (php_register_variable_ex; checked with php8.2-cli).
  const nul = raw.indexOf('\0');
  const name = (nul === -1 ? raw : raw.slice(0, nul)).replace(/^ +/, '');
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

/**
 * The arrays of one parse and their next free integer index: PHP's nNextFreeElement. Since PHP 8.0
 * (RFC "Arrays starting with a negative index", php-src PR #3772) an array made by array_init(), as
 * the parser's are, starts with it unset (ZEND_LONG_MIN), so the first integer key sets it whatever
 * its sign: `a[-5]=x&a[]=y` gives keys -5 and -4 (Zend/zend_hash.c `_zend_hash_index_add_or_update_i`;
 * PHP 7 gave -5 and 0). In a PHP 8.2 script `$a = []; $a[-5] = 1; $a[] = 2;` still gives 0: the
 * empty-array constant kept 0 until php-src issue #11154 (PHP 8.3). Past ZEND_LONG_MAX the index
 * stays there, and an append onto a key that exists is dropped.
 */
class Builder {
  readonly root: PhpArray = {};
  /**
   * Every array this parse built, with its next free integer index (undefined until an integer key
   * is set). The arrays are built as the plain objects they end as, keys stored by `keyOf` (which
   * keeps their order): a form of 1,000 names nested 63 deep builds 63,000 of them, and building
   * each as a Map first, then copying it, took twice as long.
   */
  private readonly arrays = new Map<PhpArray, bigint | undefined>([[this.root, undefined]]);

  /** Sets `key` (null: appends) of `target`; false when PHP refuses the append. */
  private set(target: PhpArray, key: string | null, value: unknown): boolean {
    const next = this.arrays.get(target);
    let name = key;
    let index: bigint | undefined;
    if (name === null) {
      index = next ?? 0n;
      name = String(index);
      if (Object.hasOwn(target, keyOf(name))) return false;
    } else index = integerKey(name);
    setOwn(target, keyOf(name), value);
    if (index !== undefined && (next === undefined || index >= next)) this.arrays.set(target, index < LONG_MAX ? index + 1n : LONG_MAX);
    return true;
  }

  register(raw: string, value: unknown): void {
    const parsed = parseName(raw);
    if (!parsed) return;
    if (parsed.tooDeep) {
      delete this.root[keyOf(parsed.base)];
      return;
    }
    let node = this.root;
    let key: string | null = parsed.base;
    for (const index of parsed.indexes) {
      const found = key !== null && Object.hasOwn(node, keyOf(key)) ? node[keyOf(key)] : undefined;
      let child: PhpArray;
      // A scalar already at that key is replaced by an array, as PHP does.
      if (found !== undefined && this.arrays.has(found as PhpArray)) child = found as PhpArray;
      else {
        child = {};
        this.arrays.set(child, undefined);
        if (!this.set(node, key, child)) return;
      }
      node = child;
      key = index;
    }
    this.set(node, key, value);
  }

  /** The built array. */
  build(): PhpArray {
    return this.root;
  }
}

/**
 * PHP's parsing of decoded `name=value` pairs: brackets nest (`a[b][c]`, `a[]` appends), the last
 * value of a repeated name wins, spaces and dots of the base name become underscores, and only the
 * first `maxVars` pairs count. A value is a string, or for `$_FILES` (./upload.ts) a file.
 */
export function parsePhpParams(entries: Iterable<[string, unknown]>, maxVars = MAX_INPUT_VARS): PhpArray {
  const builder = new Builder();
  let count = 0;
  for (const [name, value] of entries) {
    if (++count > maxVars) break;
    builder.register(name, value);
  }
  return builder.build();
}

/**
 * A query string (`$_GET`), or a body Symfony parse_str()s (a form PUT or DELETE):
 * php_default_treat_data splits at `&` skipping empty pieces (php_strtok_r), as URLSearchParams
 * does, and counts each pair before registering it, so the first MAX_INPUT_VARS are kept.
 */
export function parsePhpQuery(text: string): PhpArray {
  return parsePhpParams(new URLSearchParams(text));
}

/**
 * Whether parse_str() warns on the query as Symfony's Request::getQueryString() hands it over
 * (normalizeQueryString → HeaderUtils::parseQuery, symfony/http-foundation 7.2): each `&` piece is
 * rewritten — cut at a NUL, its name url-decoded, cut at a NUL, left-trimmed of spaces, its base
 * hex-encoded (`''` for an empty one) — and the pieces are parse_str()ed joined again. So
 * php_default_treat_data counts every piece that is not empty once rewritten ("Input variables
 * exceeded 1000") and registers the first MAX_INPUT_VARS, one nested past MAX_INPUT_NESTING_LEVEL
 * warning too ("Input variable nesting level exceeded 64", given while display_errors is off,
 * which Laravel sets). Only a name that decodes to spaces alone, without a `=`, is counted by the
 * first parse and not by this one.
 */
export function parseStrWarns(query: string): boolean {
  // Neither can happen with fewer pieces or brackets than the bounds.
  if (countOf(query, '&') < MAX_INPUT_VARS && countOf(query, '[') + countOf(query.toUpperCase(), '%5B') <= MAX_INPUT_NESTING_LEVEL) {
    return false;
  }
  let count = 0;
  for (const rawPiece of query.split('&')) {
    const nul = rawPiece.indexOf('\0');
    const piece = nul === -1 ? rawPiece : rawPiece.slice(0, nul);
    const equals = piece.indexOf('=');
    const rawName = equals === -1 ? piece : piece.slice(0, equals);
    // urldecode(), byte by byte: only the brackets, spaces and NUL it yields matter here.
    let name = rawName.replace(/\+/g, ' ').replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    const nameNul = name.indexOf('\0');
    if (nameNul !== -1) name = name.slice(0, nameNul);
    name = name.replace(/^ +/, '');
    if (name === '' && equals === -1) continue;
    if (++count > MAX_INPUT_VARS) return true;
    if (parseName(name)?.tooDeep) return true;
  }
  return false;
}

function countOf(text: string, char: string): number {
  let count = 0;
  for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) count++;
  return count;
}

/**
 * A form-encoded POST body (`$_POST`): add_post_vars counts every piece between `&`s, empty ones
 * too (`a=1&&b=2` is three), and checks the count after registering the piece, so the first
 * MAX_INPUT_VARS + 1 pieces are read (php-src main/php_variables.c, add_post_var/add_post_vars).
 */
export function parsePhpPostForm(text: string): PhpArray {
  let cut = -1;
  for (let pieces = 0; pieces <= MAX_INPUT_VARS; pieces++) {
    cut = text.indexOf('&', cut + 1);
    if (cut === -1) break;
  }
  return parsePhpParams(new URLSearchParams(cut === -1 ? text : text.slice(0, cut)), Number.POSITIVE_INFINITY);
}
