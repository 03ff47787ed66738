import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ApiDefinition, ApiExamples } from '../../contracts/definition';
import { generateOpenApi, serializeDocument, type JsonObject } from '../../contracts/openapi/generate';
import { fixtureDefinition, fixtureExamples } from './fixture';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- walking untyped JSON
const doc = generateOpenApi(fixtureDefinition, fixtureExamples) as Any;

describe('generateOpenApi on a fixture definition', () => {
  it('writes a document the independent OpenAPI 3.1 validator accepts', async () => {
    const result = await new Validator().validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('gives the same bytes on every run', () => {
    expect(serializeDocument(generateOpenApi(fixtureDefinition, fixtureExamples))).toBe(serializeDocument(doc));
  });

  it('names shared schemas once in components and references them by $ref at any depth', () => {
    expect(doc.paths['/widgets/'].get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/WidgetList',
    });
    expect(doc.components.schemas.WidgetList.properties.results.items).toEqual({ $ref: '#/components/schemas/Widget' });
    expect(doc.components.schemas.Widget.properties.tags.items).toEqual({ $ref: '#/components/schemas/Tag' });
  });

  it('lists components in name order and leaves out $schema and $id', () => {
    const names = Object.keys(doc.components.schemas);
    expect(names).toEqual([...names].sort());
    expect(JSON.stringify(doc.components)).not.toMatch(/"\$schema"|"\$id"|__inline|__shared/);
  });

  it('keeps every $ref resolvable', () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const name = ref.slice('"$ref":"#/components/schemas/'.length, -1);
      expect(doc.components.schemas[name], ref).toBeDefined();
    }
  });

  it('documents a request body in its input form: a field with a default is optional', () => {
    expect(doc.components.schemas.WidgetCreate.required).toEqual(['name']);
    expect(doc.components.schemas.WidgetCreate.properties.colour.default).toBe('red');
  });

  it('leaves additional properties open on responses (a new field breaks no client) but not on strict objects', () => {
    expect(doc.components.schemas.Widget.additionalProperties).toBeUndefined();
    const strict = generateOpenApi({
      ...fixtureDefinition,
      components: {},
      operations: [
        { ...fixtureDefinition.operations[3], responses: { 200: { description: 'OK', schema: z.strictObject({ a: z.string() }) } } },
      ],
    }) as Any;
    expect(strict.paths['/health'].get.responses['200'].content['application/json'].schema.additionalProperties).toBe(false);
  });

  it('writes a nullable enum as a 3.1 type array with null among the values', () => {
    expect(doc.components.schemas.Widget.properties.colour).toEqual({ type: ['string', 'null'], enum: ['red', 'blue', null] });
  });

  it('gives each request schema that differs from its response form an Input twin', () => {
    const Shared = z.object({ n: z.number().default(1) });
    const twin = generateOpenApi({
      ...fixtureDefinition,
      components: { Shared },
      sharedResponses: undefined,
      operations: [
        {
          operationId: 'put',
          method: 'put',
          path: '/x',
          summary: 'Echo',
          requestBody: { schema: z.object({ shared: Shared }) },
          responses: { 200: { description: 'OK', schema: Shared } },
        },
      ],
    }) as Any;
    expect(Object.keys(twin.components.schemas)).toEqual(['Shared', 'SharedInput']);
    expect(twin.components.schemas.Shared.required).toEqual(['n']);
    expect(twin.components.schemas.SharedInput.required).toBeUndefined();
    expect(twin.paths['/x'].put.requestBody.content['application/json'].schema.properties.shared).toEqual({
      $ref: '#/components/schemas/SharedInput',
    });
  });

  it('turns every key of a parameter object into a parameter with its description, enum and requiredness', () => {
    const params = doc.paths['/widgets/'].get.parameters as JsonObject[];
    expect(params.map((p) => `${p.in}:${p.name}`)).toEqual(['query:page', 'query:ordering', 'query:name__icontains', 'header:X-Workspace']);
    expect(params[0]).toEqual({ name: 'page', in: 'query', description: 'Page number, from 1', schema: { type: 'integer', minimum: 1 } });
    expect(params[1].schema).toEqual({ type: 'string', enum: ['name', '-name'] });
    expect(params.every((p) => p.required === undefined)).toBe(true);
    expect(doc.paths['/widgets/{id}/'].delete.parameters[0]).toEqual({
      name: 'id',
      in: 'path',
      description: 'The widget id',
      required: true,
      schema: { type: 'string' },
      example: 'wid_12345678',
    });
  });

  it('renders alternative bodies as oneOf, in status order, with their named examples', () => {
    const responses = doc.paths['/widgets/'].post.responses;
    expect(Object.keys(responses)).toEqual(['201', '400']);
    const bad = responses['400'].content['application/json'];
    expect(bad.schema).toEqual({
      oneOf: [{ $ref: '#/components/schemas/FieldErrors' }, { $ref: '#/components/schemas/Detail' }],
    });
    expect(Object.keys(bad.examples)).toEqual(['fieldErrors', 'parseError']);
    expect(doc.paths['/widgets/'].post.requestBody.content['application/json'].examples.minimal.value).toEqual({ name: 'Sprocket' });
  });

  it('documents a response without a body with no content', () => {
    expect(doc.paths['/widgets/{id}/'].delete.responses['204']).toEqual({ description: 'Deleted' });
  });

  it('carries the security schemes, the default security and a per-operation override', () => {
    expect(doc.security).toEqual([{ token: [] }, { bearer: [] }]);
    expect(doc.components.securitySchemes.token).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization' });
    expect(doc.paths['/health'].get.security).toEqual([]);
    expect(doc.paths['/widgets/'].get.security).toBeUndefined();
  });

  it('emits shared responses with their headers under components.responses', () => {
    expect(doc.components.responses.MethodNotAllowed.headers.Allow.schema).toEqual({ type: 'string' });
    expect(doc.components.responses.MethodNotAllowed.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Detail',
    });
  });

  it("drops a component's top-level examples (Prism would answer every status with them) but keeps its properties' examples", () => {
    expect(doc.components.schemas.Detail.examples).toBeUndefined();
    expect(doc.components.schemas.Detail.properties.detail.examples).toEqual(['Not found.']);
  });

  it('leaves out components nothing references', () => {
    const extra = generateOpenApi({
      ...fixtureDefinition,
      components: { ...fixtureDefinition.components, Unused: z.object({ u: z.string() }) },
    }) as Any;
    expect(extra.components.schemas.Unused).toBeUndefined();
  });
});

describe('generateOpenApi refuses a broken definition', () => {
  const op = fixtureDefinition.operations[2];
  const cases: { name: string; definition?: Partial<ApiDefinition>; examples?: ApiExamples; error: RegExp }[] = [
    {
      name: 'a path template without its path parameter',
      definition: { operations: [{ ...op, parameters: {} }] },
      error: /templates \{id\} but declares path parameters \[\]/,
    },
    {
      name: 'an optional path parameter',
      definition: { operations: [{ ...op, parameters: { path: z.object({ id: z.string().optional() }) } }] },
      error: /path parameter "id" must be required/,
    },
    {
      name: 'a duplicated operationId',
      definition: { operations: [op, { ...op, method: 'get' }] },
      error: /operationId "deleteWidget" is used twice/,
    },
    {
      name: 'a route defined twice',
      definition: { operations: [op, { ...op, operationId: 'other' }] },
      error: /DELETE \/widgets\/\{id\}\/ is defined twice/,
    },
    {
      name: 'a component name OpenAPI does not allow',
      definition: { components: { 'Bad Name': z.string() } },
      error: /component name "Bad Name"/,
    },
    {
      name: 'one schema under two names',
      definition: { components: { A: fixtureDefinition.components.Tag, B: fixtureDefinition.components.Tag } },
      error: /named both "A" and "B"/,
    },
    { name: 'examples for an unknown operation', examples: { operations: { nope: {} } }, error: /unknown operation "nope"/ },
    {
      name: 'examples for an undocumented status',
      examples: { operations: { deleteWidget: { responses: { 500: {} } } } },
      error: /deleteWidget 500, which it does not document/,
    },
    {
      name: 'examples for a response without a body',
      examples: { operations: { deleteWidget: { responses: { 204: {} } } } },
      error: /deleteWidget 204, which has no body/,
    },
    {
      name: 'an example for an unknown parameter',
      examples: { operations: { deleteWidget: { parameters: { nope: 1 } } } },
      error: /unknown parameter "nope" of deleteWidget/,
    },
  ];
  for (const { name, definition, examples, error } of cases) {
    it(`throws for ${name}`, () => {
      expect(() => generateOpenApi({ ...fixtureDefinition, ...definition }, examples)).toThrow(error);
    });
  }
});
