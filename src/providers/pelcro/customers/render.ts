/**
 * Customers as the API returns them: the stored unexpanded form as is, or with the requested
 * relations turned from ids into objects (`?expand=`), in a Laravel API resource's `{data}`
 * envelope, or a paginated collection's `{data, links, meta}`. Records are immutable, so the JSON
 * text of an unexpanded customer is computed once and reused by every later response.
 */
import type { Context } from 'hono';
import type { Address, ExpandName, Subscription } from '../../../../contracts/pelcro/schemas';
import { PAGINATION_LABELS } from '../../../../contracts/pelcro/messages';
import { writeJson } from '../../../../lib/ordered-json';
import { metaJson, paginate, type PageNumber } from '../../../../lib/php/paginator';
import { RESOURCE_ARRAYS } from '../../../../lib/php/resource';
import { symfonyOrigin } from '../../../../lib/php/request';
import { trimChar } from '../../../../lib/text';
import type { PelcroSandbox } from '../sandbox';
import { SeededCustomer, type StoredCustomer } from './store';
import { seededTextCache } from '../../../core/seeded-texts';
import type { CachedPage } from '../../../core/page-cache';
import { jsonAnswer, laravelJson, laravelText } from '../json';

const jsonCache = new WeakMap<StoredCustomer, string>();

/** Texts of seeded customers, bounded (../../../core/seeded-texts.ts). */
const seededTexts = seededTextCache<StoredCustomer>();

function unexpandedJson(record: StoredCustomer): string {
  if (record instanceof SeededCustomer) {
    let text = seededTexts.get(record);
    if (text === undefined) {
      text = laravelText(writeJson(record.view, RESOURCE_ARRAYS));
      seededTexts.offer(record, text);
    }
    return text;
  }
  let json = jsonCache.get(record);
  if (json === undefined) {
    json = laravelText(writeJson(record.view, RESOURCE_ARRAYS));
    jsonCache.set(record, json);
  }
  return json;
}

/** The customer with the given relations expanded, attribute order unchanged. */
export function expandCustomer(record: StoredCustomer, expand: ReadonlySet<ExpandName>, sandbox: PelcroSandbox): object {
  const view = record.view;
  const out: Record<string, unknown> = { ...view };
  if (expand.has('addresses')) {
    out.addresses = view.addresses.map((id) => sandbox.addresses.get(id)).filter((a): a is Address => a !== undefined);
  }
  if (expand.has('defaultSource')) {
    out.default_source = view.default_source_id === null ? null : (sandbox.sources.get(view.default_source_id) ?? null);
  }
  if (expand.has('organization')) {
    out.organization = view.organization === null ? null : (sandbox.organizations.get(view.organization) ?? null);
  }
  if (expand.has('subscriptions')) {
    out.subscriptions = view.subscriptions.map((id) => sandbox.subscriptions.get(id)).filter((s): s is Subscription => s !== undefined);
  }
  return out;
}

/** The JSON text of one customer as the API returns it (escaped as json_encode escapes: ../json.ts). */
export function customerJson(record: StoredCustomer, expand: ReadonlySet<ExpandName>, sandbox: PelcroSandbox): string {
  return expand.size === 0 ? unexpandedJson(record) : laravelText(writeJson(expandCustomer(record, expand, sandbox), RESOURCE_ARRAYS));
}

const NO_EXPAND: ReadonlySet<ExpandName> = new Set();

/** One customer in its `{data}` envelope. A resource for a model created in the request answers 201. */
export function renderOne(
  c: Context,
  record: StoredCustomer,
  sandbox: PelcroSandbox,
  options: { expand?: ReadonlySet<ExpandName>; status?: 200 | 201 } = {},
): Response {
  return jsonAnswer(c, options.status ?? 200, `{"data":${customerJson(record, options.expand ?? NO_EXPAND, sandbox)}}`);
}

/**
 * `$request->url()`: the URL without query string or trailing slash, for pagination links; the
 * origin is the configured public URL when there is one (the mock behind a proxy).
 */
export function requestUrl(c: Context, publicUrl: string | undefined): string {
  const url = new URL(c.req.url);
  return `${publicUrl ?? symfonyOrigin(url, c.req.header('host'))}${trimChar(url.pathname, '/', 'end')}`;
}

export interface ListPage {
  records: readonly StoredCustomer[];
  total: number;
  page: PageNumber;
  limit: number;
  expand: ReadonlySet<ExpandName>;
  sandbox: PelcroSandbox;
}

/** A page of customers as Laravel's paginated resource collection renders it; `url` is `requestUrl`'s. */
export function listText(url: string, { records, total, page, limit, expand, sandbox }: ListPage): string {
  const pagination = paginate(url, total, limit, page, records.length, PAGINATION_LABELS);
  const data = records.map((record) => customerJson(record, expand, sandbox)).join(',');
  return `{"data":[${data}],"links":${laravelJson(pagination.links)},"meta":${laravelText(metaJson(pagination.meta))}}`;
}

/** A list page's answer (its text, or the page kept by src/core/page-cache.ts). */
export function renderList(c: Context, page: string | CachedPage): Response {
  return jsonAnswer(c, 200, page);
}
