/**
 * What the Pelcro suite knows about the Core API: its operations with their documented answers,
 * the state its checks share, and helpers to read a Laravel page.
 */
import { notAllowedOf, operationOf } from '../../check/operations';
import { statusText } from '../../check/http';
import type { Context, Res } from '../../check/runner';
import { expectMessageListed, expectText, linkParams, requireObject, textOf } from '../../check/suite-kit';
import { pelcroApi } from '../api';
import { routeOf } from '../routes';
import type { ExpandName } from '../schemas';

// The documented statuses and bodies come from the API definition, as the OpenAPI document's do.
// The document lets each relation be ids or objects; which one `expand` asks for is behaviour,
// judged by the expand checks.

export const ops = {
  list: operationOf(pelcroApi, 'listCustomers'),
  retrieve: operationOf(pelcroApi, 'getCustomer'),
  create: operationOf(pelcroApi, 'createCustomer'),
  update: operationOf(pelcroApi, 'updateCustomer'),
  delete: operationOf(pelcroApi, 'deleteCustomer'),
  /** Not an operation of the API: Laravel's router answers 405 for it, which the suite checks. */
  patch: notAllowedOf(pelcroApi, 'PATCH', routeOf('getCustomer').path, 'MethodNotAllowed', 405, 'getCustomer'),
};

/** The fields of a customer the checks read; everything else is the schema's business. */
export interface CustomerView {
  id: number;
  email?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  display_name?: string | null;
  metadata?: Record<string, unknown>;
  addresses?: unknown[];
  subscriptions?: unknown[];
  organization?: unknown;
  default_source?: unknown;
  default_source_id?: number | null;
  created_at?: number;
  updated_at?: number;
  [key: string]: unknown;
}

export interface Page {
  res: Res;
  data: CustomerView[];
  links: { first?: unknown; last?: unknown; prev?: unknown; next?: unknown };
  meta: {
    current_page?: unknown;
    from?: unknown;
    last_page?: unknown;
    links?: unknown;
    path?: unknown;
    per_page?: unknown;
    to?: unknown;
    total: number;
  };
}

export interface PelcroState {
  first?: Page;
  /** The answer to `limit=1` (see pageOfOne). */
  one?: Res;
  created?: CustomerView;
  latest?: CustomerView;
  /** The customer the address and source checks work on (created through the Core API). */
  owner?: CustomerView;
  /** An address of `owner` the run created and did not delete. */
  ownerAddress?: number;
  /** The customer the Open API checks registered, its password and its latest token. */
  sdk?: { customer: CustomerView; password: string; token: string };
  /** Ids the run created and has not deleted yet. */
  undeleted: Set<number>;
  /** Sources the run deleted: a source created later must not be given one of their ids. */
  deletedSources?: Set<number>;
}

export type Ctx = Context<PelcroState>;

/** An id far past any account's customers: only existence is tested. */
export const UNKNOWN_ID = 2_147_000_123;
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;

/** Every request names its site; writes carry it in the body as well as the query. */
export function site(ctx: Ctx): { site_id: number } {
  return { site_id: ctx.options.siteId as number };
}

/** Reads a Laravel page, or ends the check: nothing about a list can be judged without one. */
export function readPage(ctx: Ctx, res: Res): Page {
  ctx.require(res.status === 200, res, 'status', '200', statusText(res));
  const body = requireObject(ctx, res);
  ctx.require(Array.isArray(body.data), res, '$.data', 'an array', JSON.stringify(body.data)?.slice(0, 60) ?? 'missing');
  const meta = (body.meta ?? {}) as Page['meta'];
  ctx.require(typeof meta.total === 'number', res, '$.meta.total', 'a number', JSON.stringify(meta.total));
  return {
    res,
    data: (body.data as unknown[]).filter((r): r is CustomerView => typeof r === 'object' && r !== null) as CustomerView[],
    links: (body.links ?? {}) as Page['links'],
    meta,
  };
}

export async function list(ctx: Ctx, query: Record<string, string | number | undefined>, expand: readonly ExpandName[] = []): Promise<Res> {
  return ctx.send(ops.list, {
    path: '/customers',
    query: { ...site(ctx), ...query, ...(expand.length ? { expand: expand.join(',') } : {}) },
  });
}

export async function retrieve(ctx: Ctx, id: number, expand: readonly ExpandName[] = []): Promise<Res> {
  return ctx.send(ops.retrieve, {
    path: customerPath(id),
    query: { ...site(ctx), ...(expand.length ? { expand: expand.join(',') } : {}) },
  });
}

/**
 * Deletes a customer the run created, expecting 200 or 204; once deleted it is no longer the
 * cleanup's to delete. The answer, or undefined when the target did not delete it.
 */
export async function deleteCreated(ctx: Ctx, id: number): Promise<Res | undefined> {
  const res = await ctx.send(ops.delete, { path: customerPath(id), query: site(ctx) });
  if (!ctx.expectStatus(res, 200, 204)) return undefined;
  ctx.state.undeleted.delete(id);
  return res;
}

/**
 * The answer to `limit=1`, asked once: a customer id to retrieve for the schema checks, and the
 * least limit the bounds check holds to one record (one record, whatever the run creates in
 * between).
 */
export async function pageOfOne(ctx: Ctx): Promise<Res> {
  if (!ctx.state.one) ctx.state.one = await list(ctx, { limit: 1 });
  return ctx.state.one;
}

/** The first page of 100, fetched once per run. */
export async function firstPage(ctx: Ctx): Promise<Page> {
  if (!ctx.state.first) ctx.state.first = readPage(ctx, await list(ctx, { limit: MAX_LIMIT }));
  return ctx.state.first;
}

export function customerPath(id: number | string): string {
  return `/customers/${encodeURIComponent(String(id))}`;
}

/** Laravel's `{"message": "…"}` text, or undefined when the body is another shape. */
export function messageOf(res: Res): string | undefined {
  return textOf(res, 'message');
}

/** Expects Laravel's 400 `{"errors": {field: [...]}}` with `message` among the field's messages. */
export function expectFieldError(ctx: Ctx, res: Res, field: string, message: string): void {
  const errors = (res.json as { errors?: Record<string, unknown> } | undefined)?.errors;
  const messages = errors && typeof errors === 'object' ? errors[field] : undefined;
  expectMessageListed(ctx, res, `$.errors.${field}`, field, messages, message, 100);
}

/** Expects `{"message": text}` (one of `texts`). */
export function expectMessage(ctx: Ctx, res: Res, ...texts: string[]): void {
  expectText(ctx, res, 'message', texts);
}

/** The query parameters of a link, or undefined when it is not an absolute URL. */
export { linkParams };
