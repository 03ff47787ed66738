/**
 * The Core API's addresses and payment sources, on a customer the run creates for them: what a
 * create echoes reads back equal, the customer's `addresses` and default source follow, the
 * documented rules refuse what they should, an address stays on its customer and site, and a
 * delete makes the record disappear.
 */
import { successOf, operationOf } from '../../check/operations';
import type { CheckDef, Res } from '../../check/runner';
import { checksOf, expectAnswered, expectSameJson, requireRecord, sendCreating } from '../../check/suite-kit';
import { pelcroApi } from '../api';
import { laravel } from '../messages';
import { customerPath, expectFieldError, retrieve, site, type Ctx, type CustomerView, type PelcroState } from './api';
import { METADATA_KEY } from './records';

type Check = CheckDef<PelcroState>;

export const resourceOps = {
  listAddresses: operationOf(pelcroApi, 'listAddresses'),
  createAddress: operationOf(pelcroApi, 'createAddress'),
  getAddress: operationOf(pelcroApi, 'getAddress'),
  updateAddress: operationOf(pelcroApi, 'updateAddress'),
  deleteAddress: operationOf(pelcroApi, 'deleteAddress'),
  createSource: operationOf(pelcroApi, 'createSource'),
  deleteSource: operationOf(pelcroApi, 'deleteSource'),
};

interface Row {
  id: number;
  [key: string]: unknown;
}

const addressPath = (id: number) => `/addresses/${id}`;
const sourcePath = (id: number) => `/sources/${id}`;

/** A New York billing address: `state` is required for the US. */
export const HOME = { type: 'billing', line1: '350 Fifth Avenue', city: 'New York', state: 'NY', country: 'US', postal_code: '10118' };

function readRow(ctx: Ctx, res: Res, status: number): Row {
  return requireRecord(ctx, res, status, (json) => (json as { data?: Row } | undefined)?.data, '$.data.id', 'number');
}

/** Runs whose owner could not be created: the later checks skip rather than create it again. */
const ownerFailed = new WeakMap<PelcroState, string>();

/**
 * The customer the address and source checks work on, created once per run. When its create fails
 * (or gets no complete answer) the checks after the first skip, naming it: creating it again with
 * the same email would be refused as taken, burying the cause under failures of every check.
 */
export async function owner(ctx: Ctx): Promise<CustomerView> {
  if (ctx.state.owner) return ctx.state.owner;
  const failedIn = ownerFailed.get(ctx.state);
  if (failedIn) ctx.skip(`creating the customer the address and source checks work on failed (see ${failedIn})`);
  ownerFailed.set(ctx.state, ctx.current.id ?? 'the first address check');
  const tag = ctx.options.runTag.toLowerCase().replace(/[^a-z0-9-]/g, '');
  const email = `understudy-contract+${tag}-records@example.com`;
  const res = await sendCreating(ctx, `customer ${email}`, () =>
    ctx.send(operationOf(pelcroApi, 'createCustomer'), {
      path: '/customers',
      query: site(ctx),
      body: { ...site(ctx), email, metadata: { [METADATA_KEY]: ctx.options.runTag } },
    }),
  );
  const customer = readRow(ctx, res, 201) as CustomerView;
  ownerFailed.delete(ctx.state);
  ctx.state.undeleted.add(customer.id);
  ctx.state.owner = customer;
  return customer;
}

async function createAddress(ctx: Ctx, fields: Record<string, unknown>): Promise<Row> {
  const customer = await owner(ctx);
  const res = await ctx.send(resourceOps.createAddress, {
    path: '/addresses',
    query: site(ctx),
    body: { ...site(ctx), customer_id: customer.id, ...fields },
  });
  return readRow(ctx, res, successOf(resourceOps.createAddress));
}

/** An address of the owner the run created and did not delete (one is created when there is none). */
export async function liveAddress(ctx: Ctx): Promise<number> {
  if (ctx.state.ownerAddress === undefined) ctx.state.ownerAddress = (await createAddress(ctx, HOME)).id;
  return ctx.state.ownerAddress;
}

export async function getAddress(ctx: Ctx, id: number): Promise<Res> {
  return ctx.send(resourceOps.getAddress, { path: addressPath(id), query: site(ctx) });
}

async function customerNow(ctx: Ctx, expand?: string): Promise<CustomerView> {
  const customer = await owner(ctx);
  const res = await retrieve(ctx, customer.id, expand ? ['addresses'] : []);
  return readRow(ctx, res, 200) as CustomerView;
}

async function createSource(ctx: Ctx, objectId: string): Promise<Row> {
  const customer = await owner(ctx);
  const res = await ctx.send(resourceOps.createSource, {
    path: '/sources',
    query: site(ctx),
    body: { ...site(ctx), customer_id: customer.id, object_gateway: 'stripe', object_id: objectId },
  });
  return readRow(ctx, res, successOf(resourceOps.createSource));
}

export const resourceChecks: Check[] = checksOf('behaviour', 'write', [
  {
    id: 'pelcro.addresses.create',
    title: "a created address echoes what was sent, reads back equal and is among its customer's addresses",
    async run(ctx: Ctx) {
      const customer = await owner(ctx);
      const address = await createAddress(ctx, { ...HOME, is_default: true });
      ctx.state.ownerAddress = address.id;
      const where = { method: 'POST', path: '/addresses' };
      expectSameJson(ctx, where, customer.id, address.user_id, 'the customer it was created for', ['data', 'user_id']);
      for (const [field, value] of Object.entries({ ...HOME, is_default: true })) {
        expectSameJson(ctx, where, value, address[field], 'as sent', ['data', field]);
      }
      expectAnswered(ctx, await getAddress(ctx, address.id), { data: address }, 'as the create answered');
      const ids = (await customerNow(ctx)).addresses;
      ctx.expect(
        Array.isArray(ids) && ids.includes(address.id),
        where,
        '$.data.addresses',
        `ids holding ${address.id}`,
        JSON.stringify(ids),
      );
      const expanded = (await customerNow(ctx, 'addresses')).addresses as Row[] | undefined;
      ctx.expect(
        !!expanded?.some((a) => a.id === address.id && a.user_id === customer.id),
        where,
        '$.data.addresses',
        `address ${address.id} with expand=addresses`,
        JSON.stringify(expanded)?.slice(0, 80),
      );
      const page = await ctx.send(resourceOps.listAddresses, { path: '/addresses', query: { ...site(ctx), customer_id: customer.id } });
      const rows = ((page.json as { data?: Row[] } | undefined)?.data ?? []) as Row[];
      ctx.expect(
        rows.some((a) => a.id === address.id) && rows.every((a) => a.user_id === customer.id),
        page,
        '$.data',
        `only customer ${customer.id}'s addresses, ${address.id} among them`,
        JSON.stringify(rows.map((a) => [a.id, a.user_id])),
      );
    },
  },
  {
    id: 'pelcro.addresses.rules',
    title: 'an address without its required fields, or in the US without a state, is refused with Laravel messages',
    async run(ctx: Ctx) {
      const empty = await ctx.send(resourceOps.createAddress, { path: '/addresses', query: site(ctx), body: site(ctx) });
      if (ctx.expectStatus(empty, 400)) {
        for (const field of ['customer_id', 'type', 'line1', 'country']) expectFieldError(ctx, empty, field, laravel.required(field));
      }
      const customer = await owner(ctx);
      const stateless = await ctx.send(resourceOps.createAddress, {
        path: '/addresses',
        query: site(ctx),
        body: { ...site(ctx), customer_id: customer.id, ...HOME, state: null },
      });
      if (ctx.expectStatus(stateless, 400)) expectFieldError(ctx, stateless, 'state', laravel.requiredIf('state', 'country', 'US'));
    },
  },
  {
    id: 'pelcro.addresses.one-default',
    title: 'a new default address of a type stops the previous default of that type being one',
    async run(ctx: Ctx) {
      const first = await createAddress(ctx, { ...HOME, is_default: true });
      const second = await createAddress(ctx, { ...HOME, line1: '1 Liberty Plaza', is_default: true });
      const res = await getAddress(ctx, first.id);
      const now = readRow(ctx, res, 200);
      ctx.expect(
        now.is_default === false,
        res,
        '$.data.is_default',
        `false (address ${second.id} is the default now)`,
        JSON.stringify(now.is_default),
      );
    },
  },
  {
    id: 'pelcro.addresses.scoped',
    title: 'an address is not seen from another site',
    async run(ctx: Ctx) {
      const address = await createAddress(ctx, HOME);
      const res = await ctx.sendUndocumented({
        method: 'GET',
        path: addressPath(address.id),
        query: { site_id: (ctx.options.siteId as number) + 1 },
      });
      const seen = (res.json as { data?: Row } | undefined)?.data;
      ctx.expect(!(res.status === 200 && seen?.id === address.id), res, '$.data', 'not this address', `address ${address.id}`);
    },
  },
  {
    id: 'pelcro.addresses.update',
    title: 'PUT changes only the fields sent, and the address reads back as answered',
    async run(ctx: Ctx) {
      const address = await createAddress(ctx, HOME);
      const res = await ctx.send(resourceOps.updateAddress, {
        path: addressPath(address.id),
        query: site(ctx),
        body: { ...site(ctx), city: 'Albany' },
      });
      expectAnswered(ctx, res, { data: { ...address, city: 'Albany' } }, 'the address with its new city');
      expectAnswered(ctx, await getAddress(ctx, address.id), { data: { ...address, city: 'Albany' } }, 'as the update answered');
    },
  },
  {
    id: 'pelcro.addresses.delete',
    title: "DELETE answers with an empty body; the address is gone, also from its customer's addresses",
    async run(ctx: Ctx) {
      const address = await createAddress(ctx, HOME);
      const res = await ctx.send(resourceOps.deleteAddress, { path: addressPath(address.id), query: site(ctx) });
      if (!ctx.expectStatus(res, 200, 204)) return;
      ctx.expect(res.text.trim() === '', res, 'body', 'empty', res.text.slice(0, 80));
      ctx.expectStatus(await getAddress(ctx, address.id), 404);
      const ids = (await customerNow(ctx)).addresses;
      ctx.expect(
        Array.isArray(ids) && !ids.includes(address.id),
        res,
        '$.data.addresses',
        `ids without ${address.id}`,
        JSON.stringify(ids),
      );
    },
  },
  {
    id: 'pelcro.sources.create',
    title: "a created source echoes its gateway object; the customer's first source becomes its default",
    async run(ctx: Ctx) {
      const first = await createSource(ctx, 'tok_visa');
      const where = { method: 'POST', path: '/sources' };
      expectSameJson(ctx, where, 'stripe', first.object_gateway, 'as sent', ['data', 'object_gateway']);
      expectSameJson(ctx, where, 'tok_visa', first.object_id, 'as sent', ['data', 'object_id']);
      const second = await createSource(ctx, 'tok_mastercard');
      const customer = await customerNow(ctx);
      ctx.expect(
        customer.default_source_id === first.id,
        { method: 'GET', path: customerPath(customer.id) },
        '$.data.default_source_id',
        `${first.id} (the first source; ${second.id} came later)`,
        JSON.stringify(customer.default_source_id),
      );
    },
  },
  {
    id: 'pelcro.sources.delete',
    title: 'DELETE of a source no subscription uses answers with an empty body, and the source is gone',
    async run(ctx: Ctx) {
      const source = await createSource(ctx, 'tok_amex');
      const res = await ctx.send(resourceOps.deleteSource, { path: sourcePath(source.id), query: site(ctx) });
      if (!ctx.expectStatus(res, 200, 204)) return;
      ctx.expect(res.text.trim() === '', res, 'body', 'empty', res.text.slice(0, 80));
      ctx.state.deletedSources ??= new Set();
      ctx.state.deletedSources.add(source.id);
      ctx.expectStatus(await ctx.send(resourceOps.deleteSource, { path: sourcePath(source.id), query: site(ctx) }), 404);
    },
  },
]);
