/**
 * Round trips on a test-mode customer the run creates: what was sent comes back, a retrieve
 * equals the write's answer, updates are visible, refused updates change nothing, and `updated`
 * moves forward on every write while `created` stays.
 */
import type { CheckDef, Res } from '../../check/runner';
import {
  checksOf,
  expectAnswered,
  expectCreatedOrder,
  expectEchoed,
  expectSameJson,
  expectUpdateTimes,
  requireRecord,
} from '../../check/suite-kit';
import { MESSAGES } from '../messages';
import { customerPath, expectFieldError, list, ops, readPage, type Ctx, type CustomerView, type PiriodState } from './api';
import { TIMES, created, newCustomer, phoneDigits, replacement } from './records';

type Check = CheckDef<PiriodState>;

const normalRut = (v: unknown) => (typeof v === 'string' ? v.replace(/[.\-\s]/g, '').toUpperCase() : v);
const code = (v: unknown) => (v !== null && typeof v === 'object' ? (v as { id?: unknown }).id : v);

/**
 * How a customer shows a written value: a RUT in any layout and a phone by its digits (stored in
 * another layout, neither may change), a country or state written as its code and read as an object.
 */
const READ_AS = { tax_id: normalRut, phone: phoneDigits, country: code, state: code };

/** GET the customer and expect it to equal what the last write answered. */
async function expectStored(ctx: Ctx, expected: CustomerView, why: string): Promise<void> {
  expectAnswered(ctx, await ctx.send(ops.retrieve, { path: customerPath(expected.id) }), expected, why);
}

function readCustomer(ctx: Ctx, res: Res, status: number): CustomerView {
  return requireRecord(ctx, res, status, (json) => json as CustomerView | undefined, '$.id', 'string');
}

export const writeChecks: Check[] = checksOf('behaviour', 'write', [
  {
    id: 'piriod.create.round-trip',
    title: 'a created customer echoes what was sent and reads back equal',
    async run(ctx: Ctx) {
      const customer = await created(ctx);
      const sent = newCustomer(ctx.options.runTag);
      const where = { method: 'POST', path: '/customers/' };
      // Every field sent (values other than the defaults, so an ignored one shows).
      expectEchoed(ctx, where, sent, customer, { path: [], readAs: READ_AS });
      // The currency defaults from the country.
      ctx.expect(
        customer.currency === 'CLP',
        where,
        '$.currency',
        '"CLP" (Chile\'s currency, by default)',
        JSON.stringify(customer.currency),
      );
      // Created in test mode (the full mode's header): the read-only test_mode says so; a new customer is active.
      ctx.expect(
        customer.test_mode === true,
        where,
        '$.test_mode',
        'true (created with X-Piriod-Test-Mode: true)',
        JSON.stringify(customer.test_mode),
      );
      ctx.expect(customer.status === 'active', where, '$.status', '"active" (a new customer)', JSON.stringify(customer.status));
      expectCreatedOrder(ctx, where, TIMES, customer);
      await expectStored(ctx, customer, 'as the create answered');
    },
  },
  {
    id: 'piriod.create.listed',
    title: 'a created customer is listed under its email, and on the first page of the list (newest first)',
    async run(ctx: Ctx) {
      const customer = await created(ctx);
      const page = readPage(ctx, await list(ctx, { email: customer.email ?? '' }));
      ctx.expect(
        page.results.some((c) => c.id === customer.id),
        page.res,
        '$.results',
        `a list holding ${customer.id}`,
        `${page.results.length} customers without it`,
      );
      const newest = readPage(ctx, await list(ctx, {}));
      ctx.expect(
        newest.results.some((c) => c.id === customer.id),
        newest.res,
        '$.results',
        `the first page of the unfiltered list (newest first) holding ${customer.id}`,
        `${newest.results.length} customers without it`,
      );
    },
  },
  {
    id: 'piriod.update.patch',
    title: 'PATCH changes only the fields sent (read-only ones ignored, null clears), moves `updated`, and reads back equal',
    async run(ctx: Ctx) {
      const before = ctx.state.latest ?? (await created(ctx));
      // A new name, and two nullable fields cleared: null must come back null, not "".
      const changes = { name: `understudy contract check ${ctx.options.runTag} (patched)`, website: null, reference: null };
      // `created` (auto_now_add, so not editable) and `aggregations` are read-only: DRF ignores
      // them in a body, so they must come back unchanged.
      const body = {
        ...changes,
        created: '2001-02-03T04:05:06-03:00',
        aggregations: { balance: 123, sales: 456, sales_current_period: 789 },
      };
      const res = await ctx.send(ops.patch, { path: customerPath(before.id), body });
      const after = readCustomer(ctx, res, 200);
      expectEchoed(ctx, res, changes, after, { path: [] });
      for (const field of ['email', 'tax_id', 'phone', 'address', 'metadata', 'aggregations', 'zip_code', 'manager'] as const) {
        expectSameJson(ctx, res, before[field], after[field], 'not sent, so unchanged', [field]);
      }
      expectUpdateTimes(ctx, res, TIMES, before, after);
      ctx.state.latest = after;
      await expectStored(ctx, after, 'as the PATCH answered');
    },
  },
  {
    id: 'piriod.update.put',
    title: 'PUT replaces every writable field sent (each with a new value), moves `updated`, and reads back equal',
    async run(ctx: Ctx) {
      const before = ctx.state.latest ?? (await created(ctx));
      const body = replacement(ctx.options.runTag);
      const res = await ctx.send(ops.put, { path: customerPath(before.id), body });
      const after = readCustomer(ctx, res, 200);
      expectEchoed(ctx, res, body, after, { path: [], readAs: READ_AS });
      expectUpdateTimes(ctx, res, TIMES, before, after);
      ctx.state.latest = after;
      await expectStored(ctx, after, 'as the PUT answered');
    },
  },
  {
    id: 'piriod.update.put-requires-name',
    title: `PUT is a full update: without \`name\` it answers 400 "${MESSAGES.required}" and changes nothing`,
    async run(ctx: Ctx) {
      const before = ctx.state.latest ?? (await created(ctx));
      // UpdateModelMixin.update validates with partial=False: required fields are required again.
      const res = await ctx.send(ops.put, { path: customerPath(before.id), body: { address: 'Avenida Sin Nombre 1' } });
      if (ctx.expectStatus(res, 400)) expectFieldError(ctx, res, 'name', MESSAGES.required);
      else if (res.status === 200) ctx.state.latest = res.json as CustomerView;
      await expectStored(ctx, ctx.state.latest ?? before, 'a refused update changes nothing');
    },
  },
  {
    id: 'piriod.update.rejected',
    title: 'a refused PATCH answers 400 and leaves the customer untouched',
    async run(ctx: Ctx) {
      const before = ctx.state.latest ?? (await created(ctx));
      const res = await ctx.send(ops.patch, { path: customerPath(before.id), body: { name: 'understudy refused', email: 'not-an-email' } });
      if (ctx.expectStatus(res, 400)) expectFieldError(ctx, res, 'email', MESSAGES.email);
      await expectStored(ctx, before, 'a refused update changes nothing');
    },
  },
]);
