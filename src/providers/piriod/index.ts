import type { ProviderModule } from '../../core/provider';
import { ROUTES } from '../../../contracts/piriod/routes';
import { mountPiriod } from './router';

/** Piriod (Chilean billing, Django REST Framework): its customer endpoints at their real paths. */
export const piriod: ProviderModule = {
  name: 'piriod',
  title: 'Piriod',
  routes: ROUTES.map((route) => `${route.method} ${route.path}`),
  curlExample: (base, options) => {
    const token = options.tokens?.[0] ?? 'demo';
    const workspace = options.tokenWorkspaces?.get(token)?.values().next().value ?? (options.requireWorkspace ? 'acc_demo' : undefined);
    const header = workspace === undefined ? '' : ` -H 'X-Simple-Workspace: ${workspace}'`;
    return `curl -H 'Authorization: Token ${token}'${header} '${base}/customers/?country__name=Chile&ordering=-created&page_size=5'`;
  },
  mount: mountPiriod,
};
