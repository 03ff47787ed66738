import type { ProviderModule } from '../../core/provider';
import { ROUTES } from '../../../contracts/piriod/routes';
import { mountPiriod } from './router';

/** Piriod (Chilean billing, Django REST Framework): its customer endpoints at their real paths. */
export const piriod: ProviderModule = {
  name: 'piriod',
  title: 'Piriod',
  routes: ROUTES.map((route) => `${route.method.padEnd(5)} ${route.path}`),
  curlExample: (base) => `curl -H 'Authorization: Token demo' '${base}/customers/?country__name=Chile&ordering=-created&page_size=5'`,
  mount: mountPiriod,
};
