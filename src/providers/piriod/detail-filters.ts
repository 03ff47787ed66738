/**
 * The list's filters on the detail routes. DRF's GenericAPIView.get_object looks the object up in
 * `self.filter_queryset(self.get_queryset())` (rest_framework/generics.py), so every filter
 * backend of the view — django-filter's FilterSet, SearchFilter — runs on retrieve, update,
 * partial update and destroy too (OrderingFilter only orders; pagination is not applied): an
 * invalid filter is the list's 400, and an object the filters leave out is the 404 of an unknown
 * id (`GET /contacts/{id}/?invoicing=false` of a contact that receives the invoices). DRF's
 * SimpleMetadata calls get_object for PUT's `actions` and swallows both.
 */
import { ApiError } from '../../core/errors';
import type { QueryDict } from '../../../lib/python/query';
import { contactFilters } from './contacts/list';
import { filteredQuery } from './customers/list';
import type { PiriodSandbox } from './sandbox';
import { meetsAll } from './seed/owned';
import { sourceFilters } from './sources/list';

export type DetailResource = 'customers' | 'contacts' | 'sources';

/** Throws the filters' refusal, or the 404 when the object exists but the filters leave it out. */
export function checkDetailFilters(resource: DetailResource, sandbox: PiriodSandbox, query: QueryDict, id: string): void {
  if (query.lists.size === 0) return;
  if (resource === 'customers') {
    const { where } = filteredQuery(query);
    const record = sandbox.customers.get(id);
    if (record && where.length > 0 && !sandbox.customers.matches(record, where)) throw ApiError.notFound('customer', id);
    return;
  }
  const { where } = resource === 'contacts' ? contactFilters(sandbox, query) : sourceFilters(sandbox, query);
  const record = resource === 'contacts' ? sandbox.contacts.get(id) : sandbox.sources.get(id);
  if (record && !meetsAll(record, where)) {
    throw ApiError.notFound(resource === 'contacts' ? 'contact' : 'source', id);
  }
}
