/**
 * Behaviour of `filter[…]` (Pelcro's beta filtering: `filter[ATTR]=OPERATOR:VALUE`). The site's
 * data is unknown, so each value is taken from a customer on the first page: the filtered list must
 * hold that customer and nothing that does not match. Expand is in ./expand.
 */
import type { CheckDef } from '../../check/runner';
import { firstDisorder } from '../../check/invariants';
import {
  exactPart,
  expectExact,
  expectFilterOrder,
  expectFiltered,
  expectNoMatch,
  type FilterCase as SharedFilterCase,
} from '../../check/suite-kit';
import { MAX_LIMIT, firstPage, list, readPage, type Ctx, type CustomerView, type PelcroState } from './api';

type Check = CheckDef<PelcroState>;

const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);

/**
 * A text as the loosest plausible MySQL collation compares it: Pelcro's is not public, and Laravel's
 * default, utf8mb4_unicode_ci, ignores case and accents, expands `ß` to `ss` and pads with spaces
 * (`José` = `JOSE`, `Ana ` = `ana`). The mock's own comparison (case only) is a **guess**, so a
 * result equal under this folding is no drift.
 */
const collated = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/ +$/, '');

/** Whether two values are the same text under the loosest plausible collation (see `collated`). */
export function sameUnderCollation(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' && collated(a) === collated(b);
}

/** Whether `text` holds `part` under the loosest plausible collation, as `like` may read it. */
export function holdsUnderCollation(text: string, part: string): boolean {
  return collated(text).includes(collated(part));
}
const usable = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && !v.includes(',');

type FilterCase = SharedFilterCase<CustomerView>;

/** Another customer of the page with a usable, different email. */
const otherWithEmail = (s: CustomerView, page: CustomerView[]) =>
  page.find((c) => c.id !== s.id && usable(c.email) && !sameUnderCollation(c.email, s.email));

/** A customer with a usable value for `pick`, from the first page. */
async function sampleWith(ctx: Ctx, pick: (c: CustomerView) => unknown, what: string): Promise<CustomerView> {
  const page = await firstPage(ctx);
  const found = page.data.find((c) => pick(c) !== undefined);
  if (!found) ctx.skip(`no customer on the first page has ${what} to filter by`);
  return found;
}

const metadataKey = (c: CustomerView) => {
  const key = Object.keys(c.metadata ?? {}).find(
    (k) => /^[\w-]+$/.test(k) && typeof c.metadata?.[k] === 'string' && usable(c.metadata?.[k]),
  );
  return key;
};

/**
 * A middle slice of an email's local part: `like` must find it anywhere in the value. None when
 * the slice holds `_`, `%` or a backslash: in SQL's LIKE they match other characters too (`john_doe`
 * finds `john.doe`), and whether Pelcro escapes them is not documented.
 */
export function likeFragment(email: string): string | undefined {
  const local = email.split('@')[0];
  const part = local.length >= 4 ? local.slice(1, -1) : local;
  return part.length > 0 && !/[_%\\]/.test(part) ? part : undefined;
}

const cases: (FilterCase & { pick: (c: CustomerView) => unknown })[] = [
  ...(['email', 'first_name', 'last_name'] as const).map((attr) => ({
    id: attr.replace('_', '-'),
    title: `filter[${attr}]=eq:VALUE returns only customers with that ${attr.replace('_', ' ')}`,
    pick: (c: CustomerView) => (usable(c[attr]) ? c[attr] : undefined),
    query: (s: CustomerView) => ({ [`filter[${attr}]`]: `eq:${s[attr]}` }),
    matches: (c: CustomerView, s: CustomerView) => sameUnderCollation(c[attr], s[attr]),
    expected: (s: CustomerView) => `${attr} ${JSON.stringify(s[attr])}`,
    field: attr,
    show: (c: CustomerView) => c[attr],
    part: (s: CustomerView) => exactPart(`filter[${attr}]`, s[attr], 'eq:'),
  })),
  {
    id: 'email-default-operator',
    title: 'filter[email]=VALUE (no operator) means eq',
    pick: (c) => (usable(c.email) ? c.email : undefined),
    query: (s) => ({ 'filter[email]': s.email as string }),
    matches: (c, s) => sameUnderCollation(c.email, s.email),
    expected: (s) => `email ${JSON.stringify(s.email)}`,
    field: 'email',
    show: (c) => c.email,
    part: (s) => exactPart('filter[email]', s.email),
  },
  {
    id: 'email-like',
    title: 'filter[email]=like:PART returns only customers whose email contains PART',
    pick: (c) => (usable(c.email) && likeFragment(c.email) !== undefined ? c.email : undefined),
    query: (s) => ({ 'filter[email]': `like:${likeFragment(s.email as string)}` }),
    matches: (c, s) => typeof c.email === 'string' && holdsUnderCollation(c.email, likeFragment(s.email as string) as string),
    expected: (s) => `an email containing ${JSON.stringify(likeFragment(s.email as string))}`,
    field: 'email',
    show: (c) => c.email,
  },
  {
    // "comma-separated values allowed": the values of one filter are alternatives.
    id: 'email-values',
    title: 'filter[email]=eq:A,B returns the customers with either email, and no other',
    pick: (c) => (usable(c.email) ? c.email : undefined),
    query: (s, page) => {
      const other = otherWithEmail(s, page);
      return other ? { 'filter[email]': `eq:${s.email},${other.email}` } : undefined;
    },
    matches: (c, s, page) => sameUnderCollation(c.email, s.email) || sameUnderCollation(c.email, otherWithEmail(s, page)?.email),
    expected: (s, page) => `email ${JSON.stringify(s.email)} or ${JSON.stringify(otherWithEmail(s, page)?.email)}`,
    found: (s, page) => [s, otherWithEmail(s, page) as CustomerView],
    field: 'email',
    show: (c) => c.email,
  },
  {
    id: 'metadata-has',
    title: 'filter[metadata]=has:KEY returns only customers whose metadata has KEY',
    pick: metadataKey,
    query: (s) => ({ 'filter[metadata]': `has:${metadataKey(s)}` }),
    matches: (c, s) => Object.hasOwn(c.metadata ?? {}, metadataKey(s) as string),
    expected: (s) => `metadata with the key ${JSON.stringify(metadataKey(s))}`,
    field: 'metadata',
    show: (c) => Object.keys(c.metadata ?? {}),
    // Asked by id, descending (the default is ascending; the sort checks ask with no filter).
    order: {
      query: { sort: '-id' },
      field: 'id',
      disorder: (records) =>
        firstDisorder(
          records.map((c) => c.id),
          (a, b) => a - b,
          'desc',
        ),
      expected: (records, at) => `id below ${records[at - 1]?.id}`,
      show: (c) => c.id,
    },
  },
  {
    id: 'metadata-value',
    title: 'filter[metadata.KEY]=eq:VALUE returns only customers with that metadata value',
    pick: metadataKey,
    query: (s) => {
      const key = metadataKey(s) as string;
      return { [`filter[metadata.${key}]`]: `eq:${s.metadata?.[key]}` };
    },
    matches: (c, s) => {
      const key = metadataKey(s) as string;
      return lower(c.metadata?.[key]) === lower(s.metadata?.[key]);
    },
    expected: (s) => `metadata.${metadataKey(s)} = ${JSON.stringify(s.metadata?.[metadataKey(s) as string])}`,
    field: 'metadata',
    show: (c) => c.metadata,
    part: (s) => exactPart(`filter[metadata.${metadataKey(s)}]`, s.metadata?.[metadataKey(s) as string], 'eq:'),
  },
];

async function runFilter(ctx: Ctx, filter: (typeof cases)[number]): Promise<void> {
  const seed = await sampleWith(ctx, filter.pick, filter.field);
  const first = (await firstPage(ctx)).data;
  const query = filter.query(seed, first);
  if (!query) ctx.skip(`the first page has no second customer to filter by ${filter.field} with`);
  const read = async (q: Record<string, string>) => {
    const page = readPage(ctx, await list(ctx, { ...q, limit: MAX_LIMIT }));
    const name = (id: unknown) => `customer ${id}`;
    return { res: page.res, listPath: '$.data', records: page.data, total: page.meta.total, max: MAX_LIMIT, name };
  };
  const page = await read({ ...query, ...filter.order?.query });
  expectFiltered(ctx, page, filter, seed, first);
  if (filter.order) expectFilterOrder(ctx, page, filter.order);
  await expectExact(ctx, filter, seed, read);
}

const filterCases: Check[] = cases.map((filter) => ({
  id: `pelcro.filter.${filter.id}`,
  level: 'behaviour',
  mode: 'read',
  title: filter.title,
  run: (ctx: Ctx) => runFilter(ctx, filter),
}));

const noMatch: Check = {
  id: 'pelcro.filter.no-match',
  level: 'behaviour',
  mode: 'read',
  title: 'a filter that matches no customer answers 200 with total 0 and no data',
  run: (ctx: Ctx) =>
    expectNoMatch(
      ctx,
      (nobody) => [{ 'filter[email]': `eq:${nobody}@example.invalid` }, { 'filter[first_name]': `like:${nobody}` }],
      async (query) => {
        const page = readPage(ctx, await list(ctx, query));
        return { res: page.res, total: page.meta.total, totalPath: '$.meta.total', records: page.data, listPath: '$.data' };
      },
    ),
};

export const filterChecks: Check[] = [...filterCases, noMatch];
