/**
 * Behaviour of the list's filters and search (django-filter and DRF SearchFilter conventions).
 * The account's data is unknown, so each filter value is taken from a customer on the first page:
 * the filtered list must hold that customer and nothing that does not match.
 */
import { compareInstants } from '../../invariants';
import type { CheckDef } from '../../runner';
import { MAX_PAGE_SIZE, list, readPage, sample, type Ctx, type CustomerView, type PiriodState } from './api';

type Check = CheckDef<PiriodState>;

interface FilterCase {
  id: string;
  title: string;
  /** The query, from the sample customer; undefined when the sample has no usable value. */
  query(sample: CustomerView): Record<string, string> | undefined;
  /** Whether a result matches; `expected` describes a match for the report. */
  matches(customer: CustomerView, sample: CustomerView): boolean;
  expected(sample: CustomerView): string;
  field: string;
  show(customer: CustomerView): unknown;
}

const text = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** The longest word of a name, lower-cased: a search term that must find its owner. */
function searchTerm(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  const words = name.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);
  return words.sort((a, b) => b.length - a.length)[0]?.toLowerCase();
}

const cases: FilterCase[] = [
  {
    id: 'email',
    title: '?email= returns only customers with that email',
    query: (s) => (text(s.email) ? { email: s.email as string } : undefined),
    matches: (c, s) => c.email === s.email,
    expected: (s) => `email ${JSON.stringify(s.email)}`,
    field: 'email',
    show: (c) => c.email,
  },
  {
    id: 'name',
    title: '?name= returns only customers with that name',
    query: (s) => (text(s.name) ? { name: s.name as string } : undefined),
    matches: (c, s) => c.name === s.name,
    expected: (s) => `name ${JSON.stringify(s.name)}`,
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
  },
  {
    id: 'created-range',
    title: '?created__gte=&created__lte= returns only customers created in that range',
    query: (s) => (text(s.created) ? { created__gte: s.created as string, created__lte: s.created as string } : undefined),
    matches: (c, s) => typeof c.created === 'string' && compareInstants(c.created, s.created as string) === 0,
    expected: (s) => `created at ${s.created}`,
    field: 'created',
    show: (c) => c.created,
  },
  {
    id: 'search',
    title: '?search= returns only customers that contain the term',
    query: (s) => {
      const term = searchTerm(s.name);
      return term ? { search: term } : undefined;
    },
    // SearchFilter matches icontains on its search fields; the fields are not documented, so a
    // match anywhere in the record counts.
    matches: (c, s) => JSON.stringify(c).toLowerCase().includes(searchTerm(s.name) as string),
    expected: (s) => `a customer containing ${JSON.stringify(searchTerm(s.name))}`,
    field: 'name',
    show: (c) => c.name,
  },
];

async function runFilter(ctx: Ctx, filter: FilterCase): Promise<void> {
  const seed = await sample(ctx);
  const query = filter.query(seed);
  if (!query) ctx.skip(`the sample customer ${seed.id} has no ${filter.field} to filter by`);
  const page = readPage(ctx, await list(ctx, { ...query, page_size: MAX_PAGE_SIZE }));
  page.results.forEach((customer, i) => {
    ctx.expect(filter.matches(customer, seed), page.res, `$.results[${i}].${filter.field}`, filter.expected(seed), JSON.stringify(filter.show(customer)));
  });
  if (page.count <= MAX_PAGE_SIZE) {
    ctx.expect(
      page.results.some((c) => c.id === seed.id),
      page.res,
      '$.results',
      `a list holding ${seed.id}, whose value was filtered by`,
      `${page.results.length} customers without it`,
    );
  }
  ctx.expect(page.count === page.results.length || page.results.length === MAX_PAGE_SIZE, page.res, '$.count', `${page.results.length} (the results of a single page)`, String(page.count));
}

export const filterChecks: Check[] = cases.map((filter) => ({
  id: `piriod.filter.${filter.id}`,
  level: 'behaviour',
  mode: 'read',
  title: filter.title,
  run: (ctx: Ctx) => runFilter(ctx, filter),
}));
