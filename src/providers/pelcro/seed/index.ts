/**
 * The seeded records of one app: the scenario's generated customers (realistic names, usernames,
 * emails, time zones and languages; some with an organization, addresses, payment sources and
 * subscriptions) followed by its hand-written fixtures. Deterministic for a seed: the same seed and
 * scenario give the same records, whatever the wall clock says.
 *
 * Every generated record parses with its contract schema (checked by test/pelcro/seed.test.ts over
 * large scenarios for several seeds); every fixture is parsed as the app starts.
 */
import { Faker, base, en } from '@faker-js/faker';
import type { Address, Customer, Organization, Source, Subscription } from '../../../../contracts/pelcro/schemas';
import type { AppOptions } from '../../../core/options';
import { BaseTable } from '../../../core/table';
import { BaseUniqueIndex, customerKey, fullName, indexCustomers, type StoredCustomer, type UniqueField } from '../customers/store';
import type { PelcroBase } from '../sandbox';
import { addFixture } from './fixtures';
import { addInterval, Chooser, COUPONS, createRegions, DAY, EMAIL_DOMAINS, METADATA, PLANS, REF_SECONDS, type Region } from './vocabulary';

/** The records of one app while they are generated. */
export interface Collections {
  customers: StoredCustomer[];
  addresses: Address[];
  sources: Source[];
  subscriptions: Subscription[];
  organizations: Organization[];
  unique: Record<UniqueField, BaseUniqueIndex>;
  /** Suffix counters of `unique`, per index. */
  counters: Record<UniqueField, Map<string, number>>;
}

/**
 * A value not yet taken in `index`: `make(0)`, else `make(n)` for the next n tried for that first
 * value. Remembering where each value's counter stands keeps popular names from costing O(n²).
 */
function unique(index: BaseUniqueIndex, counters: Map<string, number>, id: number, make: (attempt: number) => string): string {
  const first = make(0);
  if (index.add(first, id)) return first;
  for (let attempt = counters.get(first) ?? 1; ; attempt++) {
    const value = make(attempt);
    if (index.add(value, id)) {
      counters.set(first, attempt + 1);
      return value;
    }
  }
}

function metadataFor(pick: Chooser): Record<string, unknown> {
  if (!pick.chance(0.5)) return {};
  const out: Record<string, unknown> = { source: pick.pick(METADATA.source) };
  if (pick.chance(0.5)) out.segment = pick.pick(METADATA.segment);
  if (pick.chance(0.3)) out.signup_campaign = pick.pick(METADATA.signup_campaign);
  if (pick.chance(0.25)) out.crm_id = `CRM-${pick.digits(7)}`;
  if (pick.chance(0.2)) out.newsletter_opt_in = pick.chance(0.5);
  return out;
}

/** What the related generators need to know of their customer. */
export interface Owner {
  id: number;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  created_at: number;
}

export function makeAddress(id: number, owner: Owner, type: Address['type'], isDefault: boolean, region: Region, pick: Chooser): Address {
  const w = region.words;
  return {
    id,
    user_id: owner.id,
    type,
    first_name: owner.first_name,
    last_name: owner.last_name,
    title: null,
    salutation: null,
    company: pick.chance(0.15) ? pick.pick(w.companies) : null,
    department: null,
    line1: pick.pick(w.streets),
    line2: pick.chance(0.2) ? pick.pick(w.secondary) : null,
    city: pick.pick(w.cities),
    // Pelcro requires a state for CA, US and AU.
    state: pick.pick(w.states),
    country: region.country,
    postal_code: pick.pick(w.postalCodes),
    phone: owner.phone,
    is_default: isDefault,
    old_provider_id: null,
  };
}

// Weight tables are built once: a literal in the call allocated fresh arrays for every record.
const SOURCE_STATUSES = [
  ['chargeable', 90],
  ['failed', 4],
  ['canceled', 4],
  ['pending', 2],
] as const;
const FUNDINGS = [
  ['credit', 75],
  ['debit', 23],
  ['prepaid', 2],
] as const;
const SUBSCRIPTION_STATUSES = [
  ['active', 60],
  ['trialing', 8],
  ['past_due', 7],
  ['canceled', 25],
] as const;
const EMAIL_SHAPES = [
  ['first.last', 45],
  ['firstlastNN', 30],
  ['flast', 25],
] as const;
const FIRST_ADDRESS_TYPES = [
  ['billing', 50],
  ['shipping', 40],
  ['account_primary', 10],
] as const;
const OTHER_ADDRESS_TYPES = ['shipping', 'billing'] as const;
const ADDRESS_COUNTS = [
  [0, 35],
  [1, 45],
  [2, 15],
  [3, 5],
] as const;
const SOURCE_COUNTS = [
  [0, 45],
  [1, 40],
  [2, 15],
] as const;
const SUBSCRIPTION_COUNTS = [
  [0, 40],
  [1, 50],
  [2, 10],
] as const;
const IMPORTED = [
  [false, 70],
  [null, 30],
] as const;
const PASSWORD_LOGINS = ['password', 'password', 'passwordless'] as const;
const SOCIAL_LOGINS = ['google', 'facebook', 'passwordless'] as const;
const REF_YEAR = new Date(REF_SECONDS * 1000).getUTCFullYear();
const PLANS_BY_CURRENCY = new Map(['usd', 'cad', 'mxn'].map((currency) => [currency, PLANS.filter((p) => p.currency === currency)]));

const BRANDS = [
  ['Visa', 50],
  ['MasterCard', 30],
  ['American Express', 12],
  ['Discover', 8],
] as const;

export function makeSource(id: number, owner: Owner, region: Region, pick: Chooser): Source {
  const created = pick.between(owner.created_at, REF_SECONDS - DAY);
  const refYear = REF_YEAR;
  return {
    id,
    status: pick.weighted(SOURCE_STATUSES),
    object_gateway: 'stripe',
    object_id: `card_${pick.alphanumeric(24)}`,
    exp_month: pick.int(1, 12),
    exp_year: pick.int(refYear - 1, refYear + 5),
    brand: pick.weighted(BRANDS),
    country: region.country,
    funding: pick.weighted(FUNDINGS),
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
  const plan = pick.pick(PLANS_BY_CURRENCY.get(region.currency) ?? PLANS);
  const status = pick.weighted(SUBSCRIPTION_STATUSES);
  // A trial lasts 14 days, so a trialing subscription started less than 14 days ago.
  const created = status === 'trialing' ? REF_SECONDS - pick.int(1, 13) * DAY : pick.between(owner.created_at, REF_SECONDS - 20 * DAY);
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

const asciiOf = new Map<string, string>();

/** `José` → `Jose` for emails and usernames (memoized: names come from small word lists). */
function ascii(s: string): string {
  let out = asciiOf.get(s);
  if (out === undefined) {
    out = s.normalize('NFD').replace(/[^A-Za-z0-9]/g, '');
    asciiOf.set(s, out);
  }
  return out;
}

function generateCustomer(id: number, region: Region, pick: Chooser, all: Collections): void {
  const w = region.words;
  const named = pick.chance(0.95);
  const first = named ? pick.pick(w.firstNames) : null;
  const last = named ? pick.pick(w.lastNames) : null;
  const hasEmail = pick.chance(0.97);
  let email: string | null = null;
  if (hasEmail) {
    // faker.internet.email's shapes, built directly: faker is the slow part of seeding 100,000 customers.
    // Only the drawn shape is built: building all three per customer was wasted work.
    const shape = pick.weighted(EMAIL_SHAPES);
    const user =
      shape === 'first.last'
        ? `${ascii(first ?? 'reader')}.${last === null ? String(id) : ascii(last)}`
        : shape === 'firstlastNN'
          ? `${ascii(first ?? 'reader')}${ascii(last ?? '')}${pick.int(1, 99)}`
          : `${ascii(first ?? 'r').slice(0, 1)}${last === null ? `reader${id}` : ascii(last)}`;
    const address = `${user.toLowerCase()}@${pick.weighted(EMAIL_DOMAINS)}`;
    email = unique(all.unique.email, all.counters.email, id, (n) => (n === 0 ? address : address.replace('@', `.${n}@`)));
  }
  let username: string | null = null;
  if (pick.chance(0.55)) {
    const stem = `${ascii(first ?? 'reader')}_${ascii(last ?? '')}`.toLowerCase().replace(/_$/, '');
    username = unique(all.unique.username, all.counters.username, id, (n) => (n === 0 ? stem : `${stem}${n + 1}`));
  }
  const imported = pick.chance(0.15);
  const oldProviderId =
    imported || !hasEmail
      ? unique(all.unique.old_provider_id, all.counters.old_provider_id, id, () => `cus_${pick.alphanumeric(14)}`)
      : null;
  const created = pick.between(REF_SECONDS - 4 * 365 * DAY, REF_SECONDS - DAY);
  // North American numbers: area code and exchange never start with 0 or 1.
  const phone = pick.chance(0.45) ? `${pick.int(2, 9)}${pick.digits(2)}${pick.int(2, 9)}${pick.digits(6)}` : null;
  const hasPassword = pick.chance(0.75);
  const loggedIn = pick.chance(0.65);
  const owner: Owner = { id, first_name: first, last_name: last, phone, created_at: created };

  const addressIds: number[] = [];
  let shippingId: number | null = null;
  const defaults = new Set<string>();
  const addressCount = pick.weighted(ADDRESS_COUNTS);
  for (let n = 0; n < addressCount; n++) {
    const type = n === 0 ? pick.weighted(FIRST_ADDRESS_TYPES) : pick.pick(OTHER_ADDRESS_TYPES);
    const isDefault = !defaults.has(type);
    defaults.add(type);
    const address = makeAddress(all.addresses.length + 1, owner, type, isDefault, region, pick);
    all.addresses.push(address);
    addressIds.push(address.id);
    if (type === 'shipping' && shippingId === null) shippingId = address.id;
  }

  const sourceIds: number[] = [];
  const sourceCount = pick.weighted(SOURCE_COUNTS);
  for (let n = 0; n < sourceCount; n++) {
    const source = makeSource(all.sources.length + 1, owner, region, pick);
    all.sources.push(source);
    sourceIds.push(source.id);
  }
  const defaultSourceId = sourceIds.length > 0 && pick.chance(0.9) ? sourceIds[0] : null;

  const subscriptionIds: number[] = [];
  const subscriptionCount = pick.weighted(SUBSCRIPTION_COUNTS);
  for (let n = 0; n < subscriptionCount; n++) {
    const subscription = makeSubscription(all.subscriptions.length + 1, owner, region, pick, shippingId, defaultSourceId);
    all.subscriptions.push(subscription);
    subscriptionIds.push(subscription.id);
  }

  const lastLogin = loggedIn ? pick.between(created, REF_SECONDS - 60) : null;
  const view: Customer = {
    id,
    addresses: addressIds,
    default_source_id: defaultSourceId,
    default_source: null,
    organization: all.organizations.length > 0 && pick.chance(0.25) ? pick.pick(all.organizations).id : null,
    subscriptions: subscriptionIds,
    display_name:
      pick.chance(0.3) || (!hasEmail && !oldProviderId) ? `${first ?? 'Reader'} ${(last ?? '').slice(0, 1)}.`.replace(/ \.$/, '') : null,
    username,
    email,
    email_confirm: hasEmail && pick.chance(0.7),
    email_hardbounce: hasEmail && pick.chance(0.02),
    first_name: first,
    last_name: last,
    mail_marketing: pick.chance(0.4),
    metadata: metadataFor(pick),
    name: fullName(first, last),
    old_provider_id: oldProviderId,
    is_imported: oldProviderId !== null ? true : pick.weighted(IMPORTED),
    phone,
    phone_confirm: phone !== null && pick.chance(0.3),
    salutation: pick.chance(0.25) ? pick.pick(w.prefixes) : null,
    language: pick.chance(0.95) ? region.language : null,
    title: pick.chance(0.15) ? pick.pick(w.jobTitles) : null,
    tin: pick.chance(0.03) ? pick.digits(9) : null,
    profile_photo: pick.chance(0.1) ? pick.pick(w.avatars) : null,
    tele_marketing: pick.chance(0.1),
    timezone: pick.chance(0.85) ? pick.pick(region.timezones) : null,
    has_password: hasPassword,
    password_last_updated_at: hasPassword ? pick.between(created, REF_SECONDS - DAY) : null,
    last_login_at: lastLogin,
    last_login_method: lastLogin === null ? null : pick.pick(hasPassword ? PASSWORD_LOGINS : SOCIAL_LOGINS),
    created_at: created,
    updated_at: pick.between(created, REF_SECONDS - 1),
  };
  all.customers.push({ view, sourceIds });
}

export function buildPelcroBase(options: AppOptions): PelcroBase {
  const { customers: count, fixtures } = options.scenario.pelcro;
  const pick = new Chooser(`pelcro:${options.seed}`);
  const regions = createRegions(options.seed);
  const orgFaker = new Faker({ locale: [en, base] });
  orgFaker.seed(options.seed);
  const all: Collections = {
    customers: [],
    addresses: [],
    sources: [],
    subscriptions: [],
    organizations: [],
    unique: { email: new BaseUniqueIndex(), username: new BaseUniqueIndex(), old_provider_id: new BaseUniqueIndex() },
    counters: { email: new Map(), username: new Map(), old_provider_id: new Map() },
  };
  const organizationCount = Math.max(3, Math.ceil(count / 25));
  for (let id = 1; id <= organizationCount; id++) all.organizations.push({ id, name: orgFaker.company.name() });

  const weights = regions.map((region) => [region, region.weight] as const);
  for (let id = 1; id <= count; id++) generateCustomer(id, pick.weighted(weights), pick, all);
  let nextId = count + 1;
  fixtures.forEach((fixture, index) => {
    const id = addFixture(fixture, index, nextId, all);
    nextId = Math.max(nextId, id + 1);
  });
  // Default list order is by id; fixtures may name any id.
  all.customers.sort((a, b) => a.view.id - b.view.id);

  // Generated records are not parsed here: for 100,000 customers that cost seconds of every start.
  // The generator is code, so the test does it (test/pelcro/seed.test.ts: every record of a
  // 5,000-customer scenario for several seeds); fixtures, the scenario's own data, are parsed as
  // they are added (./fixtures.ts), so a bad scenario still fails at start.

  const maxId = (records: readonly { id: number }[]) => records.reduce((max, r) => Math.max(max, r.id), 0);
  const idKey = (record: { id: number }) => record.id;
  const customerTable = new BaseTable(all.customers, customerKey);
  return {
    customers: {
      table: customerTable,
      index: indexCustomers(customerTable),
      unique: all.unique,
      maxId: maxId(all.customers.map((c) => c.view)),
    },
    addresses: { table: new BaseTable(all.addresses, idKey), maxId: maxId(all.addresses) },
    sources: {
      table: new BaseTable(all.sources, idKey),
      owners: new Map(all.customers.flatMap((c) => c.sourceIds.map((id) => [id, c.view.id] as const))),
      maxId: maxId(all.sources),
    },
    subscriptions: new BaseTable(all.subscriptions, idKey),
    organizations: new BaseTable(all.organizations, idKey),
  };
}
