import type { ProviderModule } from '../../core/provider';
import { mountPiriod } from './router';

/** Piriod (Chilean billing, Django REST Framework): its customer endpoints at their real paths. */
export const piriod: ProviderModule = {
  name: 'piriod',
  title: 'Piriod',
  routes: [
    'GET   /customers/',
    'POST  /customers/',
    'GET   /customers/{id}/',
    'PUT   /customers/{id}/',
    'PATCH /customers/{id}/',
  ],
  curlExample: (base) => `curl -H 'Authorization: Token demo' '${base}/customers/?country__name=Chile&ordering=-created&page_size=5'`,
  mount: mountPiriod,
};
