/**
 * `--scenario` for the commands: the file found and checked (src/core/scenario-file.ts), then its
 * fixtures tried by the providers themselves, so that a bad fixture stops the command at start
 * with a message naming it (exit 2), never a stack trace at start or a 500 at the first request.
 */
import { buildApp } from '../app';
import { ScenarioError, loadScenarioFile } from '../core/scenario-file';
import type { Scenario } from '../core/scenario';
import { PROVIDER_NAMES, type ProviderName } from '../core/options';
import { UsageError } from './usage';

export const SCENARIO_HELP = `a JSON file, or a NAME looked up as ./seeds/NAME.json, then
                         among the package's own: default (50 customers a provider;
                         the default), empty, large (5,000)`;

/** One request per provider that makes it build its seeded data (providers build it lazily). */
const PROBES: Record<ProviderName, { path: string; headers: Record<string, string> }> = {
  piriod: { path: '/customers/?page_size=1', headers: { Authorization: 'Token scenario-check' } },
  pelcro: { path: '/api/v1/core/customers?site_id=1&limit=1', headers: { Authorization: 'Bearer scenario-check' } },
};

/** Builds the providers' data from the scenario once; whatever they refuse becomes a UsageError. */
export async function checkFixtures(scenario: Scenario, seed?: number): Promise<void> {
  const withFixtures = PROVIDER_NAMES.filter((name) => scenario[name].fixtures.length > 0);
  if (withFixtures.length === 0) return; // generated records are checked by their schemas in the tests
  let app: ReturnType<typeof buildApp>['app'];
  try {
    app = buildApp({ scenario, seed, providers: withFixtures }).app;
  } catch (error) {
    throw new UsageError(`scenario "${scenario.name}": ${(error as Error).message}`);
  }
  for (const name of withFixtures) {
    const probe = PROBES[name];
    const res = await app.request(probe.path, { headers: probe.headers });
    if (res.status >= 500) {
      const body = (await res.json().catch(() => ({}))) as { message?: string };
      const why = (body.message ?? `status ${res.status}`).replace(/^understudy failed to handle this request: /, '');
      throw new UsageError(`scenario "${scenario.name}": ${why}`);
    }
  }
}

/** Reads `--scenario` (a name or a path) for a command: a mistake is a UsageError (exit 2). */
export function loadScenario(ref: string, cwd: string): Scenario {
  try {
    return loadScenarioFile(ref, cwd);
  } catch (error) {
    if (error instanceof ScenarioError) throw new UsageError(error.message);
    throw error;
  }
}
