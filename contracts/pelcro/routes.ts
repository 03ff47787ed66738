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
/** The Open API's base path: what a website's frontend calls, as its customer. */
export const SDK_PATH = '/api/v1/sdk';

export const ROUTES = [
  { operationId: 'listCustomers', method: 'GET', path: `${BASE_PATH}/customers` },
  { operationId: 'createCustomer', method: 'POST', path: `${BASE_PATH}/customers` },
  { operationId: 'getCustomer', method: 'GET', path: `${BASE_PATH}/customers/{id}` },
  { operationId: 'updateCustomer', method: 'PUT', path: `${BASE_PATH}/customers/{id}` },
  { operationId: 'deleteCustomer', method: 'DELETE', path: `${BASE_PATH}/customers/{id}` },
  { operationId: 'listAddresses', method: 'GET', path: `${BASE_PATH}/addresses` },
  { operationId: 'createAddress', method: 'POST', path: `${BASE_PATH}/addresses` },
  { operationId: 'getAddress', method: 'GET', path: `${BASE_PATH}/addresses/{id}` },
  { operationId: 'updateAddress', method: 'PUT', path: `${BASE_PATH}/addresses/{id}` },
  { operationId: 'deleteAddress', method: 'DELETE', path: `${BASE_PATH}/addresses/{id}` },
  { operationId: 'createSource', method: 'POST', path: `${BASE_PATH}/sources` },
  { operationId: 'deleteSource', method: 'DELETE', path: `${BASE_PATH}/sources/{id}` },
  { operationId: 'sdkRegister', method: 'POST', path: `${SDK_PATH}/auth/register` },
  { operationId: 'sdkLogin', method: 'POST', path: `${SDK_PATH}/auth/login` },
  { operationId: 'sdkLogout', method: 'POST', path: `${SDK_PATH}/auth/logout` },
  { operationId: 'sdkGetCustomer', method: 'POST', path: `${SDK_PATH}/customer` },
  { operationId: 'sdkUpdateCustomer', method: 'PUT', path: `${SDK_PATH}/customer` },
  { operationId: 'sdkRefreshToken', method: 'POST', path: `${SDK_PATH}/customer/refresh` },
  { operationId: 'sdkCreateAddress', method: 'POST', path: `${SDK_PATH}/address` },
  { operationId: 'sdkUpdateAddress', method: 'PUT', path: `${SDK_PATH}/address` },
  { operationId: 'sdkListPaymentMethods', method: 'GET', path: `${SDK_PATH}/payment_methods` },
  { operationId: 'sdkCreatePaymentMethod', method: 'POST', path: `${SDK_PATH}/payment_methods` },
  { operationId: 'sdkGetPaymentMethod', method: 'GET', path: `${SDK_PATH}/payment_methods/{id}` },
  { operationId: 'sdkUpdatePaymentMethod', method: 'PUT', path: `${SDK_PATH}/payment_methods/{id}` },
  { operationId: 'sdkDeletePaymentMethod', method: 'DELETE', path: `${SDK_PATH}/payment_methods/{id}` },
] as const satisfies readonly DeclaredRoute[];

export type OperationId = (typeof ROUTES)[number]['operationId'];

/** The Open API's operations that need no customer token; every other one under SDK_PATH does. */
export const SDK_PUBLIC_OPERATIONS: readonly OperationId[] = ['sdkRegister', 'sdkLogin'];

/** Whether an operation belongs to the Open API (customer tokens) rather than the Core API (API key). */
export const isSdkOperation = (operationId: OperationId): boolean => routeOf(operationId).path.startsWith(`${SDK_PATH}/`);

/** The declared route of an operation. */
export const routeOf = (operationId: OperationId): DeclaredRoute => routeIn(ROUTES, operationId);
