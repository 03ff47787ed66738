/**
 * What the Pelcro API definition's files share: an operation from its declared route, the common
 * responses and the body description.
 */
import type { OperationDefinition, ResponseDefinition } from '../definition';
import { routeOf, type OperationId, type RouteMethod } from './routes';
import { MessageError, ValidationError } from './schemas';

const METHODS: Record<RouteMethod, OperationDefinition['method']> = {
  GET: 'get',
  POST: 'post',
  PUT: 'put',
  PATCH: 'patch',
  DELETE: 'delete',
};

type Documented = Omit<OperationDefinition, 'operationId' | 'method' | 'path' | 'tags'>;

/** An operation: its id, method and path from its declared route, in `tag` (Customers by default). */
export function operation(operationId: OperationId, documented: Documented, tag = 'Customers'): OperationDefinition {
  const route = routeOf(operationId);
  return { operationId, method: METHODS[route.method], path: route.path, tags: [tag], ...documented };
}

export const BODY =
  'JSON (a form body is read the same way, as Laravel reads both into one input). A body that is not ' +
  'a JSON object is read as empty: Laravel raises no parse error.';

export const responses = {
  badRequest: {
    description: "Invalid input: every failing field with its Laravel validation messages (Pelcro answers 400, not Laravel's stock 422).",
    schema: ValidationError,
  },
  unauthenticated: { description: 'Missing or unknown API key.', schema: MessageError },
  // REFERENCE: "403 key not allowed". The mock never answers it (any key may use any site), but a
  // real deployment may, and a contract run against it must not call that drift.
  forbidden: { description: 'The API key is not allowed to do this.', schema: MessageError },
  notFound: { description: 'No customer with this id on this site.', schema: MessageError },
  tooLarge: { description: 'The request body is larger than the server accepts.', schema: MessageError },
} satisfies Record<string, ResponseDefinition>;

/** What every call may answer: Pelcro validates site_id on each one, and checks the API key. */
export const refusals = { 400: responses.badRequest, 401: responses.unauthenticated, 403: responses.forbidden };
