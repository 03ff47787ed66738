/**
 * Piriod's customer contract: the one definition the mock validates requests with, the OpenAPI
 * document is generated from, and the contract suite checks a deployment's responses against.
 * Nothing here imports from src/.
 *
 * Responses are described as the real API sends them; requests as its DRF serializer validates
 * them, with DRF's own messages (see ./fields). Facts and guesses are listed in
 * docs/fidelity/piriod.md.
 */
import { z } from 'zod';
import { CUSTOMER_STATUSES, CustomerId, DateTime, SOURCE_ID_PATTERN, pageOf } from './common';
import { Contact } from './contacts';
import {
  booleanField,
  charField,
  choiceField,
  dictField,
  EMAIL_FIELD,
  refusingNumbers,
  URL_FIELD,
  serializerObject,
  type Presence,
} from './fields';
import { MESSAGES } from './messages';
import { COUNTRY_CODES, CURRENCY_CODES, REGULATED_COUNTRIES, TAX_ID_RULES } from './reference';
import { Source } from './sources';
import { State, isStateOf, stateWriteField } from './state';

export { MESSAGES } from './messages';
export { DATETIME_PATTERN, TIME_ZONE, renderInstant } from '../../lib/python/time';

// --- Building blocks ---------------------------------------------------------------------------

export {
  CONTACT_ID_PATTERN,
  CUSTOMER_ID_PATTERN,
  CUSTOMER_STATUSES,
  DateTime,
  MAX_CONTACTS_PER_ORGUNIT,
  SOURCE_ID_PATTERN,
  type CustomerStatus,
} from './common';
export { State } from './state';
export * from './contacts';
export * from './sources';

export const Country = z
  .object({
    id: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .meta({ description: 'ISO 3166-1 alpha-2 code.', examples: ['CL'] }),
    name: z.string().meta({ examples: ['Chile'] }),
    code: z
      .string()
      .regex(/^\+\d+$/)
      .meta({ description: 'International calling code.', examples: ['+56'] }),
    has_regulation: z.boolean().meta({ description: 'Whether Piriod requires and checks a tax id there.' }),
    currencies: z.array(z.string().regex(/^[A-Z]{3}$/)).meta({ examples: [['CLP']] }),
  })
  .meta({ description: 'A country, as list and retrieve render `country`.' });
export type Country = z.infer<typeof Country>;

export const Aggregations = z
  .object({
    balance: z.number().meta({ description: 'Amount owed now.' }),
    sales: z.number().meta({ description: 'Total invoiced.' }),
    sales_current_period: z.number().meta({ description: 'Invoiced in the current period.' }),
  })
  .meta({ description: 'Read-only financial summary of the customer.' });
export type Aggregations = z.infer<typeof Aggregations>;

// --- The customer as the API answers it --------------------------------------------------------

export const Customer = z
  .object({
    id: CustomerId,
    address: z.string().nullable(),
    aggregations: Aggregations,
    contacts: z.array(Contact),
    country: Country.nullable(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .meta({ examples: ['CLP'] }),
    email: z.string().nullable(),
    manager: z.string().nullable().meta({ description: 'Who manages the account (free text, ≤ 64).' }),
    metadata: z.record(z.string(), z.unknown()),
    name: z.string().min(1),
    phone: z.string().nullable(),
    reference: z.string().nullable().meta({ description: 'An external reference (≤ 64).' }),
    send_collections: z.boolean(),
    send_invoices: z.boolean(),
    send_vouchers: z.boolean(),
    // The docs call them "Source objects"; older answers may list bare ids.
    sources: z.array(z.union([Source, z.string().regex(SOURCE_ID_PATTERN)])).meta({
      description: "The customer's reusable payment sources that are chargeable or pending.",
    }),
    state: State.nullable(),
    status: z.enum(CUSTOMER_STATUSES).meta({ description: '`archived` once deleted with a history (DELETE keeps it).' }),
    tax_id: z.string().nullable(),
    tax_settings: z.record(z.string(), z.unknown()).nullable(),
    test_mode: z.boolean().meta({ description: 'Created in test mode (read-only).' }),
    website: z.string().nullable(),
    zip_code: z.string().nullable(),
    created: DateTime,
    updated: DateTime,
  })
  .meta({ description: 'A Piriod customer.' });
export type Customer = z.infer<typeof Customer>;

export const CustomerList = pageOf(Customer, 'customers');
export type CustomerList = z.infer<typeof CustomerList>;

export const DetailError = z.object({ detail: z.string() }).meta({ examples: [{ detail: MESSAGES.notAuthenticated }] });
export type DetailError = z.infer<typeof DetailError>;

export const FieldErrors = z.record(z.string(), z.array(z.string())).meta({
  description: 'DRF validation errors: field → messages; `non_field_errors` for the body as a whole.',
  examples: [{ name: [MESSAGES.required] }],
});
export type FieldErrors = z.infer<typeof FieldErrors>;

// --- The customer as the API accepts it --------------------------------------------------------

/** DRF's text validators, for CharField-based fields. */
/** One writable field: its DRF kind and presence rules (used for form input too). */
export interface WriteFieldSpec extends Presence {
  kind: 'char' | 'choice' | 'dict' | 'boolean';
}

/**
 * The writable fields in the serializer's declared order: DRF validates and lists errors in this
 * order. Read-only fields (id, aggregations, contacts, sources, test_mode, created, updated) and
 * unknown ones are ignored on write. The newer fields (manager, reference, send_*, status,
 * zip_code) take their place in the alphabetical order of the others: a **guess**.
 */
export const CUSTOMER_WRITE_FIELDS = {
  address: { kind: 'char', required: false, allowNull: true, allowBlank: true },
  country: { kind: 'choice', required: false, allowNull: true },
  currency: { kind: 'choice', required: false, allowNull: false },
  email: { kind: 'char', required: false, allowNull: true, allowBlank: true },
  manager: { kind: 'char', required: false, allowNull: true, allowBlank: true },
  metadata: { kind: 'dict', required: false, allowNull: false },
  name: { kind: 'char', required: true, allowNull: false, allowBlank: false },
  phone: { kind: 'char', required: false, allowNull: true, allowBlank: true },
  reference: { kind: 'char', required: false, allowNull: true, allowBlank: true },
  send_collections: { kind: 'boolean', required: false, allowNull: false },
  send_invoices: { kind: 'boolean', required: false, allowNull: false },
  send_vouchers: { kind: 'boolean', required: false, allowNull: false },
  state: { kind: 'char', required: false, allowNull: true, allowBlank: true },
  status: { kind: 'choice', required: false, allowNull: false },
  tax_id: { kind: 'char', required: false, allowNull: true, allowBlank: true },
  tax_settings: { kind: 'dict', required: false, allowNull: true },
  website: { kind: 'char', required: false, allowNull: true, allowBlank: true },
  zip_code: { kind: 'char', required: false, allowNull: true, allowBlank: true },
} as const satisfies Record<string, WriteFieldSpec>;
export type WriteFieldName = keyof typeof CUSTOMER_WRITE_FIELDS;

/**
 * Max lengths (from the model; the likely values in REFERENCE.md, except Django's defaults for email
 * and URL; zip_code, manager and reference from the newest reference, whose pairing is probable).
 */
export const MAX_LENGTHS = {
  address: 64,
  email: 254,
  manager: 64,
  name: 100,
  phone: 16,
  reference: 64,
  tax_id: 32,
  website: 200,
  zip_code: 16,
} as const;

/** A field's presence rules as types too: in a partial write (PATCH) no field is required. */
type PresenceOf<N extends WriteFieldName, Partial extends boolean> = {
  required: Partial extends true ? false : (typeof CUSTOMER_WRITE_FIELDS)[N]['required'];
  allowNull: (typeof CUSTOMER_WRITE_FIELDS)[N]['allowNull'];
  allowBlank?: boolean;
};

function writeShape<Partial extends boolean>(partial: Partial) {
  const p = <N extends WriteFieldName>(name: N): PresenceOf<N, Partial> => {
    const spec: WriteFieldSpec = CUSTOMER_WRITE_FIELDS[name];
    return {
      required: (spec.required && !partial) as PresenceOf<N, Partial>['required'],
      allowNull: spec.allowNull as PresenceOf<N, Partial>['allowNull'],
      allowBlank: spec.allowBlank,
    };
  };
  return {
    address: charField({ ...p('address'), maxLength: MAX_LENGTHS.address, example: 'Av. Apoquindo 3000, Las Condes' }),
    country: choiceField(COUNTRY_CODES, { ...p('country'), description: 'ISO 3166-1 alpha-2 code.', example: 'CL' }),
    currency: choiceField(CURRENCY_CODES, {
      ...p('currency'),
      description: "ISO 4217 code; defaults to the country's currency (CLP without a country).",
      example: 'CLP',
    }),
    email: charField({
      ...p('email'),
      maxLength: MAX_LENGTHS.email,
      ...EMAIL_FIELD,
      example: 'facturacion@andes.cl',
    }),
    manager: charField({
      ...p('manager'),
      maxLength: MAX_LENGTHS.manager,
      description: 'Who manages the account.',
      example: 'Camila Fuentes',
    }),
    metadata: dictField({ ...p('metadata'), description: 'Free key/value pairs.', example: { crm_id: '4411' } }),
    name: charField({ ...p('name'), maxLength: MAX_LENGTHS.name, example: 'Comercial Andes SpA' }),
    phone: charField({ ...p('phone'), maxLength: MAX_LENGTHS.phone, example: '+56 2 2345 6789' }),
    reference: charField({
      ...p('reference'),
      maxLength: MAX_LENGTHS.reference,
      description: 'An external reference.',
      example: 'ERP-00412',
    }),
    send_collections: booleanField({ ...p('send_collections'), description: 'Send collection reminders (default true).' }),
    send_invoices: booleanField({ ...p('send_invoices'), description: 'Send the invoices by email (default true).' }),
    send_vouchers: booleanField({ ...p('send_vouchers'), description: 'Send payment vouchers (default true).' }),
    state: stateWriteField(p('state')),
    status: choiceField(CUSTOMER_STATUSES, { ...p('status'), description: 'Default `active`.', example: 'active' }),
    tax_id: charField({
      ...p('tax_id'),
      maxLength: MAX_LENGTHS.tax_id,
      description: 'Required and checked where the country is regulated (Chile: RUT with its check digit).',
      example: '76.123.456-0',
    }),
    tax_settings: dictField({ ...p('tax_settings'), description: 'Tax-agency settings, e.g. `cl_activity_description`.' }),
    website: charField({
      ...p('website'),
      maxLength: MAX_LENGTHS.website,
      ...URL_FIELD,
      example: 'https://andes.cl',
    }),
    zip_code: charField({ ...p('zip_code'), maxLength: MAX_LENGTHS.zip_code, example: '7550000' }),
  };
}

/** The validated write attributes of a customer (what a create or update may set), as the schemas say. */
export type CustomerAttrs = z.output<z.ZodObject<ReturnType<typeof writeShape<true>>>>;

/**
 * Every writable attribute of a stored customer, from the same schemas: all present, codes held as
 * plain strings (a currency defaulted from the country, a state by its id `CLRM`).
 */
export type StoredAttrs = { [K in keyof CustomerAttrs]-?: WidenCodes<Exclude<CustomerAttrs[K], undefined>> };
type WidenCodes<T> = T extends string ? string : T;

/** The country of a workspace unless its scenario says otherwise: Piriod is a Chilean platform. */
export const DEFAULT_ACCOUNT_COUNTRY = 'CL';

/**
 * Whether a customer of `country` needs a tax id its country's rule accepts: the country is
 * regulated **and** it is the workspace's own (the newest reference: a Chilean account's Chilean
 * customers need a RUT, foreign ones don't). Where it is not required it is not checked either
 * (a **guess**: the rule belongs to the account's tax authority).
 */
export function taxIdRegulated(country: string | null | undefined, accountCountry: string): country is string {
  return !!country && country === accountCountry && REGULATED_COUNTRIES.has(country);
}

/**
 * The serializer's object-level `validate()`: checks across fields, run only once every field
 * passed. With `partial`, an attribute that is absent is unknown (the stored value decides, which
 * the server checks again on the merged record); otherwise absent means empty.
 *
 * - `state` must be a state of `country` (the message is ChoiceField's: a guess);
 * - a regulated country that is the workspace's own requires a tax id (`MESSAGES.required`, a
 *   guess) that its rule accepts (Piriod's own `MESSAGES.invalidFormat`).
 */
export function customerObjectErrors(
  attrs: { country?: string | null; state?: string | null; tax_id?: string | null },
  partial: boolean,
  accountCountry: string = DEFAULT_ACCOUNT_COUNTRY,
): FieldErrors | undefined {
  const errors: FieldErrors = {};
  const country = attrs.country === undefined && !partial ? null : attrs.country;
  if (attrs.state && country !== undefined && (country === null || !isStateOf(country, attrs.state))) {
    errors.state = [MESSAGES.invalidChoice(attrs.state)];
  }
  if (taxIdRegulated(country, accountCountry)) {
    const taxId = attrs.tax_id;
    if (!taxId) {
      if (taxId !== undefined || !partial) errors.tax_id = [MESSAGES.required];
    } else if (!TAX_ID_RULES.get(country)!.isValid(taxId)) {
      errors.tax_id = [MESSAGES.invalidFormat];
    }
  }
  return Object.keys(errors).length > 0 ? errors : undefined;
}

/**
 * A write body's schema. `partial` (PATCH) makes every field optional; `unknownIsStored` makes
 * an absent field "unknown" to the object-level checks, for updates whose stored values the
 * server checks once merged (PATCH, and PUT: ModelSerializer.update keeps omitted fields).
 */
function writeSchema<Partial extends boolean>(partial: Partial, unknownIsStored: boolean, accountCountry: string) {
  const object = serializerObject(writeShape(partial)).superRefine(
    (attrs, ctx) => {
      const errors = customerObjectErrors(attrs, unknownIsStored, accountCountry);
      for (const [field, messages] of Object.entries(errors ?? {})) {
        for (const message of messages) ctx.addIssue({ code: 'custom', path: [field], message });
      }
    },
    // validate() runs only when every field is valid.
    { when: (payload) => payload.issues.length === 0 },
  );
  return refusingNumbers(object);
}

/** The write schemas of a workspace in `accountCountry` (built once per country). */
export interface CustomerWriteSchemas {
  /** The POST body (and what PUT requires). */
  create: ReturnType<typeof writeSchema<false>>;
  /** The PUT body as the server checks it: cross-field checks left to the merged record. */
  replace: ReturnType<typeof writeSchema<false>>;
  /** The PATCH body. */
  update: ReturnType<typeof writeSchema<true>>;
}

const schemasByCountry = new Map<string, CustomerWriteSchemas>();

export function customerWriteSchemas(accountCountry: string = DEFAULT_ACCOUNT_COUNTRY): CustomerWriteSchemas {
  let schemas = schemasByCountry.get(accountCountry);
  if (!schemas) {
    schemas = {
      create: writeSchema(false, false, accountCountry),
      replace: writeSchema(false, true, accountCountry),
      update: writeSchema(true, true, accountCountry),
    };
    schemasByCountry.set(accountCountry, schemas);
  }
  return schemas;
}

/** The POST body, and the PUT body (a full update requires again what a create requires), of a Chilean workspace. */
export const CustomerCreate = customerWriteSchemas().create.meta({ description: 'A customer to create (POST) or to replace (PUT).' });
export type CustomerCreate = z.infer<typeof CustomerCreate>;

/**
 * The PUT body as the server checks it: CustomerCreate's fields, with the cross-field checks
 * left to the merged record (a field PUT omits keeps its stored value).
 */
export const CustomerReplace = customerWriteSchemas().replace;

/** The PATCH body: every field optional, each checked as on create. */
export const CustomerUpdate = customerWriteSchemas().update.meta({ description: 'Fields to change (PATCH).' });
export type CustomerUpdate = z.infer<typeof CustomerUpdate>;

export * from './list-query';
