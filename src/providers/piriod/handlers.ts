/**
 * The customer operations, each a step of DRF's generic views (rest_framework/mixins.py): parse
 * the body, validate it with the contract's schema, act on the sandbox, render. Errors are thrown
 * as ApiError and rendered once, by the provider's renderer.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError, type FieldErrors } from '../../core/errors';
import {
  CUSTOMER_WRITE_FIELDS,
  CustomerCreate,
  CustomerReplace,
  CustomerUpdate,
  customerObjectErrors,
  type CustomerAttrs,
} from '../../../contracts/piriod/schemas';
import { formToInput, readRequestData } from './body';
import { CustomerRecord, EMPTY_RELATED, applyWrite } from './model';
import type { Sandbox } from './store';

/** Zod issues as DRF field errors: by field in the order found, `non_field_errors` for the body. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = typeof issue.path[0] === 'string' ? issue.path[0] : 'non_field_errors';
    (errors[field] ??= []).push(issue.message);
  }
  return errors;
}

const DICT_FIELDS = Object.entries(CUSTOMER_WRITE_FIELDS).flatMap(([name, spec]) => (spec.kind === 'dict' ? [name as 'metadata' | 'tax_settings'] : []));

/**
 * A write body checked by `schema`. A DictField without a child keeps the dict it was given,
 * every key included, where Zod's record output drops a `__proto__` key: so the dicts validated
 * are stored as sent.
 */
export function parseWrite(schema: z.ZodType<CustomerAttrs, unknown>, input: unknown): z.ZodSafeParseResult<CustomerAttrs> {
  const result = schema.safeParse(input);
  if (result.success) {
    for (const name of DICT_FIELDS) {
      if (result.data[name]) result.data[name] = (input as Record<string, Record<string, unknown>>)[name];
    }
  }
  return result;
}

async function validatedBody(c: Context, limitBytes: number, schema: z.ZodType<CustomerAttrs, unknown>): Promise<CustomerAttrs> {
  const data = await readRequestData(c, limitBytes);
  const input = data.kind === 'json' ? data.value : formToInput(data.fields);
  const result = parseWrite(schema, input);
  if (!result.success) throw ApiError.validation(fieldErrors(result.error.issues));
  return result.data;
}

/** GenericAPIView.get_object: the sandbox's customer, or DRF's 404. */
export function findCustomer(sandbox: Sandbox, id: string): CustomerRecord {
  const record = sandbox.customers.get(id);
  if (!record) throw ApiError.notFound('Customer');
  return record;
}

/** POST /customers/ → 201 with the new customer. */
export async function createCustomer(c: Context, sandbox: Sandbox, limitBytes: number): Promise<CustomerRecord> {
  const sent = await validatedBody(c, limitBytes, CustomerCreate as z.ZodType<CustomerAttrs, unknown>);
  const now = sandbox.clock.tick();
  const record = new CustomerRecord(sandbox.mintId(), applyWrite(undefined, sent), EMPTY_RELATED, now, now, sandbox.nextSeq());
  sandbox.insert(record);
  return record;
}

/**
 * PUT (full) or PATCH (partial) /customers/{id}/ → 200. The object is looked up before the body
 * is read (UpdateModelMixin.update), so an unknown id is a 404 whatever the body.
 */
export async function updateCustomer(
  c: Context,
  sandbox: Sandbox,
  id: string,
  partial: boolean,
  limitBytes: number,
): Promise<CustomerRecord> {
  findCustomer(sandbox, id);
  const schema = (partial ? CustomerUpdate : CustomerReplace) as z.ZodType<CustomerAttrs, unknown>;
  const sent = await validatedBody(c, limitBytes, schema);
  // Read the record only once the body has arrived: a write that landed meanwhile must be kept.
  const current = findCustomer(sandbox, id);
  const stored = current.attrs;
  const merged: CustomerAttrs = { ...stored };
  for (const [key, value] of Object.entries(sent)) if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  const crossField = customerObjectErrors(merged, false);
  if (crossField) throw ApiError.validation(crossField);
  const record = new CustomerRecord(id, applyWrite(stored, sent), current.related, current.created, sandbox.clock.tick(), current.seq);
  sandbox.replace(record);
  return record;
}
