/**
 * Piriod's contacts (`/contacts/`, the newest reference): the contact as the API answers it, as
 * its serializer accepts it, and the query of its list. A contact belongs to one customer; a
 * customer's `contacts` field shows its contacts.
 *
 * Whether the customer a write names exists, and the seven-contacts rule, need the stored data:
 * the server checks them (see MESSAGES.relatedNotFound and MESSAGES.tooManyContacts).
 */
import { z } from 'zod';
import { CONTACT_ID_PATTERN, CustomerId, DateTime, pageOf } from './common';
import { booleanField, charField, EMAIL_FIELD, refusingNumbers, relatedField, serializerObject, type Presence } from './fields';
import { type Filter, filterFor, pagedListQuery, readPagedListQuery } from './list-query';
import { MESSAGES } from './messages';
import { hasNullCharacter } from '../../lib/python/validators';

export const Contact = z
  .object({
    id: z
      .string()
      .regex(CONTACT_ID_PATTERN)
      .meta({ examples: ['con_7hQ2mK9xPz4LwT1bN8vR'] }),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    customer: CustomerId,
    orgunit: z.string().nullable().meta({ description: 'The org unit of the workspace the contact belongs to, if any.' }),
    invoicing: z.boolean().meta({ description: 'Receives the invoices.' }),
    collections: z.boolean().meta({ description: 'Receives collection reminders.' }),
    created: DateTime,
    updated: DateTime,
  })
  .meta({ description: 'A contact of a customer.' });
export type Contact = z.infer<typeof Contact>;

export const ContactList = pageOf(Contact, 'contacts');
export type ContactList = z.infer<typeof ContactList>;

/** A writable field of the contact serializer (used for form input too). */
export interface ContactFieldSpec extends Presence {
  kind: 'char' | 'boolean' | 'related';
}

/**
 * The writable fields in the serializer's order, which is the order a contact is rendered in (a
 * ModelSerializer's `Meta.fields` give both): Serializer.to_internal_value checks the fields, and
 * lists their errors, in it.
 */
export const CONTACT_WRITE_FIELDS = {
  name: { kind: 'char', required: true, allowNull: false, allowBlank: false },
  email: { kind: 'char', required: true, allowNull: false, allowBlank: false },
  phone: { kind: 'char', required: false, allowNull: true, allowBlank: true },
  customer: { kind: 'related', required: true, allowNull: false },
  orgunit: { kind: 'char', required: false, allowNull: true, allowBlank: true },
  invoicing: { kind: 'boolean', required: false, allowNull: false },
  collections: { kind: 'boolean', required: false, allowNull: false },
} as const satisfies Record<string, ContactFieldSpec>;
export type ContactFieldName = keyof typeof CONTACT_WRITE_FIELDS;
export const CONTACT_FIELD_ORDER = Object.keys(CONTACT_WRITE_FIELDS) as ContactFieldName[];

/** name ≤ 64 and phone ≤ 12 (the reference); email is Django's EmailField; orgunit a **guess**. */
export const CONTACT_MAX_LENGTHS = { name: 64, email: 254, orgunit: 64, phone: 12 } as const;

function contactShape<Partial extends boolean>(partial: Partial) {
  const p = <N extends ContactFieldName>(name: N) => {
    const spec: ContactFieldSpec = CONTACT_WRITE_FIELDS[name];
    return {
      required: (spec.required && !partial) as Partial extends true ? false : (typeof CONTACT_WRITE_FIELDS)[N]['required'],
      allowNull: spec.allowNull as (typeof CONTACT_WRITE_FIELDS)[N]['allowNull'],
      allowBlank: spec.allowBlank,
    };
  };
  return {
    name: charField({ ...p('name'), maxLength: CONTACT_MAX_LENGTHS.name, example: 'Valentina Rojas Soto' }),
    email: charField({
      ...p('email'),
      maxLength: CONTACT_MAX_LENGTHS.email,
      ...EMAIL_FIELD,
      example: 'valentina.rojas@andes.cl',
    }),
    phone: charField({ ...p('phone'), maxLength: CONTACT_MAX_LENGTHS.phone, example: '+56912345678' }),
    customer: relatedField({
      ...p('customer'),
      description: 'The id of a customer of the workspace.',
      example: 'cus_3ZkR8bQpW1xYt6NvLm2a',
    }),
    orgunit: charField({
      ...p('orgunit'),
      maxLength: CONTACT_MAX_LENGTHS.orgunit,
      description: 'The org unit the contact is for; blank means none.',
    }),
    invoicing: booleanField({ ...p('invoicing'), description: 'Receives the invoices (default true).' }),
    collections: booleanField({ ...p('collections'), description: 'Receives collection reminders (default true).' }),
  };
}

/** The `customer` of a write alone, to look up the customer it names even when other fields fail. */
export const ContactCustomerField = relatedField({ required: false, allowNull: false });

/** The POST and PUT body (a full update requires again what a create requires). */
export const ContactCreate = refusingNumbers(serializerObject(contactShape(false))).meta({
  description: 'A contact to create (POST) or to replace (PUT).',
});
export type ContactCreate = z.infer<typeof ContactCreate>;

/** The PATCH body: every field optional, each checked as on create. */
export const ContactUpdate = refusingNumbers(serializerObject(contactShape(true))).meta({
  description: 'Fields of a contact to change (PATCH).',
});
export type ContactUpdate = z.infer<typeof ContactUpdate>;

/** The validated attributes of a write (what a create or update may set). */
export type ContactAttrs = z.output<typeof ContactUpdate>;

// --- The list ---------------------------------------------------------------------------------

/** One condition of the contact list: the field equals the value. */
export interface ContactCondition {
  kind: 'equals';
  field: 'customer' | 'orgunit' | 'name' | 'email' | 'invoicing' | 'collections';
  value: string | boolean;
}

// django-filter's CharFilter: forms.CharField (stripped, no null characters).
const charFilter = (description: string) =>
  z
    .string()
    .refine((v) => !hasNullCharacter(v), { error: MESSAGES.nullCharacters })
    .optional()
    .meta({ description });

/**
 * django-filter's BooleanFilter as its DRF backend declares it (rest_framework/filters.py,
 * BooleanWidget): `true`/`1` and `false`/`0` in any case; anything else filters nothing.
 */
const filter = filterFor<ContactCondition | undefined>();

const BOOLEAN_WORDS: Record<string, boolean> = { '1': true, true: true, '0': false, false: false };
const booleanFilter = (field: 'invoicing' | 'collections', description: string) =>
  filter(
    z
      .string()
      .optional()
      .meta({ description, examples: ['true'] }),
    false,
    (value) => {
      const word = BOOLEAN_WORDS[value.toLowerCase()];
      return word === undefined ? undefined : { kind: 'equals', field, value: word };
    },
  );

const equals =
  (field: ContactCondition['field']) =>
  (value: string): ContactCondition => ({ kind: 'equals', field, value });

/** The FilterSet of the contact list, in the reference's order. */
export const CONTACT_FILTERS: Record<string, Filter<z.ZodType, ContactCondition | undefined>> = {
  // A ModelChoiceFilter: an id that is no customer of the workspace is MESSAGES.filterChoice (the server checks).
  customer: filter(z.string().optional().meta({ description: 'Contacts of this customer (`cus_…`).' }), false, equals('customer')),
  orgunit: filter(charFilter('Contacts of this org unit.'), true, equals('orgunit')),
  name: filter(charFilter('Contacts with this name (case-sensitive).'), true, equals('name')),
  email: filter(charFilter('Contacts with this email (case-sensitive).'), true, equals('email')),
  invoicing: booleanFilter('invoicing', 'Contacts that receive (`true`) or do not receive (`false`) the invoices.'),
  collections: booleanFilter('collections', 'Contacts that receive (`true`) or do not receive (`false`) collection reminders.'),
};

export const ContactListQuery = pagedListQuery(CONTACT_FILTERS);

/** The contact list's query read into a plan (newest contacts first: a **guess**, no ordering is documented). */
export function readContactListQuery(get: (name: string) => string | undefined) {
  return readPagedListQuery(CONTACT_FILTERS, get);
}
