import type { ProviderModule } from '../../core/provider';

// Placeholder until the Piriod provider lands.
export const piriod: ProviderModule = {
  name: 'piriod',
  title: 'Piriod',
  routes: [],
  curlExample: (base) => `curl -H 'Authorization: Token demo' ${base}/customers/`,
  mount() {},
};
