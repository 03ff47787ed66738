/**
 * Behaviour of `filter[…]` (Pelcro's beta filtering: `filter[ATTR]=OPERATOR:VALUE`) and of
 * `expand`. The site's data is unknown, so each value is taken from a customer on the first page:
 * the filtered list must hold that customer and nothing that does not match; an expanded list must
 * be the plain list with each relation's ids replaced by the objects they name.
 */
import { firstDifference } from '../../invariants';
import type { CheckDef } from '../../runner';
import { EXPAND_ATTRIBUTES, EXPAND_NAMES, type ExpandName } from '../schemas';
import { MAX_LIMIT, firstPage, list, readPage, retrieve, type Ctx, type CustomerView, type PelcroState } from './api';

type Check = CheckDef<PelcroState>;

const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
const usable = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && !v.includes(',');

interface FilterCase {
  id: string;
  title: string;
  /** The query from the sample customer; undefined when it has nothing usable. */
  query(sample: CustomerView): Record<string, string> | undefined;
  matches(customer: CustomerView, sample: CustomerView): boolean;
  expected(sample: CustomerView): string;
  field: string;
  show(customer: CustomerView): unknown;
}

/** A customer with a usable value for `pick`, from the first page. */
async function sampleWith(ctx: Ctx, pick: (c: CustomerView) => unknown, what: string): Promise<CustomerView> {
  const page = await firstPage(ctx);
  const found = page.data.find((c) => pick(c) !== undefined);
  if (!found) ctx.skip(`no customer on the first page has ${what} to filter by`);
  return found;
}

const metadataKey = (c: CustomerView) => {
  const key = Object.keys(c.metadata ?? {}).find((k) => /^[\w-]+$/.test(k) && typeof c.metadata?.[k] === 'string' && usable(c.metadata?.[k]));
  return key;
};

/** A middle slice of an email's local part: `like` must find it anywhere in the value. */
const fragment = (email: string) => {
  const local = email.split('@')[0];
  return local.length >= 4 ? local.slice(1, -1) : local;
};

const cases: (FilterCase & { pick: (c: CustomerView) => unknown })[] = [
  ...(['email', 'first_name', 'last_name'] as const).map((attr) => ({
    id: attr.replace('_', '-'),
    title: `filter[${attr}]=eq:VALUE returns only customers with that ${attr.replace('_', ' ')}`,
    pick: (c: CustomerView) => (usable(c[attr]) ? c[attr] : undefined),
    query: (s: CustomerView) => ({ [`filter[${attr}]`]: `eq:${s[attr]}` }),
    // MySQL's default collations compare case-insensitively.
    matches: (c: CustomerView, s: CustomerView) => lower(c[attr]) === lower(s[attr]),
    expected: (s: CustomerView) => `${attr} ${JSON.stringify(s[attr])}`,
    field: attr,
    show: (c: CustomerView) => c[attr],
  })),
  {
    id: 'email-default-operator',
    title: 'filter[email]=VALUE (no operator) means eq',
    pick: (c) => (usable(c.email) ? c.email : undefined),
    query: (s) => ({ 'filter[email]': s.email as string }),
    matches: (c, s) => lower(c.email) === lower(s.email),
    expected: (s) => `email ${JSON.stringify(s.email)}`,
    field: 'email',
    show: (c) => c.email,
  },
  {
    id: 'email-like',
    title: 'filter[email]=like:PART returns only customers whose email contains PART',
    pick: (c) => (usable(c.email) && fragment(c.email).length > 0 ? c.email : undefined),
    query: (s) => ({ 'filter[email]': `like:${fragment(s.email as string)}` }),
    matches: (c, s) => typeof c.email === 'string' && c.email.toLowerCase().includes(fragment(s.email as string).toLowerCase()),
    expected: (s) => `an email containing ${JSON.stringify(fragment(s.email as string))}`,
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
  },
];

async function runFilter(ctx: Ctx, filter: (typeof cases)[number]): Promise<void> {
  const seed = await sampleWith(ctx, filter.pick, filter.field);
  const page = readPage(ctx, await list(ctx, { ...filter.query(seed), limit: MAX_LIMIT }));
  page.data.forEach((customer, i) => {
    ctx.expect(filter.matches(customer, seed), page.res, `$.data[${i}].${filter.field}`, filter.expected(seed), JSON.stringify(filter.show(customer)));
  });
  if (page.meta.total <= MAX_LIMIT) {
    ctx.expect(page.data.some((c) => c.id === seed.id), page.res, '$.data', `a list holding customer ${seed.id}, whose value was filtered by`, `${page.data.length} customers without it`);
  }
}

const filterCases: Check[] = cases.map((filter) => ({
  id: `pelcro.filter.${filter.id}`,
  level: 'behaviour',
  mode: 'read',
  title: filter.title,
  run: (ctx: Ctx) => runFilter(ctx, filter),
}));

// ---- expand ----

type Relation = 'addresses' | 'subscriptions' | 'organization' | 'default_source';

const idOf = (v: unknown) => (v !== null && typeof v === 'object' ? (v as { id?: unknown }).id : Symbol('not an object'));

/** The plain customer as the expanded one should collapse to, compared relation by relation. */
function expectExpanded(ctx: Ctx, where: { method: string; path: string }, prefix: string, plain: CustomerView, full: CustomerView, names: readonly ExpandName[]): void {
  const relations = new Set<Relation>(names.map((n) => EXPAND_ATTRIBUTES[n]));
  for (const relation of relations) {
    const path = `${prefix}.${relation}`;
    const value = full[relation];
    if (relation === 'addresses' || relation === 'subscriptions') {
      const ids = Array.isArray(plain[relation]) ? (plain[relation] as unknown[]) : [];
      const objects = Array.isArray(value) ? value : [];
      const ok = Array.isArray(value) && objects.length === ids.length && objects.every((o, i) => idOf(o) === ids[i]);
      ctx.expect(ok, where, path, `the objects of ids ${JSON.stringify(ids)}`, JSON.stringify(value)?.slice(0, 100) ?? 'missing');
    } else if (relation === 'organization') {
      const ok = plain.organization === null ? value === null : idOf(value) === plain.organization;
      ctx.expect(ok, where, path, plain.organization === null ? 'null' : `the organization object ${plain.organization}`, JSON.stringify(value)?.slice(0, 100) ?? 'missing');
    } else {
      const id = plain.default_source_id ?? null;
      const ok = id === null ? value === null : idOf(value) === id;
      ctx.expect(ok, where, path, id === null ? 'null' : `the source object ${id}`, JSON.stringify(value)?.slice(0, 100) ?? 'missing');
    }
  }
  // Everything else is the plain customer, untouched.
  const rest = (c: CustomerView) => Object.fromEntries(Object.entries(c).filter(([k]) => !relations.has(k as Relation)));
  const diff = firstDifference(rest(plain), rest(full));
  if (diff) ctx.fail(where, `${prefix}${diff.jsonPath.slice(1)}`, `${diff.expected} (as without expand)`, diff.actual);
}

function expandCheck(names: readonly ExpandName[]): Check {
  const label = names.join(',');
  return {
    id: `pelcro.expand.${names.length === EXPAND_NAMES.length ? 'all' : label}`,
    level: 'behaviour',
    mode: 'read',
    title: `?expand=${label} returns ${names.length > 1 ? 'those relations' : 'that relation'} in full, on lists and retrieves`,
    async run(ctx: Ctx) {
      const plain = await firstPage(ctx);
      if (plain.data.length === 0) ctx.skip('the site has no customers');
      const expanded = readPage(ctx, await list(ctx, { limit: MAX_LIMIT }, names));
      const ok = expanded.data.length === plain.data.length && expanded.data.every((c, i) => c.id === plain.data[i].id);
      ctx.require(ok, expanded.res, '$.data', 'the same customers as without expand', `${expanded.data.length} customers`);
      expanded.data.forEach((full, i) => expectExpanded(ctx, expanded.res, `$.data[${i}]`, plain.data[i], full, names));
      // A retrieve honours expand too: the richest customer of the page shows it best.
      const richest = [...plain.data].sort((a, b) => (b.addresses?.length ?? 0) + (b.subscriptions?.length ?? 0) - ((a.addresses?.length ?? 0) + (a.subscriptions?.length ?? 0)))[0];
      const res = await retrieve(ctx, richest.id, names);
      if (ctx.expectStatus(res, 200)) {
        const full = (res.json as { data?: CustomerView } | undefined)?.data;
        ctx.require(typeof full === 'object' && full !== null, res, '$.data', 'a customer', res.text.slice(0, 80));
        expectExpanded(ctx, res, '$.data', richest, full, names);
      }
    },
  };
}

export const filterChecks: Check[] = [
  ...filterCases,
  ...EXPAND_NAMES.map((name) => expandCheck([name])),
  expandCheck(EXPAND_NAMES),
];
