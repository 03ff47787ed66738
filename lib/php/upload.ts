/**
 * Uploaded files as a Laravel controller sees them: `$request->all()` is
 * `array_replace_recursive($this->input(), $this->allFiles())` (Illuminate\Http\Concerns\
 * InteractsWithInput, Laravel 11.x), so a file part of a multipart POST is input too, under the
 * name PHP gave it in `$_FILES` (php-src main/rfc1867.c, PHP 8.2; Symfony's FileBag re-nests the
 * `$_FILES[a][name][b]` PHP builds into `a[b]`). Checked against php8.2-cli 8.2.36.
 */
import { keyOf, setOwn } from '../ordered-json';
import { parsePhpParams, type PhpArray } from './params';

/**
 * An Illuminate\Http\UploadedFile. Every validation rule the mock runs treats it as Laravel does:
 * not a string (`string`, `email` fail), not numeric (`integer` fails), not an array (`array` fails:
 * a class instance is no plain object to Zod), not in any `in` list; present for `required*`. Its
 * details are private fields, so no code that counts an array's keys sees any. It is never stored
 * (`withoutFiles`).
 */
export class UploadedFile {
  readonly #clientName: string;
  readonly #size: number;

  constructor(clientName: string, size: number) {
    this.#clientName = clientName;
    this.#size = size;
  }

  /** The client's file name (`getClientOriginalName()`), without the path PHP strips. */
  get clientName(): string {
    return this.#clientName;
  }

  get size(): number {
    return this.#size;
  }

  /** json_encode() of an UploadedFile: an object without public properties, `{}`. */
  toJSON(): Record<string, never> {
    return {};
  }
}

/** php.ini `max_file_uploads`: the file parts after the 20th (with a file name) are skipped. */
export const MAX_FILE_UPLOADS = 20;

/** A file part of a multipart body: its field name, its file name (`filename=`) and size. */
export interface FilePart {
  name: string;
  filename: string;
  size: number;
}

/**
 * rfc1867.c's "never repair potential malicious user input": a file's field name whose brackets
 * are not balanced, or with anything but `[` after a `]`, skips that file and every later one.
 */
function wellBracketed(name: string): boolean {
  let depth = 0;
  for (let i = 0; i < name.length; i++) {
    if (name[i] === '[') depth++;
    else if (name[i] === ']') {
      depth--;
      if (i + 1 < name.length && name[i + 1] !== '[') return false;
    }
    if (depth < 0) return false;
  }
  return depth === 0;
}

/** Laravel's Request::filterFiles (and FileBag's array_filter): no empty file, no empty array. */
function filterFiles(files: PhpArray): PhpArray {
  const out: PhpArray = {};
  for (const [key, value] of Object.entries(files)) {
    const kept = value instanceof UploadedFile || value === null ? value : filterFiles(value as PhpArray);
    if (kept === null || (!(kept instanceof UploadedFile) && Object.keys(kept).length === 0)) continue;
    setOwn(out, key, kept);
  }
  return out;
}

/**
 * `$request->allFiles()` of a multipart POST's file parts, in order. PHP registers a part named
 * `a[b]` as `a[name][b]` (and `[type]`, `[tmp_name]` …) through php_register_variable_ex, so the
 * name is read as a field's is (`a.b` is `a_b`, `a[]` appends, one nesting level less is left);
 * a part with an empty file name is UPLOAD_ERR_NO_FILE, which Symfony turns into null and Laravel
 * drops; past MAX_FILE_UPLOADS or after a badly bracketed name, PHP skips the remaining files.
 */
export function uploadedFiles(parts: Iterable<FilePart>): PhpArray {
  const entries: [string, UploadedFile | null][] = [];
  let uploads = MAX_FILE_UPLOADS;
  for (const part of parts) {
    if (uploads <= 0 || !wellBracketed(part.name)) break;
    if (part.filename !== '') uploads--;
    const open = part.name.indexOf('[');
    const registered = open === -1 ? `${part.name}[name]` : `${part.name.slice(0, open)}[name]${part.name.slice(open)}`;
    entries.push([registered, part.filename === '' ? null : new UploadedFile(part.filename, part.size)]);
  }
  if (entries.length === 0) return {};
  // Each file's value sits under the `name` key PHP inserted: take it back out, as FileBag does.
  const registered = parsePhpParams(entries, Number.POSITIVE_INFINITY);
  const files: PhpArray = {};
  for (const [key, value] of Object.entries(registered)) {
    const file = (value as PhpArray)[keyOf('name')];
    if (file !== undefined) setOwn(files, key, file);
  }
  return filterFiles(files);
}

/** A PHP array of the input (a plain object), not a file nor another object. */
function isArray(value: unknown): value is PhpArray {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * PHP's array_replace_recursive($input, $files): a file replaces what the input holds at its name
 * (keeping that key's place), arrays on both sides merge, new keys come last.
 */
export function withFiles(input: PhpArray, files: PhpArray): PhpArray {
  const out: PhpArray = { ...input };
  for (const [key, value] of Object.entries(files)) {
    const current = out[key];
    setOwn(out, key, isArray(current) && isArray(value) ? withFiles(current, value) : value);
  }
  return out;
}

/**
 * A value as a JSON column gives it back: json_encode() writes a file as `{}`, which json_decode(…,
 * true) reads as an empty array (**guess**: that Pelcro keeps `metadata` in a JSON-cast column).
 */
export function withoutFiles(value: unknown): unknown {
  if (value instanceof UploadedFile) return {};
  if (!isArray(value)) return value;
  const out: PhpArray = {};
  for (const [key, item] of Object.entries(value)) setOwn(out, key, withoutFiles(item));
  return out;
}
