/**
 * Behaviour of the list's filters and search (django-filter and DRF SearchFilter conventions).
 * The account's data is unknown, so each filter value is taken from the first customer on the first
 * page that has one: the filtered list must hold that customer and nothing that does not match.
 */
import { compareInstants, stringDisorder } from '../../check/invariants';
import type { CheckDef } from '../../check/runner';
import {
  exactPart,
  expectExact,
  expectFilterOrder,
  expectFiltered,
  expectNoMatch,
  type FilterCase as SharedFilterCase,
} from '../../check/suite-kit';
import { MAX_PAGE_SIZE, firstPage, list, readPage, type Ctx, type CustomerView, type PiriodState } from './api';

type Check = CheckDef<PiriodState>;

type FilterCase = SharedFilterCase<CustomerView>;

const text = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** The words of a name (three letters or more), longest first. */
function words(name: unknown): string[] {
  if (typeof name !== 'string') return [];
  return name
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3)
    .sort((a, b) => b.length - a.length);
}

/**
 * The middle of a word (its first and last letters dropped, when it has five or more): a lookup
 * that matches anywhere must find it; one that matches a word's start, or whole words, does not.
 */
const middle = (word: string) => (word.length >= 5 ? word.slice(1, -1) : word);

/**
 * A letter in the other case, when its two cases map one to one (`a`/`A`, `ñ`/`Ñ`); any other
 * letter as it is. `ß` upper-cases to `SS`, `İ` lower-cases to `i̇`, `ſ`, `µ` and `ς` fold to letters
 * that fold back to others: a term written so is no longer the name's text to PostgreSQL, whose
 * UPPER() maps one character to one (Django's icontains is `UPPER(col) LIKE UPPER(term)`).
 */
function flipped(ch: string): string {
  const other = ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase();
  const oneToOne = other.length === ch.length && other.toUpperCase() === ch.toUpperCase() && other.toLowerCase() === ch.toLowerCase();
  return oneToOne ? other : ch;
}

/** The middle of a name's longest word with its letters' case flipped: `__icontains` must still find it. */
export function flippedWord(name: unknown): string | undefined {
  const word = words(name).find((w) => /\p{L}/u.test(w));
  if (!word) return undefined;
  return [...middle(word)].map(flipped).join('');
}

/**
 * Whether `text` holds `part` ignoring case, as either lower-casing or upper-casing reads it: a
 * database that upper-cases finds `CASTELLANO` in `Caſtellanos` and `YILDIZ` in `Yıldız`, which
 * lower-casing does not, and neither is drift.
 */
export function containsIgnoringCase(text: string, part: string): boolean {
  return text.toLowerCase().includes(part.toLowerCase()) || text.toUpperCase().includes(part.toUpperCase());
}

/** The distinct words of a name (three letters or more), longest first. */
const distinctWords = (name: unknown) => [...new Map(words(name).map((w) => [w.toLowerCase(), w])).values()];

/**
 * Two terms of a name (the middles of two of its words, the shorter first) such that each alone is
 * held by one of `others` (the searched fields of other customers) lacking the other: a search that kept only one of its
 * terms answers that record, which the two together exclude. Undefined when no pair is so.
 */
function tellingTerms(name: unknown, others: readonly string[]): string | undefined {
  const unique = distinctWords(name);
  const alone = (term: string, without: string) => others.some((r) => containsIgnoringCase(r, term) && !containsIgnoringCase(r, without));
  for (let i = 0; i < unique.length; i++) {
    for (let j = i + 1; j < unique.length; j++) {
      const [a, b] = [middle(unique[j]), middle(unique[i])];
      if (alone(a, b) && alone(b, a)) return `${a} ${b}`;
    }
  }
  return undefined;
}

const telling = new WeakMap<readonly CustomerView[], Map<unknown, string | undefined>>();

/**
 * The middles of two words of a name in reverse order: DRF's SearchFilter splits terms and wants
 * each, anywhere. When some customer of the page has two telling terms (`tellingTerms`), only such
 * customers are asked by (a search that dropped a term shows); otherwise the two longest words.
 */
export function twoTerms(sample: CustomerView, page: readonly CustomerView[]): string | undefined {
  let found = telling.get(page);
  if (!found) {
    // What SearchFilter searches (name, email, tax id): a term held only elsewhere finds nothing.
    const records = page.map((c) => [c, `${c.name} ${c.email} ${c.tax_id}`] as const);
    found = new Map(
      records.map(([c]) => [
        c.id,
        tellingTerms(
          c.name,
          records.filter(([o]) => o.id !== c.id).map(([, r]) => r),
        ),
      ]),
    );
    telling.set(page, found);
  }
  if (found.has(sample.id) && [...found.values()].some((t) => t !== undefined)) return found.get(sample.id);
  const unique = distinctWords(sample.name);
  return unique.length >= 2 ? `${middle(unique[1])} ${middle(unique[0])}` : undefined;
}

/** DRF's search terms: split on whitespace and commas. */
const termsOf = (search: string) =>
  search
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);

/**
 * A `?search=` case. SearchFilter matches each term with icontains on its search fields; a result
 * may match through any field, so a term anywhere in the record counts.
 */
function searchCase(
  id: string,
  title: string,
  term: (sample: CustomerView, page: CustomerView[]) => string | undefined,
  field: string,
  lacking?: string,
): FilterCase {
  return {
    lacking,
    id,
    title,
    query: (s, page) => {
      const t = term(s, page);
      return t ? { search: t } : undefined;
    },
    matches: (c, s, page) => {
      const record = JSON.stringify(c);
      return termsOf(term(s, page) as string).every((t) => containsIgnoringCase(record, t));
    },
    expected: (s, page) =>
      `a customer containing ${termsOf(term(s, page) as string)
        .map((t) => JSON.stringify(t))
        .join(' and ')}`,
    field,
    show: (c) => c[field],
  };
}

/**
 * The first customer of the page with a plain metadata value (a key of letters, digits and `_`,
 * a short string value), and that key and value: what `metadata__<key>` filters by.
 */
function metadataSample(page: CustomerView[]): { customer: CustomerView; key: string; value: string } | undefined {
  for (const customer of page) {
    for (const [key, value] of Object.entries(customer.metadata ?? {})) {
      if (/^[A-Za-z0-9]+(_[A-Za-z0-9]+)*$/.test(key) && typeof value === 'string' && value !== '' && value.length <= 100) {
        return { customer, key, value };
      }
    }
  }
  return undefined;
}

/** Another customer of the page with a usable email, for filters that take several values. */
const otherWithEmail = (s: CustomerView, page: CustomerView[]) =>
  page.find((c) => c.id !== s.id && text(c.email) && c.email !== s.email && !c.email?.includes(','));

const cases: FilterCase[] = [
  {
    id: 'email',
    title: '?email= returns only customers with that email',
    query: (s) => (text(s.email) ? { email: s.email as string } : undefined),
    matches: (c, s) => c.email === s.email,
    expected: (s) => `email ${JSON.stringify(s.email)}`,
    field: 'email',
    show: (c) => c.email,
    part: (s) => exactPart('email', s.email),
  },
  {
    id: 'email-in',
    title: '?email__in=A,B returns the customers with either email, and no other',
    query: (s, page) => {
      const other = otherWithEmail(s, page);
      return text(s.email) && !s.email?.includes(',') && other ? { email__in: `${s.email},${other.email}` } : undefined;
    },
    matches: (c, s, page) => c.email === s.email || c.email === otherWithEmail(s, page)?.email,
    expected: (s, page) => `email ${JSON.stringify(s.email)} or ${JSON.stringify(otherWithEmail(s, page)?.email)}`,
    found: (s, page) => [s, otherWithEmail(s, page) as CustomerView],
    field: 'email',
    show: (c) => c.email,
    lacking: 'no two customers of the first page have different emails',
  },
  {
    id: 'name',
    title: '?name= returns only customers with that name',
    query: (s) => (text(s.name) ? { name: s.name as string } : undefined),
    matches: (c, s) => c.name === s.name,
    expected: (s) => `name ${JSON.stringify(s.name)}`,
    field: 'name',
    show: (c) => c.name,
    part: (s) => exactPart('name', s.name),
  },
  {
    id: 'name-icontains',
    title: '?name__icontains= finds names containing the text in any case',
    query: (s) => {
      const word = flippedWord(s.name);
      return word ? { name__icontains: word } : undefined;
    },
    matches: (c, s) => typeof c.name === 'string' && containsIgnoringCase(c.name, flippedWord(s.name) as string),
    expected: (s) => `a name containing ${JSON.stringify(flippedWord(s.name))}, ignoring case`,
    field: 'name',
    show: (c) => c.name,
  },
  {
    id: 'tax-id',
    title: '?tax_id= returns only customers with that tax id',
    query: (s) => (text(s.tax_id) ? { tax_id: s.tax_id as string } : undefined),
    matches: (c, s) => c.tax_id === s.tax_id,
    expected: (s) => `tax_id ${JSON.stringify(s.tax_id)}`,
    field: 'tax_id',
    show: (c) => c.tax_id,
    part: (s) => exactPart('tax_id', s.tax_id),
  },
  {
    id: 'country',
    title: '?country= (ISO code) returns only customers of that country',
    query: (s) => (text(s.country?.id) ? { country: s.country?.id as string } : undefined),
    matches: (c, s) => c.country?.id === s.country?.id,
    expected: (s) => `country.id ${JSON.stringify(s.country?.id)}`,
    field: 'country.id',
    show: (c) => c.country?.id,
  },
  {
    id: 'country-name',
    title: '?country__name= returns only customers of that country',
    query: (s) => (text(s.country?.name) ? { country__name: s.country?.name as string } : undefined),
    matches: (c, s) => c.country?.name === s.country?.name,
    expected: (s) => `country.name ${JSON.stringify(s.country?.name)}`,
    field: 'country.name',
    show: (c) => c.country?.name,
    part: (s) => exactPart('country__name', s.country?.name),
  },
  {
    id: 'created-range',
    title: '?created__gte=&created__lte= returns only customers created in that range (both bounds inclusive)',
    query: (s) => (text(s.created) ? { created__gte: s.created as string, created__lte: s.created as string } : undefined),
    matches: (c, s) => typeof c.created === 'string' && compareInstants(c.created, s.created as string) === 0,
    expected: (s) => `created at ${s.created}`,
    field: 'created',
    show: (c) => c.created,
  },
  {
    id: 'status',
    title: '?status= returns only customers with that status',
    query: (s) => (text(s.status) ? { status: s.status as string } : undefined),
    matches: (c, s) => c.status === s.status,
    expected: (s) => `status ${JSON.stringify(s.status)}`,
    field: 'status',
    show: (c) => c.status,
    // Asked by name, descending (neither the default order nor one the ordering checks ask with a filter).
    order: {
      query: { ordering: '-name' },
      field: 'name',
      disorder: (records) => {
        const names = records.map((c) => c.name).filter((n): n is string => typeof n === 'string');
        const at = stringDisorder(names, 'desc');
        return at === -1 ? -1 : records.findIndex((c) => c.name === names[at]);
      },
      expected: (records, at) => `name at or before ${JSON.stringify(records[at - 1]?.name)}`,
      show: (c) => c.name,
    },
  },
  {
    id: 'metadata',
    title: '?metadata__<key>= returns only customers whose metadata holds that value under that key',
    query: (_s, page) => {
      const m = metadataSample(page);
      return m ? { [`metadata__${m.key}`]: m.value } : undefined;
    },
    matches: (c, _s, page) => c.metadata?.[metadataSample(page)!.key] === metadataSample(page)!.value,
    expected: (_s, page) => `metadata.${metadataSample(page)?.key} ${JSON.stringify(metadataSample(page)?.value)}`,
    found: (s, page) => [metadataSample(page)?.customer ?? s],
    field: 'metadata',
    show: (c) => c.metadata,
    lacking: 'no customer of the first page has a metadata key (letters, digits, `_`) with a short text value',
  },
  searchCase('search', '?search= returns only customers that contain the term (in any case)', (s) => flippedWord(s.name), 'name'),
  searchCase('search-email', '?search= searches the email too', (s) => text(s.email), 'email'),
  searchCase('search-tax-id', '?search= searches the tax id too', (s) => text(s.tax_id), 'tax_id'),
  searchCase(
    'search-terms',
    '?search= with two words finds customers holding both, in any order',
    twoTerms,
    'name',
    'no customer of the first page has a name of two words (of three letters or more)',
  ),
];

async function runFilter(ctx: Ctx, filter: FilterCase): Promise<void> {
  const first = (await firstPage(ctx)).results;
  if (first.length === 0) ctx.skip('the account has no customers to derive values from');
  // The first customer the filter has a value to ask by, not only the first customer: a real
  // account's newest customers may have no email or tax id, and a filter skipped for that is a
  // filter not judged. The run's own customer comes last (its values are the suite's own).
  const own = ctx.state.created?.id;
  const candidates = [...first.filter((c) => c.id !== own), ...first.filter((c) => c.id === own)];
  const seed = candidates.find((c) => filter.query(c, first) !== undefined);
  if (!seed) ctx.skip(`${filter.lacking ?? `no customer of the first page has a usable ${filter.field}`} to filter by`);
  const query = filter.query(seed, first) as Record<string, string>;
  const read = async (q: Record<string, string>) => {
    const page = readPage(ctx, await list(ctx, { ...q, page_size: MAX_PAGE_SIZE }));
    ctx.expect(
      page.count === page.results.length || page.results.length === MAX_PAGE_SIZE,
      page.res,
      '$.count',
      `${page.results.length} (the results of a single page)`,
      String(page.count),
    );
    return { res: page.res, listPath: '$.results', records: page.results, total: page.count, max: MAX_PAGE_SIZE, name: String };
  };
  const page = await read({ ...query, ...filter.order?.query });
  expectFiltered(ctx, page, filter, seed, first);
  if (filter.order) expectFilterOrder(ctx, page, filter.order);
  await expectExact(ctx, filter, seed, read);
}

const noMatch: Check = {
  id: 'piriod.filter.no-match',
  level: 'behaviour',
  mode: 'read',
  title: 'a filter or a search that matches no customer answers 200 with count 0 and no results',
  run: (ctx: Ctx) =>
    expectNoMatch(
      ctx,
      (nobody) => [{ email: `${nobody}@example.invalid` }, { search: nobody }, { name__icontains: nobody }],
      async (query) => {
        const page = readPage(ctx, await list(ctx, query));
        return { res: page.res, total: page.count, totalPath: '$.count', records: page.results, listPath: '$.results' };
      },
    ),
};

export const filterChecks: Check[] = [
  ...cases.map(
    (filter): Check => ({
      id: `piriod.filter.${filter.id}`,
      level: 'behaviour',
      mode: 'read',
      title: filter.title,
      run: (ctx: Ctx) => runFilter(ctx, filter),
    }),
  ),
  noMatch,
];
