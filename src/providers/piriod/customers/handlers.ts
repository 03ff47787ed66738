/**
 * The customer operations, each a step of DRF's generic views (rest_framework/mixins.py): read
 * the body, validate it with the contract's schema, act on the store, render. Errors are thrown
 * as ApiError and rendered once, by the provider's renderer.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError, type FieldErrors } from '../../../core/errors';
import { keepSentRecords } from '../../../core/plain-object';
import {
  CUSTOMER_WRITE_FIELDS,
  customerObjectErrors,
  customerWriteSchemas,
  type CustomerAttrs,
} from '../../../../contracts/piriod/schemas';
import { formToInput, readRequestData } from '../input';
import type { PiriodSandbox, SandboxOf } from '../sandbox';
import { CustomerRecord, EMPTY_RELATED, applyWrite, refuseUnstorable } from './store';
import { unknownId } from '../errors';

/** Zod issues as DRF field errors: by field in the order found, `non_field_errors` for the body. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = typeof issue.path[0] === 'string' ? issue.path[0] : 'non_field_errors';
    if (!errors[field]) errors[field] = [];
    errors[field].push(issue.message);
  }
  return errors;
}

const DICT_FIELDS = Object.entries(CUSTOMER_WRITE_FIELDS).flatMap(([name, spec]) =>
  spec.kind === 'dict' ? [name as 'metadata' | 'tax_settings'] : [],
);

/**
 * A write body checked by `schema`. A DictField without a child keeps the dict it was given,
 * every key included (`__proto__` too): so the dicts validated are stored as sent.
 */
export function parseWrite<T extends CustomerAttrs>(schema: z.ZodType<T>, input: unknown): z.ZodSafeParseResult<T> {
  const result = schema.safeParse(input);
  if (result.success) keepSentRecords(result.data, input, DICT_FIELDS);
  return result;
}

async function validatedBody<T extends CustomerAttrs>(c: Context, limitBytes: number, schema: z.ZodType<T>, partial: boolean): Promise<T> {
  const data = await readRequestData(c, limitBytes);
  const input = data.kind === 'json' ? data.value : formToInput(data.fields, CUSTOMER_WRITE_FIELDS, partial);
  const result = parseWrite(schema, input);
  if (!result.success) throw ApiError.validation(fieldErrors(result.error.issues));
  return result.data;
}

/** GenericAPIView.get_object: the sandbox's customer, or DRF's 404. */
export function findCustomer(sandbox: PiriodSandbox, id: string): CustomerRecord {
  const record = sandbox.customers.get(id);
  if (!record) throw unknownId('customer', id);
  return record;
}

/** POST /customers/ → 201 with the new customer. */
export async function createCustomer(c: Context, sandboxOf: SandboxOf, limitBytes: number): Promise<CustomerRecord> {
  // The account's country is the credentials', the same in any sandbox they name.
  const sent = await validatedBody(c, limitBytes, customerWriteSchemas(sandboxOf().accountCountry).create, false);
  refuseUnstorable(sent);
  const sandbox = sandboxOf();
  const now = sandbox.clock.tick();
  const { customers } = sandbox;
  // test_mode is read-only: a customer is a test one when created in test mode.
  const related = sandbox.testMode ? { ...EMPTY_RELATED, testMode: true } : EMPTY_RELATED;
  const record = new CustomerRecord(customers.mintId(), applyWrite(undefined, sent), related, now, now, customers.nextSeq());
  customers.insert(record);
  return record;
}

/**
 * PUT (full) or PATCH (partial) /customers/{id}/ → 200. The object is looked up before the body
 * is read (UpdateModelMixin.update), so an unknown id is a 404 whatever the body.
 */
export async function updateCustomer(
  c: Context,
  sandboxOf: SandboxOf,
  id: string,
  partial: boolean,
  limitBytes: number,
): Promise<CustomerRecord> {
  const before = sandboxOf();
  findCustomer(before, id);
  const schemas = customerWriteSchemas(before.accountCountry);
  const sent = await validatedBody<CustomerAttrs>(c, limitBytes, partial ? schemas.update : schemas.replace, partial);
  // Read the sandbox and the record only once the body has arrived: a write that landed meanwhile
  // must be kept, and a reset meanwhile leaves the record as the reset sandbox holds it (or a 404).
  const sandbox = sandboxOf();
  const current = findCustomer(sandbox, id);
  const stored = current.attrs;
  const crossField = customerObjectErrors(Object.assign({}, stored, sent), false, sandbox.accountCountry);
  if (crossField) throw ApiError.validation(crossField);
  refuseUnstorable(sent);
  const record = new CustomerRecord(id, applyWrite(stored, sent), current.related, current.created, sandbox.clock.tick(), current.seq);
  sandbox.customers.replace(record);
  return record;
}

/**
 * What DELETE does to a customer, by the newest reference's rule. The mock holds no invoices or
 * subscriptions, so it reads them off what it does hold (a **guess**, docs/fidelity/piriod.md):
 * - active subscriptions ⇔ something was invoiced this period (`aggregations.sales_current_period > 0`):
 *   refused;
 * - non-draft invoices ⇔ anything was ever invoiced (`aggregations.sales > 0`), or a payment source
 *   holding value or payments (chargeable, consumed or finalized): archived;
 * - otherwise deleted for good, its contacts and sources with it.
 */
export type Deletion = 'refused' | 'archived' | 'deleted';

const VALUABLE_SOURCE_STATUSES: ReadonlySet<string> = new Set(['chargeable', 'consumed', 'finalized']);

export function deletionOf(record: CustomerRecord): Deletion {
  const { aggregations, sources } = record.related;
  if (aggregations.sales_current_period > 0) return 'refused';
  if (aggregations.sales > 0 || sources.some((s) => VALUABLE_SOURCE_STATUSES.has(s.status))) return 'archived';
  return 'deleted';
}

/** DELETE /customers/{id}/ → 204: archived (still retrievable) or deleted for good; 400 with active subscriptions. */
export function deleteCustomer(sandbox: PiriodSandbox, id: string): void {
  const current = findCustomer(sandbox, id);
  switch (deletionOf(current)) {
    case 'refused':
      throw new ApiError({ kind: 'bad_request', field: 'non_field_errors', reason: 'active_subscriptions' });
    case 'archived':
      // Archiving an archived customer changes nothing.
      if (current.attrs.status !== 'archived') {
        const attrs = Object.assign({}, current.attrs, { status: 'archived' });
        sandbox.customers.replace(new CustomerRecord(id, attrs, current.related, current.created, sandbox.clock.tick(), current.seq));
      }
      return;
    case 'deleted':
      for (const contact of current.related.contacts) sandbox.contacts.remove(contact.id);
      for (const source of current.related.sources) sandbox.sources.remove(source.id);
      sandbox.customers.remove(id);
  }
}
