/**
 * What Pelcro's Core API answers for customers: the customer object of the start document
 * (docs.pelcro.com "Customers › Customer object"), its related objects, the `{data}` envelope of
 * Laravel API resources and the list envelope of Laravel's LengthAwarePaginator.
 *
 * Objects are not strict: a real deployment may add attributes the docs do not list (Pelcro's
 * webhooks, for one, carry `site_id` and `object_id`), and a contract check must not fail on those.
 * Every documented attribute is required, with its documented type and nullability.
 */
import { z } from 'zod';
import { PAGINATION_LABELS } from './messages';

/** Unix time in whole seconds: every Pelcro timestamp. */
export const Timestamp = z.int().nonnegative();
/** Pelcro ids are integers. */
export const Id = z.int().positive();

const text = z.string().nullable();

export const ADDRESS_TYPES = ['shipping', 'billing', 'account_primary'] as const;

/** docs.pelcro.com "Addresses" (object attributes and create rules: line1 ≤ 255, postal_code ≤ 45). */
export const Address = z.object({
  id: Id,
  user_id: Id,
  type: z.enum(ADDRESS_TYPES),
  first_name: text,
  last_name: text,
  title: text,
  salutation: text,
  company: text,
  department: text,
  line1: z.string().min(1).max(255),
  line2: text,
  city: text,
  state: text,
  country: z.string().regex(/^[A-Z]{2}$/),
  postal_code: z.string().max(45).nullable(),
  phone: text,
  is_default: z.boolean(),
  old_provider_id: z.string().max(191).nullable(),
});
export type Address = z.infer<typeof Address>;

export const SOURCE_STATUSES = ['canceled', 'chargeable', 'consumed', 'failed', 'pending'] as const;
/** The gateways Pelcro's "Delete payment method" page describes. */
export const SOURCE_GATEWAYS = ['stripe', 'braintree', 'tap', 'vantiv', 'cybersource'] as const;

/** A payment source (card) of a customer. */
export const Source = z.object({
  id: Id,
  status: z.enum(SOURCE_STATUSES),
  object_gateway: z.enum(SOURCE_GATEWAYS),
  object_id: z.string().min(1),
  exp_month: z.int().min(1).max(12).nullable(),
  exp_year: z.int().min(1970).nullable(),
  brand: text,
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable(),
  funding: text,
  last4: z
    .string()
    .regex(/^\d{4}$/)
    .nullable(),
  name: text,
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Source = z.infer<typeof Source>;

export const PLAN_INTERVALS = ['day', 'week', 'month', 'year'] as const;

/**
 * The product a subscription's plan belongs to, nested in the plan: attributes of docs.pelcro.com
 * "Products › Attributes" (reference/api-core-product-object-attributes). That the plan carries it
 * as an object is a **guess**: the plan's attributes name only `product_id`, but react-pelcro-js
 * 3.55.0 reads `sub.plan.product.id` unguarded (its dashboard's Renew button, dist/index.esm.js
 * `onRenewClick`), so a subscription without it throws there.
 */
export const PlanProduct = z.object({
  id: Id,
  /** "Name of the product which will appear on your site." */
  name: z.string().min(1),
  /** "Whether a shipping address is required when subscribing to only plans associated to this product." */
  address_required: z.boolean(),
});
export type PlanProduct = z.infer<typeof PlanProduct>;

/**
 * The plan a subscription is on: a subset of docs.pelcro.com "Plans › Attributes"
 * (reference/api-core-plan-object-attributes) — the first six the mock's choice (guess), then the
 * ones react-pelcro-js 3.55.0 reads of a subscription's plan.
 */
export const Plan = z.object({
  id: Id,
  nickname: text,
  amount: z.int().nonnegative(),
  currency: z.string().regex(/^[a-z]{3}$/),
  interval: z.enum(PLAN_INTERVALS),
  interval_count: z.int().positive(),
  /** "Associated product this plan belongs to." (`plan.product.id` is the same id.) */
  product_id: Id,
  /**
   * "Whether a subscription assigned to this plan will auto-renew or not when the subscription is
   * initiated." react-pelcro-js shows Reactivate and Unsubscribe by it (`sub.plan.auto_renew`).
   */
  auto_renew: z.boolean(),
  product: PlanProduct,
});
export type Plan = z.infer<typeof Plan>;

export const Coupon = z.object({
  id: Id,
  code: z.string().min(1),
  percent_off: z.number().min(0).max(100).nullable(),
  amount_off: z.int().nonnegative().nullable(),
  duration: z.enum(['once', 'repeating', 'forever']),
});
export type Coupon = z.infer<typeof Coupon>;

export const SUBSCRIPTION_STATUSES = ['active', 'trialing', 'past_due', 'canceled', 'unpaid', 'incomplete', 'incomplete_expired'] as const;

/** A subscription; `address` and `default_source` are ids of the customer's own records. */
export const Subscription = z.object({
  id: Id,
  plan: Plan,
  address: Id.nullable(),
  coupon: Coupon.nullable(),
  default_source: Id.nullable(),
  status: z.enum(SUBSCRIPTION_STATUSES),
  quantity: z.int().positive(),
  current_period_start: Timestamp.nullable(),
  current_period_end: Timestamp.nullable(),
  /**
   * 1 when the subscription ends at its period's end instead of renewing, else 0: an integer, as a
   * MySQL flag without a cast serializes (react-pelcro-js 3.55.0 compares it with `=== 1` and
   * `=== 0` throughout its dashboard; docs.pelcro.com's attributes page calls it a boolean).
   */
  cancel_at_period_end: z.union([z.literal(0), z.literal(1)]),
  canceled_at: Timestamp.nullable(),
  trial_start: Timestamp.nullable(),
  trial_end: Timestamp.nullable(),
  created: Timestamp,
  expires_at: Timestamp.nullable(),
  renews_at: Timestamp.nullable(),
});
export type Subscription = z.infer<typeof Subscription>;

export const Organization = z.object({ id: Id, name: z.string().min(1) });
export type Organization = z.infer<typeof Organization>;

/**
 * The names `?expand=` takes (camelCase, comma-separated) and the attribute each one fills. Without
 * expand, related records are ids and `default_source` is null.
 */
export const EXPAND_NAMES = ['addresses', 'defaultSource', 'organization', 'subscriptions'] as const;
export type ExpandName = (typeof EXPAND_NAMES)[number];
export const EXPAND_ATTRIBUTES = {
  addresses: 'addresses',
  defaultSource: 'default_source',
  organization: 'organization',
  subscriptions: 'subscriptions',
} as const satisfies Record<ExpandName, string>;

const collapsedRelations = {
  addresses: z.array(Id),
  default_source_id: Id.nullable(),
  default_source: z.null(),
  organization: Id.nullable(),
  subscriptions: z.array(Id),
};
const expandedRelations = {
  addresses: z.array(Address),
  default_source_id: Id.nullable(),
  default_source: Source.nullable(),
  organization: Organization.nullable(),
  subscriptions: z.array(Subscription),
};

/** Everything after the relations, in the start document's order (the mock renders in this order). */
const customerAttributes = {
  display_name: text,
  username: text,
  // Documented as `string`, but a customer created with only `display_name` or `old_provider_id`
  // has no email, so null must be allowed.
  email: text,
  email_confirm: z.boolean(),
  email_hardbounce: z.boolean(),
  first_name: text,
  last_name: text,
  mail_marketing: z.boolean(),
  // A PHP array as json_encode writes it: an object, or a list when its keys are 0 … n−1 (`[]` when empty).
  metadata: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]),
  name: text,
  old_provider_id: text,
  is_imported: z.boolean().nullable(),
  phone: text,
  phone_confirm: z.boolean(),
  salutation: text,
  // "A two-letter code, defined by ISO 639-1 standard" (Pelcro's docs for the Core and Open API
  // customer); the exact list its `in:` rule takes is not published, so only the shape is judged.
  language: z
    .string()
    .regex(/^[a-z]{2}$/)
    .nullable()
    .meta({ description: 'ISO 639-1 two-letter code' }),
  title: text,
  tin: text,
  profile_photo: text,
  tele_marketing: z.boolean(),
  timezone: text,
  has_password: z.boolean(),
  password_last_updated_at: Timestamp.nullable(),
  last_login_at: Timestamp.nullable(),
  last_login_method: text,
  created_at: Timestamp,
  updated_at: Timestamp,
};

/** Each relation either as ids (collapsed) or as objects (expanded), in the start document's order. */
interface Relations {
  addresses: typeof collapsedRelations.addresses | typeof expandedRelations.addresses;
  default_source_id: typeof collapsedRelations.default_source_id;
  default_source: typeof collapsedRelations.default_source | typeof expandedRelations.default_source;
  organization: typeof collapsedRelations.organization | typeof expandedRelations.organization;
  subscriptions: typeof collapsedRelations.subscriptions | typeof expandedRelations.subscriptions;
}

function customerObject<R extends Relations>(relations: R) {
  return z.object({ id: Id, ...relations, ...customerAttributes });
}

/** The customer as returned without `expand`: related objects as ids, `default_source` null. */
export const Customer = customerObject(collapsedRelations);
export type Customer = z.infer<typeof Customer>;

/** The customer with every relation expanded (`?expand=addresses,defaultSource,organization,subscriptions`). */
export const CustomerExpanded = customerObject(expandedRelations);
export type CustomerExpanded = z.infer<typeof CustomerExpanded>;

const byExpansion = new Map<string, z.ZodObject>();

/** The exact customer schema for a given set of expansions (any order, duplicates ignored). */
export function customerSchema(expand: Iterable<ExpandName> = []) {
  const set = new Set(expand);
  const key = EXPAND_NAMES.filter((name) => set.has(name)).join(',');
  let schema = byExpansion.get(key);
  if (!schema) {
    const pick = <K extends keyof Relations>(name: ExpandName, field: K) =>
      set.has(name) ? expandedRelations[field] : collapsedRelations[field];
    schema =
      key === ''
        ? Customer
        : key === EXPAND_NAMES.join(',')
          ? CustomerExpanded
          : customerObject({
              addresses: pick('addresses', 'addresses'),
              default_source_id: collapsedRelations.default_source_id,
              default_source: pick('defaultSource', 'default_source'),
              organization: pick('organization', 'organization'),
              subscriptions: pick('subscriptions', 'subscriptions'),
            });
    byExpansion.set(key, schema);
  }
  return schema;
}

/** A Laravel API resource response: the object under `data`. */
export function customerEnvelope(expand: Iterable<ExpandName> = []) {
  return z.object({ data: customerSchema(expand) });
}
// The unexpanded ones spelled out, so their types name every field (a schema chosen at run time by
// `customerSchema` can only be typed as some customer object).
export const CustomerEnvelope = z.object({ data: Customer });
export type CustomerEnvelope = z.infer<typeof CustomerEnvelope>;

/** One entry of `meta.links` (Laravel's LengthAwarePaginator::linkCollection). */
export const PageLink = z.object({
  url: z.url().nullable(),
  label: z.string().min(1),
  active: z.boolean(),
});

export const PaginationLinks = z.object({
  first: z.url(),
  last: z.url(),
  prev: z.url().nullable(),
  next: z.url().nullable(),
});

export const PaginationMeta = z.object({
  current_page: z.int().min(1),
  from: z.int().min(1).nullable(),
  last_page: z.int().min(1),
  links: z
    .array(PageLink)
    .min(3)
    .refine((links) => links[0]?.label === PAGINATION_LABELS.previous && links.at(-1)?.label === PAGINATION_LABELS.next, {
      message: `meta.links must start with "${PAGINATION_LABELS.previous}" and end with "${PAGINATION_LABELS.next}"`,
    }),
  path: z.url(),
  per_page: z.int().min(1).max(100),
  to: z.int().min(1).nullable(),
  total: z.int().nonnegative(),
});

type Paginated = { data: unknown[]; meta: z.infer<typeof PaginationMeta> };

/**
 * `meta` as LengthAwarePaginator computes it from `total`, `per_page`, `current_page` and the page's
 * items: `from`/`to` number the items (null on an empty page), `last_page` is
 * `max(ceil(total / per_page), 1)`, and only the last page holds fewer than `per_page`. A counter
 * out of step with the items it describes shows in any list (customers, addresses), however few.
 */
export function lengthAware<T extends z.ZodType<Paginated>>(list: T): T {
  return list.superRefine((page, ctx) => {
    const { meta } = page;
    const size = page.data.length;
    const issue = (path: string, expected: unknown, from: string) =>
      ctx.addIssue({ code: 'custom', path: ['meta', path], message: `${JSON.stringify(expected)} (from ${from})` });
    const items = (n: number) => `${n} item${n === 1 ? '' : 's'}`;
    const lastPage = Math.max(Math.ceil(meta.total / meta.per_page), 1);
    const before = (meta.current_page - 1) * meta.per_page;
    const position = `current_page ${meta.current_page}, per_page ${meta.per_page} and ${items(size)}`;
    if (meta.last_page !== lastPage) issue('last_page', lastPage, `total ${meta.total} and per_page ${meta.per_page}`);
    if (meta.from !== (size === 0 ? null : before + 1)) issue('from', size === 0 ? null : before + 1, position);
    if (meta.to !== (size === 0 ? null : before + size)) issue('to', size === 0 ? null : before + size, position);
    // On the last page the items fix `total` (an empty one too: it is page 1 of an empty list, so
    // a `total` of 5 over no items is caught); before it a page is full; past it, empty.
    if (meta.current_page === lastPage && meta.total !== before + size) {
      ctx.addIssue({
        code: 'custom',
        path: ['meta', 'total'],
        message: `${before + size} (page ${lastPage}, the last, holds ${items(size)})`,
      });
    } else if (meta.current_page < lastPage && size !== meta.per_page) {
      ctx.addIssue({
        code: 'custom',
        path: ['data'],
        message: `${items(meta.per_page)} (page ${meta.current_page} of ${lastPage}, per_page ${meta.per_page})`,
      });
    } else if (meta.current_page > lastPage && size > 0) {
      ctx.addIssue({ code: 'custom', path: ['data'], message: `no items (page ${meta.current_page} is past the last, ${lastPage})` });
    }
  }) as unknown as T;
}

/** A list response: Laravel's paginated resource collection `{data, links, meta}`. */
export function customerList(expand: Iterable<ExpandName> = []) {
  return lengthAware(z.object({ data: z.array(customerSchema(expand)).max(100), links: PaginationLinks, meta: PaginationMeta }));
}
export const CustomerList = lengthAware(z.object({ data: z.array(Customer).max(100), links: PaginationLinks, meta: PaginationMeta }));
export type CustomerList = z.infer<typeof CustomerList>;

/** A validation failure: 400 with every failing field and its messages (Pelcro's docs, "Errors"). */
export const ValidationError = z.object({ errors: z.record(z.string(), z.array(z.string()).min(1)) });
export type ValidationError = z.infer<typeof ValidationError>;

/** Every other error: Laravel's rendering of an HTTP exception, `{"message": "…"}`. */
export const MessageError = z.object({ message: z.string() });
export type MessageError = z.infer<typeof MessageError>;
