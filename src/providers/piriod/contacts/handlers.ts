/**
 * The contact operations, each a step of DRF's ModelViewSet (rest_framework/mixins.py): read the
 * body, validate it with the contract's schema (and the customer it names against the sandbox),
 * act on the store, keep the customer's `contacts` in step, render. Errors are thrown as ApiError
 * and rendered once, by the provider's renderer.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError, type FieldErrors } from '../../../core/errors';
import {
  CONTACT_FIELD_ORDER,
  CONTACT_WRITE_FIELDS,
  ContactCreate,
  ContactCustomerField,
  ContactUpdate,
  MAX_CONTACTS_PER_ORGUNIT,
  type ContactAttrs,
} from '../../../../contracts/piriod/schemas';
import { MESSAGES } from '../../../../contracts/piriod/messages';
import { fieldErrors } from '../customers/handlers';
import { CustomerRecord } from '../customers/store';
import { formToInput, readRequestData } from '../input';
import type { PiriodSandbox, SandboxOf } from '../sandbox';
import type { StoredContact } from './store';
import { unknownId } from '../errors';

/** Field errors in the serializer's field order (DRF's OrderedDict), then any others. */
function inFieldOrder(errors: FieldErrors): FieldErrors {
  const ordered: FieldErrors = {};
  for (const field of CONTACT_FIELD_ORDER) if (errors[field]) ordered[field] = errors[field];
  return { ...ordered, ...errors };
}

/**
 * The body checked field by field, as Serializer.to_internal_value does: the schema's checks, and
 * PrimaryKeyRelatedField's lookup of the customer in the workspace (Piriod's own text), in the
 * sandbox as it is once the body has arrived, which is returned with the checked body.
 */
async function validatedContact<T extends ContactAttrs>(
  c: Context,
  sandboxOf: SandboxOf,
  limitBytes: number,
  schema: z.ZodType<T>,
): Promise<{ sent: T; sandbox: PiriodSandbox }> {
  const data = await readRequestData(c, limitBytes);
  const sandbox = sandboxOf();
  const input = data.kind === 'json' ? data.value : formToInput(data.fields, CONTACT_WRITE_FIELDS, schema === ContactUpdate);
  const result = schema.safeParse(input);
  const errors: FieldErrors = result.success ? {} : fieldErrors(result.error.issues);
  if (!errors.customer && typeof input === 'object' && input !== null && !Array.isArray(input) && 'customer' in input) {
    const pk = ContactCustomerField.safeParse((input as Record<string, unknown>).customer);
    if (pk.success && pk.data !== undefined && !sandbox.customers.get(pk.data)) errors.customer = [MESSAGES.relatedNotFound(pk.data)];
  }
  if (Object.keys(errors).length > 0) throw ApiError.validation(inFieldOrder(errors));
  return { sent: (result as { data: T }).data, sandbox };
}

/** GenericAPIView.get_object: the sandbox's contact, or Django's 404. */
export function findContact(sandbox: PiriodSandbox, id: string): StoredContact {
  const contact = sandbox.contacts.get(id);
  if (!contact) throw unknownId('contact', id);
  return contact;
}

/** A blank org unit is none: contacts without one form a unit of their own. */
const unitOf = (orgunit: string | null | undefined): string | null => orgunit || null;

/**
 * The seven-contacts rule (the serializer's validate(), so after every field passed): at most
 * MAX_CONTACTS_PER_ORGUNIT contacts of one customer in one org unit, `except` the contact written.
 */
function checkRoom(customer: CustomerRecord, orgunit: string | null, except?: string): void {
  const taken = customer.related.contacts.filter((c) => c.id !== except && unitOf(c.orgunit) === orgunit).length;
  if (taken >= MAX_CONTACTS_PER_ORGUNIT) {
    throw new ApiError({ kind: 'bad_request', field: 'non_field_errors', reason: 'too_many_contacts' });
  }
}

/** The customer with its `contacts` replaced (its own `updated` kept: the customer was not written). */
function withContacts(sandbox: PiriodSandbox, customer: CustomerRecord, contacts: readonly StoredContact[]): void {
  const { id, attrs, related, created, updated, seq } = customer;
  sandbox.customers.replace(new CustomerRecord(id, attrs, Object.assign({}, related, { contacts }), created, updated, seq));
}

/** POST /contacts/ → 201 with the new contact, also listed in its customer's `contacts`. */
export async function createContact(c: Context, sandboxOf: SandboxOf, limitBytes: number): Promise<StoredContact> {
  const { sent, sandbox } = await validatedContact(c, sandboxOf, limitBytes, ContactCreate);
  const customer = sandbox.customers.get(sent.customer)!;
  const orgunit = unitOf(sent.orgunit);
  checkRoom(customer, orgunit);
  const now = sandbox.clock.tick();
  const contact: StoredContact = {
    id: sandbox.contacts.mintId(),
    name: sent.name,
    email: sent.email,
    phone: sent.phone ?? null,
    customer: customer.id,
    orgunit,
    // The model's defaults: both true (the newest reference).
    invoicing: sent.invoicing ?? true,
    collections: sent.collections ?? true,
    created: now,
    updated: now,
  };
  sandbox.contacts.insert(contact);
  withContacts(sandbox, customer, [...customer.related.contacts, contact]);
  return contact;
}

/**
 * PUT (full) or PATCH (partial) /contacts/{id}/ → 200. The contact is looked up before the body
 * is read; moving it to another customer or org unit is held to the seven-contacts rule there.
 */
export async function updateContact(
  c: Context,
  sandboxOf: SandboxOf,
  id: string,
  partial: boolean,
  limitBytes: number,
): Promise<StoredContact> {
  findContact(sandboxOf(), id);
  const { sent, sandbox } = await validatedContact<ContactAttrs>(c, sandboxOf, limitBytes, partial ? ContactUpdate : ContactCreate);
  const current = findContact(sandbox, id);
  const customerId = sent.customer ?? current.customer;
  const customer = sandbox.customers.get(customerId)!;
  const orgunit = sent.orgunit === undefined ? current.orgunit : unitOf(sent.orgunit);
  checkRoom(customer, orgunit, id);
  const contact: StoredContact = {
    ...current,
    name: sent.name ?? current.name,
    email: sent.email ?? current.email,
    phone: sent.phone === undefined ? current.phone : sent.phone,
    customer: customerId,
    orgunit,
    invoicing: sent.invoicing ?? current.invoicing,
    collections: sent.collections ?? current.collections,
    updated: sandbox.clock.tick(),
  };
  sandbox.contacts.replace(contact);
  if (customerId === current.customer) {
    withContacts(
      sandbox,
      customer,
      customer.related.contacts.map((other) => (other.id === id ? contact : other)),
    );
  } else {
    const previous = sandbox.customers.get(current.customer);
    if (previous)
      withContacts(
        sandbox,
        previous,
        previous.related.contacts.filter((other) => other.id !== id),
      );
    withContacts(sandbox, customer, [...customer.related.contacts, contact]);
  }
  return contact;
}

/** DELETE /contacts/{id}/ → 204 (DestroyModelMixin); it leaves its customer's `contacts` too. */
export function deleteContact(sandbox: PiriodSandbox, id: string): void {
  const contact = findContact(sandbox, id);
  sandbox.contacts.remove(id);
  const customer = sandbox.customers.get(contact.customer);
  if (customer)
    withContacts(
      sandbox,
      customer,
      customer.related.contacts.filter((other) => other.id !== id),
    );
}
