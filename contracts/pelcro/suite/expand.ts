/**
 * Behaviour of `?expand=`: an expanded list is the plain list with each relation's ids replaced by
 * the objects they name, on lists and retrieves, and the objects belong to their customer (an
 * address names it as `user_id`; a subscription's address is one of the customer's).
 */
import { firstDifference } from '../../check/invariants';
import type { CheckDef } from '../../check/runner';
import { EXPAND_ATTRIBUTES, EXPAND_NAMES, type ExpandName } from '../schemas';
import { MAX_LIMIT, firstPage, list, readPage, retrieve, type Ctx, type CustomerView, type PelcroState } from './api';

type Check = CheckDef<PelcroState>;

type Relation = 'addresses' | 'subscriptions' | 'organization' | 'default_source';

const idOf = (v: unknown) => (v !== null && typeof v === 'object' ? (v as { id?: unknown }).id : Symbol('not an object'));

/**
 * The expanded records belong to the customer: an address names it as `user_id`, and a
 * subscription's `address` (an id) is null or one of the customer's own addresses.
 */
function expectOwned(
  ctx: Ctx,
  where: { method: string; path: string },
  path: string,
  relation: 'addresses' | 'subscriptions',
  plain: CustomerView,
  objects: unknown[],
): void {
  const addresses = Array.isArray(plain.addresses) ? plain.addresses : [];
  objects.forEach((o, i) => {
    if (o === null || typeof o !== 'object') return;
    if (relation === 'addresses') {
      const owner = (o as { user_id?: unknown }).user_id;
      ctx.expect(owner === plain.id, where, `${path}[${i}].user_id`, `${plain.id} (the customer's id)`, JSON.stringify(owner));
    } else {
      const address = (o as { address?: unknown }).address;
      ctx.expect(
        address === null || address === undefined || addresses.includes(address),
        where,
        `${path}[${i}].address`,
        `null or one of the customer's addresses ${JSON.stringify(addresses)}`,
        JSON.stringify(address),
      );
    }
  });
}

/** The plain customer as the expanded one should collapse to, compared relation by relation. */
function expectExpanded(
  ctx: Ctx,
  where: { method: string; path: string },
  prefix: string,
  plain: CustomerView,
  full: CustomerView,
  names: readonly ExpandName[],
): void {
  const relations = new Set<Relation>(names.map((n) => EXPAND_ATTRIBUTES[n]));
  for (const relation of relations) {
    const path = `${prefix}.${relation}`;
    const value = full[relation];
    if (relation === 'addresses' || relation === 'subscriptions') {
      const ids = Array.isArray(plain[relation]) ? (plain[relation] as unknown[]) : [];
      const objects = Array.isArray(value) ? value : [];
      const ok = Array.isArray(value) && objects.length === ids.length && objects.every((o, i) => idOf(o) === ids[i]);
      ctx.expect(ok, where, path, `the objects of ids ${JSON.stringify(ids)}`, JSON.stringify(value)?.slice(0, 100) ?? 'missing');
      expectOwned(ctx, where, path, relation, plain, objects);
    } else if (relation === 'organization') {
      const ok = plain.organization === null ? value === null : idOf(value) === plain.organization;
      ctx.expect(
        ok,
        where,
        path,
        plain.organization === null ? 'null' : `the organization object ${plain.organization}`,
        JSON.stringify(value)?.slice(0, 100) ?? 'missing',
      );
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
      const richest = [...plain.data].sort(
        (a, b) =>
          (b.addresses?.length ?? 0) + (b.subscriptions?.length ?? 0) - ((a.addresses?.length ?? 0) + (a.subscriptions?.length ?? 0)),
      )[0];
      const res = await retrieve(ctx, richest.id, names);
      if (ctx.expectStatus(res, 200)) {
        const full = (res.json as { data?: CustomerView } | undefined)?.data;
        ctx.require(typeof full === 'object' && full !== null, res, '$.data', 'a customer', res.text.slice(0, 80));
        expectExpanded(ctx, res, '$.data', richest, full, names);
      }
    },
  };
}

export const expandChecks: Check[] = [...EXPAND_NAMES.map((name) => expandCheck([name])), expandCheck(EXPAND_NAMES)];
