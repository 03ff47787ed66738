/**
 * The hand-written customers of a scenario file (`seeds/*.json` → `pelcro.fixtures`), completed with
 * defaults and validated by the contract's fixture schema: a problem fails the app's start loudly.
 */
import { Customer, CustomerFixture } from '../../../../contracts/pelcro/schemas';
import { customerOf, emptyAttributes, fullName, type Draft } from '../customers/store';
import type { Collections } from './index';
import { DAY, REF_SECONDS } from './vocabulary';

/** A fixture from the scenario file, completed with defaults; problems fail the app's start loudly. */
export function addFixture(raw: unknown, index: number, nextId: number, all: Collections): number {
  const parsed = CustomerFixture.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `pelcro fixture #${index + 1} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  const fx = parsed.data;
  const id = fx.id ?? nextId;
  const fail = (why: string) => new Error(`pelcro fixture #${index + 1} (id ${id}): ${why}`);
  if (all.customers.some((c) => c.view.id === id)) throw fail('the id is already used');
  if (fx.email && !all.unique.email.add(fx.email, id)) throw fail(`the email ${fx.email} is already used`);
  if (fx.username && !all.unique.username.add(fx.username, id)) throw fail(`the username ${fx.username} is already used`);
  if (fx.old_provider_id && !all.unique.old_provider_id.add(fx.old_provider_id, id))
    throw fail(`the old_provider_id ${fx.old_provider_id} is already used`);
  if (fx.organization != null && !all.organizations.some((o) => o.id === fx.organization)) throw fail(`no organization ${fx.organization}`);
  const created = fx.created_at ?? REF_SECONDS - DAY;
  // The fixture's own attributes over the empty ones; what a fixture cannot set follows from them.
  const draft: Draft = { ...emptyAttributes() };
  for (const [field, value] of Object.entries(fx)) {
    if (value !== undefined && Object.hasOwn(Customer.shape, field)) draft[field] = value;
  }
  const view = customerOf({
    ...draft,
    id,
    is_imported: fx.is_imported ?? (fx.old_provider_id ? true : false),
    language: fx.language === undefined ? 'en' : fx.language,
    password_last_updated_at: fx.has_password ? created : null,
    created_at: created,
    updated_at: Math.max(fx.updated_at ?? created, created),
  });
  view.name = fullName(view.first_name, view.last_name);
  all.customers.push({ view, sourceIds: [] });
  return id;
}
