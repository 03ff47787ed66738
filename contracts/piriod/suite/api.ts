/**
 * What the Piriod suite knows about the API: its operations with their documented answers, the
 * state its checks share, and helpers to read a DRF list page.
 */
import { notAllowedOf, operationOf } from '../../check/operations';
import { statusText } from '../../check/http';
import type { Context, Res } from '../../check/runner';
import { expectMessageListed, expectText, linkParams, requireObject, textOf } from '../../check/suite-kit';
import { piriodApi } from '../api';
import { routeOf } from '../routes';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../schemas';

/** The documented statuses and bodies come from the API definition, as the OpenAPI document's do. */
export const ops = {
  list: operationOf(piriodApi, 'listCustomers'),
  retrieve: operationOf(piriodApi, 'getCustomer'),
  create: operationOf(piriodApi, 'createCustomer'),
  put: operationOf(piriodApi, 'updateCustomer'),
  patch: operationOf(piriodApi, 'partialUpdateCustomer'),
  delete: operationOf(piriodApi, 'deleteCustomer'),
  /** Not an operation of the API: DRF answers 405 for it, which the suite checks. */
  postInstance: notAllowedOf(piriodApi, 'POST', routeOf('getCustomer').path, 'MethodNotAllowed', 405, 'getCustomer'),
  contacts: {
    list: operationOf(piriodApi, 'listContacts'),
    create: operationOf(piriodApi, 'createContact'),
    retrieve: operationOf(piriodApi, 'getContact'),
    put: operationOf(piriodApi, 'updateContact'),
    patch: operationOf(piriodApi, 'partialUpdateContact'),
    delete: operationOf(piriodApi, 'deleteContact'),
  },
  sources: {
    list: operationOf(piriodApi, 'listSources'),
    retrieve: operationOf(piriodApi, 'getSource'),
  },
};

/** The fields of a customer the checks read; everything else is the schema's business. */
export interface CustomerView {
  id: string;
  name?: string | null;
  email?: string | null;
  tax_id?: string | null;
  country?: { id?: string; name?: string } | null;
  created?: string;
  updated?: string;
  metadata?: Record<string, unknown> | null;
  status?: string;
  contacts?: ContactView[];
  sources?: (SourceView | string)[];
  [key: string]: unknown;
}

/** The fields of a contact the checks read. */
export interface ContactView {
  id: string;
  customer?: string;
  orgunit?: string | null;
  name?: string;
  email?: string | null;
  invoicing?: boolean;
  collections?: boolean;
  [key: string]: unknown;
}

/** The fields of a source the checks read. */
export interface SourceView {
  id: string;
  customer?: string;
  gateway?: string;
  status?: string;
  usage?: string;
  [key: string]: unknown;
}

export interface Page {
  res: Res;
  count: number;
  next: string | null;
  previous: string | null;
  results: CustomerView[];
}

export interface PiriodState {
  /** The first page (page_size 100) of the unfiltered list, read once and shared. */
  first?: Page;
  /** The customer the full mode created, as the create answered it. */
  created?: CustomerView;
  /** The latest state of the created customer as the API answered it. */
  latest?: CustomerView;
  /** The contact the full mode created for its customer, as last answered. */
  contact?: ContactView;
  /** The contacts the full mode created in one org unit of its customer (piriod.contacts.seven-per-orgunit). */
  unitContacts?: string[];
  leftovers: string[];
  /** Records a request that had to be refused created all the same (see records.ts `stray`). */
  strays: Stray[];
}

/** A record created by a request the API had to refuse: deleted when a full run ends, else listed. */
export interface Stray {
  kind: 'customer' | 'contact';
  id: string;
  /** The check whose request created it. */
  check: string;
}

export type Ctx = Context<PiriodState>;

/** An id that no account holds: well-formed (`cus_` + 20 characters) so only existence is tested. */
export const UNKNOWN_ID = 'cus_understudyNoSuch000';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

/** Reads a DRF page, or ends the check: nothing about a list can be judged without one. */
export function readPage(ctx: Ctx, res: Res): Page {
  ctx.require(res.status === 200, res, 'status', '200', statusText(res));
  const body = requireObject(ctx, res);
  ctx.require(typeof body.count === 'number', res, '$.count', 'a number', JSON.stringify(body.count));
  ctx.require(Array.isArray(body.results), res, '$.results', 'an array', JSON.stringify(body.results)?.slice(0, 60) ?? 'missing');
  const link = (v: unknown) => (typeof v === 'string' ? v : null);
  const page: Page = {
    res,
    count: body.count,
    next: link(body.next),
    previous: link(body.previous),
    results: (body.results as unknown[]).filter((r): r is CustomerView => typeof r === 'object' && r !== null) as CustomerView[],
  };
  expectFirstPageFacts(ctx, page);
  return page;
}

/**
 * A first page asked with a valid `page_size` holds `min(count, page_size)` results, and `next` is
 * a link exactly when more remain (DRF's PageNumberPagination: Django's Paginator, no orphans). Any
 * list read this way is held to it — contacts and sources as well as customers — so a `count` or a
 * `next` out of step with the results shows wherever the list is read.
 */
function expectFirstPageFacts(ctx: Ctx, page: Page): void {
  const query = new URLSearchParams(page.res.path.split('?')[1] ?? '');
  const size = query.get('page_size');
  if (query.has('page') || size === null || !/^[1-9]\d{0,2}$/.test(size) || Number(size) > MAX_PAGE_SIZE) return;
  const expected = Math.min(page.count, Number(size));
  const { res } = page;
  ctx.expect(
    page.results.length === expected,
    res,
    '$.results',
    `${expected} items (count ${page.count}, page_size ${size})`,
    `${page.results.length} items`,
  );
  const more = page.count > Number(size);
  ctx.expect(
    (page.next !== null) === more,
    res,
    '$.next',
    more ? 'a link to page 2' : `null (count ${page.count} fits one page)`,
    JSON.stringify(page.next),
  );
}

export async function list(ctx: Ctx, query: Record<string, string | number | undefined>, search?: string): Promise<Res> {
  return ctx.send(ops.list, { path: routeOf('listCustomers').path, query, search });
}

/** The first page of 100, fetched once per run. */
export async function firstPage(ctx: Ctx): Promise<Page> {
  if (!ctx.state.first) ctx.state.first = readPage(ctx, await list(ctx, { page_size: MAX_PAGE_SIZE }));
  return ctx.state.first;
}

/** A customer's path: the declared `{id}` route with the id filled in. */
export function customerPath(id: string): string {
  return routeOf('getCustomer').path.replace('{id}', encodeURIComponent(id));
}

/** A contact's path. */
export function contactPath(id: string): string {
  return routeOf('getContact').path.replace('{id}', encodeURIComponent(id));
}

/** A source's path. */
export function sourcePath(id: string): string {
  return routeOf('getSource').path.replace('{id}', encodeURIComponent(id));
}

/** A page of another resource's list (contacts, sources) read as DRF's page. */
export async function listOf(
  ctx: Ctx,
  resource: 'contacts' | 'sources',
  query: Record<string, string | number | undefined>,
): Promise<Page> {
  const op = ops[resource].list;
  const path = routeOf(resource === 'contacts' ? 'listContacts' : 'listSources').path;
  return readPage(ctx, await ctx.send(op, { path, query }));
}

/** DRF's error body `{"detail": "…"}`: the text, or undefined when the body is another shape. */
export function detailOf(res: Res): string | undefined {
  return textOf(res, 'detail');
}

/** DRF's field errors: the messages for `field`, or undefined. */
export function fieldErrors(res: Res, field: string): string[] | undefined {
  const body = res.json as Record<string, unknown> | undefined;
  const value = body && typeof body === 'object' ? body[field] : undefined;
  return Array.isArray(value) && value.every((m) => typeof m === 'string') ? (value as string[]) : undefined;
}

/** Expects a DRF `{"detail": text}` body (one of `texts`). */
export function expectDetail(ctx: Ctx, res: Res, ...texts: string[]): void {
  expectText(ctx, res, 'detail', texts);
}

/** Expects DRF field errors with `message` among the messages for `field`. */
export function expectFieldError(ctx: Ctx, res: Res, field: string, message: string): void {
  expectMessageListed(ctx, res, `$.${field}`, field, fieldErrors(res, field), message, 80);
}

/** Expects DRF field errors for `field` holding one of `messages` (any of the texts DRF versions or fields give). */
export function expectFieldErrorAmong(ctx: Ctx, res: Res, field: string, messages: string[]): void {
  const listed = fieldErrors(res, field);
  ctx.expect(
    listed?.some((m) => messages.includes(m)) === true,
    res,
    `$.${field}`,
    `a list holding one of ${messages.map((m) => JSON.stringify(m)).join(', ')}`,
    listed === undefined ? `no errors for ${field} (${res.text.slice(0, 80)})` : JSON.stringify(listed),
  );
}

/** The query parameters of a link, or undefined when it is not an absolute URL. */
export { linkParams };
