/**
 * Pelcro's Open API (`/api/v1/sdk`): what a website's frontend calls as its customer, through the
 * pelcro-js SDK and react-pelcro-js. The bodies reuse the Core API's field rules (one Laravel
 * application validates both); the customer resource is the Open API's own, with its related
 * records embedded and the customer's token. Sources: REFERENCE "Pelcro — the Open API";
 * docs/fidelity/pelcro.md lists what is a guess.
 */
import { z } from 'zod';
import { given, laravelRule, sizePasses } from '../../lib/php/rules';
import { IMPLICIT } from '../../lib/php/validator';
import { AddressCreate, AddressUpdate, addressUpdateRules, requireFields } from './addresses';
import { laravel } from './messages';
import { booleanInput, CustomerUpdate, integerInput, SiteId } from './requests';
import { Address, Customer, MessageError, Organization, Source, Subscription } from './responses';
import { SOURCE_GATEWAYS } from './responses';

const core = CustomerUpdate.shape;

/** A customer JWT: three base64url parts. */
export const JWT_PATTERN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The password rule of register and login: `required|string|min:6`. */
const password = core.password;

/**
 * `organization` on register: react-pelcro-js sends the company name typed in the form, so the
 * Open API takes a name (found or created in the account) as well as an organization id (**guess**).
 */
const organization = z
  // maxLength for the OpenAPI document only: a max() inside the union would be refused as the union, "must be a string".
  .union([core.organization.unwrap().unwrap(), z.string().meta({ maxLength: 255 })], { error: laravel.string('organization') })
  // A name past 255 characters is a string too long, not "must be a string": the `max` rule's
  // text, counted as Validator::getSize counts a string (mb_strlen), as every Laravel text field.
  .check(laravelRule((value) => typeof value !== 'string' || sizePasses(value, 'max', 255), laravel.maxString('organization', 255)))
  .nullable()
  .optional();

/** POST /api/v1/sdk/auth/register */
export const SdkRegister = z
  .object({
    site_id: SiteId.optional(),
    email: core.email,
    password,
    first_name: core.first_name,
    last_name: core.last_name,
    display_name: core.display_name,
    username: core.username,
    phone: core.phone,
    language: core.language,
    metadata: core.metadata,
    title: core.title,
    salutation: core.salutation,
    organization,
    email_hardbounce: core.email_hardbounce,
    old_provider_id: core.old_provider_id,
  })
  .superRefine((body, ctx) => requireFields(body, ctx, ['email', 'password']), { when: () => true });
export type SdkRegister = z.input<typeof SdkRegister>;

/** POST /api/v1/sdk/auth/login: `email` or `username`, and the password. */
export const SdkLogin = z
  .object({
    site_id: SiteId.optional(),
    email: z
      .string({ error: laravel.string('email') })
      .nullable()
      .optional(),
    username: z
      .string({ error: laravel.string('username') })
      .nullable()
      .optional(),
    password: z
      .string({ error: laravel.string('password') })
      .nullable()
      .optional(),
  })
  .superRefine(
    (body, ctx) => {
      if (!given(body.email) && !given(body.username)) {
        ctx.addIssue({ code: 'custom', path: ['email'], message: laravel.requiredWithoutAll('email', ['username']), params: IMPLICIT });
      }
      requireFields(body, ctx, ['password']);
    },
    { when: () => true },
  );
export type SdkLogin = z.input<typeof SdkLogin>;

/** PUT /api/v1/sdk/customer: what a customer may change of itself, each field optional. */
export const SdkCustomerUpdate = z.object({
  site_id: SiteId.optional(),
  email: core.email,
  first_name: core.first_name,
  last_name: core.last_name,
  display_name: core.display_name,
  username: core.username,
  phone: core.phone,
  salutation: core.salutation,
  title: core.title,
  tin: core.tin,
  language: core.language,
  timezone: core.timezone,
  mail_marketing: core.mail_marketing,
  tele_marketing: core.tele_marketing,
  metadata: core.metadata,
});
export type SdkCustomerUpdate = z.input<typeof SdkCustomerUpdate>;

/** POST /api/v1/sdk/address: the Core address rules on the current customer; `type` defaults to shipping. */
const { customer_id: _customer, ...addressFields } = AddressCreate.shape;
export const SdkAddressCreate = z.object(addressFields).superRefine(
  (body, ctx) => {
    requireFields(body, ctx, ['line1', 'country']);
    const country = body.country;
    if (typeof country === 'string' && ['CA', 'US', 'AU'].includes(country) && !given(body.state)) {
      ctx.addIssue({ code: 'custom', path: ['state'], message: laravel.requiredIf('state', 'country', country), params: IMPLICIT });
    }
  },
  { when: () => true },
);
export type SdkAddressCreate = z.input<typeof SdkAddressCreate>;

/**
 * PUT /api/v1/sdk/address: the Core address update's rules on one address of the current customer,
 * named by `address_id` in the body, as react-pelcro-js 3.55's address update form sends it
 * (`window.Pelcro.address.update({address_id, type, first_name, …, is_default})`). docs.pelcro.com
 * (Open API) "Update address": "update existing an address for the authenticated customer. It will
 * return a Customer resource". `address_id` being `required|integer` is a **guess**.
 */
const { site_id: addressSite, ...addressUpdateFields } = AddressUpdate.shape;
// site_id first, as in every other route's rules, so its error leads the bag (Validator::passes
// walks the rules in order); where Pelcro puts address_id among them is a **guess**.
export const SdkAddressUpdate = z
  .object({
    site_id: addressSite,
    address_id: integerInput('address_id').nullable().optional().describe("The address to change: one of the current customer's."),
    ...addressUpdateFields,
  })
  .superRefine(
    (body, ctx) => {
      requireFields(body, ctx, ['address_id']);
      addressUpdateRules(body, ctx);
    },
    { when: () => true },
  );
export type SdkAddressUpdate = z.input<typeof SdkAddressUpdate>;

/** The most payment methods one customer may hold. */
export const MAX_SOURCES_PER_CUSTOMER = 200;

/** POST /api/v1/sdk/payment_methods: the gateway's token (missing: a 404, checked by the handler). */
export const SdkPaymentMethodCreate = z.object({
  site_id: SiteId.optional(),
  token: z
    .string({ error: laravel.string('token') })
    .max(255, { error: laravel.maxString('token', 255) })
    .nullable()
    .optional()
    .describe("The payment gateway's token or payment method id (required: without it the answer is 404)."),
  gateway: z
    .enum(SOURCE_GATEWAYS, { error: laravel.invalid('gateway') })
    .nullable()
    .optional()
    .describe('The gateway the token comes from; stripe when absent.'),
});
export type SdkPaymentMethodCreate = z.input<typeof SdkPaymentMethodCreate>;

/** `integer|min:MIN|max:MAX`, optional; the bounds are a **guess** (the card's month, a four-digit year). */
function between(field: string, min: number, max: number) {
  return integerInput(field)
    .check(laravelRule((value) => sizePasses(value, 'min', min, { numeric: true }), laravel.minNumeric(field, min)))
    .check(laravelRule((value) => sizePasses(value, 'max', max, { numeric: true }), laravel.maxNumeric(field, max)))
    .optional();
}

/**
 * PUT /api/v1/sdk/payment_methods/{id}: make it (or stop it being) the default and, as
 * react-pelcro-js's card update form sends them, set the card's new expiry (**guess**: the library
 * sends `exp_month` and `exp_year` with `is_default`; what else of the gateway's it sends is not read).
 */
export const SdkPaymentMethodUpdate = z
  .object({
    site_id: SiteId.optional(),
    is_default: booleanInput('is_default').nullable().optional(),
    exp_month: between('exp_month', 1, 12).describe("The card's new expiry month (react-pelcro-js sends it with exp_year)."),
    exp_year: between('exp_year', 1970, 9999).describe("The card's new expiry year."),
  })
  .superRefine((body, ctx) => requireFields(body, ctx, ['is_default']), { when: () => true });
export type SdkPaymentMethodUpdate = z.input<typeof SdkPaymentMethodUpdate>;

/**
 * The Open API's payment method: the Core source and what react-pelcro-js 3.55 reads of it besides
 * (dist/index.esm.js): `is_default` (it sorts the default first and finds it with
 * `paymentMethods.find(pm => pm.is_default)`), `deletable` (with `is_default`, whether deleting asks
 * for a new default first) and the card under `properties` (`properties.brand`, `.last4`,
 * `.exp_month`, `.exp_year`, read without a guard in the delete form). docs.pelcro.com "Delete
 * payment method" names `deletable` and `is_default`; the `properties` object is a **guess** from
 * the reads alone.
 */
export const SdkPaymentMethod = Source.extend({
  is_default: z.boolean().describe("Whether it is the customer's default payment method."),
  deletable: z.boolean().describe('Whether the customer may delete it: false while a subscription charges it.'),
  properties: z
    .object({
      brand: Source.shape.brand,
      last4: Source.shape.last4,
      exp_month: Source.shape.exp_month,
      exp_year: Source.shape.exp_year,
    })
    .describe('The card as the frontend shows it.'),
});
export type SdkPaymentMethod = z.infer<typeof SdkPaymentMethod>;

export const SdkPaymentMethodEnvelope = z.object({ data: SdkPaymentMethod });

/** GET /api/v1/sdk/payment_methods: every payment method of the current customer, unpaginated. */
export const SdkPaymentMethodList = z.object({ data: z.array(SdkPaymentMethod) });

/**
 * The Open API's customer: the Core customer's attributes with its related records embedded
 * (`organization` an object), its payment sources, and `full_name`, `balance`, `auth_token`.
 * `invoices` and `orders` are other resources the mock does not serve: always empty lists.
 */
const { addresses: _a, default_source: _d, organization: _o, subscriptions: _s, ...attributes } = Customer.shape;
const { id, default_source_id, ...rest } = attributes;
export const SdkCustomer = z.object({
  id,
  addresses: z.array(Address),
  default_source_id,
  organization: Organization.nullable(),
  subscriptions: z.array(Subscription),
  sources: z.array(SdkPaymentMethod),
  ...rest,
  full_name: z.string().nullable(),
  balance: z.number(),
  invoices: z.array(z.unknown()),
  orders: z.array(z.unknown()),
  auth_token: z.string().regex(JWT_PATTERN),
});
export type SdkCustomer = z.infer<typeof SdkCustomer>;

export const SdkCustomerEnvelope = z.object({ data: SdkCustomer });
export type SdkCustomerEnvelope = z.infer<typeof SdkCustomerEnvelope>;

/**
 * Register's answer to a taken email: react-pelcro-js takes `registered_on_other_sites` out of
 * `errors` before it reads the messages. Its value is a **guess** (whether the email has an account
 * on another site of the same Pelcro account).
 */
export const SdkEmailInUse = z.object({
  errors: z.object({ email: z.array(z.string()).min(1), registered_on_other_sites: z.boolean() }).catchall(z.array(z.string()).min(1)),
});

/** A logout's answer. */
export const SdkLoggedOut = MessageError;
