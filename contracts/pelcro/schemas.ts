/**
 * Pelcro's Core API customer contract: the one definition the mock validates with, the OpenAPI
 * document is generated from and contract suites check a deployment against. Nothing here imports
 * from src/.
 */
export * from './responses';
export * from './requests';
export { LANGUAGE_CODES, type LanguageCode } from './languages';
export { TIMEZONES, type Timezone } from './timezones';
export { BASE_PATH, SDK_PATH } from './routes';
export { laravel, PAGINATION_LABELS } from './messages';
export { attributeName } from '../../lib/php/validator';
export { ROUTES } from './routes';
export * from './addresses';
export * from './sources';
export * from './sdk';
