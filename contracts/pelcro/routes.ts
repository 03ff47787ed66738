/**
 * The routes of Pelcro's Core API, declared once: the mock's router, the OpenAPI definition
 * (./api.ts), the start banner and the contract suites all derive from this list. Laravel
 * registers them in this order, which is the order a 405 and an OPTIONS answer list the methods in.
 */
import type { HttpMethod } from '../definition';

/** The Core API's base path. */
export const BASE_PATH = '/api/v1/core';

export interface RouteDefinition {
  operationId: string;
  method: HttpMethod;
  /** A path template with `{name}` parameters, as OpenAPI writes it. */
  path: string;
}

const CUSTOMERS = `${BASE_PATH}/customers`;
const CUSTOMER = `${BASE_PATH}/customers/{id}`;

export const ROUTES = {
  listCustomers: { operationId: 'listCustomers', method: 'get', path: CUSTOMERS },
  createCustomer: { operationId: 'createCustomer', method: 'post', path: CUSTOMERS },
  getCustomer: { operationId: 'getCustomer', method: 'get', path: CUSTOMER },
  updateCustomer: { operationId: 'updateCustomer', method: 'put', path: CUSTOMER },
  deleteCustomer: { operationId: 'deleteCustomer', method: 'delete', path: CUSTOMER },
} as const satisfies Record<string, RouteDefinition>;

export type OperationId = keyof typeof ROUTES;

/** Every route as `METHOD /path`, in declaration order (the start banner, the docs). */
export const ROUTE_LINES: readonly string[] = Object.values(ROUTES).map((r) => `${r.method.toUpperCase()} ${r.path}`);
