/**
 * The Pelcro contract suite: judges any Pelcro Core API deployment (the real API, or a mock of it)
 * against the schemas in ./schemas and the API's documented behaviour. Imports nothing from the mock.
 *
 * Every call names its site (`site_id`, in the query, and in the body of writes) and sends the API
 * key as `Authorization: Bearer …`. The full mode creates a recognisable customer (name, email and
 * metadata `understudy_contract`) and deletes it again, at the latest when the run ends.
 */
import { refusalWith } from '../check/credentials';
import type { RunOptions, Suite } from '../check/runner';
import { BASE_PATH } from './schemas';
import type { PelcroState } from './suite/api';
import { errorChecks } from './suite/errors';
import { expandChecks } from './suite/expand';
import { filterChecks } from './suite/filters';
import { listChecks } from './suite/lists';
import { cleanup, createCheck } from './suite/records';
import { resourceChecks } from './suite/resources';
import { schemaChecks } from './suite/schema-checks';
import { sdkChecks, sdkDeletedCheck } from './suite/sdk';
import { sortChecks } from './suite/sorting';
import { writeChecks } from './suite/writes';

export const pelcroSuite: Suite<PelcroState> = {
  provider: 'pelcro',
  title: 'Pelcro',
  validate(options: RunOptions) {
    if (!options.token) return 'Pelcro needs --token (an API key)';
    if (options.siteId === undefined) return 'Pelcro needs --site-id: every Core API call is scoped to a site';
    if (!Number.isSafeInteger(options.siteId) || options.siteId < 1) return '--site-id must be a whole number from 1';
    return undefined;
  },
  // The documented root is https://www.pelcro.com/api/v1/core; a bare origin (the mock's
  // http://localhost:4010) gets that path.
  apiRoot(baseUrl) {
    if (baseUrl.pathname !== '/' && baseUrl.pathname !== '') return baseUrl;
    return new URL(BASE_PATH, baseUrl);
  },
  headers: (options) => ({ Authorization: `Bearer ${options.token}` }),
  // Laravel's AuthenticationException (401 "Unauthenticated.") and a key not allowed on the site
  // (403) answer {"message": "…"}.
  credentials: { refused: refusalWith('message'), flags: '--token and --site-id', scheme: 'Bearer' },
  initialState: () => ({ undeleted: new Set() }),
  checks: [
    ...schemaChecks,
    createCheck,
    ...listChecks,
    ...sortChecks,
    ...filterChecks,
    ...expandChecks,
    ...errorChecks,
    ...resourceChecks,
    ...sdkChecks,
    ...writeChecks,
    sdkDeletedCheck,
  ],
  cleanup,
};
