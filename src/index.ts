/** The programmatic API: build the mock in-process for your own tests, or start it on a port. */
export { createApp, buildApp, ADMIN_PREFIX } from './app';
export { createMock, startMock } from './mock';
export type { Mock, MockOptions, RunningMock, SandboxTarget, StartMockOptions } from './mock';
export { SnapshotError, SNAPSHOT_FORMAT } from './core/snapshot';
export type { SandboxSnapshot, SnapshotDocument } from './core/snapshot';
export type { JournalEntry, JournalFilter } from './core/journal';
export type { JournalRecord, SandboxInfo } from './core/sandboxes';
export type { FaultRule, FaultRuleInput } from './core/faults';
export type { AppOptions, AppOptionsInput, ProviderName } from './core/options';
export type { Scenario, ScenarioInput } from './core/scenario';
// Each provider's types, inferred from its schemas, as `Piriod.Customer`, `Pelcro.CustomerCreate`…
// (the schemas themselves: `understudy/contracts/<provider>`).
import type * as Piriod from '../contracts/piriod/schemas';
import type * as Pelcro from '../contracts/pelcro/schemas';
export type { Piriod, Pelcro };
