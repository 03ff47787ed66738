/**
 * Which sandbox a request gets, and what is in one. A sandbox is named by the token, the workspace
 * and Piriod's test mode (the official client's X-Piriod-Test-Mode is a world of its own); each
 * sees the seeded customers, built once per app on first use and shared copy-on-write, plus its
 * own writes, with its own clock and id generator.
 */
import { createClock, type Clock } from '../../core/clock';
import { frozenMicros, type AppOptions } from '../../core/options';
import { createRng } from '../../core/random';
import { SandboxRegistry } from '../../core/table';
import { CustomerStore, SeededCustomers } from './customers/store';
import { generateCustomers } from './seed';
import { fixtureRecords, parseFixtures } from './seed/fixtures';

export interface PiriodSandbox {
  readonly customers: CustomerStore;
  readonly clock: Clock;
}

export interface SandboxKey {
  token: string;
  workspace: string | undefined;
  testMode: boolean;
}

export interface PiriodSandboxes {
  sandboxFor(key: SandboxKey): PiriodSandbox;
  reset(): void;
  count(): number;
}

export function createSandboxes(options: AppOptions): PiriodSandboxes {
  // Fixtures are checked now, so a bad scenario fails at start; records are built on first use.
  const fixtures = parseFixtures(options.scenario.piriod.fixtures);
  let seeded: SeededCustomers | undefined;
  const seededCustomers = (): SeededCustomers => {
    if (!seeded) {
      // Generated records are checked by the Customer schema as each is first rendered (never
      // served unchecked), and all of a large scenario for several seeds in test/piriod/seed.test.ts:
      // checking 100,000 at start cost more than a second and added nothing the test does not.
      const generated = generateCustomers(options.seed, options.scenario.piriod.customers);
      const taken = new Set(generated.map((r) => r.id));
      seeded = new SeededCustomers([...generated, ...fixtureRecords(fixtures, options.seed, taken, generated.length)]);
    }
    return seeded;
  };
  const frozen = frozenMicros(options);
  const registry = new SandboxRegistry<PiriodSandbox>(
    (name, quota) => ({
      customers: new CustomerStore(seededCustomers(), createRng(`${options.seed}:${name}`), quota),
      clock: createClock(frozen),
    }),
    options.limits,
  );
  return {
    sandboxFor: ({ token, workspace, testMode }) => registry.get(`${token}\n${workspace ?? ''}${testMode ? '\ntest' : ''}`),
    reset: () => registry.reset(),
    count: () => registry.keys().length,
  };
}
