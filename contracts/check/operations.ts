/**
 * The suites' view of an operation, taken from the provider's API definition (the same data the
 * OpenAPI document is generated from), so the statuses a suite accepts are the documented ones
 * and nothing is written twice. A suite may tighten a response's schema for one request (Pelcro's
 * body depends on `expand`).
 */
import { z } from 'zod';
import type { ApiDefinition, ResponseDefinition } from '../definition';
import type { Operation } from './runner';

function bodySchema(response: ResponseDefinition): z.ZodType | null {
  const { schema } = response;
  if (schema === undefined) return null;
  if (Array.isArray(schema)) return schema.length === 1 ? schema[0] : z.union(schema as [z.ZodType, z.ZodType, ...z.ZodType[]]);
  return schema as z.ZodType;
}

/** The operation `operationId` of `api`, with `overrides` replacing the schemas of some statuses. */
export function operationOf(api: ApiDefinition, operationId: string, overrides: Record<number, z.ZodType | null> = {}): Operation {
  const def = api.operations.find((op) => op.operationId === operationId);
  if (!def) throw new Error(`the API definition has no operation "${operationId}"`);
  const responses: Record<number, z.ZodType | null> = {};
  for (const [status, response] of Object.entries(def.responses)) responses[Number(status)] = bodySchema(response);
  for (const [status, schema] of Object.entries(overrides)) {
    if (!(Number(status) in responses)) throw new Error(`${operationId} documents no ${status} to override`);
    responses[Number(status)] = schema;
  }
  return { id: operationId, method: def.method.toUpperCase(), route: def.path, responses };
}

/**
 * A verb the API does not offer on a documented path: it may answer only the shared response
 * `name` (a 405) or the authentication failure of `authOf`.
 */
export function notAllowedOf(api: ApiDefinition, method: string, route: string, shared: string, status: number, authOf: string): Operation {
  const response = api.sharedResponses?.[shared];
  if (!response) throw new Error(`the API definition has no shared response "${shared}"`);
  const auth = operationOf(api, authOf).responses[401];
  return { id: `${method.toLowerCase()} (not allowed)`, method, route, responses: { 401: auth ?? null, [status]: bodySchema(response) } };
}

/** The documented success status of an operation (its lowest 2xx). */
export function successOf(op: Operation): number {
  const status = Object.keys(op.responses)
    .map(Number)
    .filter((s) => s >= 200 && s < 300)
    .sort((a, b) => a - b)[0];
  if (status === undefined) throw new Error(`${op.id} documents no success status`);
  return status;
}
