import { ROUTES } from '../../../contracts/pelcro/routes';
import type { ProviderModule } from '../../core/provider';
import { defaultOpenApiKey } from './auth';
import { mountPelcro } from './router';
import { DEMO_PASSWORD } from './seed/vocabulary';

/** Pelcro's Core API and Open API (a Laravel application): the customer endpoints, at their real paths. */
export const pelcro: ProviderModule = {
  name: 'pelcro',
  title: 'Pelcro',
  routes: ROUTES.map((route) => `${route.method} ${route.path}`),
  // The key a frontend's calls reach, so the line shows what the frontend changes (if --tokens accepts it).
  curlExample: (base, options) => {
    const openApiKey = defaultOpenApiKey(options);
    const key = options.tokens && !options.tokens.includes(openApiKey) ? options.tokens[0] : openApiKey;
    return `curl -H 'Authorization: Bearer ${key}' '${base}/api/v1/core/customers?site_id=1&expand=subscriptions,defaultSource'`;
  },
  notes: (options) => [
    `Open API (frontends): the sandbox of API key "${defaultOpenApiKey(options)}"; seeded customers with a password sign in with "${DEMO_PASSWORD}"`,
    `  POST /api/v1/sdk/auth/login?site_id=1 {"email": …, "password": "${DEMO_PASSWORD}"}`,
  ],
  mount: mountPelcro,
};
