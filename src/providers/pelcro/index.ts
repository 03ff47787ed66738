import { ROUTES } from '../../../contracts/pelcro/routes';
import type { ProviderModule } from '../../core/provider';
import { mountPelcro } from './router';

/** Pelcro's Core API (a Laravel application): the customer endpoints, at their real paths. */
export const pelcro: ProviderModule = {
  name: 'pelcro',
  title: 'Pelcro',
  routes: ROUTES.map((route) => `${route.method} ${route.path}`),
  curlExample: (base) => `curl -H 'Authorization: Bearer demo' '${base}/api/v1/core/customers?site_id=1'`,
  mount: mountPelcro,
};
