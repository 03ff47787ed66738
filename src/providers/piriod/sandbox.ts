/**
 * Which sandbox a request gets, and what is in one. A sandbox is named by the token, the workspace
 * and Piriod's test mode (the official client's X-Piriod-Test-Mode is a world of its own); each
 * sees the seeded customers, built once per app on first use and shared copy-on-write, plus its
 * own writes, with its own clock and id generator.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { createClock, type Clock } from '../../core/clock';
import { fingerprint } from '../../core/log';
import { frozenMicros, type AppOptions } from '../../core/options';
import type { SandboxAddress } from '../../core/provider';
import { createRng } from '../../core/random';
import { SandboxRegistry, sandboxId } from '../../core/registry';
import type { SandboxTable, Snapshotable } from '../../core/snapshot';
import { checkedView } from './customers/render';
import { customersTable } from './customers/snapshot';
import { CustomerStore, SeededCustomers } from './customers/store';
import { generateCustomers } from './seed';
import { fixtureRecords, parseFixtures } from './seed/fixtures';

export interface PiriodSandbox extends Snapshotable {
  readonly customers: CustomerStore;
  readonly clock: Clock;
}

/** A sandbox's counters in a snapshot: its clock, and where each store's ids stand. */
const Counters = z
  .object({
    clock: z.number().int().min(0),
    customers: z
      .object({
        ids: z
          .array(
            z
              .int()
              .min(0)
              .max(2 ** 32 - 1),
          )
          .length(4),
        seq: z.int().min(0),
      })
      .strict(),
  })
  .strict();

function createSandbox(customers: CustomerStore, clock: Clock): PiriodSandbox {
  // The resources of a sandbox, by name, for snapshots: a new resource registers its table here.
  const tables: Record<string, SandboxTable> = { customers: customersTable(customers) as SandboxTable };
  return {
    customers,
    clock,
    tables: () => tables,
    counters: () => ({ clock: clock.state(), customers: customers.counters() }),
    restoreCounters(raw) {
      const counters = Counters.parse(raw);
      clock.restore(counters.clock);
      customers.restoreCounters(counters.customers);
    },
  };
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

export interface PiriodSandboxes {
  /** The sandbox the key names; `c`, the request, is told which (for the journal). */
  sandboxFor(key: SandboxKey, c?: Context): PiriodSandbox;
  reset(): void;
  count(): number;
  registry: SandboxRegistry<PiriodSandbox>;
  addressOf(credentials: unknown): SandboxAddress;
}

const keyOf = ({ token, workspace, testMode }: SandboxKey) => `${token}\n${workspace ?? ''}${testMode ? '\ntest' : ''}`;

/** The sandbox as the log and the admin routes show it: the token's fingerprint, never the token. */
const labelOf = ({ token, workspace, testMode }: SandboxKey) =>
  `${fingerprint(token)}${workspace === undefined ? '' : `:${workspace}`}${testMode ? ':test' : ''}`;

export function createSandboxes(options: AppOptions): PiriodSandboxes {
  // Fixtures are checked now, so a bad scenario fails at start; records are built on first use.
  const fixtures = parseFixtures(options.scenario.piriod.fixtures);
  let seeded: SeededCustomers | undefined;
  const seededCustomers = (): SeededCustomers => {
    if (!seeded) {
      const generated = generateCustomers(options.seed, options.scenario.piriod.customers);
      // Every seeded record is parsed by the Customer schema as the base is built (the views are
      // not kept: a page builds only its own), so a seed that breaks the schema fails at once.
      for (const record of generated) checkedView(record);
      const taken = new Set(generated.map((r) => r.id));
      seeded = new SeededCustomers([...generated, ...fixtureRecords(fixtures, options.seed, taken, generated.length)]);
    }
    return seeded;
  };
  const frozen = frozenMicros(options);
  const registry = new SandboxRegistry<PiriodSandbox>(
    // Ids are drawn from the key when a request opens the sandbox; a snapshot restores the
    // generator's position whatever it was seeded from.
    (id, quota, key) =>
      createSandbox(new CustomerStore(seededCustomers(), createRng(`${options.seed}:${key ?? id}`), quota), createClock(frozen)),
    options.limits,
    { provider: 'piriod' },
  );
  return {
    sandboxFor: (key, c) => registry.get(keyOf(key), () => labelOf(key), c),
    reset: () => registry.reset(),
    count: () => registry.size,
    registry,
    addressOf(credentials) {
      const { token, workspace, test_mode } = SandboxCredentials.parse(credentials);
      const key = { token, workspace, testMode: test_mode };
      return { id: sandboxId(keyOf(key)), label: labelOf(key) };
    },
  };
}
