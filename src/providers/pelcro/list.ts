/**
 * GET /api/v1/core/customers: the query (site_id, page, limit, sort, expand, filters) checked all at
 * once, then filter → sort → page over the sandbox's customers.
 */
import { CustomerListQuery, laravel, LIST_LIMIT, type ExpandName } from '../../../contracts/pelcro/schemas';
import { readExpand } from './expand';
import { matchesAll, parseFilters, type Clause } from './filters';
import type { Input } from './input';
import type { StoredCustomer } from './model';
import { paginate, resolvePage, type Pagination } from './pagination';
import type { PelcroSandbox } from './sandbox';
import { ErrorBag, resolveSite, toInt } from './validation';

export interface ListQuery {
  siteId: number;
  page: number;
  limit: number;
  sort: 'id' | '-id' | 'email' | '-email';
  expand: Set<ExpandName>;
  clauses: Clause[];
}

const QUERY_ORDER = ['site_id', 'limit', 'sort', 'expand', 'filter'];

/** The list query, or a 400 with every malformed parameter. */
export function readListQuery(input: Input): ListQuery {
  const bag = new ErrorBag(QUERY_ORDER);
  const siteId = resolveSite(input, bag);
  let limit: number = LIST_LIMIT.default;
  if (input.limit !== undefined && input.limit !== null) {
    const parsed = CustomerListQuery.shape.limit.safeParse(input.limit);
    if (parsed.success) limit = toInt(parsed.data);
    else bag.addIssues(parsed.error.issues.map((issue) => ({ ...issue, path: ['limit'] })));
  }
  let sort: ListQuery['sort'] = 'id';
  if (input.sort !== undefined && input.sort !== null) {
    const parsed = CustomerListQuery.shape.sort.safeParse(input.sort);
    if (parsed.success && parsed.data !== undefined) sort = parsed.data;
    else bag.add('sort', laravel.invalid('sort'));
  }
  const expand = readExpand(input, bag);
  const clauses = parseFilters(input.filter, bag);
  bag.throwIfAny();
  return { siteId: siteId!, page: resolvePage(input.page), limit, sort, expand, clauses: clauses! };
}

/** MySQL order for `email`: case-insensitive, NULLs first ascending (last descending). */
function emailOrder(a: StoredCustomer, b: StoredCustomer): number {
  const x = a.view.email;
  const y = b.view.email;
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  const lx = x.toLowerCase();
  const ly = y.toLowerCase();
  return lx === ly ? 0 : lx < ly ? -1 : 1;
}

/** Ties are broken by id ascending in both directions, so pages never overlap. */
const byEmail = (a: StoredCustomer, b: StoredCustomer) => emailOrder(a, b) || a.view.id - b.view.id;
const byEmailDesc = (a: StoredCustomer, b: StoredCustomer) => emailOrder(b, a) || a.view.id - b.view.id;

export interface ListPage {
  records: StoredCustomer[];
  pagination: Pagination;
}

export function listCustomers(sandbox: PelcroSandbox, query: ListQuery, path: string): ListPage {
  const { page, limit, sort, clauses } = query;
  const offset = (page - 1) * limit;
  let records: StoredCustomer[];
  let total: number;
  if (clauses.length === 0 && sort === 'id') {
    // The common case needs no full pass: the table yields customers in id order.
    total = sandbox.customers.size;
    records = [];
    if (offset < total) {
      let index = 0;
      for (const record of sandbox.customers.values()) {
        if (index++ < offset) continue;
        records.push(record);
        if (records.length === limit) break;
      }
    }
  } else {
    const all: StoredCustomer[] = [];
    for (const record of sandbox.customers.values()) if (clauses.length === 0 || matchesAll(clauses, record.view)) all.push(record);
    if (sort === '-id') all.reverse();
    else if (sort === 'email') all.sort(byEmail);
    else if (sort === '-email') all.sort(byEmailDesc);
    total = all.length;
    records = offset < total ? all.slice(offset, offset + limit) : [];
  }
  return { records, pagination: paginate(path, total, limit, page, records.length) };
}
