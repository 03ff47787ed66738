/**
 * The hand-written customers of a scenario file (`seeds/*.json` → `pelcro.fixtures`), completed with
 * defaults and validated by the contract's fixture schema: a problem fails the app's start loudly.
 */
import { Customer, CustomerFixture } from '../../../../contracts/pelcro/schemas';
import { customerKey, customerOf, emptyAttributes, fullName, type Draft } from '../customers/store';
import type { Collections } from './index';
import { hasRow, nextRowId, type SeededRows } from './lazy-table';
import { currentSubscription, DAY, REF_SECONDS } from './vocabulary';

/**
 * A fixture's subscriptions in today's shape: a scenario file written before plans carried
 * `product_id`, `auto_renew` and `product`, or with `cancel_at_period_end` a boolean, still starts.
 */
function withCurrentSubscriptions(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as { subscriptions?: unknown }).subscriptions)) return raw;
  return { ...raw, subscriptions: (raw as { subscriptions: unknown[] }).subscriptions.map(currentSubscription) };
}

/** A fixture from the scenario file, completed with defaults; problems fail the app's start loudly. */
export function addFixture(raw: unknown, index: number, nextId: number, all: Collections): number {
  const parsed = CustomerFixture.safeParse(withCurrentSubscriptions(raw));
  if (!parsed.success)
    throw new Error(
      `pelcro fixture #${index + 1} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  const fx = parsed.data;
  const id = fx.id ?? nextId;
  const fail = (why: string) => new Error(`pelcro fixture #${index + 1} (id ${id}): ${why}`);
  if (all.customers.some((c) => customerKey(c) === id)) throw fail('the id is already used');
  if (fx.email && !all.unique.email.add(fx.email, id)) throw fail(`the email ${fx.email} is already used`);
  if (fx.username && !all.unique.username.add(fx.username, id)) throw fail(`the username ${fx.username} is already used`);
  if (fx.old_provider_id && !all.unique.old_provider_id.add(fx.old_provider_id, id))
    throw fail(`the old_provider_id ${fx.old_provider_id} is already used`);
  let organization: number | null = null;
  if (typeof fx.organization === 'number') {
    if (!hasRow(all.organizations, fx.organization)) throw fail(`no organization ${fx.organization}`);
    organization = fx.organization;
  } else if (fx.organization) {
    const { id: orgId = nextRowId(all.organizations), name } = fx.organization;
    // A generated organization is named only when read: a fixture may join it by id, not rename it.
    if (orgId <= all.organizations.generated) throw fail(`organization ${orgId} is already a generated one`);
    const known = all.organizations.extra.find((o) => o.id === orgId);
    if (known && known.name !== name) throw fail(`organization ${orgId} is already ${known.name}`);
    if (!known) all.organizations.extra.push({ id: orgId, name });
    organization = orgId;
  }
  // What the customer owns, numbered after the records already there unless an id is given.
  const owned = <T extends { id: number }>(
    rows: SeededRows<T>,
    given: readonly (Omit<T, 'id'> & { id?: number })[] | undefined,
    what: string,
  ) =>
    (given ?? []).map((record) => {
      const ownId = record.id ?? nextRowId(rows);
      if (hasRow(rows, ownId)) throw fail(`the ${what} id ${ownId} is already used`);
      rows.extra.push({ ...record, id: ownId } as T);
      return ownId;
    });
  const addressIds = owned(
    all.addresses,
    fx.addresses?.map((a) => ({ ...a, user_id: id })),
    'address',
  );
  const sourceIds = owned(all.sources, fx.sources, 'source');
  const subscriptionIds = owned(all.subscriptions, fx.subscriptions, 'subscription');
  const created = fx.created_at ?? REF_SECONDS - DAY;
  // The fixture's own attributes over the empty ones; what a fixture cannot set follows from them.
  const draft: Draft = { ...emptyAttributes() };
  for (const [field, value] of Object.entries(fx)) {
    if (value !== undefined && Object.hasOwn(Customer.shape, field)) draft[field] = value;
  }
  Object.assign(draft, {
    organization,
    addresses: addressIds,
    subscriptions: subscriptionIds,
    default_source_id: sourceIds[0] ?? null,
  });
  const view = customerOf({
    ...draft,
    id,
    is_imported: fx.is_imported ?? !!fx.old_provider_id,
    language: fx.language === undefined ? 'en' : fx.language,
    password_last_updated_at: fx.has_password ? created : null,
    created_at: created,
    updated_at: Math.max(fx.updated_at ?? created, created),
  });
  view.name = fullName(view.first_name, view.last_name);
  all.customers.push({ view, sourceIds });
  return id;
}
