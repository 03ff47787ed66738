/**
 * An account's payment sources: the seeded ones (shared read-only, copy-on-write) and what the
 * account wrote, under one auto-increment id column. The Source object does not name its customer,
 * so the store keeps who owns each one beside it.
 */
import type { Source } from '../../../../contracts/pelcro/schemas';
import type { Quota } from '../../../core/limits';
import { type BaseTable, Table } from '../../../core/table';

/** The seeded sources of one app, their owners and their highest id. */
export interface SourceBase {
  table: BaseTable<Source>;
  /** The customer id each seeded source belongs to. */
  owners: { get(id: number): number | undefined };
  maxId: number;
}

export class SourceStore {
  /** Public so that a snapshot of the sandbox can read what it holds. */
  readonly table: Table<Source>;
  /** Owners of the sources this account created. */
  readonly ownOwners = new Map<number, number>();
  private lastId: number;

  constructor(
    private readonly base: SourceBase,
    quota?: Quota,
  ) {
    this.table = new Table(base.table, quota);
    this.lastId = base.maxId;
  }

  get(id: number): Source | undefined {
    return this.table.get(id);
  }

  has(id: number): boolean {
    return this.table.has(id);
  }

  /** The customer a live source belongs to. */
  owner(id: number): number | undefined {
    if (!this.table.has(id)) return undefined;
    return this.ownOwners.get(id) ?? this.base.owners.get(id);
  }

  nextId(): number {
    return ++this.lastId;
  }

  /** The last id given out, for a snapshot. */
  get lastIdGiven(): number {
    return this.lastId;
  }

  /** Takes a snapshot's position back (never behind the seeded ids). */
  restoreLastId(lastId: number): void {
    this.lastId = Math.max(this.lastId, lastId);
  }

  insert(source: Source, customerId: number): void {
    this.table.insert(source);
    this.ownOwners.set(source.id, customerId);
  }

  replace(source: Source): void {
    this.table.replace(source);
  }

  remove(id: number): void {
    this.table.remove(id);
  }
}
