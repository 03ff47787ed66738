/**
 * Pelcro's Core API customer contract: the one definition the mock validates with, the OpenAPI
 * document is generated from and contract suites check a deployment against. Nothing here imports
 * from src/.
 */
export * from './responses';
export * from './requests';
export { LANGUAGE_CODES, type LanguageCode } from './languages';
export { TIMEZONES, type Timezone } from './timezones';
export { laravel, attributeName, PAGINATION_LABELS } from './laravel';

/** The Core API's base path and the customer routes, as `METHOD path`. */
export const BASE_PATH = '/api/v1/core';
export const CUSTOMER_ROUTES = [
  'GET /api/v1/core/customers',
  'POST /api/v1/core/customers',
  'GET /api/v1/core/customers/{id}',
  'PUT /api/v1/core/customers/{id}',
  'DELETE /api/v1/core/customers/{id}',
] as const;
