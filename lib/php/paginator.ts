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
import { phpJsonDouble } from './json-encode';
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

/** A page's first or last item number as PHP holds it: an int, or a double once the product overflowed. */
export type ItemNumber = number | { float: number };

export interface Pagination {
  links: { first: string; last: string; prev: string | null; next: string | null };
  meta: {
    current_page: PageNumber;
    from: ItemNumber | null;
    last_page: number;
    links: PageLink[];
    path: string;
    per_page: number;
    to: ItemNumber | null;
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

const PHP_INT_MAX = 2n ** 63n - 1n;

/**
 * `($page - 1) * $perPage` as PHP computes it (Builder::forPage, AbstractPaginator::firstItem): an
 * int, or, once the product passes PHP_INT_MAX, the double product of the two operands
 * (ZEND_SIGNED_MULTIPLY_LONG falls back to `(double) a * (double) b`).
 */
export function pageStart(page: PageNumber, perPage: number): { int: bigint } | { float: number } {
  const before = BigInt(page) - 1n;
  const product = before * BigInt(perPage);
  return product <= PHP_INT_MAX ? { int: product } : { float: Number(before) * perPage };
}

/**
 * Where a page starts in the list: Eloquent's `forPage` offset, `max(0, (int) (($page - 1) *
 * $perPage))` (Query\Builder::offset, laravel/framework v11.56.0). An overflowed product is a double,
 * and PHP 8.2's `(int)` of a double past the int range is taken modulo 2^64 (Zend
 * `zend_dval_to_lval` on 64-bit: `9.3e18` is `-9146744073709551616`); a result of 2^63 or more is a
 * negative int, which `max(0, …)` makes 0. So `page=9223372036854775807&limit=7` lists the first
 * seven records, and a page whose product lands just past a multiple of 2^64 starts there.
 */
export function pageOffset(page: PageNumber, perPage: number): number {
  const start = pageStart(page, perPage);
  if ('int' in start) return Number(start.int);
  const wrapped = start.float % 2 ** 64;
  return wrapped < 2 ** 63 ? wrapped : 0;
}

/**
 * AbstractPaginator::firstItem and lastItem: `($currentPage - 1) * $perPage + 1` and that plus the
 * count less one, or null for an empty page; a double (`6.456360425798343e+19`) once the product
 * overflowed, as json_encode then writes it.
 */
function itemNumbers(page: PageNumber, perPage: number, count: number): { from: ItemNumber | null; to: ItemNumber | null } {
  if (count === 0) return { from: null, to: null };
  const start = pageStart(page, perPage);
  if ('int' in start) {
    const from = Number(start.int) + 1;
    return { from, to: from + count - 1 };
  }
  const from = start.float + 1;
  return { from: { float: from }, to: { float: from + count - 1 } };
}

function itemJson(item: ItemNumber | null): string {
  if (item === null) return 'null';
  return typeof item === 'number' ? String(item) : phpJsonDouble(item.float);
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
  const { from, to } = itemNumbers(currentPage, perPage, count);
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
      to,
      total,
    },
  };
}

/**
 * The JSON text of a meta block, as json_encode writes it: a bigint page as its digits (a PHP int)
 * and an overflowed item number as PHP writes a double, which JSON.stringify cannot write.
 */
export function metaJson(meta: Pagination['meta']): string {
  const { current_page, from, last_page, links, path, per_page, to, total } = meta;
  return (
    `{"current_page":${current_page},"from":${itemJson(from)},"last_page":${last_page},"links":${JSON.stringify(links)},` +
    `"path":${JSON.stringify(path)},"per_page":${per_page},"to":${itemJson(to)},"total":${total}}`
  );
}
