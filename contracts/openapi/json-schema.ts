/**
 * Zod → JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) for a whole API at once: named
 * schemas become `components.schemas` entries and every other use of the same Zod object becomes a
 * `$ref` to them. Used by `contracts/openapi/generate.ts`; knows nothing about paths or operations.
 */
import { z } from 'zod';

export type JsonObject = { [key: string]: unknown };

export const SCHEMA_REF = '#/components/schemas/';

/** The result of converting a set of schemas in one direction (`input` or `output`). */
export interface Conversion {
  /** Component name → its JSON Schema. */
  named: Map<string, JsonObject>;
  /** Every other schema handed in → its JSON Schema (a bare `$ref` when it is a component). */
  inline: Map<z.ZodType, JsonObject>;
}

/**
 * Converts `components` and `extra` (operation-level schemas) in one zod registry pass, so that any
 * component reached at any depth is referenced, never copied.
 *
 * - Names come only from `components`: an `id` set with `.meta({id})` elsewhere is ignored (it
 *   would otherwise land in a `__shared` bucket with an unusable `$ref`); the rest of the global
 *   metadata (descriptions, examples) is kept.
 * - Output: a plain `z.object` is emitted without zod's `additionalProperties: false`. Zod adds it
 *   because parsing strips unknown keys, but a response that grows a field breaks no client, so
 *   the contract must not forbid it. Strict objects (`z.strictObject`) keep it.
 * - Integers lose zod's ±MAX_SAFE_INTEGER bounds, which say nothing to a reader.
 */
export function convertSchemas(io: 'input' | 'output', components: ReadonlyMap<z.ZodType, string>, extra: Iterable<z.ZodType>): Conversion {
  const ids = new Map<z.ZodType, string>(components);
  const inlineIds = new Map<z.ZodType, string>();
  let counter = 0;
  for (const schema of extra) {
    if (ids.has(schema)) continue;
    const id = `__inline_${counter++}`;
    ids.set(schema, id);
    inlineIds.set(schema, id);
  }

  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of ids) registry.add(schema, { id });
  // One object serves as the registry to emit and as the metadata source: global metadata minus
  // any foreign `id`, plus the names given here.
  const view = registry as unknown as { get(schema: z.ZodType): Record<string, unknown> | undefined };
  view.get = (schema) => {
    const global = z.globalRegistry.get(schema) as Record<string, unknown> | undefined;
    const id = ids.get(schema);
    if (!global && id === undefined) return undefined;
    const meta: Record<string, unknown> = { ...global };
    delete meta.id;
    if (id !== undefined) meta.id = id;
    return meta;
  };

  const result = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    metadata: registry,
    uri: (id) => `${SCHEMA_REF}${id}`,
    override: ({ zodSchema, jsonSchema }) => {
      const def = zodSchema._zod.def as { type: string; catchall?: unknown };
      if (io === 'output' && def.type === 'object' && def.catchall === undefined) {
        delete jsonSchema.additionalProperties;
      }
      if (jsonSchema.type === 'integer') {
        if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
        if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
      }
    },
  });

  const emitted = result.schemas as Record<string, JsonObject>;
  if ('__shared' in emitted) {
    throw new Error("a schema is recursive or otherwise needs a shared definition: name it in the definition's components");
  }
  const clean = (json: JsonObject): JsonObject => {
    const { $schema: _schema, $id: _id, ...rest } = json;
    compactNullables(rest);
    return rest;
  };
  const named = new Map<string, JsonObject>();
  for (const [schema, name] of components) named.set(name, clean(emitted[name]));
  const inline = new Map<z.ZodType, JsonObject>();
  for (const [schema, id] of inlineIds) inline.set(schema, clean(emitted[id]));
  for (const [schema, name] of components) inline.set(schema, { $ref: `${SCHEMA_REF}${name}` });
  return { named, inline };
}

/**
 * Rewrites zod's `anyOf: [{type: "string", enum: [...]}, {type: "null"}]` as
 * `type: ["string", "null"], enum: [..., null]`: the 3.1 way to say nullable, which readers and
 * mock servers render better. A nullable `$ref` (or anything more complex) keeps its `anyOf`.
 */
export function compactNullables(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) compactNullables(item);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const object = node as JsonObject;
  for (const value of Object.values(object)) compactNullables(value);
  const branches = object.anyOf;
  if (!Array.isArray(branches) || branches.length !== 2 || 'type' in object) return;
  const nullIndex = branches.findIndex((b) => JSON.stringify(b) === '{"type":"null"}');
  if (nullIndex === -1) return;
  const other = branches[1 - nullIndex] as JsonObject;
  if (typeof other.type !== 'string' || ['$ref', 'anyOf', 'oneOf', 'allOf', 'const'].some((k) => k in other)) return;
  if (Object.keys(other).some((key) => key in object && key !== 'anyOf')) return;
  delete object.anyOf;
  Object.assign(object, other, { type: [other.type, 'null'] });
  if (Array.isArray(other.enum)) object.enum = [...other.enum, null];
}

/** Calls `visit` on every `$ref` string in `node`, replacing it with what `visit` returns. */
export function rewriteRefs(node: unknown, visit: (ref: string) => string): void {
  if (Array.isArray(node)) {
    for (const item of node) rewriteRefs(item, visit);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const object = node as JsonObject;
  for (const [key, value] of Object.entries(object)) {
    if (key === '$ref' && typeof value === 'string') object.$ref = visit(value);
    else rewriteRefs(value, visit);
  }
}

/** The component names `node` references directly. */
export function schemaRefs(node: unknown): Set<string> {
  const names = new Set<string>();
  rewriteRefs(node, (ref) => {
    if (ref.startsWith(SCHEMA_REF)) names.add(ref.slice(SCHEMA_REF.length));
    return ref;
  });
  return names;
}

/**
 * Merges the output and input conversions of the same components. A component whose two forms
 * match (or that only one direction uses) keeps its name; one whose forms differ, or that
 * references such a component, gets its input form as `<name>Input`, and the input conversion's
 * `$ref`s are rewritten to match. Returns the rename applied to the input side.
 */
export function mergeDirections(
  output: Conversion,
  input: Conversion,
): {
  schemas: Map<string, JsonObject>;
  inputName: (name: string) => string;
} {
  const differs = new Set<string>();
  for (const [name, json] of output.named) {
    if (JSON.stringify(json) !== JSON.stringify(input.named.get(name))) differs.add(name);
  }
  // A component is only as equal as what it refers to.
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, json] of input.named) {
      if (differs.has(name)) continue;
      if ([...schemaRefs(json)].some((ref) => differs.has(ref))) {
        differs.add(name);
        grew = true;
      }
    }
  }
  const inputName = (name: string) => (differs.has(name) ? `${name}Input` : name);
  const rename = (ref: string) => (ref.startsWith(SCHEMA_REF) ? `${SCHEMA_REF}${inputName(ref.slice(SCHEMA_REF.length))}` : ref);
  for (const json of input.named.values()) rewriteRefs(json, rename);
  for (const json of input.inline.values()) rewriteRefs(json, rename);

  const schemas = new Map(output.named);
  for (const name of differs) {
    const renamed = inputName(name);
    if (output.named.has(renamed)) throw new Error(`component "${renamed}" clashes with the input form of "${name}"`);
    schemas.set(renamed, input.named.get(name)!);
  }
  return { schemas, inputName };
}
