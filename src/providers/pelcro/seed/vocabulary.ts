/**
 * What the seed generator draws from: cheap seeded choices, the regions a North American
 * publisher's customers live in (each with word lists faker fills once per seed: faker per record
 * was most of the cost of seeding 100,000 customers), its plans and coupons, and the word lists of
 * metadata and email domains. Every timestamp is derived from a fixed reference date, never from
 * "now".
 */
import type { Faker } from '@faker-js/faker';
import { faker as fakerEN } from '@faker-js/faker/locale/en';
import { faker as fakerEN_CA } from '@faker-js/faker/locale/en_CA';
import { faker as fakerEN_US } from '@faker-js/faker/locale/en_US';
import { faker as fakerES_MX } from '@faker-js/faker/locale/es_MX';
import { faker as fakerFR_CA } from '@faker-js/faker/locale/fr_CA';
import type { Coupon, Plan, PlanProduct } from '../../../../contracts/pelcro/schemas';
import { civilFromDays, daysFromCivil } from '../../../../lib/calendar';
import { oneByte } from '../../../core/one-byte';
import KEPT_WORDS from './region-words.json';
import { charCodes, randomId, type Rng, SeekableRng, textOf } from '../../../core/random';

/** Every seeded timestamp lies before this instant. */
export const REF_DATE = new Date('2025-06-01T00:00:00Z');
export const REF_SECONDS = REF_DATE.getTime() / 1000;
export const DAY = 86_400;

/**
 * Cheap seeded choices over one seekable generator: its position can be saved (`save`) and a
 * Chooser started from a saved one (`Chooser.resumed`) draws exactly what the first one drew from
 * there, so a seeded record can be rebuilt from 16 bytes instead of being kept whole.
 */
export class Chooser {
  private readonly seekable: SeekableRng;
  private readonly rng: Rng;

  constructor(seed: string) {
    this.seekable = new SeekableRng(seed);
    this.rng = this.seekable.next;
  }

  /** A Chooser that continues from a position saved at `from[at…at+3]`. */
  static resumed(from: Uint32Array, at: number): Chooser {
    const pick = new Chooser('');
    pick.seekable.restore(from, at);
    return pick;
  }

  /** Writes the generator's position at `into[at…at+3]`. */
  save(into: Uint32Array, at: number): void {
    this.seekable.save(into, at);
  }

  chance(probability: number): boolean {
    return this.rng() < probability;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.rng() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rng() * items.length)];
  }

  /** A value drawn by weight: `[[value, weight], …]`. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let roll = this.rng() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1][0];
  }

  /** A Unix-seconds instant in [from, to]. */
  between(from: number, to: number): number {
    return to <= from ? from : this.int(from, to);
  }

  /**
   * `length` decimal digits, one draw each (as `int(0, 9)`), made from character codes in one step:
   * appending a digit at a time left a chain of V8 cons-strings per value.
   */
  digits(length: number): string {
    const codes = charCodes(length);
    for (let i = 0; i < length; i++) codes[i] = 48 + Math.floor(this.rng() * 10);
    return textOf(codes);
  }

  /** `prefix` and `length` letters and digits (one draw each), as one flat string. */
  alphanumeric(length: number, prefix = ''): string {
    return randomId(this.rng, prefix, length);
  }
}

/**
 * `seconds` moved on by `count` calendar intervals (UTC), as `Date`'s `setUTCMonth` and
 * `setUTCFullYear` move it: the day of the month is kept and overflows into the next month
 * (January 31 plus a month is March 3, or 2 in a leap year). Worked out on the civil calendar
 * rather than through a `Date`: two or three per subscription were a twentieth of Pelcro's seed.
 */
export function addInterval(seconds: number, interval: 'day' | 'week' | 'month' | 'year', count: number): number {
  if (interval === 'day') return seconds + count * DAY;
  if (interval === 'week') return seconds + count * 7 * DAY;
  const days = Math.floor(seconds / DAY);
  const timeOfDay = seconds - days * DAY;
  const { year, month, day } = civilFromDays(days);
  const months = year * 12 + (month - 1) + (interval === 'month' ? count : 12 * count);
  const y = Math.floor(months / 12);
  return (daysFromCivil(y, months - y * 12 + 1, 1) + day - 1) * DAY + timeOfDay;
}

/**
 * A region's realistic text, drawn from its faker once per seed. The lists are large enough that
 * 100,000 customers still read as many different people (500 × 500 names), small enough to cost
 * milliseconds.
 */
export interface RegionWords {
  firstNames: readonly string[];
  lastNames: readonly string[];
  companies: readonly string[];
  streets: readonly string[];
  secondary: readonly string[];
  cities: readonly string[];
  states: readonly string[];
  postalCodes: readonly string[];
  prefixes: readonly string[];
  jobTitles: readonly string[];
  avatars: readonly string[];
}

function wordsOf(f: Faker): RegionWords {
  // Stored one byte a character where they fit: faker hands some words over as two-byte strings
  // (`Olive`), and every name, email and text made of them would be two-byte (../../../core/one-byte.ts).
  const draw = (n: number, make: () => string) => Array.from({ length: n }, () => oneByte(make()));
  return {
    firstNames: draw(500, () => f.person.firstName()),
    lastNames: draw(500, () => f.person.lastName()),
    companies: draw(200, () => f.company.name()),
    streets: draw(1000, () => f.location.streetAddress()),
    secondary: draw(100, () => f.location.secondaryAddress()),
    cities: draw(300, () => f.location.city()),
    // Pelcro requires a state for CA, US and AU.
    states: draw(100, () => f.location.state({ abbreviated: true })),
    postalCodes: draw(1000, () => f.location.zipCode()),
    prefixes: draw(20, () => f.person.prefix()),
    jobTitles: draw(200, () => f.person.jobTitle()),
    avatars: draw(200, () => f.image.avatar()),
  };
}

/** A subscriber base of a North American publisher: who the customers are and where they live. */
export interface Region {
  weight: number;
  words: RegionWords;
  country: 'US' | 'CA' | 'MX';
  language: 'en' | 'fr' | 'es';
  timezones: readonly string[];
  currency: 'usd' | 'cad' | 'mxn';
}

/**
 * A private faker over a locale's definitions (seeding a shared instance would disturb anyone else
 * using it). The locales are imported one by one: the package's main entry loads all of its
 * seventy-odd locales, megabytes of text and a third of a second of every start. Each locale's
 * own instance is built over the same chain as before ([fr_CA, fr, en, base] …), merged.
 */
export function fakerOver(locale: Faker, seed: number): Faker {
  const FakerClass = locale.constructor as typeof Faker;
  const f = new FakerClass({ locale: locale.rawDefinitions });
  f.seed(seed);
  return f;
}

/** Each region's locale, in the order `createRegions` lists the regions, and its faker's seed offset. */
const REGION_LOCALES: readonly (readonly [Faker, number])[] = [
  [fakerEN_US, 1],
  [fakerEN_CA, 2],
  [fakerFR_CA, 3],
  [fakerES_MX, 4],
];

/** The regions' words for `seed`, drawn from faker. */
export function drawRegionWords(seed: number): RegionWords[] {
  return REGION_LOCALES.map(([locale, n]) => wordsOf(fakerOver(locale, seed * 7 + n)));
}

/**
 * The seed whose words are kept drawn (`region-words.json`): the default seed, the one every start
 * without `--seed` uses. Drawing them is 16,400 calls into faker's templates, 150-210 ms of every
 * Pelcro seed whatever its size, most of Pelcro's first answer at the default size; the kept words
 * are parsed in a few milliseconds. `npm run words` writes the file, and a test checks that it
 * holds what faker draws (src/providers/pelcro/seed/vocabulary.test.ts); other seeds draw theirs.
 */
export const KEPT_WORDS_SEED = 1;

function regionWords(seed: number): readonly RegionWords[] {
  if (seed !== KEPT_WORDS_SEED) return drawRegionWords(seed);
  // Each list is kept as one text, a word a line: parsed at every start, 16,400 strings in JSON
  // added 20 ms to loading the package. One byte a character, as drawn words are.
  return KEPT_WORDS.map((words) => {
    const copy = {} as RegionWords;
    for (const [list, lines] of Object.entries(words)) copy[list as keyof RegionWords] = lines.split('\n').map(oneByte);
    return copy;
  });
}

export function createRegions(seed: number): Region[] {
  const words = regionWords(seed);
  return [
    {
      weight: 68,
      words: words[0],
      country: 'US',
      language: 'en',
      currency: 'usd',
      timezones: ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Phoenix'],
    },
    {
      weight: 14,
      words: words[1],
      country: 'CA',
      language: 'en',
      currency: 'cad',
      timezones: ['America/Toronto', 'America/Vancouver', 'America/Edmonton', 'America/Halifax'],
    },
    { weight: 11, words: words[2], country: 'CA', language: 'fr', currency: 'cad', timezones: ['America/Toronto'] },
    {
      weight: 7,
      words: words[3],
      country: 'MX',
      language: 'es',
      currency: 'mxn',
      timezones: ['America/Mexico_City', 'America/Monterrey', 'America/Cancun'],
    },
  ];
}

/**
 * The products the plans sell (a plan belongs to one product: docs.pelcro.com "Plans › Attributes",
 * `product_id`); the print ones need a shipping address, as the subscriptions on them have.
 */
const PRODUCTS = {
  digital: { id: 1, name: 'Digital Access', address_required: false },
  printDigital: { id: 2, name: 'Print + Digital', address_required: true },
  weekendPrint: { id: 3, name: 'Weekend Print', address_required: true },
} as const satisfies Record<string, PlanProduct>;

/**
 * A catalogue plan with its product (as an id and nested) and auto-renewing: every seeded
 * subscription renews at its period's end unless canceled, so every plan auto-renews.
 */
function plan(fields: Omit<Plan, 'product_id' | 'auto_renew' | 'product'>, product: PlanProduct): Plan {
  return { ...fields, product_id: product.id, auto_renew: true, product };
}

export const PLANS: readonly Plan[] = [
  plan({ id: 1, nickname: 'Digital Monthly', amount: 999, currency: 'usd', interval: 'month', interval_count: 1 }, PRODUCTS.digital),
  plan({ id: 2, nickname: 'Digital Annual', amount: 9900, currency: 'usd', interval: 'year', interval_count: 1 }, PRODUCTS.digital),
  plan(
    { id: 3, nickname: 'Print + Digital Monthly', amount: 2499, currency: 'usd', interval: 'month', interval_count: 1 },
    PRODUCTS.printDigital,
  ),
  plan(
    { id: 4, nickname: 'Weekend Print Quarterly', amount: 3900, currency: 'usd', interval: 'month', interval_count: 3 },
    PRODUCTS.weekendPrint,
  ),
  plan({ id: 5, nickname: 'Digital Monthly (CAD)', amount: 1299, currency: 'cad', interval: 'month', interval_count: 1 }, PRODUCTS.digital),
  plan({ id: 6, nickname: 'Digital Annual (CAD)', amount: 12900, currency: 'cad', interval: 'year', interval_count: 1 }, PRODUCTS.digital),
  plan({ id: 7, nickname: 'Digital Mensual', amount: 14900, currency: 'mxn', interval: 'month', interval_count: 1 }, PRODUCTS.digital),
];

/**
 * A subscription as written before its plan carried `product_id`, `auto_renew` and `product`, and
 * before `cancel_at_period_end` was the integer Pelcro sends (a boolean then), brought to today's
 * shape; anything else as it is, for the schema to judge.
 */
export function currentSubscription(subscription: unknown): unknown {
  if (typeof subscription !== 'object' || subscription === null) return subscription;
  const out: Record<string, unknown> = { ...subscription };
  if ('plan' in out) out.plan = completedPlan(out.plan);
  if (typeof out.cancel_at_period_end === 'boolean') out.cancel_at_period_end = out.cancel_at_period_end ? 1 : 0;
  return out;
}

/** What a plan gained after snapshots and scenario files were first written, in the order the plan renders it. */
export const LATER_PLAN_ATTRIBUTES = ['product_id', 'auto_renew', 'product'] as const;

/**
 * A plan as written before plans carried `product_id`, `auto_renew` and `product` (in a snapshot or
 * a scenario's fixture), completed from the catalogue plan of its id; anything else as it is, for
 * the schema to judge (a plan of no catalogue id lacking them is refused).
 */
export function completedPlan(plan: unknown): unknown {
  if (typeof plan !== 'object' || plan === null) return plan;
  const known = PLANS.find((p) => p.id === (plan as { id?: unknown }).id);
  if (!known || LATER_PLAN_ATTRIBUTES.every((key) => key in plan)) return plan;
  const filled: Record<string, unknown> = { ...plan };
  for (const key of LATER_PLAN_ATTRIBUTES) if (!(key in filled)) filled[key] = known[key];
  return filled;
}

export const COUPONS: readonly Coupon[] = [
  { id: 1, code: 'WELCOME50', percent_off: 50, amount_off: null, duration: 'once' },
  { id: 2, code: 'STUDENT25', percent_off: 25, amount_off: null, duration: 'forever' },
  { id: 3, code: 'SAVE5', percent_off: null, amount_off: 500, duration: 'repeating' },
];

export const METADATA = {
  source: ['newsletter', 'paywall', 'import', 'referral', 'events'],
  segment: ['student', 'senior', 'standard', 'institutional'],
  signup_campaign: ['spring-2024', 'black-friday-2024', 'back-to-school-2023', 'holiday-2024'],
} as const;

export const EMAIL_DOMAINS = [
  ['gmail.com', 40],
  ['yahoo.com', 14],
  ['hotmail.com', 12],
  ['outlook.com', 10],
  ['icloud.com', 8],
  ['aol.com', 4],
  ['example.com', 6],
  ['example.org', 6],
] as const;

/**
 * The password every seeded customer with `has_password: true` signs in with on the Open API (a
 * customer created or updated with a password uses its own). Printed by `understudy serve`.
 */
/** Organization names are drawn in English. */
export const ORGANIZATION_LOCALE = fakerEN;

export const DEMO_PASSWORD = 'understudy-demo';
