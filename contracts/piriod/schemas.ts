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
import { charField, choiceField, dictField, type Presence } from './fields';
import { MESSAGES } from './messages';
import { COUNTRY_CODES, CURRENCY_CODES, REGULATED_COUNTRIES, TAX_ID_RULES, findState } from './reference';
import { PyNumber } from '../../lib/python/python';
import { DATETIME_PATTERN } from '../../lib/python/time';
import { isDjangoEmail, isDjangoUrl } from '../../lib/python/validators';

export { MESSAGES } from './messages';
export { DATETIME_PATTERN, TIME_ZONE, renderInstant } from '../../lib/python/time';

// --- Building blocks ---------------------------------------------------------------------------

export const CUSTOMER_ID_PATTERN = /^cus_[A-Za-z0-9]{18,20}$/;
export const CONTACT_ID_PATTERN = /^con_[A-Za-z0-9]{18,20}$/;
export const SOURCE_ID_PATTERN = /^sou_[A-Za-z0-9]{18,20}$/;

const CustomerId = z
  .string()
  .regex(CUSTOMER_ID_PATTERN)
  .meta({ description: "The customer's id: `cus_` and 18–20 letters and digits.", examples: ['cus_3ZkR8bQpW1xYt6NvLm2a'] });

export const DateTime = z
  .string()
  .regex(DATETIME_PATTERN)
  .meta({
    description: 'ISO 8601 in America/Santiago with its offset, microseconds included unless zero (Python isoformat).',
    examples: ['2020-10-15T13:26:15.356289-03:00'],
  });

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

export const State = z
  .object({
    id: z
      .string()
      .regex(/^[A-Z]{2}[A-Z0-9]{1,4}$/)
      .meta({ description: 'Country code + subdivision code (≤ 6).', examples: ['CLRM'] }),
    code: z
      .string()
      .regex(/^[A-Z0-9]{1,4}$/)
      .meta({ examples: ['RM'] }),
    name: z.string().meta({ examples: ['Región Metropolitana de Santiago'] }),
  })
  .meta({ description: 'A state (first-level subdivision), as list and retrieve render `state`.' });
export type State = z.infer<typeof State>;

export const Contact = z.object({
  id: z
    .string()
    .regex(CONTACT_ID_PATTERN)
    .meta({ examples: ['con_7hQ2mK9xPz4LwT1bN8vR'] }),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  customer: CustomerId,
  invoicing: z.boolean().meta({ description: 'Receives the invoices.' }),
  collections: z.boolean().meta({ description: 'Receives collection reminders.' }),
  created: DateTime,
  updated: DateTime,
});
export type Contact = z.infer<typeof Contact>;

export const SOURCE_GATEWAYS = ['paypal', 'webpay', 'khipu', 'oneclick'] as const;
export const SOURCE_STATUSES = ['failed', 'pending', 'consumed', 'chargeable', 'finalized'] as const;

export const Source = z.object({
  id: z
    .string()
    .regex(SOURCE_ID_PATTERN)
    .meta({ examples: ['sou_5tGv8KpQ2wXz7LmN4bYc'] }),
  gateway: z.enum(SOURCE_GATEWAYS),
  status: z.enum(SOURCE_STATUSES),
  created: DateTime,
  updated: DateTime,
});
export type Source = z.infer<typeof Source>;

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
    metadata: z.record(z.string(), z.unknown()),
    name: z.string().min(1),
    phone: z.string().nullable(),
    // The docs call them "Source objects"; older answers may list bare ids.
    sources: z.array(z.union([Source, z.string().regex(SOURCE_ID_PATTERN)])),
    state: State.nullable(),
    tax_id: z.string().nullable(),
    tax_settings: z.record(z.string(), z.unknown()).nullable(),
    website: z.string().nullable(),
    created: DateTime,
    updated: DateTime,
    // Shown by newer versions of the docs only (not served by the mock).
    zip_code: z.string().nullable().optional(),
    status: z.enum(['active', 'archived', 'pending']).optional(),
    reference: z.string().nullable().optional(),
    manager: z.string().nullable().optional(),
  })
  .meta({ description: 'A Piriod customer.' });
export type Customer = z.infer<typeof Customer>;

export const CustomerList = z
  .object({
    count: z.int().min(0),
    next: z
      .url({ protocol: /^https?$/ })
      .nullable()
      .meta({ description: 'Absolute URL of the next page, keeping the other parameters.' }),
    previous: z.url({ protocol: /^https?$/ }).nullable(),
    results: z.array(Customer).max(100).describe('At most `page_size` customers; page_size is capped at 100.'),
  })
  .meta({ description: 'A page of customers (DRF PageNumberPagination).' });
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
const EMAIL = { test: isDjangoEmail, message: MESSAGES.email, format: 'email' };
const URL_VALIDATOR = { test: isDjangoUrl, message: MESSAGES.url, format: 'uri' };

/** One writable field: its DRF kind and presence rules (used for form input too). */
export interface WriteFieldSpec extends Presence {
  kind: 'char' | 'choice' | 'dict';
}

/**
 * The writable fields in the serializer's declared order: DRF validates and lists errors in this
 * order. Read-only fields (id, aggregations, contacts, sources, created, updated) and unknown
 * ones are ignored on write.
 */
export const CUSTOMER_WRITE_FIELDS = {
  address: { kind: 'char', required: false, allowNull: true, allowBlank: true },
  country: { kind: 'choice', required: false, allowNull: true },
  currency: { kind: 'choice', required: false, allowNull: false },
  email: { kind: 'char', required: false, allowNull: true, allowBlank: true },
  metadata: { kind: 'dict', required: false, allowNull: false },
  name: { kind: 'char', required: true, allowNull: false, allowBlank: false },
  phone: { kind: 'char', required: false, allowNull: true, allowBlank: true },
  state: { kind: 'char', required: false, allowNull: true, allowBlank: true },
  tax_id: { kind: 'char', required: false, allowNull: true, allowBlank: true },
  tax_settings: { kind: 'dict', required: false, allowNull: true },
  website: { kind: 'char', required: false, allowNull: true, allowBlank: true },
} as const satisfies Record<string, WriteFieldSpec>;
export type WriteFieldName = keyof typeof CUSTOMER_WRITE_FIELDS;

/** Max lengths (from the model; the likely values in REFERENCE.md, except Django's defaults for email and URL). */
export const MAX_LENGTHS = { address: 64, email: 254, name: 100, phone: 16, state: 6, tax_id: 32, website: 200 } as const;

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
    email: charField({ ...p('email'), maxLength: MAX_LENGTHS.email, validators: [EMAIL], example: 'facturacion@andes.cl' }),
    metadata: dictField({ ...p('metadata'), description: 'Free key/value pairs.', example: { crm_id: '4411' } }),
    name: charField({ ...p('name'), maxLength: MAX_LENGTHS.name, example: 'Comercial Andes SpA' }),
    phone: charField({ ...p('phone'), maxLength: MAX_LENGTHS.phone, example: '+56 2 2345 6789' }),
    state: charField({
      ...p('state'),
      maxLength: MAX_LENGTHS.state,
      description: 'A state of the country: its id (`CLRM`) or code (`RM`).',
      example: 'CLRM',
    }),
    tax_id: charField({
      ...p('tax_id'),
      maxLength: MAX_LENGTHS.tax_id,
      description: 'Required and checked where the country is regulated (Chile: RUT with its check digit).',
      example: '76.123.456-0',
    }),
    tax_settings: dictField({ ...p('tax_settings'), description: 'Tax-agency settings, e.g. `cl_activity_description`.' }),
    website: charField({ ...p('website'), maxLength: MAX_LENGTHS.website, validators: [URL_VALIDATOR], example: 'https://andes.cl' }),
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

/**
 * The serializer's object-level `validate()`: checks across fields, run only once every field
 * passed. With `partial`, an attribute that is absent is unknown (the stored value decides, which
 * the server checks again on the merged record); otherwise absent means empty.
 *
 * - `state` must be a state of `country` (the message is ChoiceField's: a guess);
 * - a regulated country requires a tax id (`MESSAGES.required`, a guess) that its rule accepts
 *   (Piriod's own `MESSAGES.invalidFormat`).
 */
export function customerObjectErrors(
  attrs: { country?: string | null; state?: string | null; tax_id?: string | null },
  partial: boolean,
): FieldErrors | undefined {
  const errors: FieldErrors = {};
  const country = attrs.country === undefined && !partial ? null : attrs.country;
  if (attrs.state && country !== undefined && (country === null || !findState(country, attrs.state))) {
    errors.state = [MESSAGES.invalidChoice(attrs.state)];
  }
  if (country && REGULATED_COUNTRIES.has(country)) {
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
function writeSchema<Partial extends boolean>(partial: Partial, unknownIsStored: boolean) {
  const object = z
    .object(writeShape(partial), {
      // DRF Serializer.to_internal_value; a JSON `null` body is `MESSAGES.noData` (Serializer.errors).
      error: (issue) => (issue.input === null ? MESSAGES.noData : MESSAGES.notAnObject(issue.input)),
    })
    .superRefine(
      (attrs, ctx) => {
        const errors = customerObjectErrors(attrs, unknownIsStored);
        for (const [field, messages] of Object.entries(errors ?? {})) {
          for (const message of messages) ctx.addIssue({ code: 'custom', path: [field], message });
        }
      },
      // validate() runs only when every field is valid.
      { when: (payload) => payload.issues.length === 0 },
    );
  // A JSON number JS cannot hold faithfully is a PyNumber object: still a number, not a dict.
  return z.preprocess((value, ctx) => {
    if (value instanceof PyNumber) ctx.addIssue({ code: 'custom', message: MESSAGES.notAnObject(value), input: value });
    return value;
  }, object);
}

/** The POST body, and the PUT body (a full update requires again what a create requires). */
export const CustomerCreate = writeSchema(false, false).meta({ description: 'A customer to create (POST) or to replace (PUT).' });
export type CustomerCreate = z.infer<typeof CustomerCreate>;

/**
 * The PUT body as the server checks it: CustomerCreate's fields, with the cross-field checks
 * left to the merged record (a field PUT omits keeps its stored value).
 */
export const CustomerReplace = writeSchema(false, true);

/** The PATCH body: every field optional, each checked as on create. */
export const CustomerUpdate = writeSchema(true, true).meta({ description: 'Fields to change (PATCH).' });
export type CustomerUpdate = z.infer<typeof CustomerUpdate>;

export * from './list-query';
