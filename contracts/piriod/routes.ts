/**
 * The declared routes of Piriod's resources, once: the mock's router resolves paths with them, the
 * provider lists them, the API definition (and so the OpenAPI document and the suites) documents
 * them. Paths end with a slash, as DRF's router writes them; `{id}` is DRF's default lookup.
 */
import { type DeclaredRoute, routeOf as routeIn } from '../definition';

export type { DeclaredRoute, RouteMethod } from '../definition';

export const ROUTES = [
  { operationId: 'listCustomers', method: 'GET', path: '/customers/' },
  { operationId: 'createCustomer', method: 'POST', path: '/customers/' },
  { operationId: 'getCustomer', method: 'GET', path: '/customers/{id}/' },
  { operationId: 'updateCustomer', method: 'PUT', path: '/customers/{id}/' },
  { operationId: 'partialUpdateCustomer', method: 'PATCH', path: '/customers/{id}/' },
  { operationId: 'deleteCustomer', method: 'DELETE', path: '/customers/{id}/' },
  { operationId: 'listContacts', method: 'GET', path: '/contacts/' },
  { operationId: 'createContact', method: 'POST', path: '/contacts/' },
  { operationId: 'getContact', method: 'GET', path: '/contacts/{id}/' },
  { operationId: 'updateContact', method: 'PUT', path: '/contacts/{id}/' },
  { operationId: 'partialUpdateContact', method: 'PATCH', path: '/contacts/{id}/' },
  { operationId: 'deleteContact', method: 'DELETE', path: '/contacts/{id}/' },
  { operationId: 'listSources', method: 'GET', path: '/sources/' },
  { operationId: 'getSource', method: 'GET', path: '/sources/{id}/' },
] as const satisfies readonly DeclaredRoute[];

export type OperationId = (typeof ROUTES)[number]['operationId'];

/** The declared route of an operation. */
export const routeOf = (operationId: OperationId): DeclaredRoute => routeIn(ROUTES, operationId);

/** The paths of the declared routes, each once, in declaration order. */
export const ROUTE_PATHS: readonly string[] = [...new Set(ROUTES.map((route) => route.path))];
