/**
 * Judging one JSON body against a Zod schema: every mismatch becomes a located finding
 * (`$.results[3].email`, expected, actual), and every field the schema does not declare becomes a
 * warning. Zod's default objects strip unknown keys silently, so the undeclared fields are found
 * by walking the body alongside the schema's shapes.
 */
import type { z } from 'zod';

export interface Finding {
  jsonPath: string;
  expected: string;
  actual: string;
  /**
   * A refinement of the Zod schema (a rule JSON Schema cannot carry, so the OpenAPI document does
   * not state it either), as opposed to a type, format, enum or presence the document states.
   */
  refinement?: boolean;
}

export interface Verdict {
  findings: Finding[];
  /** JSON paths of fields the schema does not declare. */
  undeclared: string[];
}

type Path = readonly PropertyKey[];

/** `$`, `$.results[3].email`, `$.metadata["odd key"]`. */
export function jsonPath(path: Path): string {
  let out = '$';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** A short, readable rendering of a value for a report line. */
export function describe(value: unknown, max = 80): string {
  if (value === undefined) return 'missing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  if (text.length > max) text = `${text.slice(0, max - 1)}…`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array ${text}`;
  return `${typeof value} ${text}`;
}

const MISSING = Symbol('missing');

function valueAt(root: unknown, path: Path): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !(key in (node as object))) return MISSING;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

interface RawIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  values?: unknown[];
  format?: string;
  pattern?: string;
  keys?: string[];
  errors?: RawIssue[][];
}

function expectedOf(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected ?? issue.message;
    case 'invalid_value':
      return issue.values && issue.values.length === 1
        ? JSON.stringify(issue.values[0])
        : `one of ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex' ? `a string matching ${issue.pattern}` : `${issue.format} format`;
    default:
      return issue.message;
  }
}

/** Codes whose expectation names the values allowed, so a schema's null belongs among them. */
const NAMES_VALUES = new Set(['invalid_type', 'invalid_value', 'invalid_format']);

/**
 * Collects the findings of `issues`, raised by `schema` (the schema at `prefix`) for the value at
 * `prefix` in `body`. `rootNull`: the union `schema` is a member of also takes null there.
 */
function collect(
  issues: readonly RawIssue[],
  prefix: Path,
  body: unknown,
  out: Verdict,
  schema: z.ZodType | undefined,
  rootNull = false,
): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys ?? []) out.undeclared.push(jsonPath([...path, key]));
      continue;
    }
    if (issue.code === 'invalid_union' && issue.errors && issue.errors.length > 0) {
      // Report the branch that came closest: its few precise findings beat "Invalid input". A
      // branch that wants another kind of value somewhere (a number where an object came: an id
      // where the expanded record is) is farther than any number of fields off inside the kind
      // that came, so `addresses[0]` given `{"id": "1"}` reads `addresses[0].id`, not "number".
      const distance = (branch: RawIssue[]) => 1000 * branch.filter((i) => wrongKind(i, body, [...path, ...i.path])).length + branch.length;
      const closest = [...issue.errors].sort((a, b) => distance(a) - distance(b))[0];
      if (closest.length > 0) {
        const union = schemaAt(schema, issue.path);
        const member = union && defOf(core(union)).options?.[issue.errors.indexOf(closest)];
        collect(closest, path, body, out, member, allowsNull(union) || (issue.path.length === 0 && rootNull));
        continue;
      }
    }
    const value = valueAt(body, path);
    const at = schemaAt(schema, issue.path);
    // `expected: string` for a nullable field reads as if null were a drift too: say what the schema takes.
    const orNull = NAMES_VALUES.has(issue.code) && issue.expected !== 'null' && (allowsNull(at) || (issue.path.length === 0 && rootNull));
    out.findings.push({
      jsonPath: jsonPath(path),
      expected: `${expectedOf(issue)}${orNull ? ' or null' : ''}`,
      actual: value === MISSING ? 'missing' : describe(value),
      ...(issue.code === 'custom' ? { refinement: true } : {}),
    });
  }
}

type Kind = 'object' | 'array' | 'scalar';

function kindOf(value: unknown): Kind {
  if (Array.isArray(value)) return 'array';
  return value !== null && typeof value === 'object' ? 'object' : 'scalar';
}

const KIND_EXPECTED: Record<string, Kind> = {
  object: 'object',
  record: 'object',
  map: 'object',
  array: 'array',
  tuple: 'array',
  set: 'array',
};

/** An invalid_type issue where the value present is another kind (object, array, scalar) than expected. */
function wrongKind(issue: RawIssue, body: unknown, path: Path): boolean {
  if (issue.code !== 'invalid_type') return false;
  const value = valueAt(body, path);
  if (value === MISSING || value === undefined) return false;
  return kindOf(value) !== (KIND_EXPECTED[issue.expected ?? ''] ?? 'scalar');
}

/** Validates `body` against `schema`; undeclared fields are reported separately, never as findings. */
export function judge(schema: z.ZodType, body: unknown): Verdict {
  const verdict: Verdict = { findings: [], undeclared: [] };
  const parsed = schema.safeParse(body);
  if (!parsed.success) collect(parsed.error.issues as unknown as RawIssue[], [], body, verdict, schema);
  findUndeclared(schema, body, [], verdict.undeclared);
  verdict.undeclared = [...new Set(verdict.undeclared)];
  return verdict;
}

// ---- the undeclared-field walk over Zod v4 definitions ----

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  valueType?: z.ZodType;
  in?: z.ZodType;
  getter?: () => z.ZodType;
  items?: z.ZodType[];
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'nonoptional', 'readonly', 'catch', 'success']);

/** Strips wrappers (optional, nullable, pipe, lazy …) down to the schema that decides the shape. */
function core(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let i = 0; i < 32; i++) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else if (def.type === 'lazy' && def.getter) current = def.getter();
    else break;
  }
  return current;
}

/** Object shapes an intersection declares, merged; undefined when a side is not an object. */
function mergedShape(schema: z.ZodType): { shape: Record<string, z.ZodType>; open: boolean } | undefined {
  const def = defOf(core(schema));
  if (def.type === 'object' && def.shape) {
    const open = def.catchall !== undefined && defOf(def.catchall).type !== 'never';
    return { shape: def.shape, open };
  }
  if (def.type === 'intersection' && def.left && def.right) {
    const left = mergedShape(def.left);
    const right = mergedShape(def.right);
    if (!left || !right) return undefined;
    return { shape: { ...left.shape, ...right.shape }, open: left.open || right.open };
  }
  return undefined;
}

/** The schema that judges the value at `path` below `schema`; undefined where a walk cannot tell (inside a union). */
function schemaAt(schema: z.ZodType | undefined, path: Path): z.ZodType | undefined {
  let node = schema;
  for (const key of path) {
    if (node === undefined) return undefined;
    const inner = core(node);
    const def = defOf(inner);
    if (def.type === 'object' || def.type === 'intersection') {
      const shape = mergedShape(inner)?.shape;
      node = shape && typeof key === 'string' && Object.hasOwn(shape, key) ? shape[key] : undefined;
    } else if (def.type === 'array') node = def.element;
    else if (def.type === 'tuple') node = typeof key === 'number' ? def.items?.[key] : undefined;
    else if (def.type === 'record') node = def.valueType;
    else return undefined;
  }
  return node;
}

/** Whether `schema` takes null (nullable, or a union with a null member). */
function allowsNull(schema: z.ZodType | undefined): boolean {
  return schema?.safeParse(null).success === true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function findUndeclared(schema: z.ZodType, value: unknown, path: PropertyKey[], out: string[]): void {
  if (value === null || value === undefined) return;
  const inner = core(schema);
  const def = defOf(inner);
  switch (def.type) {
    case 'object':
    case 'intersection': {
      const merged = mergedShape(inner);
      if (!merged || !isPlainObject(value)) return;
      for (const [key, child] of Object.entries(value)) {
        const declared = Object.hasOwn(merged.shape, key) ? merged.shape[key] : undefined;
        if (declared) findUndeclared(declared, child, [...path, key], out);
        else if (!merged.open) out.push(jsonPath([...path, key]));
      }
      return;
    }
    case 'array':
      if (Array.isArray(value) && def.element) {
        for (const [i, item] of value.entries()) findUndeclared(def.element as z.ZodType, item, [...path, i], out);
      }
      return;
    case 'tuple':
      if (Array.isArray(value) && def.items) {
        for (const [i, item] of def.items.entries()) findUndeclared(item, value[i], [...path, i], out);
      }
      return;
    case 'record':
      if (isPlainObject(value) && def.valueType) {
        for (const [key, child] of Object.entries(value)) findUndeclared(def.valueType, child, [...path, key], out);
      }
      return;
    case 'union': {
      // Walk the branch the value belongs to: the first that accepts it, else none (the
      // mismatch itself is already a finding).
      const branch = def.options?.find((option) => option.safeParse(value).success);
      if (branch) findUndeclared(branch, value, path, out);
      return;
    }
    default:
      return;
  }
}
