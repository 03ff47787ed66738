/**
 * `GET /sources/` as a straight line: read the query (the contract's SourceListQuery) → a plan →
 * `store.query(plan)` → DRF's page.
 */
import { ApiError } from '../../../core/errors';
import { MESSAGES } from '../../../../contracts/piriod/messages';
import { readSourceListQuery } from '../../../../contracts/piriod/sources';
import type { QueryDict } from '../../../../lib/python/query';
import { pageBody } from '../page';
import type { PiriodSandbox } from '../sandbox';
import { sourceJson } from './render';
import type { SourcePlan } from './store';

/**
 * The FilterSet's conditions read from the query, its refusals thrown. `customer` is a
 * ModelChoiceFilter: an id that is no customer of the workspace is Django's ModelChoiceField
 * refusal, listed in the FilterSet's order (customer first). The page is left to the caller: a
 * detail route reads no page.
 */
export function sourceFilters(sandbox: PiriodSandbox, query: QueryDict): ReturnType<typeof readSourceListQuery> {
  const read = readSourceListQuery((name) => query.get(name));
  const customer = read.where.find((c) => c.field === 'customer');
  const unknownCustomer = customer !== undefined && !sandbox.customers.get(customer.value);
  if (read.filterErrors || unknownCustomer) {
    throw ApiError.validation({ ...(unknownCustomer ? { customer: [MESSAGES.filterChoice] } : {}), ...read.filterErrors });
  }
  return read;
}

/** The query read into a plan: the filters' conditions, then DRF's page. */
export function sourcePlan(sandbox: PiriodSandbox, query: QueryDict): SourcePlan {
  const read = sourceFilters(sandbox, query);
  if (read.page === undefined) throw new ApiError({ kind: 'invalid_page' });
  return { where: read.where, page: { number: read.page, size: read.pageSize } };
}

/**
 * The list's JSON body; `base` is the request's absolute URL without its query, `linkQuery` the
 * query its links carry (router.ts linkQueryOf).
 */
export function listSources(sandbox: PiriodSandbox, query: QueryDict, base: string, linkQuery: QueryDict = query): string {
  const found = sandbox.sources.query(sourcePlan(sandbox, query));
  return pageBody(found, found.records?.map(sourceJson), base, linkQuery);
}
