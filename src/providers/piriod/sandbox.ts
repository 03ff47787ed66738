/**
 * Which sandbox a request gets, and what is in one. A sandbox is named by the token, the workspace
 * and Piriod's test mode (the official client's X-Piriod-Test-Mode is a world of its own); each
 * sees the seeded customers, contacts and sources, built once per app on first use and shared
 * copy-on-write, plus its own writes, with its own clock and id generator. A token bound to
 * workspaces (`--tokens key@acc_1`) is one user of them: the data belongs to the workspace, so
 * every token bound to it shares one sandbox.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { createClock, type Clock } from '../../core/clock';
import { fingerprint } from '../../core/log';
import { frozenMicros, type AppOptions } from '../../core/options';
import type { SandboxAddress } from '../../core/provider';
import { createRng } from '../../core/random';
import { SandboxRegistry, sandboxId } from '../../core/registry';
import { SlicedBuild } from '../../core/slices';
import type { SandboxTable, Snapshotable } from '../../core/snapshot';
import { COUNTRIES } from '../../../contracts/piriod/reference';
import { ContactStore, type SeededContacts, seededContactsBuilder } from './contacts/store';
import { contactsTable, customersTable, sourcesTable } from './customers/snapshot';
import { type CustomerRecord, CustomerStore, SeededCustomers } from './customers/store';
import { generateCustomerSteps } from './seed';
import { fixtureRecords, parseFixtures } from './seed/fixtures';
import { type SeededSources, SourceStore, seededSourcesBuilder } from './sources/store';

export interface PiriodSandbox extends Snapshotable {
  readonly customers: CustomerStore;
  readonly contacts: ContactStore;
  readonly sources: SourceStore;
  readonly clock: Clock;
  /** Opened with `X-Piriod-Test-Mode: true`: what it creates is test data. */
  testMode: boolean;
  /** The workspace's country (the scenario's), which decides whose tax ids are required. */
  accountCountry: string;
}

const IdState = z
  .array(
    z
      .int()
      .min(0)
      .max(2 ** 32 - 1),
  )
  .length(4);

/**
 * A sandbox's counters in a snapshot: its clock, where each store's ids stand, and what its key
 * decided when it was opened (test mode, the workspace's country): a snapshot names the sandbox by
 * id, not by its key, so these travel with it.
 */
const Counters = z
  .object({
    clock: z.number().int().min(0),
    customers: z.object({ ids: IdState, seq: z.int().min(0) }).strict(),
    contacts: z.object({ ids: IdState }).strict().optional(),
    test_mode: z.boolean().default(false),
    country: z.string().optional(),
  })
  .strict();

function createSandbox(
  customers: CustomerStore,
  contacts: ContactStore,
  sources: SourceStore,
  clock: Clock,
  testMode: boolean,
  accountCountry: string,
): PiriodSandbox {
  // The resources of a sandbox, by name, for snapshots: a new resource registers its table here.
  // Contacts and sources also travel inside their customers (the API's view); their own tables
  // hold what the contact and source routes answer, so both are restored. Made when asked, as
  // Pelcro's are: kept with every sandbox, their 21 closures were a third of a new sandbox's
  // bytes (9-10 KB → 6.6 KB).
  const tables = (): Record<string, SandboxTable> => ({
    contacts: contactsTable(contacts) as SandboxTable,
    sources: sourcesTable(sources) as SandboxTable,
    customers: customersTable(customers, sources) as SandboxTable,
  });
  const sandbox: PiriodSandbox = {
    customers,
    contacts,
    sources,
    clock,
    testMode,
    accountCountry,
    tables,
    counters: () => ({
      clock: clock.state(),
      customers: customers.counters(),
      contacts: contacts.counters(),
      test_mode: sandbox.testMode,
      country: sandbox.accountCountry,
    }),
    restoreCounters(raw) {
      const counters = Counters.parse(raw);
      clock.restore(counters.clock);
      customers.restoreCounters(counters.customers);
      if (counters.contacts) contacts.restoreCounters(counters.contacts);
      sandbox.testMode = counters.test_mode;
      if (counters.country !== undefined) {
        if (!COUNTRIES.has(counters.country))
          throw new z.ZodError([{ code: 'custom', path: ['country'], message: `no country ${counters.country}`, input: counters.country }]);
        sandbox.accountCountry = counters.country;
      }
    },
  };
  return sandbox;
}

/** Credentials as the admin routes take them, to name one sandbox. */
export const SandboxCredentials = z
  .object({ token: z.string().min(1), workspace: z.string().min(1).optional(), test_mode: z.boolean().default(false) })
  .strict();

export interface SandboxKey {
  token: string;
  workspace: string | undefined;
  testMode: boolean;
}

/**
 * The sandbox a request's credentials name, looked up when called. A write looks it up again once
 * its body has arrived: a reset meanwhile put a new sandbox in the old one's place, and Django,
 * which reads the body only when the view asks for it, writes to the database as it is then.
 */
export type SandboxOf = () => PiriodSandbox;

export interface PiriodSandboxes {
  /** The sandbox the key names; `c`, the request, is told which (for the journal). */
  sandboxFor(key: SandboxKey, c?: Context): PiriodSandbox;
  reset(): void;
  count(): number;
  registry: SandboxRegistry<PiriodSandbox>;
  addressOf(credentials: unknown): SandboxAddress;
  /** Builds the seeded data now, if not yet built; whether it did. */
  prepare(): boolean;
  /** Starts building the seeded data in slices; resolves once it is built (by the slices or a request). */
  prepareSoon(): Promise<void>;
}

/** The sandbox's key: a token bound to workspaces names its workspace's sandbox, shared. */
const keyOf = ({ token, workspace, testMode }: SandboxKey, bound: { has(token: string): boolean } | undefined) =>
  `${workspace && bound?.has(token) ? '' : token}\n${workspace ?? ''}${testMode ? '\ntest' : ''}`;

/** The sandbox as the log and the admin routes show it: the token's fingerprint, never the token. */
const labelOf = ({ token, workspace, testMode }: SandboxKey) =>
  `${fingerprint(token)}${workspace === undefined ? '' : `:${workspace}`}${testMode ? ':test' : ''}`;

/** The seeded records of one app, shared by every sandbox. */
interface Seeded {
  customers: SeededCustomers;
  contacts: SeededContacts;
  sources: SeededSources;
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
  function* seedSteps(): Generator<void, Seeded> {
    // Generated records are checked by the Customer schema in test/piriod/seed.test.ts (all of a
    // large scenario for several seeds): checking 100,000 at start cost more than a second and
    // added nothing the test does not.
    // What generated customers own is collected as they are drawn: reading `related` afterwards
    // would replay every customer's draws (100,000 customers: ~5 s more at start).
    // Contacts and sources are kept as columns and read from their customer when needed
    // (../seed/owned.ts): 200,000 contacts held whole were most of the seeded memory.
    const owned = { contacts: seededContactsBuilder(), sources: seededSourcesBuilder() };
    const taken = new Map<string, CustomerRecord>();
    const generated = yield* generateCustomerSteps(options.seed, options.scenario.piriod.customers, owned, taken);
    const fixtured = fixtureRecords(fixtures, options.seed, taken, generated.length);
    for (const record of fixtured) {
      const { contacts, sources } = record.related;
      for (let k = 0; k < contacts.length; k++) owned.contacts.add(record.seq, k, contacts[k]);
      for (let k = 0; k < sources.length; k++) owned.sources.add(record.seq, k, sources[k]);
    }
    const all = [...generated, ...fixtured];
    // A customer's position is its sequence number (SeededCustomers checks it).
    const positionOf = (id: string) => customers.table.byId.get(id)?.seq;
    // Pauses between the parts of the tail too, for a seed built in slices.
    yield;
    const sources = owned.sources.build((owner) => all[owner].related.sources, positionOf);
    yield;
    const customers = new SeededCustomers(all, (id) => sources.get(id)?.customer, taken);
    yield;
    return {
      customers,
      contacts: owned.contacts.build((owner) => all[owner].related.contacts, positionOf),
      sources,
    };
  }
  // Built at the first request, or in slices once `serve` listens (prepareSoon), whichever is first.
  const seed = new SlicedBuild(seedSteps);
  const seededData = (): Seeded => seed.now();
  const frozen = frozenMicros(options);
  const registry = new SandboxRegistry<PiriodSandbox>(
    // Ids are drawn from the key when a request opens the sandbox; a snapshot restores the
    // generator's position, test mode and country whatever it was opened with.
    (id, quota, key) => {
      const base = seededData();
      const name = key ?? id;
      const [, workspace, mode] = name.split('\n');
      return createSandbox(
        new CustomerStore(base.customers, createRng(`${options.seed}:${name}`), quota),
        new ContactStore(base.contacts, createRng(`${options.seed}:${name}:contacts`), quota),
        new SourceStore(base.sources),
        createClock(frozen),
        mode === 'test',
        countryOf(workspace || undefined),
      );
    },
    options.limits,
    { provider: 'piriod' },
  );
  const bound = options.tokenWorkspaces;
  return {
    sandboxFor: (key, c) => registry.get(keyOf(key, bound), () => labelOf(key), c),
    reset: () => registry.reset(),
    count: () => registry.size,
    registry,
    addressOf(credentials) {
      const { token, workspace, test_mode } = SandboxCredentials.parse(credentials);
      const key = { token, workspace, testMode: test_mode };
      return { id: sandboxId(keyOf(key, bound)), label: labelOf(key) };
    },
    prepare() {
      const built = seed.done;
      seed.now();
      return !built;
    },
    prepareSoon() {
      seed.soon();
      return seed.ready;
    },
  };
}
