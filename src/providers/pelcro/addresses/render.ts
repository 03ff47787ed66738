/**
 * Addresses as the Core API returns them: one in a Laravel API resource's `{data}` envelope, a page
 * in a paginated collection's `{data, links, meta}`.
 */
import type { Context } from 'hono';
import type { Address } from '../../../../contracts/pelcro/schemas';
import { PAGINATION_LABELS } from '../../../../contracts/pelcro/messages';
import { metaJson, paginate, type PageNumber } from '../../../../lib/php/paginator';
import { requestUrl } from '../customers/render';
import { jsonAnswer, laravelJson, laravelText } from '../json';

/** One address; a resource of a model created in the request answers 201 (ResourceResponse::calculateStatus). */
export function renderAddress(c: Context, address: Address, status: 200 | 201 = 200): Response {
  return jsonAnswer(c, status, laravelJson({ data: address }));
}

export interface AddressPage {
  records: readonly Address[];
  total: number;
  page: PageNumber;
  limit: number;
  publicUrl?: string;
}

/** A page of addresses as Laravel's paginated resource collection renders it. */
export function renderAddressList(c: Context, { records, total, page, limit, publicUrl }: AddressPage): Response {
  const pagination = paginate(requestUrl(c, publicUrl), total, limit, page, records.length, PAGINATION_LABELS);
  const text = `{"data":${JSON.stringify(records)},"links":${JSON.stringify(pagination.links)},"meta":${metaJson(pagination.meta)}}`;
  return jsonAnswer(c, 200, laravelText(text));
}
