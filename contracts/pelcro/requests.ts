/**
 * What Pelcro's Core API accepts for customers: the create and update bodies with the server's own
 * validation rules and Laravel's messages, and the list query parameters. The mock validates with
 * these schemas, so a rule changes in one place.
 *
 * Rules come from docs.pelcro.com ("Create customer", "Update customer", "Filtering and Sorting",
 * "Pagination"); where the docs give no limit the mock's choice is marked in docs/fidelity/pelcro.md.
 * Accepted value forms follow Laravel's rules: `boolean` takes true, false, 1, 0, "1", "0";
 * `integer` takes what PHP's FILTER_VALIDATE_INT takes: an integer, a string of digits, `true`, a
 * whole JSON float such as `7.0` (lib/php/validator.ts integerRule).
 */
import { z } from 'zod';
import { isRfcEmail } from '../../lib/php/email';
import { alphaDashPasses, given, laravelRule, sizePasses } from '../../lib/php/rules';
import { ALPHA_DASH, booleanRule, IMPLICIT, integerRule, toInt } from '../../lib/php/validator';
import { LANGUAGE_CODES } from './languages';
import { laravel } from './messages';
import { Address, EXPAND_NAMES, Id, Organization, Source, Subscription, Timestamp } from './responses';
import { TIMEZONES } from './timezones';

/** Laravel's `integer` rule on `field`. */
export function integerInput(field: string) {
  return integerRule(laravel.integer(field));
}

/** Laravel's `boolean` rule on `field`. */
export function booleanInput(field: string) {
  return booleanRule(laravel.boolean(field));
}

/**
 * `max:N` on a value the `string` rule refused: Laravel runs it too (no `bail`) and measures an
 * array by its count, so a list of 256 items in a `max:255` field gets both messages.
 */
function maxOfNonString(field: string, max: number) {
  return laravelRule((value) => sizePasses(value, 'max', max), laravel.maxString(field, max), { nonStrings: true });
}

/** `nullable|string|max:N`. */
export function text(field: string, max: number) {
  return z
    .string({ error: laravel.string(field) })
    .max(max, { error: laravel.maxString(field, max) })
    .check(maxOfNonString(field, max))
    .nullable()
    .optional();
}

/**
 * A check after `integer` that runs only on an integer, as `exists` does: Laravel skips it once the
 * field has failed (Validator::hasNotFailedPreviousRuleIfPresenceRule).
 */
export const onceInteger = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

/**
 * The site the call is for: `required|integer`, and an existing site (`exists`, which runs only on
 * a field without a failure yet: Validator::hasNotFailedPreviousRuleIfPresenceRule). Any id from 1
 * to 2^53 − 1 is a site in the mock; past it, an integer PHP still accepts is no site the mock can
 * hold apart (**guess**: "The selected site id is invalid.").
 */
export const SiteId = integerInput('site_id').refine((v) => isSiteId(toInt(v)), { error: laravel.invalid('site_id'), ...onceInteger });

function isSiteId(id: number): boolean {
  return id >= 1 && Number.isSafeInteger(id);
}

/** Phone: "Non-numeric characters are stripped. Resulting digits must be between 5 and 20." */
export const PHONE_DIGITS = { min: 5, max: 20 } as const;
const phone = z
  .string({ error: laravel.string('phone') })
  .regex(/^\D*(?:\d\D*){5,20}$/, { error: laravel.digitsBetween('phone', PHONE_DIGITS.min, PHONE_DIGITS.max) })
  .nullable()
  .optional();

/**
 * `nullable|string|alpha_dash|max:255`; Laravel's `alpha_dash` (`/\A[\pL\pM\pN_-]+\z/u`) also
 * refuses what `string` refused unless it is a number that matches (`12` passes, `12.5`, `true` and
 * arrays do not).
 */
const username = z
  .string({ error: laravel.string('username') })
  .regex(ALPHA_DASH, { error: laravel.alphaDash('username') })
  .check(laravelRule(alphaDashPasses, laravel.alphaDash('username'), { nonStrings: true }))
  .max(255, { error: laravel.maxString('username', 255) })
  .check(maxOfNonString('username', 255))
  .nullable()
  .optional();

/** What the union of a record and an array said in JSON Schema. */
const METADATA_JSON_SCHEMA = {
  anyOf: [
    { type: 'object', propertyNames: { type: 'string' }, additionalProperties: {} },
    { type: 'array', items: {} },
  ],
};

/**
 * Metadata: Laravel's `array` rule (`is_array`). A JSON object passes, and so does any JSON list
 * (`[1, 2]`): PHP decodes both to arrays, and the mock holds a list as the array of keys 0 … n−1 it
 * is. Keys set to null are dropped (create) or removed (update).
 *
 * Checked, not rebuilt (the handlers keep the metadata as sent): a union of a record and an array
 * copied every key or item, most of the check of a 60,000-key body. An unknown refined keeps the
 * schema representable in JSON Schema, which a custom type is not.
 */
const metadata = (
  z
    .unknown()
    .refine((value) => Array.isArray(value) || z.core.util.isPlainObject(value), { error: laravel.array('metadata') })
    .meta(METADATA_JSON_SCHEMA) as z.ZodType<Record<string, unknown> | unknown[]>
)
  .nullable()
  .optional();

/**
 * What every address isRfcEmail accepts looks like: an `@` with something before and after it, and
 * not first (egulias's NoLocalPart). Little more holds: the local part may be quoted after a dot
 * (`a.""@b.c`), hold comments (`a(b)c@d.e`), white space before the `@` (` @b.c`) or a NUL.
 */
const EMAIL_SHAPE = /^[^@][\s\S]*@[\s\S]+$/;

const writable = {
  site_id: SiteId.optional(),
  // `email` is `email:rfc` (Laravel's default), not `rfc,dns`: docs/fidelity/pelcro.md says why.
  email: z
    .string({ error: laravel.email('email') })
    // A shape every address the rule accepts has, so that the OpenAPI document carries a pattern a
    // request validator can check; it refuses nothing isRfcEmail accepts (test/pelcro/schemas.test.ts,
    // and every address of the differential sweeps). The rule itself is isRfcEmail.
    .regex(EMAIL_SHAPE, { error: laravel.email('email') })
    .refine(isRfcEmail, { error: laravel.email('email') })
    .describe("An address RFC 5322 accepts (Laravel's `email` rule): `a@b` and `ñoño@example.com` pass.")
    .max(255, { error: laravel.maxString('email', 255) })
    .check(maxOfNonString('email', 255))
    .nullable()
    .optional(),
  skip_email_dns_validations: booleanInput('skip_email_dns_validations').optional(),
  first_name: text('first_name', 255),
  last_name: text('last_name', 255),
  display_name: text('display_name', 100),
  username,
  phone,
  salutation: text('salutation', 255),
  title: text('title', 255),
  tin: text('tin', 255),
  old_provider_id: text('old_provider_id', 191),
  language: z
    .enum(LANGUAGE_CODES, { error: laravel.invalid('language') })
    .nullable()
    .optional(),
  timezone: z
    .enum(TIMEZONES, { error: laravel.timezone('timezone') })
    .nullable()
    .optional(),
  mail_marketing: booleanInput('mail_marketing').optional(),
  tele_marketing: booleanInput('tele_marketing').optional(),
  email_hardbounce: booleanInput('email_hardbounce').optional(),
  metadata,
  // `min:6` runs on any value but a whitespace-only string (which TrimStrings leaves in a password).
  password: z
    .string({ error: laravel.string('password') })
    .check(laravelRule((value) => sizePasses(value, 'min', 6), laravel.minString('password', 6)))
    .meta({ minLength: 6 })
    .optional(),
  password_type: text('password_type', 255),
  organization: integerInput('organization').nullable().optional(),
};

/** The identity fields of which a new customer needs at least one (`required_without_all`). */
export const IDENTITY_FIELDS = ['email', 'old_provider_id', 'display_name'] as const;

type Ctx = z.core.$RefinementCtx<Record<string, unknown>>;

/**
 * `required_with:password_type` on the password, as validateRequired counts a value given
 * (lib/php/rules.ts): `password_type: []` asks for no password, and a password of spaces, which
 * TrimStrings leaves as sent, is no password. Its `string|min:6` are the field's own: without
 * `nullable` or `bail` Laravel runs both on any value sent, so `password: null` or `12345` gets
 * both messages (Validator::isValidatable, getSize).
 */
function passwordRules(body: Record<string, unknown>, ctx: Ctx) {
  if (given(body.password_type) && !given(body.password)) {
    ctx.addIssue({ code: 'custom', path: ['password'], message: laravel.requiredWith('password', ['password_type']), params: IMPLICIT });
  }
}

/** POST /api/v1/core/customers */
export const CustomerCreate = z.object(writable).superRefine(
  (body, ctx) => {
    if (!IDENTITY_FIELDS.some((field) => given(body[field]))) {
      for (const field of IDENTITY_FIELDS) {
        const others = IDENTITY_FIELDS.filter((other) => other !== field);
        ctx.addIssue({ code: 'custom', path: [field], message: laravel.requiredWithoutAll(field, others), params: IMPLICIT });
      }
    }
    passwordRules(body, ctx);
  },
  // Cross-field rules run even when a field failed its own rules: Laravel reports every field at once.
  { when: () => true },
);
export type CustomerCreate = z.input<typeof CustomerCreate>;

/**
 * PUT /api/v1/core/customers/{id}: every field optional; `metadata` merges, `organization: null`
 * detaches, `default_source_id` must be one of the customer's sources (checked against the store).
 */
export const CustomerUpdate = z
  .object({ ...writable, default_source_id: integerInput('default_source_id').nullable().optional() })
  .superRefine(passwordRules, { when: () => true });
export type CustomerUpdate = z.input<typeof CustomerUpdate>;

export const SORT_VALUES = ['id', '-id', 'email', '-email'] as const;
export type SortValue = (typeof SORT_VALUES)[number];
export const SORTABLE_FIELDS = ['id', 'email'] as const;
export const LIST_LIMIT = { default: 10, min: 1, max: 100 } as const;

/**
 * A list's `limit`: `integer|min:1|max:100`, every rule run on any value sent. `integer` is a
 * numeric rule, so min and max measure a numeric value by its value (`0.5` is under 1, `150.5`
 * and `1e3` over 100, each after the integer message) and anything else by its length; their
 * texts are the numeric ones (FormatsMessages::getAttributeType).
 */
export function limitInput() {
  return integerInput('limit')
    .check(laravelRule((value) => sizePasses(value, 'min', LIST_LIMIT.min, { numeric: true }), laravel.minNumeric('limit', LIST_LIMIT.min)))
    .check(laravelRule((value) => sizePasses(value, 'max', LIST_LIMIT.max, { numeric: true }), laravel.maxNumeric('limit', LIST_LIMIT.max)))
    .optional();
}

/** `filter[ATTR]` attributes; `metadata.KEY` takes the value operators, `metadata` takes `has`/`orhas`. */
export const FILTER_ATTRIBUTES = ['email', 'first_name', 'last_name'] as const;
export type FilterAttribute = (typeof FILTER_ATTRIBUTES)[number];
export const VALUE_OPERATORS = ['eq', 'oreq', 'like', 'orlike'] as const;
export const METADATA_OPERATORS = ['has', 'orhas'] as const;
export const FILTER_OPERATORS = [...VALUE_OPERATORS, ...METADATA_OPERATORS] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];
/** Query keys of metadata value filters: `filter[metadata.plan]=eq:gold`. */
export const METADATA_FILTER_KEY = /^filter\[metadata\.([^\]]+)\]$/;

const expandList = new RegExp(`^\\s*(?:${EXPAND_NAMES.join('|')})\\s*(?:,\\s*(?:${EXPAND_NAMES.join('|')})\\s*)*$`);

const valueFilter = (attribute: string) =>
  z
    .string()
    .min(1, { error: laravel.filled(`filter.${attribute}`) })
    .optional()
    .describe(
      `Filter on ${attribute}: OPERATOR:VALUE[,VALUE…] with OPERATOR one of ${VALUE_OPERATORS.join(', ')} ` +
        '(default eq); the values of one filter are alternatives; an or-operator joins the filter with OR instead of AND.',
    );

/** GET /api/v1/core/customers query parameters (also `filter[metadata.KEY]`, see METADATA_FILTER_KEY). */
export const CustomerListQuery = z.object({
  site_id: SiteId.describe('The site the customers belong to.'),
  page: integerInput('page').optional().describe('Page number from 1; anything else reads as 1 (Laravel).'),
  limit: limitInput().describe(`Records per page, ${LIST_LIMIT.min}–${LIST_LIMIT.max}, default ${LIST_LIMIT.default}.`),
  sort: z
    .enum(SORT_VALUES, { error: laravel.invalid('sort') })
    .optional()
    .describe('Sort on id or email, descending with a leading "-"; default id.'),
  expand: z
    .string()
    .regex(expandList, { error: laravel.invalid('expand') })
    .optional()
    .describe(`Related objects to return in full, comma-separated: ${EXPAND_NAMES.join(', ')}.`),
  'filter[email]': valueFilter('email'),
  'filter[first_name]': valueFilter('first_name'),
  'filter[last_name]': valueFilter('last_name'),
  'filter[metadata]': z
    .string()
    .regex(/^(?:has|orhas):.+$/, { error: laravel.invalid('filter.metadata') })
    .optional()
    .describe('has:KEY[,KEY…] or orhas:KEY[,KEY…]: the metadata has a top-level KEY.'),
});
export type CustomerListQuery = z.input<typeof CustomerListQuery>;

/**
 * A hand-written customer in a scenario file (`seeds/*.json` → `pelcro.fixtures`). Everything but
 * one identity field is optional; the seed fills the rest and gives it the next free id. It may
 * carry what it owns, each as the API renders it with its id (and owner) optional: `addresses`,
 * `sources` (the first is its default source), `subscriptions`, and an `organization` given by
 * id or as a new one (`{"name": …}`).
 */
export const CustomerFixture = z
  .strictObject({
    id: Id.optional(),
    email: z.email().nullable().optional(),
    username: z.string().regex(ALPHA_DASH).nullable().optional(),
    first_name: z.string().max(255).nullable().optional(),
    last_name: z.string().max(255).nullable().optional(),
    display_name: z.string().max(100).nullable().optional(),
    phone: z
      .string()
      .regex(/^\d{5,20}$/)
      .nullable()
      .optional(),
    salutation: z.string().nullable().optional(),
    title: z.string().nullable().optional(),
    tin: z.string().nullable().optional(),
    old_provider_id: z.string().max(191).nullable().optional(),
    language: z.enum(LANGUAGE_CODES).nullable().optional(),
    timezone: z.enum(TIMEZONES).nullable().optional(),
    email_confirm: z.boolean().optional(),
    email_hardbounce: z.boolean().optional(),
    phone_confirm: z.boolean().optional(),
    mail_marketing: z.boolean().optional(),
    tele_marketing: z.boolean().optional(),
    is_imported: z.boolean().nullable().optional(),
    has_password: z.boolean().optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
    organization: z
      .union([Id, Organization.partial({ id: true }).strict()])
      .nullable()
      .optional(),
    created_at: Timestamp.optional(),
    updated_at: Timestamp.optional(),
    addresses: z.array(Address.partial({ id: true, user_id: true }).strict()).optional(),
    sources: z.array(Source.partial({ id: true }).strict()).optional(),
    subscriptions: z.array(Subscription.partial({ id: true }).strict()).optional(),
  })
  .refine((f) => IDENTITY_FIELDS.some((field) => given(f[field])), {
    message: `a fixture needs one of ${IDENTITY_FIELDS.join(', ')}`,
  });
export type CustomerFixture = z.infer<typeof CustomerFixture>;
