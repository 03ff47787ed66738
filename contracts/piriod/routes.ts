/**
 * The declared routes of Piriod's resources, once: the mock's router resolves paths with them, the
 * provider lists them, the API definition (and so the OpenAPI document and the suites) documents
 * them. Paths end with a slash, as DRF's router writes them; `{id}` is DRF's default lookup.
 */

export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface DeclaredRoute {
  readonly operationId: string;
  readonly method: RouteMethod;
  /** The path pattern: `{name}` marks a path parameter. */
  readonly path: string;
}

export const ROUTES = [
  { operationId: 'listCustomers', method: 'GET', path: '/customers/' },
  { operationId: 'createCustomer', method: 'POST', path: '/customers/' },
  { operationId: 'getCustomer', method: 'GET', path: '/customers/{id}/' },
  { operationId: 'updateCustomer', method: 'PUT', path: '/customers/{id}/' },
  { operationId: 'partialUpdateCustomer', method: 'PATCH', path: '/customers/{id}/' },
] as const satisfies readonly DeclaredRoute[];

export type OperationId = (typeof ROUTES)[number]['operationId'];

/** The declared route of an operation. */
export function routeOf(operationId: OperationId): DeclaredRoute {
  return ROUTES.find((route) => route.operationId === operationId)!;
}

/** The paths of the declared routes, each once, in declaration order. */
export const ROUTE_PATHS: readonly string[] = [...new Set(ROUTES.map((route) => route.path))];
