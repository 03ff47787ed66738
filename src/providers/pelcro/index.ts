import { CUSTOMER_ROUTES } from '../../../contracts/pelcro/schemas';
import type { ProviderModule } from '../../core/provider';
import { mountCustomerRoutes } from './routes';

/** Pelcro's Core API (a Laravel application): the customer endpoints, at their real paths. */
export const pelcro: ProviderModule = {
  name: 'pelcro',
  title: 'Pelcro',
  routes: CUSTOMER_ROUTES,
  curlExample: (base) => `curl -H 'Authorization: Bearer demo' '${base}/api/v1/core/customers?site_id=1'`,
  mount: mountCustomerRoutes,
};
