/**
 * `GET /customers/` as a straight line: read the query (the contract's one definition of its
 * parameters: django-filter's FilterSet, SearchFilter, OrderingFilter, PageNumberPagination) →
 * a plan → `store.query(plan)` → DRF's page body.
 */
import { ApiError } from '../../../core/errors';
import { readListQuery } from '../../../../contracts/piriod/list-query';
import type { QueryDict } from '../../../../lib/python/query';
import { pageBody } from '../page';
import type { PiriodSandbox } from '../sandbox';
import { recordJson } from './render';
import type { ListPlan } from './store';

/**
 * The query read into a plan, refusals first in DRF's order: invalid filters (400, every one
 * listed), a search CharField refuses (400, a bare list), a page that is not an integer (404).
 */
export function listPlan(query: QueryDict): ListPlan {
  const read = filteredQuery(query);
  if (read.page === undefined) throw new ApiError({ kind: 'invalid_page' });
  return { where: read.where, order: read.order, page: { number: read.page, size: read.pageSize } };
}

/**
 * The query read, its filter backends' refusals thrown in DRF's order (DjangoFilterBackend, then
 * SearchFilter); the page is left to the caller: a detail route reads no page.
 */
export function filteredQuery(query: QueryDict): ReturnType<typeof readListQuery> {
  const read = readListQuery((name) => query.get(name), query.lists.keys());
  if (read.filterErrors) throw ApiError.validation(read.filterErrors);
  if (read.searchRefused) throw new ApiError({ kind: 'bad_request', reason: read.searchRefused });
  return read;
}

/**
 * The list's JSON body; `base` is the request's absolute URL without its query, `linkQuery` the
 * query its links carry (router.ts linkQueryOf).
 */
export function listCustomers(sandbox: PiriodSandbox, query: QueryDict, base: string, linkQuery: QueryDict = query): string {
  const found = sandbox.customers.query(listPlan(query));
  return pageBody(found, found.records?.map(recordJson), base, linkQuery);
}
