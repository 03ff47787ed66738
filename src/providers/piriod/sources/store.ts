/**
 * Where payment sources live: those of the seeded customers form one BaseTable per app, shared
 * read-only by every sandbox; the API writes none, so a sandbox's own changes are only the sources
 * of a customer it deleted for good. Each customer's `sources` field is a copy of its own.
 */
import { BaseTable, Table } from '../../../core/table';
import type { SourceCondition } from '../../../../contracts/piriod/sources';
import type { StoredSource } from '../customers/store';
import { type PageOf, type PageRequest, baseNewestFirst, newestFirst, paginate } from '../page';

export type { StoredSource };

/** What the source list asks of the store: plain data, read from the query string. */
export interface SourcePlan {
  where: SourceCondition[];
  page: PageRequest;
}

/** The seeded sources of one app, in the seeded customers' order. */
export function seededSources(sources: Iterable<StoredSource>): BaseTable<StoredSource> {
  return new BaseTable([...sources], (s) => s.id);
}

function matches(source: StoredSource, where: readonly SourceCondition[]): boolean {
  for (const { field, value } of where) if (source[field] !== value) return false;
  return true;
}

/** One sandbox's sources. */
export class SourceStore {
  private readonly table: Table<StoredSource>;
  /** The records newest first, kept until the next write. */
  private order?: { writes: number; rows: readonly StoredSource[] };

  private writes = 0;

  constructor(private readonly base: BaseTable<StoredSource>) {
    this.table = new Table(base);
  }

  get(id: string): StoredSource | undefined {
    return this.table.get(id);
  }

  remove(id: string): void {
    if (this.table.remove(id)) this.writes++;
  }

  /** The records table (seeded base plus this sandbox's writes), for whoever copies a sandbox whole. */
  get records(): Table<StoredSource> {
    return this.table;
  }

  /** Every source newest first (ties: the later seeded first). */
  private ordered(): readonly StoredSource[] {
    if (this.writes === 0) return baseNewestFirst(this.base);
    if (this.order?.writes !== this.writes) this.order = { writes: this.writes, rows: newestFirst(this.table.values()) };
    return this.order.rows;
  }

  /** The list: every source matching the plan, in order. */
  query(plan: SourcePlan): PageOf<StoredSource> {
    const all = this.ordered();
    return paginate(plan.where.length === 0 ? all : all.filter((s) => matches(s, plan.where)), plan.page);
  }
}
