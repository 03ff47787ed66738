import { ROUTE_LINES } from '../../../contracts/pelcro/routes';
import type { ProviderModule } from '../../core/provider';
import { customerHandlers } from './customers/handlers';
import { mountRouter } from './router';
import { pelcroSandboxes } from './sandbox';

/** Pelcro's Core API (a Laravel application): the customer endpoints, at their real paths. */
export const pelcro: ProviderModule = {
  name: 'pelcro',
  title: 'Pelcro',
  routes: ROUTE_LINES,
  curlExample: (base) => `curl -H 'Authorization: Bearer demo' '${base}/api/v1/core/customers?site_id=1'`,
  mount(app, options) {
    const sandboxes = pelcroSandboxes(options);
    mountRouter(app, options, customerHandlers(sandboxes));
    return { reset: () => sandboxes.reset(), sandboxCount: () => sandboxes.count() };
  },
};
