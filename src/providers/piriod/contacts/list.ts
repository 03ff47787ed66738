/**
 * `GET /contacts/` as a straight line: read the query (the contract's ContactListQuery: its
 * django-filter FilterSet and PageNumberPagination) → a plan → `store.query(plan)` → DRF's page.
 */
import { ApiError } from '../../../core/errors';
import { readContactListQuery } from '../../../../contracts/piriod/contacts';
import { MESSAGES } from '../../../../contracts/piriod/messages';
import type { QueryDict } from '../../../../lib/python/query';
import { pageBody } from '../page';
import type { PiriodSandbox } from '../sandbox';
import { contactJson } from './render';
import type { ContactPlan } from './store';

/**
 * The FilterSet's conditions read from the query, its refusals thrown. `customer` is a
 * ModelChoiceFilter: an id that is no customer of the workspace is Django's ModelChoiceField
 * refusal, listed in the FilterSet's order (customer first). The page is left to the caller: a
 * detail route reads no page.
 */
export function contactFilters(sandbox: PiriodSandbox, query: QueryDict): ReturnType<typeof readContactListQuery> {
  const read = readContactListQuery((name) => query.get(name));
  const customer = read.where.find((c) => c.field === 'customer');
  const unknownCustomer = customer !== undefined && !sandbox.customers.get(String(customer.value));
  if (read.filterErrors || unknownCustomer) {
    throw ApiError.validation({ ...(unknownCustomer ? { customer: [MESSAGES.filterChoice] } : {}), ...read.filterErrors });
  }
  return read;
}

/** The query read into a plan: the filters' conditions, then DRF's page. */
export function contactPlan(sandbox: PiriodSandbox, query: QueryDict): ContactPlan {
  const read = contactFilters(sandbox, query);
  if (read.page === undefined) throw new ApiError({ kind: 'invalid_page' });
  return { where: read.where, page: { number: read.page, size: read.pageSize } };
}

/**
 * The list's JSON body; `base` is the request's absolute URL without its query, `linkQuery` the
 * query its links carry (router.ts linkQueryOf).
 */
export function listContacts(sandbox: PiriodSandbox, query: QueryDict, base: string, linkQuery: QueryDict = query): string {
  const found = sandbox.contacts.query(contactPlan(sandbox, query));
  return pageBody(found, found.records?.map(contactJson), base, linkQuery);
}
