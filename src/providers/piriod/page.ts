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

/** The records a list matches: how many, and any page of them (in the list's order). */
export interface Window<T> {
  count: number;
  page(offset: number, limit: number): T[];
}

/** A page cut out of every matching record, in order. */
export function paginate<T>(window: Window<T>, page: PageRequest): PageOf<T> {
  const pages = Math.max(1, Math.ceil(window.count / page.size));
  const number = page.number === 'last' ? pages : page.number;
  const records = number >= 1 && number <= pages ? window.page((number - 1) * page.size, page.size) : undefined;
  return { count: window.count, pages, number, records };
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
