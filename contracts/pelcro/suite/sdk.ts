/**
 * The Open API (`/api/v1/sdk`), as a website's frontend uses it, on a customer the run registers:
 * its token is a JWT that expires, the current customer is the one registered, a change through
 * either API is seen by the other, logout and refresh retire a token, and register answers a taken
 * email as react-pelcro-js expects it.
 *
 * The suite's API root is the Core API's (`…/api/v1/core`); the Open API sits beside it, so its
 * paths climb one level (`/../sdk/…`, resolved by the URL before sending). A request without a
 * customer token names the run's API key in `X-Understudy-Account`, which the mock reads to
 * reach the same sandbox as the Core calls and a real deployment ignores.
 */
import { operationOf, successOf } from '../../check/operations';
import type { CheckDef, Res } from '../../check/runner';
import { checksOf, expectEchoed, expectSameJson, requireRecord, sendCreating } from '../../check/suite-kit';
import { pelcroApi } from '../api';
import { http, sdk } from '../messages';
import { JWT_PATTERN } from '../sdk';
import { customerPath, deleteCreated, expectMessage, retrieve, site, type Ctx, type CustomerView, type PelcroState } from './api';
import { METADATA_KEY } from './records';

type Check = CheckDef<PelcroState>;

export const sdkOps = {
  register: operationOf(pelcroApi, 'sdkRegister'),
  login: operationOf(pelcroApi, 'sdkLogin'),
  logout: operationOf(pelcroApi, 'sdkLogout'),
  current: operationOf(pelcroApi, 'sdkGetCustomer'),
  update: operationOf(pelcroApi, 'sdkUpdateCustomer'),
  refresh: operationOf(pelcroApi, 'sdkRefreshToken'),
  address: operationOf(pelcroApi, 'sdkCreateAddress'),
  updateAddress: operationOf(pelcroApi, 'sdkUpdateAddress'),
  listPaymentMethods: operationOf(pelcroApi, 'sdkListPaymentMethods'),
  createPaymentMethod: operationOf(pelcroApi, 'sdkCreatePaymentMethod'),
  updatePaymentMethod: operationOf(pelcroApi, 'sdkUpdatePaymentMethod'),
};

/** An Open API path below the Core API root. */
const sdkPath = (path: string) => `/../sdk${path}`;
/** What the address checks read of an address. */
type AddressView = { id: number; line1?: string; city?: string; country?: string; type?: string };
/** The longest lifetime a customer token may claim: a month (a token that never expires is drift). */
export const MAX_TOKEN_SECONDS = 31 * 24 * 3600;

const anonymous = (ctx: Ctx) => ({ Authorization: null, 'X-Understudy-Account': ctx.options.token });
const asCustomer = (token: string) => ({ Authorization: `Bearer ${token}` });

function tagOf(ctx: Ctx): string {
  return ctx.options.runTag.toLowerCase().replace(/[^a-z0-9-]/g, '');
}

function readCustomer(ctx: Ctx, res: Res, status: number): CustomerView {
  return requireRecord(ctx, res, status, (json) => (json as { data?: CustomerView } | undefined)?.data, '$.data.id', 'number');
}

/** The claims of a JWT (its middle part), or undefined when it is not one. */
export function jwtClaims(token: unknown): Record<string, unknown> | undefined {
  if (typeof token !== 'string' || !JWT_PATTERN.test(token)) return undefined;
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part), (ch) => ch.charCodeAt(0))));
    return typeof claims === 'object' && claims !== null ? claims : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The answer's token: a JWT for this customer that expires within MAX_TOKEN_SECONDS of its issue.
 * An answer REFERENCE documents as carrying a new token (the update's "fresh token", refresh's "a
 * new token") must not hand back `replaced`, the token it was sent. A login is held to nothing
 * more: REFERENCE does not say it issues a new token, and a server may answer the customer's live
 * one (or, without a `jti`, the same bytes within one second); pelcro.sdk.logout checks instead
 * that a login after a logout answers a token that works.
 */
function expectToken(ctx: Ctx, res: Res, customer: CustomerView, replaced?: string): string {
  const token = customer.auth_token;
  const claims = jwtClaims(token);
  ctx.require(claims !== undefined, res, '$.data.auth_token', 'a JWT', JSON.stringify(token)?.slice(0, 40));
  if (replaced !== undefined) ctx.expect(token !== replaced, res, '$.data.auth_token', 'a new token', 'the token sent');
  const { exp, iat } = claims as { exp?: unknown; iat?: unknown };
  ctx.expect(
    typeof exp === 'number' && typeof iat === 'number' && exp > iat && exp - iat <= MAX_TOKEN_SECONDS,
    res,
    '$.data.auth_token',
    `a token with an exp claim within ${MAX_TOKEN_SECONDS} s of its iat`,
    `exp ${JSON.stringify(exp)}, iat ${JSON.stringify(iat)}`,
  );
  return token as string;
}

/** Runs whose Open API customer could not be registered, and the check that tried. */
const registerFailed = new WeakMap<PelcroState, string>();

/**
 * The customer the Open API checks work on, registered once per run. When that fails (another
 * status, a token that is no JWT, no complete answer) the later checks skip, naming the check that
 * tried: registering the same email again would be refused as taken, burying the cause under a
 * failure of every Open API check.
 */
async function registered(ctx: Ctx): Promise<NonNullable<PelcroState['sdk']>> {
  if (ctx.state.sdk) return ctx.state.sdk;
  const failedIn = registerFailed.get(ctx.state);
  if (failedIn) ctx.skip(`registering the Open API customer failed (see ${failedIn})`);
  registerFailed.set(ctx.state, ctx.current.id ?? 'pelcro.sdk.register');
  const password = `pw-${tagOf(ctx)}-contract`;
  const email = `understudy-contract+${tagOf(ctx)}-sdk@example.com`;
  const body = { email, password, first_name: 'Understudy', last_name: 'Open API', metadata: { [METADATA_KEY]: ctx.options.runTag } };
  const res = await sendCreating(ctx, `customer ${email}`, () =>
    ctx.send(sdkOps.register, { path: sdkPath('/auth/register'), query: site(ctx), headers: anonymous(ctx), body }),
  );
  const customer = readCustomer(ctx, res, successOf(sdkOps.register));
  ctx.state.undeleted.add(customer.id);
  // The new customer holds every field the form sent (the password is never shown).
  expectEchoed(ctx, res, body, customer, { path: ['data'], skip: ['password'] });
  const token = expectToken(ctx, res, customer);
  ctx.state.sdk = { customer, password, token };
  registerFailed.delete(ctx.state);
  return ctx.state.sdk;
}

async function current(ctx: Ctx, token: string): Promise<Res> {
  return ctx.send(sdkOps.current, { path: sdkPath('/customer'), query: site(ctx), headers: asCustomer(token) });
}

/** Expects the Open API's refusal of a token: 403 (401 on refresh), any of the documented texts. */
function expectRefused(ctx: Ctx, res: Res, ...statuses: number[]): void {
  if (ctx.expectStatus(res, ...statuses))
    expectMessage(ctx, res, sdk.tokenInvalid, sdk.tokenExpired, sdk.tokenBlacklisted, sdk.userNotFound, 'Unauthenticated.');
}

export const sdkChecks: Check[] = [
  ...checksOf('schema', 'write', [
    {
      id: 'pelcro.sdk.register',
      title: 'POST /sdk/auth/register creates the customer and answers the Open API customer with a JWT that expires',
      async run(ctx: Ctx) {
        const { customer } = await registered(ctx);
        ctx.note(`registered ${customer.id}`);
      },
    },
  ]),
  ...checksOf('behaviour', 'write', [
    {
      id: 'pelcro.sdk.register.taken',
      title: 'register answers a taken email with "This email is already in use." and registered_on_other_sites',
      async run(ctx: Ctx) {
        const { customer } = await registered(ctx);
        const res = await ctx.send(sdkOps.register, {
          path: sdkPath('/auth/register'),
          query: site(ctx),
          headers: anonymous(ctx),
          body: { email: customer.email, password: 'another-password' },
        });
        if (!ctx.expectStatus(res, 400)) return;
        const errors = (res.json as { errors?: Record<string, unknown> } | undefined)?.errors ?? {};
        expectSameJson(ctx, res, [sdk.emailInUse], errors.email, 'the text react-pelcro-js compares', ['errors', 'email']);
        ctx.expect(
          Object.hasOwn(errors, 'registered_on_other_sites'),
          res,
          '$.errors.registered_on_other_sites',
          'present (react-pelcro-js takes it out)',
          'missing',
        );
      },
    },
    {
      id: 'pelcro.sdk.current',
      title: 'POST /sdk/customer answers the customer the token names; no token is 401, a forged one 403',
      async run(ctx: Ctx) {
        const { customer, token } = await registered(ctx);
        const res = await current(ctx, token);
        const me = readCustomer(ctx, res, 200);
        expectSameJson(ctx, res, customer.id, me.id, 'the registered customer', ['data', 'id']);
        expectSameJson(ctx, res, customer.email, me.email, 'the registered customer', ['data', 'email']);
        const none = await ctx.send(sdkOps.current, { path: sdkPath('/customer'), query: site(ctx), headers: { Authorization: null } });
        // The `auth:api` guard throws AuthenticationException: Laravel's handler renders its text.
        if (ctx.expectStatus(none, 401)) expectMessage(ctx, none, http.unauthenticated);
        const forged = `${token.slice(0, token.lastIndexOf('.') + 1)}${'A'.repeat(43)}`;
        expectRefused(ctx, await current(ctx, forged), 403);
      },
    },
    {
      id: 'pelcro.sdk.one-account',
      title: 'the registered customer is the Core API customer of the site: a change through either API is seen by the other',
      async run(ctx: Ctx) {
        const sdkState = await registered(ctx);
        const id = sdkState.customer.id;
        const core = await retrieve(ctx, id);
        const seen = readCustomer(ctx, core, 200);
        expectSameJson(ctx, core, sdkState.customer.email, seen.email, 'the customer registered through the Open API', ['data', 'email']);
        const viaCore = await ctx.send(operationOf(pelcroApi, 'updateCustomer'), {
          path: customerPath(id),
          query: site(ctx),
          body: { ...site(ctx), first_name: 'Changed-Core' },
        });
        ctx.expectStatus(viaCore, 200);
        const mine = await current(ctx, sdkState.token);
        expectSameJson(ctx, mine, 'Changed-Core', readCustomer(ctx, mine, 200).first_name, 'set through the Core API', [
          'data',
          'first_name',
        ]);
        const viaSdk = await ctx.send(sdkOps.update, {
          path: sdkPath('/customer'),
          query: site(ctx),
          headers: asCustomer(sdkState.token),
          body: { last_name: 'Changed-Open-API' },
        });
        sdkState.token = expectToken(ctx, viaSdk, readCustomer(ctx, viaSdk, 200), sdkState.token);
        const after = await retrieve(ctx, id);
        expectSameJson(ctx, after, 'Changed-Open-API', readCustomer(ctx, after, 200).last_name, 'set through the Open API', [
          'data',
          'last_name',
        ]);
      },
    },
    {
      id: 'pelcro.sdk.update.email',
      title: 'PUT /sdk/customer with a new email answers it unconfirmed, with a fresh token',
      async run(ctx: Ctx) {
        const sdkState = await registered(ctx);
        const email = `understudy-contract+${tagOf(ctx)}-sdk2@example.com`;
        const res = await ctx.send(sdkOps.update, {
          path: sdkPath('/customer'),
          query: site(ctx),
          headers: asCustomer(sdkState.token),
          body: { email },
        });
        const customer = readCustomer(ctx, res, 200);
        expectSameJson(ctx, res, email, customer.email, 'as sent', ['data', 'email']);
        expectSameJson(ctx, res, false, customer.email_confirm, 'a new email is not confirmed', ['data', 'email_confirm']);
        sdkState.token = expectToken(ctx, res, customer, sdkState.token);
        sdkState.customer = customer;
      },
    },
    {
      id: 'pelcro.sdk.address',
      title:
        'POST /sdk/address answers the customer holding the new address; PUT /sdk/address changes it, and the Core API lists it changed',
      async run(ctx: Ctx) {
        const sdkState = await registered(ctx);
        const headers = asCustomer(sdkState.token);
        const res = await ctx.send(sdkOps.address, {
          path: sdkPath('/address'),
          query: site(ctx),
          headers,
          body: { line1: '221B Baker Street', city: 'London', country: 'GB' },
        });
        const addresses = (readCustomer(ctx, res, 200).addresses ?? []) as AddressView[];
        const added = addresses.find((a) => a.line1 === '221B Baker Street');
        ctx.require(added !== undefined, res, '$.data.addresses', 'the new address', JSON.stringify(addresses).slice(0, 80));
        expectSameJson(ctx, res, 'shipping', added.type, 'the default type', ['data', 'addresses', addresses.indexOf(added), 'type']);
        // The edit react-pelcro-js sends (address.update, the id in the body): its answer is the
        // customer again (docs.pelcro.com "Update address"), the address changed among its own.
        const change = { line1: '10 Downing Street', city: 'Westminster' };
        const put = await ctx.send(sdkOps.updateAddress, {
          path: sdkPath('/address'),
          query: site(ctx),
          headers,
          body: { address_id: added.id, ...change },
        });
        const after = (readCustomer(ctx, put, 200).addresses ?? []) as AddressView[];
        const index = after.findIndex((a) => a.id === added.id);
        ctx.require(index >= 0, put, '$.data.addresses', `address ${added.id} among them`, JSON.stringify(after.map((a) => a.id)));
        expectEchoed(ctx, put, change, after[index], { path: ['data', 'addresses', index] });
        expectSameJson(ctx, put, added.country, after[index].country, 'a field not sent stays', ['data', 'addresses', index, 'country']);
        // One request for both: the Core API lists the address the Open API added, as it was changed.
        const core = await ctx.send(operationOf(pelcroApi, 'listAddresses'), {
          path: '/addresses',
          query: { ...site(ctx), customer_id: sdkState.customer.id },
        });
        const rows = (core.json as { data?: AddressView[] } | undefined)?.data ?? [];
        const row = rows.findIndex((a) => a.id === added.id);
        ctx.require(row >= 0, core, '$.data', `address ${added.id} listed by the Core API`, JSON.stringify(rows.map((a) => a.id)));
        expectEchoed(ctx, core, change, rows[row], { path: ['data', row] });
      },
    },
    {
      id: 'pelcro.sdk.payment-methods',
      title: 'payment methods: 404 without a token, 201 with one, listed, and PUT is_default makes it the default',
      async run(ctx: Ctx) {
        const sdkState = await registered(ctx);
        const headers = asCustomer(sdkState.token);
        const missing = await ctx.send(sdkOps.createPaymentMethod, {
          path: sdkPath('/payment_methods'),
          query: site(ctx),
          headers,
          body: {},
        });
        ctx.expectStatus(missing, 404);
        const first = await ctx.send(sdkOps.createPaymentMethod, {
          path: sdkPath('/payment_methods'),
          query: site(ctx),
          headers,
          body: { token: 'tok_visa' },
        });
        ctx.require(first.status === 201, first, 'status', '201', String(first.status));
        const second = await ctx.send(sdkOps.createPaymentMethod, {
          path: sdkPath('/payment_methods'),
          query: site(ctx),
          headers,
          body: { token: 'tok_mastercard' },
        });
        const source = (second.json as { data?: { id?: number } } | undefined)?.data;
        ctx.require(typeof source?.id === 'number', second, '$.data.id', 'a source id', JSON.stringify(source?.id));
        // Both are the customer's now: the list a frontend shows them from holds them.
        const added = [(first.json as { data?: { id?: number } } | undefined)?.data?.id, source.id];
        // A source is a row of its own table with an auto-increment id (pelcro.sources.delete made
        // and deleted one earlier in the run): an id handed out again points a client's stored
        // reference to the deleted card at this new one.
        const reused = added.filter((id) => id !== undefined && ctx.state.deletedSources?.has(id));
        ctx.expect(
          reused.length === 0,
          second,
          '$.data.id',
          'ids no deleted source had',
          `${reused.join(', ')} (deleted earlier in the run)`,
        );
        const listed = await ctx.send(sdkOps.listPaymentMethods, { path: sdkPath('/payment_methods'), query: site(ctx), headers });
        const ids = ((listed.json as { data?: { id?: unknown }[] } | undefined)?.data ?? []).map((m) => m.id);
        if (ctx.expectStatus(listed, 200)) {
          ctx.expect(
            added.every((id) => ids.includes(id)),
            listed,
            '$.data',
            `payment methods ${added.join(' and ')} among them`,
            JSON.stringify(ids),
          );
          // The customer registered in this run, and has no other source: a method of anyone
          // else's listed to it shows another customer's card to this one.
          const others = ids.filter((id) => !added.includes(id as number));
          ctx.expect(others.length === 0, listed, '$.data', `only payment methods ${added.join(' and ')}`, JSON.stringify(ids));
        }
        const made = await ctx.send(sdkOps.updatePaymentMethod, {
          path: sdkPath(`/payment_methods/${source.id}`),
          query: site(ctx),
          headers,
          body: { is_default: true },
        });
        ctx.expectStatus(made, 200);
        const me = await current(ctx, sdkState.token);
        expectSameJson(ctx, me, source.id, readCustomer(ctx, me, 200).default_source_id, 'made the default', ['data', 'default_source_id']);
      },
    },
    {
      id: 'pelcro.sdk.login',
      title: 'POST /sdk/auth/login signs the customer in with its password, and refuses a wrong one',
      async run(ctx: Ctx) {
        const sdkState = await registered(ctx);
        const email = sdkState.customer.email;
        const res = await ctx.send(sdkOps.login, {
          path: sdkPath('/auth/login'),
          query: site(ctx),
          headers: anonymous(ctx),
          body: { email, password: sdkState.password },
        });
        const customer = readCustomer(ctx, res, 200);
        expectSameJson(ctx, res, sdkState.customer.id, customer.id, 'the registered customer', ['data', 'id']);
        sdkState.token = expectToken(ctx, res, customer);
        const wrong = await ctx.send(sdkOps.login, {
          path: sdkPath('/auth/login'),
          query: site(ctx),
          headers: anonymous(ctx),
          body: { email, password: 'not-the-password' },
        });
        ctx.expectStatus(wrong, 400);
      },
    },
    {
      id: 'pelcro.sdk.refresh',
      title: 'POST /sdk/customer/refresh answers a new token; the old one is refused from then on',
      async run(ctx: Ctx) {
        const sdkState = await registered(ctx);
        const old = sdkState.token;
        const res = await ctx.send(sdkOps.refresh, { path: sdkPath('/customer/refresh'), query: site(ctx), headers: asCustomer(old) });
        sdkState.token = expectToken(ctx, res, readCustomer(ctx, res, 200), old);
        expectRefused(ctx, await current(ctx, old), 401, 403);
        ctx.expectStatus(await current(ctx, sdkState.token), 200);
      },
    },
    {
      id: 'pelcro.sdk.logout',
      title: 'POST /sdk/auth/logout retires the token: the next call with it is refused (403), and a new login answers one that works',
      async run(ctx: Ctx) {
        const sdkState = await registered(ctx);
        const res = await ctx.send(sdkOps.logout, { path: sdkPath('/auth/logout'), query: site(ctx), headers: asCustomer(sdkState.token) });
        ctx.expectStatus(res, 200);
        expectRefused(ctx, await current(ctx, sdkState.token), 403);
        // A server that keeps one token per customer would hand the retired one back: the
        // customer could never sign in again.
        const login = await ctx.send(sdkOps.login, {
          path: sdkPath('/auth/login'),
          query: site(ctx),
          headers: anonymous(ctx),
          body: { email: sdkState.customer.email, password: sdkState.password },
        });
        sdkState.token = expectToken(ctx, login, readCustomer(ctx, login, 200));
        ctx.expectStatus(await current(ctx, sdkState.token), 200);
      },
    },
  ]),
];

/**
 * Run last (after the Core checks, which still read the Open API customer): the Open API customer
 * deleted through the Core API, here rather than when the run ends (no request more than that
 * clean-up but the one call with its token), takes its token with it. jwt-auth finds no user for a
 * soft-deleted customer ("User not found"); a token that outlives its customer lets a deleted
 * account still read and change its data.
 */
export const sdkDeletedCheck: Check = {
  id: 'pelcro.sdk.deleted',
  level: 'behaviour',
  mode: 'write',
  title: 'a customer deleted through the Core API takes its Open API token with it: the next call with it is refused',
  async run(ctx: Ctx) {
    const sdkState = await registered(ctx);
    if (await deleteCreated(ctx, sdkState.customer.id)) expectRefused(ctx, await current(ctx, sdkState.token), 401, 403);
  },
};
