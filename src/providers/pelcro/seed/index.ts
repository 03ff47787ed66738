/**
 * The seeded records of one app: the scenario's generated customers (realistic names, usernames,
 * emails, time zones and languages; some with an organization, addresses, payment sources and
 * subscriptions) followed by its hand-written fixtures. Deterministic for a seed: the same seed and
 * scenario give the same records, whatever the wall clock says.
 *
 * Every generated record parses with its contract schema (checked by test/pelcro/seed.test.ts over
 * large scenarios for several seeds); every fixture is parsed as the app starts.
 */
import type { Faker } from '@faker-js/faker';
import type { Address, Customer, Organization, Source, Subscription } from '../../../../contracts/pelcro/schemas';
import { oneByte } from '../../../core/one-byte';
import { Recent } from '../../../core/recent';
import type { AppOptions } from '../../../core/options';
import {
  BaseUniqueIndex,
  type CustomerRebuilder,
  customerColumns,
  customerKey,
  fullName,
  indexCustomers,
  metadataColumns,
  metadataKeyColumns,
  SeededCustomer,
  type StoredCustomer,
  type UniqueField,
} from '../customers/store';
import type { PelcroBase } from '../sandbox';
import { denseTable } from './dense-table';
import { lazyTable, nextRowId, type SeededRows } from './lazy-table';
import { addFixture } from './fixtures';
import {
  addInterval,
  Chooser,
  COUPONS,
  createRegions,
  DAY,
  EMAIL_DOMAINS,
  fakerOver,
  METADATA,
  ORGANIZATION_LOCALE,
  PLANS,
  REF_SECONDS,
  type Region,
} from './vocabulary';
import { firstReached } from '../../../core/search';

/** The records of one app while they are generated. */
export interface Collections {
  customers: StoredCustomer[];
  addresses: SeededRows<Address>;
  sources: SeededRows<Source>;
  subscriptions: SeededRows<Subscription>;
  organizations: SeededRows<Organization>;
  unique: Record<UniqueField, BaseUniqueIndex>;
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
    object_id: pick.alphanumeric(24, 'card_'),
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
    cancel_at_period_end: cancelAtPeriodEnd ? 1 : 0,
    canceled_at: canceledAt,
    trial_start: hadTrial ? created : null,
    trial_end: trialEnd,
    created,
    expires_at: canceledAt ?? (cancelAtPeriodEnd ? periodEnd : null),
    renews_at: renews ? periodEnd : null,
  };
}

const asciiOf = new Map<string, string>();

/**
 * `José` → `Jose` for emails and usernames (memoized: names come from small word lists), stored
 * one byte a character, not two as `normalize` leaves it (../../../core/one-byte.ts).
 */
function ascii(s: string): string {
  let out = asciiOf.get(s);
  if (out === undefined) {
    out = oneByte(s.normalize('NFD').replace(/[^A-Za-z0-9]/g, ''));
    asciiOf.set(s, out);
  }
  return out;
}

/** Where a customer's addresses, payment sources and subscriptions start numbering. */
interface FirstIds {
  address: number;
  source: number;
  subscription: number;
}

/**
 * How a generated value is made unique: the first pass takes the first value not yet taken (and
 * records it in the index, and which attempt it was); a rebuild makes that attempt's value again.
 * `draws`: `make` draws from the generator, so a rebuild calls it as often as the first pass did.
 */
type Claim = (field: UniqueField, id: number, make: (attempt: number) => string, draws?: boolean) => string;

/**
 * Per unique field, the attempt each generated customer's value took (position = id − 1): 0 for
 * most, up to a few thousand for a username as common as `maria_garcia` at 100,000 customers.
 */
type Attempts = Record<UniqueField, Uint32Array>;

/** What the generators read besides the draws: the same for the first pass and every rebuild. */
interface SeedContext {
  regions: readonly (readonly [Region, number])[];
  /** How many organizations are generated, numbered from 1 (fixtures may add more after the customers are drawn). */
  organizations: number;
  unique: Record<UniqueField, BaseUniqueIndex>;
}

/** One customer as generated, with what it owns. */
interface Generated {
  view: Customer;
  sourceIds: number[];
  addresses: Address[];
  sources: Source[];
  subscriptions: Subscription[];
}

function generateCustomer(id: number, pick: Chooser, context: SeedContext, first: FirstIds, claim: Claim): Generated {
  const region = pick.weighted(context.regions);
  const w = region.words;
  const named = pick.chance(0.95);
  const firstName = named ? pick.pick(w.firstNames) : null;
  const last = named ? pick.pick(w.lastNames) : null;
  const hasEmail = pick.chance(0.97);
  let email: string | null = null;
  if (hasEmail) {
    // faker.internet.email's shapes, built directly: faker is the slow part of seeding 100,000 customers.
    // Only the drawn shape is built: building all three per customer was wasted work.
    const shape = pick.weighted(EMAIL_SHAPES);
    const user =
      shape === 'first.last'
        ? `${ascii(firstName ?? 'reader')}.${last === null ? String(id) : ascii(last)}`
        : shape === 'firstlastNN'
          ? `${ascii(firstName ?? 'reader')}${ascii(last ?? '')}${pick.int(1, 99)}`
          : `${ascii(firstName ?? 'r').slice(0, 1)}${last === null ? `reader${id}` : ascii(last)}`;
    const local = user.toLowerCase();
    const domain = pick.weighted(EMAIL_DOMAINS);
    // Joined, so each is one flat string: the index keeps it, and the customer's kept fields too.
    email = claim('email', id, (n) => (n === 0 ? [local, domain].join('@') : [local, '.', n, '@', domain].join('')));
  }
  let username: string | null = null;
  if (pick.chance(0.55)) {
    const stem = `${ascii(firstName ?? 'reader')}_${ascii(last ?? '')}`.toLowerCase().replace(/_$/, '');
    username = claim('username', id, (n) => (n === 0 ? stem : [stem, n + 1].join('')));
  }
  const imported = pick.chance(0.15);
  const oldProviderId = imported || !hasEmail ? claim('old_provider_id', id, () => pick.alphanumeric(14, 'cus_'), true) : null;
  const created = pick.between(REF_SECONDS - 4 * 365 * DAY, REF_SECONDS - DAY);
  // North American numbers: area code and exchange never start with 0 or 1.
  const phone = pick.chance(0.45) ? `${pick.int(2, 9)}${pick.digits(2)}${pick.int(2, 9)}${pick.digits(6)}` : null;
  const hasPassword = pick.chance(0.75);
  const loggedIn = pick.chance(0.65);
  const owner: Owner = { id, first_name: firstName, last_name: last, phone, created_at: created };

  const addresses: Address[] = [];
  const addressIds: number[] = [];
  let shippingId: number | null = null;
  const defaults = new Set<string>();
  const addressCount = pick.weighted(ADDRESS_COUNTS);
  for (let n = 0; n < addressCount; n++) {
    const type = n === 0 ? pick.weighted(FIRST_ADDRESS_TYPES) : pick.pick(OTHER_ADDRESS_TYPES);
    const isDefault = !defaults.has(type);
    defaults.add(type);
    const address = makeAddress(first.address + n, owner, type, isDefault, region, pick);
    addresses.push(address);
    addressIds.push(address.id);
    if (type === 'shipping' && shippingId === null) shippingId = address.id;
  }

  const sources: Source[] = [];
  const sourceIds: number[] = [];
  const sourceCount = pick.weighted(SOURCE_COUNTS);
  for (let n = 0; n < sourceCount; n++) {
    const source = makeSource(first.source + n, owner, region, pick);
    sources.push(source);
    sourceIds.push(source.id);
  }
  const defaultSourceId = sourceIds.length > 0 && pick.chance(0.9) ? sourceIds[0] : null;

  const subscriptions: Subscription[] = [];
  const subscriptionIds: number[] = [];
  const subscriptionCount = pick.weighted(SUBSCRIPTION_COUNTS);
  for (let n = 0; n < subscriptionCount; n++) {
    const subscription = makeSubscription(first.subscription + n, owner, region, pick, shippingId, defaultSourceId);
    subscriptions.push(subscription);
    subscriptionIds.push(subscription.id);
  }

  const lastLogin = loggedIn ? pick.between(created, REF_SECONDS - 60) : null;
  const view: Customer = {
    id,
    addresses: addressIds,
    default_source_id: defaultSourceId,
    default_source: null,
    // One draw among organizations 1…n (as picking one from the list of them did).
    organization: context.organizations > 0 && pick.chance(0.25) ? pick.int(1, context.organizations) : null,
    subscriptions: subscriptionIds,
    display_name:
      pick.chance(0.3) || (!hasEmail && !oldProviderId)
        ? `${firstName ?? 'Reader'} ${(last ?? '').slice(0, 1)}.`.replace(/ \.$/, '')
        : null,
    username,
    email,
    email_confirm: hasEmail && pick.chance(0.7),
    email_hardbounce: hasEmail && pick.chance(0.02),
    first_name: firstName,
    last_name: last,
    mail_marketing: pick.chance(0.4),
    metadata: metadataFor(pick),
    name: fullName(firstName, last),
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
  return { view, sourceIds, addresses, sources, subscriptions };
}

/**
 * The first pass's claim: a value not yet taken in the index: `make(0)`, else `make(n)` for the
 * next n tried for that first value, noted in `attempts`. Remembering where each value's counter
 * stands keeps popular names from costing O(n²).
 */
function firstClaim(unique: Record<UniqueField, BaseUniqueIndex>, attempts: Attempts): Claim {
  const counters: Record<UniqueField, Map<string, number>> = { email: new Map(), username: new Map(), old_provider_id: new Map() };
  return (field, id, make) => {
    const index = unique[field];
    // Each `make` returns a flat string (joined, not a chain of joined pieces: V8 cons-strings,
    // several times the bytes of the text), as the index keeps it for as long as the seed.
    const firstValue = make(0);
    if (index.add(firstValue, id)) return firstValue;
    const counter = counters[field];
    for (let attempt = counter.get(firstValue) ?? 1; ; attempt++) {
      const value = make(attempt);
      if (index.add(value, id)) {
        counter.set(firstValue, attempt + 1);
        attempts[field][id - 1] = attempt;
        return value;
      }
    }
  };
}

/**
 * A rebuild's claim: the attempt the first pass took, made again. Trying the values from the
 * first until the index named this customer (as a rebuild did before) made a customer named like
 * 2,700 others build and look up as many values: at 100,000 customers, 28% of a page of customers
 * never read before.
 */
function replayClaim(attempts: Attempts): Claim {
  return (field, id, make, draws) => {
    const attempt = attempts[field][id - 1];
    if (draws) for (let tried = 0; tried < attempt; tried++) make(tried);
    return make(attempt);
  };
}

/** An empty metadata object shared by the seeded customers' kept fields (never written to). */
const NO_METADATA: Customer['metadata'] = Object.freeze({});

/**
 * The last rebuilt customers: a page or a retrieve reads a few at a time (and the renderer keeps
 * each one's text), so this only spares rebuilding the same customer twice in a row (a customer,
 * then what it owns). Arrays, not a map: see ../../../core/recent.ts.
 */
const REBUILT_KEPT = 8;

/** The seeded customers' generator positions and first related ids, and the rebuild that reads them. */
/** Which of a customer's related records: the column of `Replay.firsts` numbering them. */
export enum Related {
  Address = 0,
  Source = 1,
  Subscription = 2,
}

/**
 * The seeded customers' generator positions and first related ids, and the rebuild that reads them:
 * a customer, or one of its addresses, sources or subscriptions, is its owner's draws replayed.
 */
class Replay implements CustomerRebuilder {
  /** Per generated customer (position = id − 1): the generator's 16-byte state before its draws. */
  readonly states: Uint32Array;
  /** Per generated customer: its first address, source and subscription ids (columns of `Related`). */
  readonly firsts: Uint32Array;
  /** How many addresses, sources and subscriptions the generator numbered. */
  readonly generatedCounts = [0, 0, 0];
  /** Which attempt each generated customer's unique values took (firstClaim notes them). */
  readonly attempts: Attempts;
  private readonly kept = new Recent<number, Generated>(REBUILT_KEPT);
  private readonly claim: Claim;

  constructor(
    private readonly context: SeedContext,
    private readonly count: number,
  ) {
    this.states = new Uint32Array(count * 4);
    this.firsts = new Uint32Array(count * 3);
    this.attempts = { email: new Uint32Array(count), username: new Uint32Array(count), old_provider_id: new Uint32Array(count) };
    this.claim = replayClaim(this.attempts);
  }

  /** The customer at `position` (id − 1) with what it owns, rebuilt (the last few kept). */
  generated(position: number): Generated {
    let rebuilt = this.kept.get(position);
    if (rebuilt) return rebuilt;
    const { firsts } = this;
    const first = { address: firsts[position * 3], source: firsts[position * 3 + 1], subscription: firsts[position * 3 + 2] };
    rebuilt = generateCustomer(position + 1, Chooser.resumed(this.states, position * 4), this.context, first, this.claim);
    this.kept.set(position, rebuilt);
    return rebuilt;
  }

  read(record: SeededCustomer): StoredCustomer {
    return this.generated(record.id - 1);
  }

  /**
   * The position of the customer a generated related record belongs to: each customer's records
   * are numbered from its first id, in customer order, so the owner is the last customer numbered
   * from at or below it (one with none shares the next one's first id and comes before it).
   */
  ownerPosition(kind: Related, id: number): number | undefined {
    if (!Number.isInteger(id) || id < 1 || id > this.generatedCounts[kind]) return undefined;
    const { firsts } = this;
    return Math.max(0, firstReached(0, this.count, (p) => firsts[p * 3 + kind] > id) - 1);
  }

  /** A generated address, source or subscription, rebuilt with its owner. */
  related<K extends Related>(kind: K, id: number): [Address, Source, Subscription][K] {
    const position = this.ownerPosition(kind, id)!;
    const owner = this.generated(position);
    const list = kind === Related.Address ? owner.addresses : kind === Related.Source ? owner.sources : owner.subscriptions;
    return list[id - this.firsts[position * 3 + kind]] as [Address, Source, Subscription][K];
  }

  /** Each generated customer owning records of `kind`, with their ids [from, to), in id order. */
  forEachOwner(kind: Related, visit: (customerId: number, from: number, to: number) => void): void {
    const { firsts, count } = this;
    for (let position = 0; position < count; position++) {
      const from = firsts[position * 3 + kind];
      const to = position + 1 < count ? firsts[(position + 1) * 3 + kind] : this.generatedCounts[kind] + 1;
      if (to > from) visit(position + 1, from, to);
    }
  }
}

/**
 * Each generated organization, named when first read by a faker seeded for it alone: naming all of
 * them at start (4,000 at 100,000 customers) cost 170 ms of faker's templates, and a customer only
 * holds its organization's id. The names are kept once drawn (a few thousand short texts at most).
 */
function organizationNamer(seed: number): (id: number) => Organization {
  let faker: Faker | undefined;
  const names: string[] = [];
  return (id) => {
    let name = names[id];
    if (name === undefined) {
      faker ??= fakerOver(ORGANIZATION_LOCALE, seed);
      faker.seed([seed, id]);
      name = faker.company.name();
      names[id] = name;
    }
    return { id, name };
  };
}

export function buildPelcroBase(options: AppOptions): PelcroBase {
  const steps = pelcroBaseSteps(options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Customers drawn between two pauses of a seed built in slices (under a millisecond at 100,000). */
const SEED_STEP = 128;

/** buildPelcroBase's work, pausing every SEED_STEP customers (src/core/slices.ts SlicedBuild). */
export function* pelcroBaseSteps(options: AppOptions): Generator<void, PelcroBase> {
  const { customers: count, fixtures } = options.scenario.pelcro;
  const pick = new Chooser(`pelcro:${options.seed}`);
  const regions = createRegions(options.seed);
  const all: Collections = {
    customers: [],
    addresses: { generated: 0, extra: [] },
    sources: { generated: 0, extra: [] },
    subscriptions: { generated: 0, extra: [] },
    organizations: { generated: 0, extra: [] },
    unique: { email: new BaseUniqueIndex(), username: new BaseUniqueIndex(), old_provider_id: new BaseUniqueIndex() },
  };
  const organizationCount = Math.max(3, Math.ceil(count / 25));
  all.organizations.generated = organizationCount;

  const context: SeedContext = {
    regions: regions.map((region) => [region, region.weight] as const),
    organizations: organizationCount,
    unique: all.unique,
  };
  const replay = new Replay(context, count);
  const claim = firstClaim(all.unique, replay.attempts);
  for (let id = 1; id <= count; id++) {
    const at = id - 1;
    pick.save(replay.states, at * 4);
    const first = {
      address: all.addresses.generated + 1,
      source: all.sources.generated + 1,
      subscription: all.subscriptions.generated + 1,
    };
    replay.firsts[at * 3] = first.address;
    replay.firsts[at * 3 + 1] = first.source;
    replay.firsts[at * 3 + 2] = first.subscription;
    const g = generateCustomer(id, pick, context, first, claim);
    // The related records are not kept: they are rebuilt with their owner when read.
    all.addresses.generated += g.addresses.length;
    all.sources.generated += g.sources.length;
    all.subscriptions.generated += g.subscriptions.length;
    const { email, first_name, last_name, metadata } = g.view;
    const keptMetadata = Object.keys(metadata).length === 0 ? NO_METADATA : metadata;
    all.customers.push(new SeededCustomer(id, email, first_name, last_name, keptMetadata, replay));
    if (id % SEED_STEP === 0) yield;
  }
  replay.generatedCounts[Related.Address] = all.addresses.generated;
  replay.generatedCounts[Related.Source] = all.sources.generated;
  replay.generatedCounts[Related.Subscription] = all.subscriptions.generated;
  // The fixtures' sources' owners (they may name any id); the generated ones are found by number.
  const fixtureOwners = new Map<number, number>();
  let nextId = count + 1;
  fixtures.forEach((fixture, index) => {
    const id = addFixture(fixture, index, nextId, all);
    for (const sourceId of all.customers[all.customers.length - 1].sourceIds) fixtureOwners.set(sourceId, id);
    nextId = Math.max(nextId, id + 1);
  });
  const owners = { get: (sourceId: number) => fixtureOwners.get(sourceId) ?? customerAt(replay.ownerPosition(Related.Source, sourceId)) };
  function customerAt(position: number | undefined): number | undefined {
    return position === undefined ? undefined : position + 1;
  }
  // Default list order is by id; fixtures may name any id.
  // Generated customers come in id order: only fixtures can put one out of it.
  if (!all.customers.every((c, i) => i === 0 || customerKey(all.customers[i - 1]) < customerKey(c)))
    all.customers.sort((a, b) => customerKey(a) - customerKey(b));
  yield;

  // Generated records are not parsed here: for 100,000 customers that cost seconds of every start.
  // The generator is code, so the test does it (test/pelcro/seed.test.ts: every record of a
  // 5,000-customer scenario for several seeds); fixtures, the scenario's own data, are parsed as
  // they are added (./fixtures.ts), so a bad scenario still fails at start.

  const customerTable = denseTable(all.customers, customerKey);
  yield;
  // A pause between the parts of the tail too: together they held a built-in-slices seed for 100 ms.
  const index = indexCustomers(customerTable);
  yield;
  const columns = customerColumns(customerTable);
  const metadata = metadataColumns(customerTable);
  const metadataKeys = metadataKeyColumns(customerTable);
  return {
    customers: {
      table: customerTable,
      index,
      columns,
      metadata,
      metadataKeys,
      unique: all.unique,
      maxId: all.customers.reduce((max, c) => Math.max(max, customerKey(c)), 0),
    },
    addresses: {
      table: lazyTable(all.addresses, (id) => replay.related(Related.Address, id)),
      maxId: nextRowId(all.addresses) - 1,
      generated: {
        count: all.addresses.generated,
        forEachOwner: (visit) => replay.forEachOwner(Related.Address, visit),
      },
    },
    sources: {
      table: lazyTable(all.sources, (id) => replay.related(Related.Source, id)),
      owners,
      maxId: nextRowId(all.sources) - 1,
    },
    subscriptions: lazyTable(all.subscriptions, (id) => replay.related(Related.Subscription, id)),
    organizations: lazyTable(all.organizations, organizationNamer(options.seed)),
  };
}
