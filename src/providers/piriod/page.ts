/**
 * DRF's PageNumberPagination, shared by every Piriod list: which records a page holds (Django's
 * Paginator: at least one page, `last` the last one, a number out of range none) and the page's
 * body with its absolute `next`/`previous` links.
 */
import { ApiError } from '../../core/errors';
import { type QueryDict, withQueryParam } from '../../../lib/python/query';

export interface PageRequest {
  /** The page (from 1, or the last) of `size` records. */
  number: number | 'last';
  size: number;
}

export interface PageOf<T> {
  count: number;
  pages: number;
  number: number;
  /** None when the number is out of range. */
  records: T[] | undefined;
}

/** A page cut out of every matching record, in order. */
export function paginate<T>(rows: readonly T[], page: PageRequest): PageOf<T> {
  const pages = Math.max(1, Math.ceil(rows.length / page.size));
  const number = page.number === 'last' ? pages : page.number;
  const records = number >= 1 && number <= pages ? rows.slice((number - 1) * page.size, number * page.size) : undefined;
  return { count: rows.length, pages, number, records };
}

/**
 * The page's JSON body, its records already rendered; `base` is the request's absolute URL
 * without its query. A number out of range is DRF's 404 "Invalid page."
 */
export function pageBody(
  found: { count: number; number: number; pages: number },
  records: string[] | undefined,
  base: string,
  query: QueryDict,
): string {
  // Django's Paginator.validate_number: at least 1, at most the last page.
  if (!records) throw new ApiError({ kind: 'invalid_page' });
  const { number, pages } = found;
  const next = number < pages ? withQueryParam(base, query, 'page', String(number + 1)) : null;
  // The link back to page 1 drops `page` altogether (remove_query_param).
  const previous = number > 1 ? withQueryParam(base, query, 'page', number - 1 === 1 ? undefined : String(number - 1)) : null;
  return `{"count":${found.count},"next":${JSON.stringify(next)},"previous":${JSON.stringify(previous)},"results":[${records.join(',')}]}`;
}

/**
 * Records newest first (`created` descending; ties: the later in `records` first), the order of
 * the contact and source lists. A table's order changes only when it is written, so a store keeps
 * the result until its next write, and the seeded base's is shared by every sandbox.
 */
export function newestFirst<T extends { created: number }>(records: Iterable<T>): T[] {
  const rows = [...records];
  const index = new Map(rows.map((r, i) => [r, i]));
  return rows.sort((a, b) => b.created - a.created || index.get(b)! - index.get(a)!);
}

const baseOrders = new WeakMap<object, readonly unknown[]>();

/** `newestFirst` of a seeded base, computed once per base (shared by every sandbox). */
export function baseNewestFirst<T extends { created: number }>(base: { records: readonly T[] }): readonly T[] {
  let rows = baseOrders.get(base) as readonly T[] | undefined;
  if (!rows) {
    rows = newestFirst(base.records);
    baseOrders.set(base, rows);
  }
  return rows;
}
