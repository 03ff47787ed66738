/**
 * Laravel's LengthAwarePaginator as a paginated API resource renders it: `links` (first, last, prev,
 * next) and `meta` (current_page, from, last_page, links, path, per_page, to, total), after
 * Illuminate\Http\Resources\Json\PaginatedResourceResponse, LengthAwarePaginator::linkCollection
 * and Illuminate\Pagination\UrlWindow (onEachSide 3).
 *
 * Page URLs carry only `?page=N`: Laravel appends no other query parameter unless the code calls
 * `appends()`/`withQueryString()`, and Pelcro's own pagination example
 * ("https://www.pelcro.com/api/v1/core/addresses?page=2") shows none, not even the required site_id.
 * A client following `next` must add its site_id, limit, sort and filters again.
 */
import { filterInt } from './scalars';

const ON_EACH_SIDE = 3;

export interface PageLink {
  url: string | null;
  label: string;
  active: boolean;
}

/** The texts of the previous/next entries of `meta.links` (Laravel's `lang/<locale>/pagination.php`). */
export interface PaginationLabels {
  previous: string;
  next: string;
}

export interface Pagination {
  links: { first: string; last: string; prev: string | null; next: string | null };
  meta: {
    current_page: PageNumber;
    from: number | null;
    last_page: number;
    links: PageLink[];
    path: string;
    per_page: number;
    to: number | null;
    total: number;
  };
}

/**
 * A page number as Laravel holds it: a PHP int, up to PHP_INT_MAX. Past 2^53 a JS number would
 * misstate it, so such a page stays a bigint (and is far past the end of any list the mock holds).
 */
export type PageNumber = number | bigint;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The page Laravel's paginator reads: PaginationState's currentPageResolver (laravel/framework
 * v11.56.0) takes `$request->input('page')` when `filter_var($page, FILTER_VALIDATE_INT) !== false
 * && (int) $page >= 1` — so a JSON `2.0` is page 2, the string "2.0" is not, and every page up to
 * PHP_INT_MAX is kept as sent (`9007199254740993` too) — else page 1. A page past the end is kept,
 * and answers an empty page.
 */
export function resolvePage(raw: unknown): PageNumber {
  const page = filterInt(raw);
  if (page === undefined || page < 1n) return 1;
  return page <= MAX_SAFE ? Number(page) : page;
}

/** Where a page starts in the list: past every list the mock holds for a bigint page. */
export function pageOffset(page: PageNumber, perPage: number): number {
  return (Number(page) - 1) * perPage;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let page = from; page <= to; page++) out.push(page);
  return out;
}

/** UrlWindow::get() followed by LengthAwarePaginator::elements(): page blocks and '...' separators. */
export function pageElements(currentPage: number, lastPage: number): (number[] | '...')[] {
  if (lastPage < ON_EACH_SIDE * 2 + 8) return [range(1, lastPage)];
  const window = ON_EACH_SIDE + 4;
  const finish = [lastPage - 1, lastPage];
  if (currentPage <= window) return [range(1, window + ON_EACH_SIDE), '...', finish];
  if (currentPage > lastPage - window) return [[1, 2], '...', range(lastPage - (window + (ON_EACH_SIDE - 1)), lastPage)];
  return [[1, 2], '...', range(currentPage - ON_EACH_SIDE, currentPage + ON_EACH_SIDE), '...', finish];
}

/**
 * @param path the request URL without query string or trailing slash (`$request->url()`)
 * @param count how many records the current page holds
 * @param labels the locale's texts of the previous/next entries
 */
export function paginate(
  path: string,
  total: number,
  perPage: number,
  currentPage: PageNumber,
  count: number,
  labels: PaginationLabels,
): Pagination {
  const lastPage = Math.max(Math.ceil(total / perPage), 1);
  const url = (page: PageNumber) => `${path}?page=${page < 1 ? 1 : page}`;
  const previous = typeof currentPage === 'bigint' ? currentPage - 1n : currentPage - 1;
  const prev = currentPage > 1 ? url(previous) : null;
  // A bigint page is past the last page, which a list the mock holds keeps within 2^53.
  const next = typeof currentPage === 'number' && currentPage < lastPage ? url(currentPage + 1) : null;
  const from = count > 0 ? pageOffset(currentPage, perPage) + 1 : null;
  const links: PageLink[] = [{ url: prev, label: labels.previous, active: false }];
  for (const element of pageElements(Number(currentPage), lastPage)) {
    if (element === '...') links.push({ url: null, label: '...', active: false });
    else for (const page of element) links.push({ url: url(page), label: String(page), active: page === currentPage });
  }
  links.push({ url: next, label: labels.next, active: false });
  return {
    links: { first: url(1), last: url(lastPage), prev, next },
    meta: {
      current_page: currentPage,
      from,
      last_page: lastPage,
      links,
      path,
      per_page: perPage,
      to: from === null ? null : from + count - 1,
      total,
    },
  };
}

/**
 * The JSON text of a meta block, as json_encode writes it: a bigint page as its digits (a PHP int),
 * which JSON.stringify cannot write. `current_page` is the block's first key.
 */
export function metaJson(meta: Pagination['meta']): string {
  const { current_page, ...rest } = meta;
  return `{"current_page":${current_page},${JSON.stringify(rest).slice(1)}`;
}
