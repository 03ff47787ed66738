/**
 * The Piriod contract suite: judges any Piriod deployment (the real API, or a mock of it) against
 * the schemas in ./schemas and the API's documented behaviour. Imports nothing from the mock.
 *
 * Credentials are sent as the official client sends them (`Authorization: Token …`, plus
 * `X-Simple-Workspace` when given). The full mode marks everything it writes as test data
 * (`X-Piriod-Test-Mode: true`, a recognisable name, email and metadata) and deletes its customer
 * last (DELETE, which the newest reference documents); what it could not delete is listed as left
 * behind. The read-only mode never deletes.
 */
import { refusalWith } from '../check/credentials';
import type { RunOptions, Suite } from '../check/runner';
import type { PiriodState } from './suite/api';
import { errorChecks } from './suite/errors';
import { filterChecks } from './suite/filters';
import { listChecks } from './suite/lists';
import { orderingChecks } from './suite/ordering';
import { deletionChecks } from './suite/deletion';
import { createCheck } from './suite/records';
import { contactAndSourceChecks } from './suite/resources';
import { TEST_MODE, removeStrays, strayLine } from './suite/records';
import { schemaChecks } from './suite/schema-checks';
import { writeChecks } from './suite/writes';

export const piriodSuite: Suite<PiriodState> = {
  provider: 'piriod',
  title: 'Piriod',
  validate(options: RunOptions) {
    if (!options.token) return 'Piriod needs --token (an API key)';
    if (/\s/.test(options.token)) return '--token must not contain spaces (DRF refuses such a token header)';
    return undefined;
  },
  apiRoot: (baseUrl) => baseUrl,
  headers(options) {
    return {
      Authorization: `Token ${options.token}`,
      ...(options.workspace ? { 'X-Simple-Workspace': options.workspace } : {}),
      // Full mode reads and writes in test mode, so it only ever sees and touches test data.
      ...(options.readOnly ? {} : TEST_MODE),
    };
  },
  // DRF's NotAuthenticated / AuthenticationFailed (401) and PermissionDenied (403, a key not
  // allowed in the workspace) all answer {"detail": "…"}.
  credentials: { refused: refusalWith('detail'), flags: '--token and --workspace', scheme: 'Token' },
  initialState: () => ({ leftovers: [], strays: [] }),
  checks: [
    ...schemaChecks,
    createCheck,
    ...listChecks,
    ...orderingChecks,
    ...filterChecks,
    ...errorChecks,
    ...writeChecks,
    ...contactAndSourceChecks,
    // Last: it deletes the customer every write check works on.
    ...deletionChecks,
  ],
  async cleanup(ctx) {
    // What the deletion check did not delete (it failed, or did not run) stays, marked as test data;
    // so does a record a refused request created whose DELETE fails.
    return [...ctx.state.leftovers, ...(await removeStrays(ctx))];
  },
  // A read-only run deletes nothing: what a request that had to be refused created is listed.
  leftBehind: (ctx) => ctx.state.strays.map((s) => strayLine(s, 'not deleted: --read-only sends no DELETE')),
};
