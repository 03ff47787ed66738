/**
 * Which sandbox a request gets, and what is in one. A sandbox is named by the token, the workspace
 * and Piriod's test mode (the official client's X-Piriod-Test-Mode is a world of its own); each
 * sees the seeded customers, contacts and sources, built once per app on first use and shared
 * copy-on-write, plus its own writes, with its own clock and id generator. A token bound to
 * workspaces (`--tokens key@acc_1`) is one user of them: the data belongs to the workspace, so
 * every token bound to it shares one sandbox.
 */
import { createClock, type Clock } from '../../core/clock';
import { frozenMicros, type AppOptions } from '../../core/options';
import { createRng } from '../../core/random';
import { type BaseTable, SandboxRegistry } from '../../core/table';
import { COUNTRIES } from '../../../contracts/piriod/reference';
import { ContactStore, seededContacts, type StoredContact } from './contacts/store';
import { CustomerStore, SeededCustomers } from './customers/store';
import { generateCustomers, type OwnedRecords } from './seed';
import { fixtureRecords, parseFixtures } from './seed/fixtures';
import { SourceStore, seededSources, type StoredSource } from './sources/store';

export interface PiriodSandbox {
  readonly customers: CustomerStore;
  readonly contacts: ContactStore;
  readonly sources: SourceStore;
  readonly clock: Clock;
  /** Opened with `X-Piriod-Test-Mode: true`: what it creates is test data. */
  readonly testMode: boolean;
  /** The workspace's country (the scenario's), which decides whose tax ids are required. */
  readonly accountCountry: string;
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

/** The seeded records of one app, shared by every sandbox. */
interface Seeded {
  customers: SeededCustomers;
  contacts: BaseTable<StoredContact>;
  sources: BaseTable<StoredSource>;
}

/** The scenario's workspace countries, checked at start: a code Piriod does not know stops the command. */
function workspaceCountries(options: AppOptions): (workspace: string | undefined) => string {
  const { country, workspaces } = options.scenario.piriod;
  for (const code of [country, ...Object.values(workspaces).map((w) => w.country)]) {
    if (!COUNTRIES.has(code)) throw new Error(`scenario piriod: "${code}" is not a country Piriod knows`);
  }
  return (workspace) => (workspace !== undefined && Object.hasOwn(workspaces, workspace) ? workspaces[workspace].country : country);
}

export function createSandboxes(options: AppOptions): PiriodSandboxes {
  // Fixtures are checked now, so a bad scenario fails at start; records are built on first use.
  const countryOf = workspaceCountries(options);
  const fixtures = parseFixtures(options.scenario.piriod.fixtures, options.scenario.piriod.country);
  let seeded: Seeded | undefined;
  const seededData = (): Seeded => {
    if (!seeded) {
      // Generated records are checked by the Customer schema as each is first rendered (never
      // served unchecked), and all of a large scenario for several seeds in test/piriod/seed.test.ts:
      // checking 100,000 at start cost more than a second and added nothing the test does not.
      // What generated customers own is collected as they are drawn: reading `related` afterwards
      // would replay every customer's draws (100,000 customers: ~5 s more at start).
      const owned: OwnedRecords = { contacts: [], sources: [] };
      const generated = generateCustomers(options.seed, options.scenario.piriod.customers, owned);
      const taken = new Set(generated.map((r) => r.id));
      const fixtured = fixtureRecords(fixtures, options.seed, taken, generated.length);
      for (const record of fixtured) {
        owned.contacts.push(...record.related.contacts);
        owned.sources.push(...record.related.sources);
      }
      seeded = {
        customers: new SeededCustomers([...generated, ...fixtured]),
        contacts: seededContacts(owned.contacts),
        sources: seededSources(owned.sources),
      };
    }
    return seeded;
  };
  const frozen = frozenMicros(options);
  const registry = new SandboxRegistry<PiriodSandbox>((name, quota) => {
    const base = seededData();
    const [, workspace, mode] = name.split('\n');
    return {
      customers: new CustomerStore(base.customers, createRng(`${options.seed}:${name}`), quota),
      contacts: new ContactStore(base.contacts, createRng(`${options.seed}:${name}:contacts`), quota),
      sources: new SourceStore(base.sources),
      clock: createClock(frozen),
      testMode: mode === 'test',
      accountCountry: countryOf(workspace || undefined),
    };
  }, options.limits);
  const bound = options.tokenWorkspaces;
  return {
    // `token\nworkspace[\ntest]`; a token bound to workspaces names its workspace's sandbox, shared.
    sandboxFor: ({ token, workspace, testMode }) =>
      registry.get(`${workspace && bound?.has(token) ? '' : token}\n${workspace ?? ''}${testMode ? '\ntest' : ''}`),
    reset: () => registry.reset(),
    count: () => registry.keys().length,
  };
}
