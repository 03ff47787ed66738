/**
 * Seeded records around a customer: addresses, payment sources and subscriptions, each consistent
 * with its customer (an address's `user_id` is its customer, a subscription's address and default
 * source are the customer's own), plus the reference data they draw on (regions, plans, coupons).
 */
import { Faker, base, en, en_CA, en_US, es, es_MX, fr, fr_CA } from '@faker-js/faker';
import type { Address, Coupon, Plan, Source, Subscription } from '../../../contracts/pelcro/schemas';
import { addInterval, type Chooser, DAY, REF_SECONDS } from './seed-random';

/** A subscriber base of a North American publisher: who the customers are and where they live. */
export interface Region {
  weight: number;
  faker: Faker;
  country: 'US' | 'CA' | 'MX';
  language: 'en' | 'fr' | 'es';
  timezones: readonly string[];
  currency: 'usd' | 'cad' | 'mxn';
}

export function createRegions(seed: number): Region[] {
  const faker = (locale: ConstructorParameters<typeof Faker>[0]['locale'], n: number) => {
    const f = new Faker({ locale });
    f.seed(seed * 7 + n);
    return f;
  };
  return [
    { weight: 68, faker: faker([en_US, en, base], 1), country: 'US', language: 'en', currency: 'usd',
      timezones: ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Phoenix'] },
    { weight: 14, faker: faker([en_CA, en, base], 2), country: 'CA', language: 'en', currency: 'cad',
      timezones: ['America/Toronto', 'America/Vancouver', 'America/Edmonton', 'America/Halifax'] },
    { weight: 11, faker: faker([fr_CA, fr, en, base], 3), country: 'CA', language: 'fr', currency: 'cad',
      timezones: ['America/Toronto'] },
    { weight: 7, faker: faker([es_MX, es, en, base], 4), country: 'MX', language: 'es', currency: 'mxn',
      timezones: ['America/Mexico_City', 'America/Monterrey', 'America/Cancun'] },
  ];
}

export const PLANS: readonly Plan[] = [
  { id: 1, nickname: 'Digital Monthly', amount: 999, currency: 'usd', interval: 'month', interval_count: 1 },
  { id: 2, nickname: 'Digital Annual', amount: 9900, currency: 'usd', interval: 'year', interval_count: 1 },
  { id: 3, nickname: 'Print + Digital Monthly', amount: 2499, currency: 'usd', interval: 'month', interval_count: 1 },
  { id: 4, nickname: 'Weekend Print Quarterly', amount: 3900, currency: 'usd', interval: 'month', interval_count: 3 },
  { id: 5, nickname: 'Digital Monthly (CAD)', amount: 1299, currency: 'cad', interval: 'month', interval_count: 1 },
  { id: 6, nickname: 'Digital Annual (CAD)', amount: 12900, currency: 'cad', interval: 'year', interval_count: 1 },
  { id: 7, nickname: 'Digital Mensual', amount: 14900, currency: 'mxn', interval: 'month', interval_count: 1 },
];

export const COUPONS: readonly Coupon[] = [
  { id: 1, code: 'WELCOME50', percent_off: 50, amount_off: null, duration: 'once' },
  { id: 2, code: 'STUDENT25', percent_off: 25, amount_off: null, duration: 'forever' },
  { id: 3, code: 'SAVE5', percent_off: null, amount_off: 500, duration: 'repeating' },
];

/** What the related generators need to know of their customer. */
export interface Owner {
  id: number;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  created_at: number;
}

export function makeAddress(id: number, owner: Owner, type: Address['type'], isDefault: boolean, region: Region, pick: Chooser): Address {
  const f = region.faker;
  return {
    id,
    user_id: owner.id,
    type,
    first_name: owner.first_name,
    last_name: owner.last_name,
    title: null,
    salutation: null,
    company: pick.chance(0.15) ? f.company.name() : null,
    department: null,
    line1: f.location.streetAddress(),
    line2: pick.chance(0.2) ? f.location.secondaryAddress() : null,
    city: f.location.city(),
    // Pelcro requires a state for CA, US and AU.
    state: f.location.state({ abbreviated: true }),
    country: region.country,
    postal_code: f.location.zipCode(),
    phone: owner.phone,
    is_default: isDefault,
    old_provider_id: null,
  };
}

const BRANDS = [['Visa', 50], ['MasterCard', 30], ['American Express', 12], ['Discover', 8]] as const;

export function makeSource(id: number, owner: Owner, region: Region, pick: Chooser): Source {
  const created = pick.between(owner.created_at, REF_SECONDS - DAY);
  const refYear = new Date(REF_SECONDS * 1000).getUTCFullYear();
  return {
    id,
    status: pick.weighted([['chargeable', 90], ['failed', 4], ['canceled', 4], ['pending', 2]] as const),
    object_gateway: 'stripe',
    object_id: `card_${pick.alphanumeric(24)}`,
    exp_month: pick.int(1, 12),
    exp_year: pick.int(refYear - 1, refYear + 5),
    brand: pick.weighted(BRANDS),
    country: region.country,
    funding: pick.weighted([['credit', 75], ['debit', 23], ['prepaid', 2]] as const),
    last4: pick.digits(4),
    name: owner.first_name === null ? null : `${owner.first_name} ${owner.last_name ?? ''}`.trim(),
    created_at: created,
    updated_at: pick.between(created, REF_SECONDS - DAY),
  };
}

export function makeSubscription(
  id: number,
  owner: Owner,
  region: Region,
  pick: Chooser,
  shippingAddressId: number | null,
  defaultSourceId: number | null,
): Subscription {
  const plan = pick.pick(PLANS.filter((p) => p.currency === region.currency));
  const status = pick.weighted([['active', 60], ['trialing', 8], ['past_due', 7], ['canceled', 25]] as const);
  // A trial lasts 14 days, so a trialing subscription started less than 14 days ago.
  const created = status === 'trialing'
    ? REF_SECONDS - pick.int(1, 13) * DAY
    : pick.between(owner.created_at, REF_SECONDS - 20 * DAY);
  const hadTrial = status === 'trialing' || pick.chance(0.2);
  const trialEnd = hadTrial ? created + 14 * DAY : null;
  let periodStart = trialEnd ?? created;
  let periodEnd = addInterval(periodStart, plan.interval, plan.interval_count);
  while (periodEnd <= REF_SECONDS && status !== 'canceled') {
    periodStart = periodEnd;
    periodEnd = addInterval(periodStart, plan.interval, plan.interval_count);
  }
  const canceledAt = status === 'canceled' ? pick.between(periodStart, Math.min(periodEnd, REF_SECONDS - DAY)) : null;
  const cancelAtPeriodEnd = status === 'active' && pick.chance(0.1);
  const renews = (status === 'active' || status === 'trialing' || status === 'past_due') && !cancelAtPeriodEnd;
  return {
    id,
    plan,
    address: plan.nickname?.includes('Print') ? shippingAddressId : null,
    coupon: pick.chance(0.1) ? pick.pick(COUPONS) : null,
    default_source: defaultSourceId,
    status,
    quantity: pick.chance(0.03) ? pick.int(2, 25) : 1,
    current_period_start: periodStart,
    current_period_end: periodEnd,
    cancel_at_period_end: cancelAtPeriodEnd,
    canceled_at: canceledAt,
    trial_start: hadTrial ? created : null,
    trial_end: trialEnd,
    created,
    expires_at: canceledAt ?? (cancelAtPeriodEnd ? periodEnd : null),
    renews_at: renews ? periodEnd : null,
  };
}
