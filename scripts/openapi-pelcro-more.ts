/**
 * OpenAPI examples of Pelcro's addresses, payment sources and Open API, drawn from the seeded mock
 * like the customers' (scripts/openapi-pelcro.ts). A customer token holds the wall-clock time and a
 * random id, so every `auth_token` of an example is replaced by one fixed, well-formed JWT: the
 * document stays byte-identical from one generation to the next.
 */
import type { ApiExamples } from '../contracts/definition';
import {
  AddressCreate,
  AddressEnvelope,
  AddressList,
  AddressUpdate,
  BASE_PATH,
  MessageError,
  SDK_PATH,
  SdkAddressCreate,
  SdkAddressUpdate,
  SdkCustomerEnvelope,
  SdkCustomerUpdate,
  SdkEmailInUse,
  SdkLogin,
  SdkPaymentMethodCreate,
  SdkPaymentMethodEnvelope,
  SdkPaymentMethodList,
  SdkPaymentMethodUpdate,
  SdkRegister,
  SourceCreate,
  SourceEnvelope,
  ValidationError,
} from '../contracts/pelcro/schemas';
import { createApp } from '../src/app';
import { DEMO_PASSWORD } from '../src/providers/pelcro/seed/vocabulary';
import { type Answer, FROZEN_AT, SEED, caller, example, requestExample } from './openapi-examples';

const SITE = 1;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** The token every example shows: the claims the mock issues, at the documents' frozen instant. */
const EXAMPLE_TOKEN = [
  b64({ alg: 'HS256', typ: 'JWT' }),
  b64({
    site_id: SITE,
    sbx: '2a97516c354b6884',
    iss: `http://localhost:4010${SDK_PATH}/auth/login`,
    iat: 1767268800,
    nbf: 1767268800,
    exp: 1767272400,
    jti: '6f1d0c7e9b2a4c58a3e1f0d2b4c6e8a0',
    sub: '51',
  }),
  'c2lnbmVkLWJ5LXRoZS1zZXJ2ZXJzLXNlY3JldA',
].join('.');

/** The answer with its token replaced by the example one. */
function fixedToken(answer: Answer): Answer {
  const data = (answer.json as { data?: { auth_token?: unknown } } | undefined)?.data;
  if (data && typeof data.auth_token === 'string') data.auth_token = EXAMPLE_TOKEN;
  return answer;
}

export async function pelcroMoreExamples(): Promise<NonNullable<ApiExamples['operations']>> {
  const app = createApp({ seed: SEED, freezeTime: FROZEN_AT, providers: ['pelcro'] });
  const core = caller(app, { Authorization: 'Bearer demo', Accept: 'application/json' });
  const open = caller(app, { Accept: 'application/json' });
  const A = `${BASE_PATH}/addresses`;
  const S = `${BASE_PATH}/sources`;

  const addressBody = {
    customer_id: 1,
    type: 'shipping',
    first_name: 'Royal',
    last_name: 'Anderson',
    line1: '350 Fifth Avenue',
    city: 'New York',
    state: 'NY',
    country: 'US',
    postal_code: '10118',
    is_default: true,
  };
  const addresses = await core({ path: `${A}?site_id=${SITE}&customer_id=1` });
  const createdAddress = await core({ method: 'POST', path: `${A}?site_id=${SITE}`, body: addressBody });
  const addressId = (createdAddress.json as { data: { id: number } }).data.id;
  const noState = await core({ method: 'POST', path: `${A}?site_id=${SITE}`, body: { ...addressBody, state: null } });
  const oneAddress = await core({ path: `${A}/${addressId}?site_id=${SITE}` });
  const addressUpdate = { line2: 'Floor 86', is_default: false };
  const updatedAddress = await core({ method: 'PUT', path: `${A}/${addressId}?site_id=${SITE}`, body: addressUpdate });
  const missingAddress = await core({ path: `${A}/999999?site_id=${SITE}` });
  await core({ method: 'DELETE', path: `${A}/${addressId}?site_id=${SITE}` });

  const sourceBody = { customer_id: 1, object_gateway: 'stripe', object_id: 'tok_visa' };
  const createdSource = await core({ method: 'POST', path: `${S}?site_id=${SITE}`, body: sourceBody });
  const subscriptions = await core({ path: `${BASE_PATH}/customers?site_id=${SITE}&limit=100&expand=subscriptions` });
  const charged = (subscriptions.json as { data: { subscriptions: { default_source: number | null }[] }[] }).data
    .flatMap((c) => c.subscriptions)
    .find((s) => s.default_source !== null)?.default_source;
  const inUse = await core({ method: 'DELETE', path: `${S}/${charged}?site_id=${SITE}` });

  const register = { email: 'ada.lovelace@example.com', password: 'correct-horse', first_name: 'Ada', last_name: 'Lovelace' };
  const registered = fixedToken(await open({ method: 'POST', path: `${SDK_PATH}/auth/register?site_id=${SITE}`, body: register }));
  const token = (await open({ method: 'POST', path: `${SDK_PATH}/auth/login?site_id=${SITE}`, body: register })).json as {
    data: { auth_token: string };
  };
  const auth = { Authorization: `Bearer ${token.data.auth_token}` };
  const taken = await open({ method: 'POST', path: `${SDK_PATH}/auth/register?site_id=${SITE}`, body: register });
  const seeded = (await core({ path: `${BASE_PATH}/customers?site_id=${SITE}&limit=100` })).json as {
    data: { email: string | null; has_password: boolean }[];
  };
  const login = { email: seeded.data.find((c) => c.has_password && c.email)!.email, password: DEMO_PASSWORD };
  const loggedIn = fixedToken(await open({ method: 'POST', path: `${SDK_PATH}/auth/login?site_id=${SITE}`, body: login }));
  const badLogin = await open({
    method: 'POST',
    path: `${SDK_PATH}/auth/login?site_id=${SITE}`,
    body: { ...login, password: 'wrong-one' },
  });
  const me = fixedToken(await open({ method: 'POST', path: `${SDK_PATH}/customer?site_id=${SITE}`, headers: auth }));
  const noToken = await open({ method: 'POST', path: `${SDK_PATH}/customer?site_id=${SITE}` });
  const forged = await open({ method: 'POST', path: `${SDK_PATH}/customer?site_id=${SITE}`, headers: { Authorization: 'Bearer a.b.c' } });
  const update = { last_name: 'King', metadata: { newsletter: 'weekly' } };
  const updated = fixedToken(await open({ method: 'PUT', path: `${SDK_PATH}/customer?site_id=${SITE}`, headers: auth, body: update }));
  const address = { line1: '12 St James Square', city: 'London', country: 'GB', postal_code: 'SW1Y 4LB' };
  const withAddress = fixedToken(await open({ method: 'POST', path: `${SDK_PATH}/address?site_id=${SITE}`, headers: auth, body: address }));
  const sdkAddressId = (withAddress.json as { data: { addresses: { id: number }[] } }).data.addresses.at(-1)!.id;
  const moved = { address_id: sdkAddressId, line1: '10 Downing Street', city: 'London', country: 'GB', postal_code: 'SW1A 2AA' };
  const withMoved = fixedToken(await open({ method: 'PUT', path: `${SDK_PATH}/address?site_id=${SITE}`, headers: auth, body: moved }));
  const method = { token: 'tok_visa' };
  const paid = await open({ method: 'POST', path: `${SDK_PATH}/payment_methods?site_id=${SITE}`, headers: auth, body: method });
  const noPaymentToken = await open({ method: 'POST', path: `${SDK_PATH}/payment_methods?site_id=${SITE}`, headers: auth, body: {} });
  const paidId = (paid.json as { data: { id: number } }).data.id;
  const makeDefault = { is_default: true };
  const madeDefault = await open({
    method: 'PUT',
    path: `${SDK_PATH}/payment_methods/${paidId}?site_id=${SITE}`,
    headers: auth,
    body: makeDefault,
  });
  const PM = `${SDK_PATH}/payment_methods`;
  const spare = await open({ method: 'POST', path: `${PM}?site_id=${SITE}`, headers: auth, body: { token: 'tok_mastercard' } });
  const spareId = (spare.json as { data: { id: number } }).data.id;
  const paymentMethods = await open({ path: `${PM}?site_id=${SITE}`, headers: auth });
  const onePaymentMethod = await open({ path: `${PM}/${paidId}?site_id=${SITE}`, headers: auth });
  const missingPaymentMethod = await open({ path: `${PM}/999999?site_id=${SITE}`, headers: auth });
  const defaultKept = await open({ method: 'DELETE', path: `${PM}/${paidId}?site_id=${SITE}`, headers: auth });
  const deletedPaymentMethod = await open({ method: 'DELETE', path: `${PM}/${spareId}?site_id=${SITE}`, headers: auth });
  const refreshed = fixedToken(await open({ method: 'POST', path: `${SDK_PATH}/customer/refresh?site_id=${SITE}`, headers: auth }));
  const again = (await open({ method: 'POST', path: `${SDK_PATH}/auth/login?site_id=${SITE}`, body: register })).json as {
    data: { auth_token: string };
  };
  const fresh = { Authorization: `Bearer ${again.data.auth_token}` };
  const loggedOut = await open({ method: 'POST', path: `${SDK_PATH}/auth/logout?site_id=${SITE}`, headers: fresh });
  const afterLogout = await open({ method: 'POST', path: `${SDK_PATH}/customer?site_id=${SITE}`, headers: fresh });

  const noKey = { unauthenticated: example('No API key', await open({ path: `${A}?site_id=${SITE}` }), 401, MessageError) };
  const sdkRefusals = {
    401: { noToken: example('No customer token', noToken, 401, MessageError) },
    403: {
      forged: example('A token this server did not sign', forged, 403, MessageError),
      loggedOut: example('A token after logout', afterLogout, 403, MessageError),
    },
  };
  return {
    listAddresses: {
      parameters: { site_id: SITE, customer_id: 1, limit: 10 },
      responses: { 200: { page: example("Customer 1's addresses", addresses, 200, AddressList) }, 401: noKey },
    },
    createAddress: {
      parameters: { site_id: SITE },
      requestBody: { shipping: requestExample('A default shipping address in New York', addressBody, AddressCreate) },
      responses: {
        201: { created: example('The new address', createdAddress, 201, AddressEnvelope) },
        400: { noState: example('A US address without a state', noState, 400, ValidationError) },
        401: noKey,
      },
    },
    getAddress: {
      parameters: { id: addressId, site_id: SITE },
      responses: {
        200: { address: example('The address', oneAddress, 200, AddressEnvelope) },
        401: noKey,
        404: { unknown: example('No address with this id on the site', missingAddress, 404, MessageError) },
      },
    },
    updateAddress: {
      parameters: { id: addressId, site_id: SITE },
      requestBody: { floor: requestExample('A second line; no longer the default', addressUpdate, AddressUpdate) },
      responses: { 200: { updated: example('The updated address', updatedAddress, 200, AddressEnvelope) }, 401: noKey },
    },
    deleteAddress: { parameters: { id: addressId, site_id: SITE }, responses: { 401: noKey } },
    createSource: {
      parameters: { site_id: SITE },
      requestBody: { card: requestExample("A Stripe test card's token", sourceBody, SourceCreate) },
      responses: { 201: { created: example('The new source', createdSource, 201, SourceEnvelope) }, 401: noKey },
    },
    deleteSource: {
      parameters: { id: charged!, site_id: SITE },
      responses: { 400: { inUse: example('A source a subscription charges', inUse, 400, MessageError) }, 401: noKey },
    },
    sdkRegister: {
      parameters: { site_id: SITE },
      requestBody: { reader: requestExample('A reader signing up', register, SdkRegister) },
      responses: {
        201: { registered: example('The new customer, signed in', registered, 201, SdkCustomerEnvelope) },
        400: { taken: example('An email already registered on the site', taken, 400, SdkEmailInUse) },
      },
    },
    sdkLogin: {
      parameters: { site_id: SITE },
      requestBody: { seeded: requestExample('A seeded customer with the demo password', login, SdkLogin) },
      responses: {
        200: { signedIn: example('The customer, signed in', loggedIn, 200, SdkCustomerEnvelope) },
        400: { wrong: example('A wrong password', badLogin, 400, ValidationError) },
      },
    },
    sdkLogout: {
      parameters: { site_id: SITE },
      responses: { 200: { loggedOut: example('Signed out', loggedOut, 200, MessageError) }, ...sdkRefusals },
    },
    sdkGetCustomer: {
      parameters: { site_id: SITE },
      responses: { 200: { me: example('The current customer', me, 200, SdkCustomerEnvelope) }, ...sdkRefusals },
    },
    sdkUpdateCustomer: {
      parameters: { site_id: SITE },
      requestBody: { rename: requestExample('A new last name and metadata', update, SdkCustomerUpdate) },
      responses: { 200: { updated: example('The customer, with a fresh token', updated, 200, SdkCustomerEnvelope) }, ...sdkRefusals },
    },
    sdkRefreshToken: {
      parameters: { site_id: SITE },
      responses: { 200: { refreshed: example('The customer with a new token', refreshed, 200, SdkCustomerEnvelope) } },
    },
    sdkCreateAddress: {
      parameters: { site_id: SITE },
      requestBody: { london: requestExample('A London address (type shipping by default)', address, SdkAddressCreate) },
      responses: { 200: { added: example('The customer holding the address', withAddress, 200, SdkCustomerEnvelope) }, ...sdkRefusals },
    },
    sdkUpdateAddress: {
      parameters: { site_id: SITE },
      requestBody: { moved: requestExample('The same address, a new street', moved, SdkAddressUpdate) },
      responses: {
        200: { changed: example('The customer holding the changed address', withMoved, 200, SdkCustomerEnvelope) },
        ...sdkRefusals,
      },
    },
    sdkListPaymentMethods: {
      parameters: { site_id: SITE },
      responses: {
        200: { two: example("The customer's two cards, the first its default", paymentMethods, 200, SdkPaymentMethodList) },
        ...sdkRefusals,
      },
    },
    sdkCreatePaymentMethod: {
      parameters: { site_id: SITE },
      requestBody: { card: requestExample("A Stripe test card's token", method, SdkPaymentMethodCreate) },
      responses: {
        201: { created: example('The new payment method', paid, 201, SdkPaymentMethodEnvelope) },
        404: { noToken: example('No token', noPaymentToken, 404, MessageError) },
        ...sdkRefusals,
      },
    },
    sdkUpdatePaymentMethod: {
      parameters: { id: paidId, site_id: SITE },
      requestBody: { makeDefault: requestExample('Make it the default', makeDefault, SdkPaymentMethodUpdate) },
      responses: { 200: { updated: example('The payment method', madeDefault, 200, SdkPaymentMethodEnvelope) }, ...sdkRefusals },
    },
    sdkGetPaymentMethod: {
      parameters: { id: paidId, site_id: SITE },
      responses: {
        200: { card: example('The payment method', onePaymentMethod, 200, SdkPaymentMethodEnvelope) },
        404: { unknown: example('None of the customer with this id', missingPaymentMethod, 404, MessageError) },
        ...sdkRefusals,
      },
    },
    sdkDeletePaymentMethod: {
      parameters: { id: spareId, site_id: SITE },
      responses: {
        200: { deleted: example('The payment method deleted', deletedPaymentMethod, 200, SdkPaymentMethodEnvelope) },
        400: { isDefault: example("The customer's default", defaultKept, 400, MessageError) },
        ...sdkRefusals,
      },
    },
  };
}
