/**
 * The seeded records of one app: the scenario's generated customers (realistic names, usernames,
 * emails, time zones and languages; some with an organization, addresses, payment sources and
 * subscriptions) followed by its hand-written fixtures. Deterministic for a seed: the same seed and
 * scenario give the same records, whatever the wall clock says.
 *
 * Every record is parsed by its contract schema, so a schema change breaks seeding loudly.
 */
import { Faker, base, en } from '@faker-js/faker';
import {
  Address,
  Customer,
  CustomerFixture,
  Organization,
  Source,
  Subscription,
} from '../../../contracts/pelcro/schemas';
import type { AppOptions } from '../../core/options';
import { BaseTable } from '../../core/table';
import { customerKey, fullName, idKey, type PelcroBase, type StoredCustomer } from './model';
import { createRegions, makeAddress, makeSource, makeSubscription, type Owner, type Region } from './seed-related';
import { Chooser, DAY, REF_SECONDS } from './seed-random';
import { BaseUniqueIndex } from './unique';

const METADATA = {
  source: ['newsletter', 'paywall', 'import', 'referral', 'events'],
  segment: ['student', 'senior', 'standard', 'institutional'],
  signup_campaign: ['spring-2024', 'black-friday-2024', 'back-to-school-2023', 'holiday-2024'],
} as const;

const EMAIL_DOMAINS = [
  ['gmail.com', 40], ['yahoo.com', 14], ['hotmail.com', 12], ['outlook.com', 10], ['icloud.com', 8],
  ['aol.com', 4], ['example.com', 6], ['example.org', 6],
] as const;

interface Collections {
  customers: StoredCustomer[];
  addresses: Address[];
  sources: Source[];
  subscriptions: Subscription[];
  organizations: Organization[];
  emails: BaseUniqueIndex;
  usernames: BaseUniqueIndex;
  oldProviderIds: BaseUniqueIndex;
  /** Suffix counters of `unique`, per index. */
  counters: { emails: Map<string, number>; usernames: Map<string, number>; oldProviderIds: Map<string, number> };
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

function generateCustomer(id: number, region: Region, pick: Chooser, all: Collections): void {
  const f = region.faker;
  const named = pick.chance(0.95);
  const first = named ? f.person.firstName() : null;
  const last = named ? f.person.lastName() : null;
  const ascii = (s: string) => s.normalize('NFD').replace(/[^A-Za-z0-9]/g, '');
  const hasEmail = pick.chance(0.97);
  let email: string | null = null;
  if (hasEmail) {
    // faker.internet.email's shapes, built directly: faker is the slow part of seeding 100,000 customers.
    const user = pick.weighted([
      [`${ascii(first ?? 'reader')}.${ascii(last ?? String(id))}`, 45],
      [`${ascii(first ?? 'reader')}${ascii(last ?? '')}${pick.int(1, 99)}`, 30],
      [`${ascii(first ?? 'r').slice(0, 1)}${ascii(last ?? `reader${id}`)}`, 25],
    ] as const);
    const address = `${user.toLowerCase()}@${pick.weighted(EMAIL_DOMAINS)}`;
    email = unique(all.emails, all.counters.emails, id, (n) => (n === 0 ? address : address.replace('@', `.${n}@`)));
  }
  let username: string | null = null;
  if (pick.chance(0.55)) {
    const stem = `${ascii(first ?? 'reader')}_${ascii(last ?? '')}`.toLowerCase().replace(/_$/, '');
    username = unique(all.usernames, all.counters.usernames, id, (n) => (n === 0 ? stem : `${stem}${n + 1}`));
  }
  const imported = pick.chance(0.15);
  const oldProviderId = imported || !hasEmail ? unique(all.oldProviderIds, all.counters.oldProviderIds, id, () => `cus_${pick.alphanumeric(14)}`) : null;
  const created = pick.between(REF_SECONDS - 4 * 365 * DAY, REF_SECONDS - DAY);
  // North American numbers: area code and exchange never start with 0 or 1.
  const phone = pick.chance(0.45) ? `${pick.int(2, 9)}${pick.digits(2)}${pick.int(2, 9)}${pick.digits(6)}` : null;
  const hasPassword = pick.chance(0.75);
  const loggedIn = pick.chance(0.65);
  const owner: Owner = { id, first_name: first, last_name: last, phone, created_at: created };

  const addressIds: number[] = [];
  let shippingId: number | null = null;
  const defaults = new Set<string>();
  const addressCount = pick.weighted([[0, 35], [1, 45], [2, 15], [3, 5]] as const);
  for (let n = 0; n < addressCount; n++) {
    const type = n === 0 ? pick.weighted([['billing', 50], ['shipping', 40], ['account_primary', 10]] as const) : pick.pick(['shipping', 'billing'] as const);
    const isDefault = !defaults.has(type);
    defaults.add(type);
    const address = makeAddress(all.addresses.length + 1, owner, type, isDefault, region, pick);
    all.addresses.push(address);
    addressIds.push(address.id);
    if (type === 'shipping' && shippingId === null) shippingId = address.id;
  }

  const sourceIds: number[] = [];
  const sourceCount = pick.weighted([[0, 45], [1, 40], [2, 15]] as const);
  for (let n = 0; n < sourceCount; n++) {
    const source = makeSource(all.sources.length + 1, owner, region, pick);
    all.sources.push(source);
    sourceIds.push(source.id);
  }
  const defaultSourceId = sourceIds.length > 0 && pick.chance(0.9) ? sourceIds[0] : null;

  const subscriptionIds: number[] = [];
  const subscriptionCount = pick.weighted([[0, 40], [1, 50], [2, 10]] as const);
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
    display_name: pick.chance(0.3) || (!hasEmail && !oldProviderId) ? `${first ?? 'Reader'} ${(last ?? '').slice(0, 1)}.`.replace(/ \.$/, '') : null,
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
    is_imported: oldProviderId !== null ? true : pick.weighted([[false, 70], [null, 30]] as const),
    phone,
    phone_confirm: phone !== null && pick.chance(0.3),
    salutation: pick.chance(0.25) ? f.person.prefix() : null,
    language: pick.chance(0.95) ? region.language : null,
    title: pick.chance(0.15) ? f.person.jobTitle() : null,
    tin: pick.chance(0.03) ? pick.digits(9) : null,
    profile_photo: pick.chance(0.1) ? f.image.avatar() : null,
    tele_marketing: pick.chance(0.1),
    timezone: pick.chance(0.85) ? pick.pick(region.timezones) : null,
    has_password: hasPassword,
    password_last_updated_at: hasPassword ? pick.between(created, REF_SECONDS - DAY) : null,
    last_login_at: lastLogin,
    last_login_method: lastLogin === null ? null : pick.pick(hasPassword ? ['password', 'password', 'passwordless'] : ['google', 'facebook', 'passwordless']),
    created_at: created,
    updated_at: pick.between(created, REF_SECONDS - 1),
  };
  all.customers.push({ view, sourceIds });
}

/** A fixture from the scenario file, completed with defaults; problems fail the app's start loudly. */
function addFixture(raw: unknown, index: number, nextId: number, all: Collections): number {
  const parsed = CustomerFixture.safeParse(raw);
  if (!parsed.success) throw new Error(`pelcro fixture #${index + 1} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  const fx = parsed.data;
  const id = fx.id ?? nextId;
  const fail = (why: string) => new Error(`pelcro fixture #${index + 1} (id ${id}): ${why}`);
  if (all.customers.some((c) => c.view.id === id)) throw fail('the id is already used');
  if (fx.email && !all.emails.add(fx.email, id)) throw fail(`the email ${fx.email} is already used`);
  if (fx.username && !all.usernames.add(fx.username, id)) throw fail(`the username ${fx.username} is already used`);
  if (fx.old_provider_id && !all.oldProviderIds.add(fx.old_provider_id, id)) throw fail(`the old_provider_id ${fx.old_provider_id} is already used`);
  if (fx.organization != null && !all.organizations.some((o) => o.id === fx.organization)) throw fail(`no organization ${fx.organization}`);
  const created = fx.created_at ?? REF_SECONDS - DAY;
  const first = fx.first_name ?? null;
  const last = fx.last_name ?? null;
  const view: Customer = {
    id,
    addresses: [],
    default_source_id: null,
    default_source: null,
    organization: fx.organization ?? null,
    subscriptions: [],
    display_name: fx.display_name ?? null,
    username: fx.username ?? null,
    email: fx.email ?? null,
    email_confirm: fx.email_confirm ?? false,
    email_hardbounce: fx.email_hardbounce ?? false,
    first_name: first,
    last_name: last,
    mail_marketing: fx.mail_marketing ?? false,
    metadata: fx.metadata ?? {},
    name: fullName(first, last),
    old_provider_id: fx.old_provider_id ?? null,
    is_imported: fx.is_imported ?? (fx.old_provider_id ? true : false),
    phone: fx.phone ?? null,
    phone_confirm: fx.phone_confirm ?? false,
    salutation: fx.salutation ?? null,
    language: fx.language === undefined ? 'en' : fx.language,
    title: fx.title ?? null,
    tin: fx.tin ?? null,
    profile_photo: null,
    tele_marketing: fx.tele_marketing ?? false,
    timezone: fx.timezone ?? null,
    has_password: fx.has_password ?? false,
    password_last_updated_at: fx.has_password ? created : null,
    last_login_at: null,
    last_login_method: null,
    created_at: created,
    updated_at: Math.max(fx.updated_at ?? created, created),
  };
  all.customers.push({ view, sourceIds: [] });
  return id;
}

function check<T>(schema: { parse(value: unknown): T }, records: readonly T[], what: string): void {
  for (const record of records) {
    try {
      schema.parse(record);
    } catch (error) {
      throw new Error(`seeded pelcro ${what} ${JSON.stringify(record).slice(0, 200)} breaks its schema: ${(error as Error).message}`);
    }
  }
}

export function buildPelcroBase(options: AppOptions): PelcroBase {
  const { customers: count, fixtures } = options.scenario.pelcro;
  const pick = new Chooser(`pelcro:${options.seed}`);
  const regions = createRegions(options.seed);
  const orgFaker = new Faker({ locale: [en, base] });
  orgFaker.seed(options.seed);
  const all: Collections = {
    customers: [], addresses: [], sources: [], subscriptions: [], organizations: [],
    emails: new BaseUniqueIndex(), usernames: new BaseUniqueIndex(), oldProviderIds: new BaseUniqueIndex(),
    counters: { emails: new Map(), usernames: new Map(), oldProviderIds: new Map() },
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

  check(Customer, all.customers.map((c) => c.view), 'customer');
  check(Address, all.addresses, 'address');
  check(Source, all.sources, 'source');
  check(Subscription, all.subscriptions, 'subscription');
  check(Organization, all.organizations, 'organization');

  const maxId = (records: readonly { id: number }[]) => records.reduce((max, r) => Math.max(max, r.id), 0);
  return {
    customers: new BaseTable(all.customers, customerKey),
    addresses: new BaseTable(all.addresses, idKey),
    sources: new BaseTable(all.sources, idKey),
    subscriptions: new BaseTable(all.subscriptions, idKey),
    organizations: new BaseTable(all.organizations, idKey),
    emails: all.emails,
    usernames: all.usernames,
    oldProviderIds: all.oldProviderIds,
    maxIds: {
      customer: maxId(all.customers.map((c) => c.view)),
      address: maxId(all.addresses),
      source: maxId(all.sources),
      subscription: maxId(all.subscriptions),
    },
  };
}
