/**
 * Where payment sources live: those of the seeded customers form one BaseTable per app, shared
 * read-only by every sandbox; the API writes none, so a sandbox's own changes are only the sources
 * of a customer it deleted for good. Each customer's `sources` field is a copy of its own.
 */
import { BaseTable, Table } from '../../../core/table';
import type { SourceCondition } from '../../../../contracts/piriod/sources';
import type { StoredSource } from '../customers/store';
import { type PageOf, type PageRequest, paginate } from '../page';

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

  constructor(base: BaseTable<StoredSource>) {
    this.table = new Table(base);
  }

  get(id: string): StoredSource | undefined {
    return this.table.get(id);
  }

  remove(id: string): void {
    this.table.remove(id);
  }

  /** The records table (seeded base plus this sandbox's writes), for whoever copies a sandbox whole. */
  get records(): Table<StoredSource> {
    return this.table;
  }

  /** The list: every source matching the plan, newest first (ties: seed order). */
  query(plan: SourcePlan): PageOf<StoredSource> {
    const rows: StoredSource[] = [];
    for (const source of this.table.values()) if (matches(source, plan.where)) rows.push(source);
    const order = new Map(rows.map((s, i) => [s, i]));
    rows.sort((a, b) => b.created - a.created || order.get(a)! - order.get(b)!);
    return paginate(rows, plan.page);
  }
}
