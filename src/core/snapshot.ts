/**
 * Snapshots: a sandbox written out as JSON and read back. Generic over providers and resources:
 * a provider's sandbox lists its named tables (`SandboxTable`: one record's schema, its records,
 * its own changes, and how to write changes back) and its counters (clock, id generators), and
 * everything here iterates over them. A new resource joins snapshots by registering its table.
 *
 * Two kinds of snapshot:
 * - **changes** (the default): what the sandbox changed over the seeded data: the records it wrote
 *   and the seeded ids it removed. Small, and what `--persist` writes. It names the scenario and
 *   seed it was taken over, and is refused by a server seeded otherwise.
 * - **complete** (`?complete=true`, `understudy seed --out`): every record the sandbox holds.
 *   Restored over any seeded data: what it lacks is removed, what differs is replaced.
 *
 * A restore parses every record with its table's schema before anything changes, then fills a new
 * sandbox and swaps it in only when all went well: a bad file changes nothing.
 */
import { z } from 'zod';
import { ApiError } from './errors';
import { fieldPath } from './scenario-file';

export type Key = string | number;

export interface TableChanges<J> {
  /** Records written (seeded ones replaced, new ones inserted in creation order). */
  records: J[];
  /** Seeded records removed, by key. */
  removed: Key[];
}

/** One named table of a sandbox, as snapshots see it. `J` is a record as the snapshot holds it. */
export interface SandboxTable<J = unknown> {
  /** One record in a snapshot: what an import is checked against. */
  readonly schema: z.ZodType<J>;
  keyOf(record: J): Key;
  /** How many live records the sandbox sees. */
  readonly size: number;
  /** Every live record, seeded ones included, in the table's natural order. */
  all(): Iterable<J>;
  changes(): TableChanges<J>;
  /** Writes checked changes into a fresh sandbox's table; throws when a bound refuses them. */
  apply(changes: TableChanges<J>): void;
}

/** What a provider's sandbox shows snapshots. */
export interface Snapshotable {
  /** The tables by name, in the order a restore fills them. */
  tables(): Record<string, SandboxTable>;
  /** Its clock and id generators, as JSON. */
  counters(): Record<string, unknown>;
  /** Takes counters back (checked by the provider's schema; a ZodError names the field). */
  restoreCounters(counters: unknown): void;
}

export const SNAPSHOT_FORMAT = 'understudy.snapshot/1';

export const SandboxSnapshotSchema = z
  .object({
    provider: z.string(),
    /** The sandbox's id (src/core/registry.ts): the one its credentials reach. */
    id: z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 lower-case hex digits (a sandbox id)'),
    /** Credentials, redacted: for people reading the file. */
    label: z.string().optional(),
    /** true: every record; false: changes over the seeded data of `base`. */
    complete: z.boolean(),
    base: z.object({ scenario: z.string(), seed: z.int() }),
    counters: z.record(z.string(), z.unknown()),
    tables: z.record(
      z.string(),
      z.object({ records: z.array(z.unknown()), removed: z.array(z.union([z.string(), z.number()])).default([]) }).strict(),
    ),
  })
  .strict();
export type SandboxSnapshot = z.infer<typeof SandboxSnapshotSchema>;

export const SnapshotDocumentSchema = z
  .object({
    format: z.literal(SNAPSHOT_FORMAT),
    taken: z.string().optional(),
    sandboxes: z.array(SandboxSnapshotSchema),
  })
  .strict();
export type SnapshotDocument = z.infer<typeof SnapshotDocumentSchema>;

/** A snapshot that cannot be restored; `field` is where in the document, as a person writes it. */
export class SnapshotError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(field ? `${field}: ${message}` : message);
    this.name = 'SnapshotError';
  }
}

/** A document checked by the schema (not yet by the tables): the first problem as a SnapshotError. */
export function parseSnapshotDocument(json: unknown): SnapshotDocument {
  const parsed = SnapshotDocumentSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SnapshotError(fieldPath(issue.path), issue.message);
  }
  return parsed.data;
}

export interface Base {
  scenario: string;
  seed: number;
}

/** A sandbox written out. */
export function takeSnapshot(
  sandbox: Snapshotable,
  facts: { provider: string; id: string; label: string; base: Base; complete: boolean },
): SandboxSnapshot {
  const tables: SandboxSnapshot['tables'] = {};
  for (const [name, table] of Object.entries(sandbox.tables())) {
    tables[name] = facts.complete ? { records: [...table.all()], removed: [] } : table.changes();
  }
  return { ...facts, counters: sandbox.counters(), tables };
}

/** Whether a sandbox differs from its seeded data (nothing worth persisting when it does not). */
export function hasChanges(sandbox: Snapshotable): boolean {
  return Object.values(sandbox.tables()).some((table) => {
    const changes = table.changes();
    return changes.records.length > 0 || changes.removed.length > 0;
  });
}

type Checked = Map<string, TableChanges<unknown> & { complete: boolean }>;

/**
 * Checks a snapshot against a fresh sandbox's tables (every record by its table's schema, every
 * key once): all problems are found before anything is written. `at` prefixes field names.
 */
export function checkSnapshot(snapshot: SandboxSnapshot, fresh: Snapshotable, base: Base, at: string): Checked {
  const tables = fresh.tables();
  if (!snapshot.complete && (snapshot.base.scenario !== base.scenario || snapshot.base.seed !== base.seed)) {
    throw new SnapshotError(
      `${at}.base`,
      `holds changes over scenario "${snapshot.base.scenario}" seed ${snapshot.base.seed}, but this server serves scenario "${base.scenario}" seed ${base.seed} (export it with ?complete=true to move it)`,
    );
  }
  const checked: Checked = new Map();
  for (const name of Object.keys(snapshot.tables)) {
    if (!Object.hasOwn(tables, name)) {
      throw new SnapshotError(
        `${at}.tables.${name}`,
        `no such table; a ${snapshot.provider} sandbox has ${Object.keys(tables).join(', ')}`,
      );
    }
  }
  for (const [name, table] of Object.entries(tables)) {
    const given = snapshot.tables[name];
    if (!given) continue;
    const where = `${at}.tables.${name}`;
    const seen = new Set<Key>();
    const records = given.records.map((raw, i) => {
      const parsed = table.schema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new SnapshotError(`${where}.records[${i}]${issue.path.length ? `.${fieldPath(issue.path)}` : ''}`, issue.message);
      }
      const key = table.keyOf(parsed.data);
      if (seen.has(key)) throw new SnapshotError(`${where}.records[${i}]`, `repeats the key ${String(key)}`);
      seen.add(key);
      return parsed.data;
    });
    checked.set(name, { records, removed: given.removed, complete: snapshot.complete });
  }
  return checked;
}

/** Writes checked tables and the counters into a fresh sandbox. */
export function fillSandbox(sandbox: Snapshotable, snapshot: SandboxSnapshot, checked: Checked, at: string): void {
  const tables = sandbox.tables();
  for (const [name, table] of Object.entries(tables)) {
    const given = checked.get(name);
    if (!given) continue;
    let { records, removed } = given;
    if (given.complete) {
      // Over any seeded data: what the snapshot lacks goes, what it holds unchanged stays seeded.
      const fresh = new Map<Key, string>();
      for (const record of table.all()) fresh.set(table.keyOf(record), JSON.stringify(table.schema.parse(record)));
      const kept = new Set(records.map((r) => table.keyOf(r)));
      removed = [...fresh.keys()].filter((key) => !kept.has(key));
      records = records.filter((r) => fresh.get(table.keyOf(r)) !== JSON.stringify(r));
    }
    try {
      table.apply({ records, removed });
    } catch (error) {
      const why = error instanceof ApiError ? limitText(error) : (error as Error).message;
      throw new SnapshotError(`${at}.tables.${name}`, why);
    }
  }
  const counters = snapshot.counters;
  try {
    sandbox.restoreCounters(counters);
  } catch (error) {
    if (error instanceof z.ZodError) {
      const issue = error.issues[0];
      throw new SnapshotError(`${at}.counters${issue.path.length ? `.${fieldPath(issue.path)}` : ''}`, issue.message);
    }
    throw error;
  }
}

function limitText(error: ApiError): string {
  const p = error.problem;
  return p.kind === 'limit_exceeded' ? `holds more than a sandbox may (${p.limit}: at most ${p.max})` : p.kind;
}

/** A Table whose records are stored as the API shows them: its snapshot records are the records. */
export function plainTable<T>(
  table: {
    readonly size: number;
    values(): Iterable<T>;
    ownChanges(): TableChanges<T>;
    restore(changes: TableChanges<T>): void;
  },
  schema: z.ZodType<T>,
  keyOf: (record: T) => Key,
): SandboxTable<T> {
  return {
    schema,
    keyOf,
    get size() {
      return table.size;
    },
    all: () => table.values(),
    changes: () => table.ownChanges(),
    apply: (changes) => table.restore(changes),
  };
}
