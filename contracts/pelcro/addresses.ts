/**
 * Pelcro's Core API addresses (docs.pelcro.com "Addresses"): the create and update bodies with
 * their Laravel rules, the list query, and the answers. `customer_id` must be a live customer of the
 * call's site (checked against the store); one address per type is the customer's default.
 */
import { countries } from 'countries-list';
import { z } from 'zod';
import { given } from '../../lib/php/rules';
import { IMPLICIT } from '../../lib/php/validator';
import { laravel } from './messages';
import { booleanInput, integerInput, LIST_LIMIT, limitInput, SiteId, text } from './requests';
import { ADDRESS_TYPES, Address, PaginationLinks, PaginationMeta, lengthAware } from './responses';

/** ISO 3166-1 alpha-2 codes, upper case as the Address object shows them. */
export const COUNTRY_CODES = Object.keys(countries).sort() as [string, ...string[]];
/** "state (required for CA, US, AU)". */
export const STATE_REQUIRED_IN = ['CA', 'US', 'AU'] as const;

const fields = {
  site_id: SiteId.optional(),
  type: z.enum(ADDRESS_TYPES, { error: laravel.invalid('type') }).optional(),
  first_name: text('first_name', 255),
  last_name: text('last_name', 255),
  title: text('title', 255),
  salutation: text('salutation', 255),
  company: text('company', 255),
  department: text('department', 255),
  line1: text('line1', 255),
  line2: text('line2', 255),
  city: text('city', 255),
  state: text('state', 255),
  // The `in` rule over ISO codes (**guess**: the docs say "ISO alpha-2"; lower case is refused).
  country: z
    .enum(COUNTRY_CODES, { error: laravel.invalid('country') })
    .nullable()
    .optional(),
  postal_code: text('postal_code', 45),
  phone: text('phone', 255),
  is_default: booleanInput('is_default').optional(),
  old_provider_id: text('old_provider_id', 191),
};

type Ctx = z.core.$RefinementCtx<Record<string, unknown>>;

/** `required` on each field of `names` (validateRequired: absent, null, "", spaces and `[]` alike; implicit). */
export function requireFields(body: Record<string, unknown>, ctx: Ctx, names: readonly string[]): void {
  for (const name of names) {
    if (!given(body[name])) ctx.addIssue({ code: 'custom', path: [name], message: laravel.required(name), params: IMPLICIT });
  }
}

/** `required_if:country,CA,US,AU` on state: it reads the country as sent. */
function stateRule(body: Record<string, unknown>, ctx: Ctx): void {
  const country = body.country;
  if (typeof country === 'string' && (STATE_REQUIRED_IN as readonly string[]).includes(country) && !given(body.state)) {
    ctx.addIssue({ code: 'custom', path: ['state'], message: laravel.requiredIf('state', 'country', country), params: IMPLICIT });
  }
}

/** POST /api/v1/core/addresses */
export const AddressCreate = z.object({ ...fields, customer_id: integerInput('customer_id').nullable().optional() }).superRefine(
  (body, ctx) => {
    requireFields(body, ctx, ['customer_id', 'type', 'line1', 'country']);
    stateRule(body, ctx);
  },
  { when: () => true },
);
export type AddressCreate = z.input<typeof AddressCreate>;

/**
 * PUT /api/v1/core/addresses/{id}: every field optional (`sometimes`), but what an address must have
 * cannot be set to null; the state rule reads the body as sent.
 */
export const AddressUpdate = z.object(fields).superRefine((body, ctx) => addressUpdateRules(body, ctx), { when: () => true });

/** The update's cross-field rules, shared with the Open API's address update (`sdk.ts`). */
export function addressUpdateRules(body: Record<string, unknown>, ctx: Ctx): void {
  requireFields(
    body,
    ctx,
    ['type', 'line1', 'country'].filter((name) => Object.hasOwn(body, name)),
  );
  stateRule(body, ctx);
}
export type AddressUpdate = z.input<typeof AddressUpdate>;

/** GET /api/v1/core/addresses */
export const AddressListQuery = z.object({
  site_id: SiteId.describe('The site whose customers the addresses belong to.'),
  customer_id: integerInput('customer_id').optional().describe("Only this customer's addresses."),
  page: integerInput('page').optional().describe('Page number from 1; anything else reads as 1 (Laravel).'),
  limit: limitInput().describe(`Records per page, ${LIST_LIMIT.min}–${LIST_LIMIT.max}, default ${LIST_LIMIT.default}.`),
});
export type AddressListQuery = z.input<typeof AddressListQuery>;

export const AddressEnvelope = z.object({ data: Address });
export const AddressList = lengthAware(z.object({ data: z.array(Address).max(100), links: PaginationLinks, meta: PaginationMeta }));
