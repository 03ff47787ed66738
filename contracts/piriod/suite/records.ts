/**
 * The test records the full mode writes: recognisable by name, email and metadata, created in
 * Piriod's test mode (`X-Piriod-Test-Mode: true`), and valid for Chile (a RUT with its check digit).
 */
import { successOf } from '../../check/operations';
import type { CheckDef, Res } from '../../check/runner';
import { compareInstants } from '../../check/invariants';
import { creatingCheck, requireRecord, sendCreating, type Timestamps } from '../../check/suite-kit';
import { contactPath, customerPath, ops, type Ctx, type CustomerView, type PiriodState, type Stray } from './api';

/** A Chilean RUT for `body` (7–8 digits) with its check digit, displayed `XX.XXX.XXX-Y`. */
export function rut(body: number): string {
  const digits = String(body);
  let sum = 0;
  let factor = 2;
  for (let i = digits.length - 1; i >= 0; i--) {
    sum += Number(digits[i]) * factor;
    factor = factor === 7 ? 2 : factor + 1;
  }
  const r = 11 - (sum % 11);
  const check = r === 11 ? '0' : r === 10 ? 'K' : String(r);
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${grouped}-${check}`;
}

/** A RUT whose check digit is wrong: what Piriod answers with `MESSAGES.invalidFormat`. */
export function badRut(body: number): string {
  const good = rut(body);
  const check = good.slice(-1);
  return `${good.slice(0, -1)}${check === '1' ? '2' : '1'}`;
}

function tagNumber(tag: string): number {
  let h = 0;
  for (const ch of tag) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return 10_000_000 + (h % 80_000_000);
}

/**
 * ISO instants with microseconds (`auto_now_add` / `auto_now`): after an update `updated` is later
 * than before, `created` unchanged — customers and contacts alike.
 */
export const TIMES: Timestamps<string> = {
  prefix: '$.',
  created: 'created',
  updated: 'updated',
  is: (v): v is string => typeof v === 'string',
  compare: compareInstants,
  strictlyLater: true,
};

export const TEST_MODE = { 'X-Piriod-Test-Mode': 'true' };

/** A phone by its digits: how the suite reads one back, since a deployment may keep another layout. */
export const phoneDigits = (v: unknown) => (typeof v === 'string' ? v.replace(/\D/g, '') : v);
export const METADATA_KEY = 'understudy_contract';

/** The body of the customer the full mode creates. */
export function newCustomer(tag: string): Record<string, unknown> {
  return {
    name: `understudy contract check ${tag}`,
    email: `understudy-contract+${tag.toLowerCase().replace(/[^a-z0-9-]/g, '')}@example.com`,
    country: 'CL',
    tax_id: rut(tagNumber(tag)),
    phone: '+56223456789',
    address: 'Avenida Apoquindo 3000',
    website: 'https://example.com',
    // A key the PUT leaves out: a JSONField is replaced whole, so a PUT that merges shows.
    metadata: { [METADATA_KEY]: tag, understudy_created: 'yes' },
    // The newest reference's fields, each with a value its default is not.
    zip_code: '7550000',
    reference: `understudy-${tag}`.slice(0, 64),
    manager: 'understudy contract check',
    send_vouchers: false,
  };
}

/**
 * The PUT body: every field newCustomer sends, each but the tax id and country with another value
 * (and the flags newCustomer leaves to their defaults), so a PUT that ignores any field shows.
 */
export function replacement(tag: string): Record<string, unknown> {
  const first = newCustomer(tag);
  return {
    ...first,
    name: `${first.name} (put)`,
    email: String(first.email).replace('@', '-put@'),
    phone: '+56229876543',
    address: 'Avenida Providencia 1208',
    website: 'https://example.org',
    metadata: { [METADATA_KEY]: tag, understudy_replaced: 'yes' },
    currency: 'USD',
    zip_code: '7500000',
    reference: `understudy-put-${tag}`.slice(0, 64),
    manager: 'understudy contract check (put)',
    send_vouchers: true,
    send_invoices: false,
    send_collections: false,
  };
}

/**
 * The customer the run created, creating it on first use. Every write check goes through here,
 * so whichever level or subset of checks runs, there is one record to work on.
 */
export async function created(ctx: Ctx): Promise<CustomerView> {
  if (ctx.state.created) return ctx.state.created;
  if (createFailed.has(ctx.state)) ctx.skip('creating the test customer failed (see piriod.create)');
  const body = newCustomer(ctx.options.runTag);
  // Lost, later checks skip instead of each creating the customer again.
  const res = await sendCreating(
    ctx,
    `a test-mode customer "${String(body.name)}"`,
    () => ctx.send(ops.create, { path: '/customers/', body, headers: TEST_MODE }),
    () => createFailed.add(ctx.state),
  );
  const pick = (json: unknown) => json as CustomerView | undefined;
  const status = successOf(ops.create);
  if (res.status !== status || typeof pick(res.json)?.id !== 'string') createFailed.add(ctx.state);
  const record = requireRecord(ctx, res, status, pick, '$.id', 'string');
  ctx.state.created = record;
  ctx.state.latest = record;
  ctx.state.leftovers.push(`customer ${record.id} (test mode, "${String(record.name)}")`);
  return record;
}

const createFailed = new WeakSet<PiriodState>();

export const createCheck: CheckDef<PiriodState> = creatingCheck(
  'piriod.create',
  'POST /customers/ creates a test-mode customer: the documented success status and a Customer body',
  created,
);

/**
 * A request that had to be refused (a bad body, a write to an unknown id) answered 2xx with a
 * record: the target created it. The check fails on the status; this keeps the record from going
 * unnoticed. A full run deletes it when it ends (cleanup); a read-only run deletes nothing and lists it.
 */
export function stray(ctx: Ctx, res: Res, kind: Stray['kind'], check: string): void {
  if (res.status < 200 || res.status >= 300) return;
  const id = (res.json as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string' || id === '' || ctx.state.strays.some((s) => s.id === id)) return;
  ctx.state.strays.push({ kind, id, check });
  ctx.note(
    ctx.options.readOnly
      ? `the target created ${kind} ${id}; left behind (--read-only sends no DELETE)`
      : `the target created ${kind} ${id}; deleted when the run ends`,
  );
}

/** A report line for a stray record. */
export function strayLine(s: Stray, why: string): string {
  return `${s.kind} ${s.id} (created by ${s.check}, a request that had to be refused; ${why})`;
}

/** Deletes the strays of a full run; returns a line for each that could not be deleted. */
export async function removeStrays(ctx: Ctx): Promise<string[]> {
  const left: string[] = [];
  for (const s of ctx.state.strays) {
    const [op, path] = s.kind === 'customer' ? [ops.delete, customerPath(s.id)] : [ops.contacts.delete, contactPath(s.id)];
    try {
      const res = await ctx.send(op, { path, headers: TEST_MODE });
      if (res.status >= 300 && res.status !== 404) left.push(strayLine(s, `DELETE answered ${res.status}`));
    } catch {
      // The target stopped answering: what could not be deleted is listed, the run still reports.
      left.push(strayLine(s, 'DELETE got no answer'));
    }
  }
  return left;
}
