/**
 * The shape of a provider's API as data: its operations, each with the Zod schemas of its
 * parameters, request body and responses. `contracts/openapi/generate.ts` turns a definition into an
 * OpenAPI 3.1 document; nothing here knows about the mock (contracts/ never imports src/).
 */
import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** An HTTP method as a provider's routes declare it. */
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A declared route: each provider's `routes.ts` lists its own, the router and the definition read them. */
export interface DeclaredRoute {
  readonly operationId: string;
  readonly method: RouteMethod;
  /** The path pattern: `{name}` marks a path parameter. */
  readonly path: string;
}

/** The declared route of an operation, among a provider's routes. */
export function routeOf<Id extends string>(routes: readonly DeclaredRoute[], operationId: Id): DeclaredRoute {
  return routes.find((route) => route.operationId === operationId)!;
}

/** A plain OpenAPI Security Scheme Object (apiKey, http bearer …). */
export type SecurityScheme =
  | { type: 'apiKey'; name: string; in: 'header' | 'query' | 'cookie'; description?: string }
  | { type: 'http'; scheme: string; bearerFormat?: string; description?: string };

/** Which schemes authorize an operation: every entry is one alternative (OpenAPI `security`). */
export type SecurityRequirement = Record<string, string[]>;

export interface ResponseDefinition {
  description: string;
  /**
   * The JSON body: one schema, or a list of alternatives rendered as `oneOf` (Piriod's 400 is either
   * DRF field errors or a `{detail}`). Omitted for a response without a body.
   */
  schema?: z.ZodType | readonly z.ZodType[];
  /** Response headers by name, e.g. `Allow` on a 405. */
  headers?: Record<string, { description: string; schema: z.ZodType }>;
}

export interface RequestBodyDefinition {
  schema: z.ZodType;
  description?: string;
  /** Defaults to `application/json`. */
  contentType?: string;
  /** Defaults to true. */
  required?: boolean;
}

/**
 * Parameters come as Zod objects whose keys are the parameter names (`page`, `country__in`,
 * `filter[email]`, `X-Simple-Workspace` …): one property becomes one OpenAPI parameter, required
 * unless optional in the object, described by the property's `.describe()` text.
 */
export interface ParametersDefinition {
  path?: z.ZodObject;
  query?: z.ZodObject;
  header?: z.ZodObject;
}

export interface OperationDefinition {
  operationId: string;
  method: HttpMethod;
  /** An OpenAPI path template relative to the server, e.g. `/customers/{id}/`. */
  path: string;
  summary: string;
  description?: string;
  tags?: readonly string[];
  parameters?: ParametersDefinition;
  requestBody?: RequestBodyDefinition;
  /** Every status the operation answers with, keyed by status code. */
  responses: Record<number, ResponseDefinition>;
  /** Overrides the document's default security; `[]` marks an operation that needs no credentials. */
  security?: SecurityRequirement[];
}

export interface ApiDefinition {
  info: { title: string; version: string; description?: string };
  servers: readonly { url: string; description?: string }[];
  tags?: readonly { name: string; description?: string }[];
  securitySchemes: Record<string, SecurityScheme>;
  /** The default security of every operation. */
  security: SecurityRequirement[];
  /**
   * Named schemas: each becomes `components.schemas.<name>` and every use of the same Zod schema
   * object, at any depth, becomes a `$ref` to it. A schema whose request (input) form differs from
   * its response (output) form is emitted twice, the request form as `<name>Input`.
   */
  components: Record<string, z.ZodType>;
  /**
   * Reusable responses for statuses that belong to no documented operation (e.g. Piriod's 405 for
   * an undocumented method), emitted under `components.responses`.
   */
  sharedResponses?: Record<string, ResponseDefinition>;
  operations: readonly OperationDefinition[];
}

/** One named example: a value, and a line saying what it shows. */
export interface Example {
  summary: string;
  value: unknown;
}

/**
 * Examples for one operation, gathered outside contracts/ (from the seeded mock) and handed to the
 * generator, so the definition stays free of data.
 */
export interface OperationExamples {
  /** Parameter name → example value (path, query or header). */
  parameters?: Record<string, unknown>;
  requestBody?: Record<string, Example>;
  /** Status → examples of that response's body. */
  responses?: Record<number, Record<string, Example>>;
}

/** Examples by operationId, plus examples for `sharedResponses` by their name. */
export interface ApiExamples {
  operations?: Record<string, OperationExamples>;
  sharedResponses?: Record<string, Record<string, Example>>;
}
