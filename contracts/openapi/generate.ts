/**
 * Builds an OpenAPI 3.1 document from an ApiDefinition (Zod schemas) and examples. Pure and
 * deterministic: the same definition and examples give the same bytes, so the committed documents
 * can be checked for freshness by regenerating them.
 */
import type { z } from 'zod';
import type { ApiDefinition, ApiExamples, Example, OperationDefinition, OperationExamples, ResponseDefinition } from '../definition';
import { SCHEMA_REF, convertSchemas, mergeDirections, rewriteRefs, schemaRefs, type JsonObject } from './json-schema';

export type { JsonObject } from './json-schema';

export const OPENAPI_VERSION = '3.1.0';
const JSON_MEDIA_TYPE = 'application/json';
const COMPONENT_NAME = /^[a-zA-Z0-9._-]+$/;

/** The one way a document is written to disk, printed and served. */
export function serializeDocument(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

function alternatives(schema: ResponseDefinition['schema']): readonly z.ZodType[] {
  if (schema === undefined) return [];
  return Array.isArray(schema) ? schema : [schema as z.ZodType];
}

function parameterObjects(op: OperationDefinition) {
  const params = op.parameters ?? {};
  return (['path', 'query', 'header'] as const).flatMap((location) => {
    const schema = params[location];
    return schema ? [{ location, schema }] : [];
  });
}

/** Mistakes in a definition or its examples fail here, loudly, rather than as a subtly wrong document. */
function check(definition: ApiDefinition, examples: ApiExamples): void {
  const fail = (message: string): never => {
    throw new Error(`${definition.info.title} OpenAPI definition: ${message}`);
  };
  for (const name of Object.keys(definition.components)) {
    if (!COMPONENT_NAME.test(name)) fail(`component name "${name}" is not allowed by OpenAPI`);
  }
  const byId = new Map<string, OperationDefinition>();
  const routes = new Set<string>();
  for (const op of definition.operations) {
    if (byId.has(op.operationId)) fail(`operationId "${op.operationId}" is used twice`);
    byId.set(op.operationId, op);
    const route = `${op.method.toUpperCase()} ${op.path}`;
    if (routes.has(route)) fail(`${route} is defined twice`);
    routes.add(route);
    const templated = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    const declared = Object.keys(op.parameters?.path?.shape ?? {}).sort();
    if (templated.join() !== declared.join()) {
      fail(`${route} templates {${templated.join('}, {')}} but declares path parameters [${declared.join(', ')}]`);
    }
    for (const [name, field] of Object.entries(op.parameters?.path?.shape ?? {})) {
      if ((field as z.ZodType)._zod.optin === 'optional') fail(`${route}: path parameter "${name}" must be required`);
    }
    if (Object.keys(op.responses).length === 0) fail(`${route} documents no response`);
  }
  for (const [operationId, opExamples] of Object.entries(examples.operations ?? {})) {
    const op = byId.get(operationId) ?? fail(`examples for unknown operation "${operationId}"`);
    for (const status of Object.keys(opExamples.responses ?? {})) {
      const response = op.responses[Number(status)] ?? fail(`examples for ${operationId} ${status}, which it does not document`);
      if (response.schema === undefined) fail(`examples for ${operationId} ${status}, which has no body`);
    }
    if (opExamples.requestBody && !op.requestBody) fail(`request examples for ${operationId}, which takes no body`);
    const names = new Set(parameterObjects(op).flatMap(({ schema }) => Object.keys(schema.shape)));
    for (const name of Object.keys(opExamples.parameters ?? {})) {
      if (!names.has(name)) fail(`example for unknown parameter "${name}" of ${operationId}`);
    }
  }
  for (const name of Object.keys(examples.sharedResponses ?? {})) {
    if (!definition.sharedResponses?.[name]) fail(`examples for unknown shared response "${name}"`);
  }
}

function examplesObject(examples: Record<string, Example> | undefined): JsonObject | undefined {
  if (!examples || Object.keys(examples).length === 0) return undefined;
  return Object.fromEntries(Object.entries(examples).map(([name, { summary, value }]) => [name, { summary, value }]));
}

/** Drops keys whose value is undefined, so optional parts leave no trace in the JSON. */
function compact(object: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

export function generateOpenApi(definition: ApiDefinition, examples: ApiExamples = {}): JsonObject {
  check(definition, examples);

  const components = new Map<z.ZodType, string>();
  for (const [name, schema] of Object.entries(definition.components)) {
    const existing = components.get(schema);
    if (existing) throw new Error(`the same schema is named both "${existing}" and "${name}"`);
    components.set(schema, name);
  }

  const responses = [
    ...definition.operations.flatMap((op) => Object.values(op.responses)),
    ...Object.values(definition.sharedResponses ?? {}),
  ];
  const outputSchemas = responses.flatMap((response) => [
    ...alternatives(response.schema),
    ...Object.values(response.headers ?? {}).map((header) => header.schema),
  ]);
  const inputSchemas = definition.operations.flatMap((op) => [
    ...parameterObjects(op).map(({ schema }) => schema as z.ZodType),
    ...(op.requestBody ? [op.requestBody.schema] : []),
  ]);
  const output = convertSchemas('output', components, outputSchemas);
  const input = convertSchemas('input', components, inputSchemas);
  const { schemas } = mergeDirections(output, input);

  const resolve = (json: JsonObject): JsonObject => {
    const ref = json.$ref;
    if (typeof ref === 'string' && ref.startsWith(SCHEMA_REF)) return resolve(schemas.get(ref.slice(SCHEMA_REF.length))!);
    return json;
  };

  const response = (definitionOf: ResponseDefinition, examplesOf?: Record<string, Example>): JsonObject => {
    const bodies = alternatives(definitionOf.schema).map((schema) => output.inline.get(schema)!);
    const headers = definitionOf.headers
      ? Object.fromEntries(
          Object.entries(definitionOf.headers).map(([name, header]) => [
            name,
            { description: header.description, schema: output.inline.get(header.schema)! },
          ]),
        )
      : undefined;
    return compact({
      description: definitionOf.description,
      headers,
      content:
        bodies.length === 0
          ? undefined
          : {
              [JSON_MEDIA_TYPE]: compact({
                schema: bodies.length === 1 ? bodies[0] : { oneOf: bodies },
                examples: examplesObject(examplesOf),
              }),
            },
    });
  };

  const parameters = (op: OperationDefinition, opExamples: OperationExamples): JsonObject[] =>
    parameterObjects(op).flatMap(({ location, schema }) => {
      const json = resolve(input.inline.get(schema)!);
      const properties = (json.properties ?? {}) as Record<string, JsonObject>;
      const required = new Set((json.required ?? []) as string[]);
      return Object.entries(properties).map(([name, property]) => {
        // The description belongs to the parameter; the schema keeps the rest.
        const { description, ...rest } = property;
        return compact({
          name,
          in: location,
          description,
          required: location === 'path' ? true : required.has(name) || undefined,
          schema: rest,
          example: opExamples.parameters?.[name],
        });
      });
    });

  const paths: Record<string, JsonObject> = {};
  for (const op of definition.operations) {
    const opExamples = examples.operations?.[op.operationId] ?? {};
    const params = parameters(op, opExamples);
    const body = op.requestBody;
    paths[op.path] ??= {};
    paths[op.path][op.method] = compact({
      tags: op.tags && op.tags.length > 0 ? [...op.tags] : undefined,
      summary: op.summary,
      description: op.description,
      operationId: op.operationId,
      parameters: params.length > 0 ? params : undefined,
      requestBody: body
        ? compact({
            description: body.description,
            required: body.required ?? true,
            content: {
              [body.contentType ?? JSON_MEDIA_TYPE]: compact({
                schema: input.inline.get(body.schema)!,
                examples: examplesObject(opExamples.requestBody),
              }),
            },
          })
        : undefined,
      responses: Object.fromEntries(
        Object.keys(op.responses)
          .map(Number)
          .sort((a, b) => a - b)
          .map((status) => [String(status), response(op.responses[status], opExamples.responses?.[status])]),
      ),
      security: op.security?.map((requirement) => ({ ...requirement })),
    });
  }

  const sharedResponses = definition.sharedResponses
    ? Object.fromEntries(
        Object.entries(definition.sharedResponses).map(([name, shared]) => [name, response(shared, examples.sharedResponses?.[name])]),
      )
    : undefined;

  return compact({
    openapi: OPENAPI_VERSION,
    info: compact({ ...definition.info }),
    servers: definition.servers.map((server) => compact({ ...server })),
    tags: definition.tags?.map((tag) => compact({ ...tag })),
    security: definition.security.map((requirement) => ({ ...requirement })),
    paths,
    components: compact({
      schemas: usedSchemas(schemas, [paths, sharedResponses]),
      responses: sharedResponses,
      securitySchemes: Object.fromEntries(
        Object.entries(definition.securitySchemes).map(([name, scheme]) => [name, compact({ ...scheme })]),
      ),
    }),
  });
}

/**
 * The components reachable from `roots`, in name order. A component used only as request input
 * under the name `<name>Input` takes back the plain name when the output form is not used at all.
 */
function usedSchemas(schemas: Map<string, JsonObject>, roots: unknown[]): Record<string, JsonObject> {
  const used = new Set<string>();
  const queue = roots.flatMap((root) => [...schemaRefs(root)]);
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (used.has(name)) continue;
    used.add(name);
    queue.push(...schemaRefs(schemas.get(name)));
  }
  const renames = new Map<string, string>();
  for (const name of used) {
    const plain = name.endsWith('Input') ? name.slice(0, -'Input'.length) : undefined;
    if (plain && schemas.has(plain) && !used.has(plain)) renames.set(name, plain);
  }
  const rename = (ref: string) => {
    const name = ref.startsWith(SCHEMA_REF) ? ref.slice(SCHEMA_REF.length) : undefined;
    const renamed = name === undefined ? undefined : renames.get(name);
    return renamed === undefined ? ref : `${SCHEMA_REF}${renamed}`;
  };
  const out: Record<string, JsonObject> = {};
  for (const name of [...used].sort()) {
    const json = structuredClone(schemas.get(name)!);
    // Prism's mock answers with a body schema's own top-level `examples` ahead of the response's
    // examples, so one example of a shared schema (DetailError's 401 text) would answer for every
    // status. The operations carry examples drawn from the seeded data instead; property-level
    // examples stay.
    delete json.examples;
    rewriteRefs(json, rename);
    out[renames.get(name) ?? name] = json;
  }
  for (const root of roots) rewriteRefs(root, rename);
  // Renaming may have changed the order: sort by final name.
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
