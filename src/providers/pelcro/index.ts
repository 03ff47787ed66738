import type { ProviderModule } from '../../core/provider';

// Placeholder until the Pelcro provider lands.
export const pelcro: ProviderModule = {
  name: 'pelcro',
  title: 'Pelcro',
  routes: [],
  curlExample: (base) => `curl -H 'Authorization: Bearer demo' '${base}/api/v1/core/customers?site_id=1'`,
  mount() {},
};
