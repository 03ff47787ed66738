/**
 * The declared routes of Pelcro's Core API, once: the mock's router matches paths with them, the
 * provider lists them, the API definition (and so the OpenAPI document and the suites) documents
 * them. Laravel registers them in this order, which is the order a 405 and an OPTIONS answer list
 * the methods in.
 */
import { type DeclaredRoute, routeOf as routeIn } from '../definition';

export type { DeclaredRoute, RouteMethod } from '../definition';

/** The Core API's base path. */
export const BASE_PATH = '/api/v1/core';

export const ROUTES = [
  { operationId: 'listCustomers', method: 'GET', path: `${BASE_PATH}/customers` },
  { operationId: 'createCustomer', method: 'POST', path: `${BASE_PATH}/customers` },
  { operationId: 'getCustomer', method: 'GET', path: `${BASE_PATH}/customers/{id}` },
  { operationId: 'updateCustomer', method: 'PUT', path: `${BASE_PATH}/customers/{id}` },
  { operationId: 'deleteCustomer', method: 'DELETE', path: `${BASE_PATH}/customers/{id}` },
] as const satisfies readonly DeclaredRoute[];

export type OperationId = (typeof ROUTES)[number]['operationId'];

/** The declared route of an operation. */
export const routeOf = (operationId: OperationId): DeclaredRoute => routeIn(ROUTES, operationId);
