/**
 * The test records the full mode writes: recognisable by name, email and metadata, and deleted
 * again at the end of the run (Pelcro's DELETE is a soft delete).
 */
import { successOf } from '../../check/operations';
import type { CheckDef } from '../../check/runner';
import { creatingCheck, requireRecord, sendCreating } from '../../check/suite-kit';
import { customerPath, ops, site, type Ctx, type CustomerView, type PelcroState } from './api';

export const METADATA_KEY = 'understudy_contract';

/** The body of the customer the full mode creates (plus `site_id`). */
export function newCustomer(tag: string): Record<string, unknown> {
  return {
    email: `understudy-contract+${tag.toLowerCase().replace(/[^a-z0-9-]/g, '')}@example.com`,
    first_name: 'Understudy',
    last_name: `Contract ${tag}`,
    display_name: `understudy contract check ${tag}`.slice(0, 100),
    // Not the defaults (`en`, false): a create that ignores them would otherwise go unseen.
    language: 'fr',
    timezone: 'America/New_York',
    mail_marketing: true,
    metadata: { [METADATA_KEY]: tag, plan: 'contract' },
  };
}

/**
 * What the PUT check changes: every field newCustomer sends but the email (its own check) and the
 * metadata (which merges), each with another value, and a flag left to its default, so a PUT that
 * ignores any field shows.
 */
export function changes(tag: string): Record<string, unknown> {
  return {
    first_name: 'Understudied',
    last_name: `Contract ${tag} (put)`,
    display_name: `understudy contract check ${tag} (put)`.slice(0, 100),
    language: 'de',
    timezone: 'Europe/Paris',
    mail_marketing: false,
    tele_marketing: true,
  };
}

const createFailed = new WeakSet<PelcroState>();

/**
 * The customer the run created, creating it on first use. Every write check goes through here,
 * so whichever level or subset of checks runs, there is one record to work on.
 */
export async function created(ctx: Ctx): Promise<CustomerView> {
  if (ctx.state.created) return ctx.state.created;
  if (createFailed.has(ctx.state)) ctx.skip('creating the test customer failed (see pelcro.create)');
  const body = newCustomer(ctx.options.runTag);
  // Lost, later checks skip: a second create with the same email is refused, burying the cause.
  const res = await sendCreating(
    ctx,
    `customer ${String(body.email)}`,
    () => ctx.send(ops.create, { path: '/customers', query: site(ctx), body: { ...site(ctx), ...body } }),
    () => createFailed.add(ctx.state),
  );
  const pick = (json: unknown) => (json as { data?: CustomerView } | undefined)?.data;
  const status = successOf(ops.create);
  if (res.status !== status || typeof pick(res.json)?.id !== 'number') createFailed.add(ctx.state);
  const record = requireRecord(ctx, res, status, pick, '$.data.id', 'number');
  ctx.state.created = record;
  ctx.state.latest = record;
  ctx.state.undeleted.add(record.id);
  return record;
}

export const createCheck: CheckDef<PelcroState> = creatingCheck(
  'pelcro.create',
  'POST /customers creates a customer: the documented success status and {"data": Customer}',
  created,
);

/** Deletes what the run created and did not delete; returns what it could not remove. */
export async function cleanup(ctx: Ctx): Promise<string[]> {
  const left: string[] = [];
  for (const id of ctx.state.undeleted) {
    try {
      const res = await ctx.send(ops.delete, { path: customerPath(id), query: site(ctx) });
      if (res.status >= 300 && res.status !== 404) left.push(`customer ${id} (DELETE answered ${res.status})`);
    } catch {
      // The target stopped answering: what could not be deleted is listed, the run still reports.
      left.push(`customer ${id} (DELETE got no answer)`);
    }
  }
  return left;
}
