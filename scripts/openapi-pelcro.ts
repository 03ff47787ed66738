/**
 * Pelcro's OpenAPI examples, drawn from the seeded mock (seed 1, default scenario, frozen time):
 * real answers of the mock to real requests, each checked against its schema.
 */
import type { ApiExamples } from '../contracts/definition';
import { AnyCustomerEnvelope, AnyCustomerList } from '../contracts/pelcro/api';
import { BASE_PATH, CustomerCreate, CustomerUpdate, MessageError, ValidationError } from '../contracts/pelcro/schemas';
import { createApp } from '../src/app';
import { FROZEN_AT, SEED, caller, example, requestExample } from './openapi-examples';
import { pelcroMoreExamples } from './openapi-pelcro-more';

const CUSTOMERS = `${BASE_PATH}/customers`;
const SITE = 1;

interface SeededCustomer {
  id: number;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  addresses: unknown[];
  subscriptions: unknown[];
  organization: unknown;
  default_source: unknown;
}

export async function pelcroExamples(): Promise<ApiExamples> {
  const app = createApp({ seed: SEED, freezeTime: FROZEN_AT, providers: ['pelcro'] });
  const call = caller(app, { Authorization: 'Bearer example-api-key', Accept: 'application/json' });

  const list = await call({ path: `${CUSTOMERS}?site_id=${SITE}&limit=2` });
  const listExample = example('The first page, two customers a page', list, 200, AnyCustomerList);
  const [first] = (list.json as { data: SeededCustomer[] }).data;

  // The first seeded customer with every kind of related record shows expand at its fullest.
  const all = await call({ path: `${CUSTOMERS}?site_id=${SITE}&limit=100&expand=addresses,defaultSource,organization,subscriptions` });
  const rich =
    (all.json as { data: SeededCustomer[] }).data.find(
      (c) => c.addresses.length > 0 && c.subscriptions.length > 0 && c.organization !== null && c.default_source !== null,
    ) ?? first;

  const one = await call({ path: `${CUSTOMERS}/${first.id}?site_id=${SITE}` });
  const expanded = await call({
    path: `${CUSTOMERS}/${rich.id}?site_id=${SITE}&expand=addresses,defaultSource,organization,subscriptions`,
  });

  // A new customer modelled on a seeded one, under an address no seeded customer has.
  const createBody = {
    email: `new.${first.email ?? 'customer@example.com'}`,
    first_name: first.first_name,
    last_name: first.last_name,
    language: 'en',
    timezone: 'America/New_York',
    mail_marketing: true,
    metadata: { source: 'newsletter' },
  };
  const created = await call({ method: 'POST', path: `${CUSTOMERS}?site_id=${SITE}`, body: createBody });
  const createdId = (created.json as { data: { id: number } }).data.id;
  const taken = await call({ method: 'POST', path: `${CUSTOMERS}?site_id=${SITE}`, body: { email: first.email } });
  const empty = await call({ method: 'POST', path: `${CUSTOMERS}?site_id=${SITE}`, body: {} });

  const updateBody = { first_name: 'Alex', metadata: { segment: 'standard', source: null } };
  const updated = await call({ method: 'PUT', path: `${CUSTOMERS}/${createdId}?site_id=${SITE}`, body: updateBody });
  const badUpdate = await call({ method: 'PUT', path: `${CUSTOMERS}/${createdId}?site_id=${SITE}`, body: { email: 'not-an-email' } });

  const unknownId = 999999;
  const missing = await call({ path: `${CUSTOMERS}/${unknownId}?site_id=${SITE}` });
  const noSite = await call({ path: CUSTOMERS });
  const badQuery = await call({ path: `${CUSTOMERS}?site_id=${SITE}&limit=500&sort=name` });
  const anonymous = await call({ path: `${CUSTOMERS}?site_id=${SITE}`, headers: { Authorization: '' } });
  const deleted = await call({ method: 'DELETE', path: `${CUSTOMERS}/${createdId}?site_id=${SITE}` });
  if (deleted.status !== 204) throw new Error(`example delete: expected 204, the mock answered ${deleted.status}`);
  const deletedAgain = await call({ method: 'DELETE', path: `${CUSTOMERS}/${createdId}?site_id=${SITE}` });
  const notAllowed = await call({ method: 'PATCH', path: `${CUSTOMERS}/${first.id}?site_id=${SITE}`, body: {} });

  const unauthenticated = { unauthenticated: example('No API key', anonymous, 401, MessageError) };
  return {
    operations: {
      listCustomers: {
        parameters: { site_id: SITE, limit: 2, sort: '-email', expand: 'addresses,subscriptions', 'filter[email]': 'like:gmail.com' },
        responses: {
          200: { firstPage: listExample },
          400: {
            invalidQuery: example('A limit over 100 and an unknown sort', badQuery, 400, ValidationError),
            missingSite: example('No site_id', noSite, 400, ValidationError),
          },
          401: unauthenticated,
        },
      },
      createCustomer: {
        parameters: { site_id: SITE },
        requestBody: { customer: requestExample('A subscriber signing up', createBody, CustomerCreate) },
        responses: {
          201: { created: example('The new customer', created, 201, AnyCustomerEnvelope) },
          400: {
            emailTaken: example('An email already used on the site', taken, 400, ValidationError),
            noIdentity: example('None of email, old_provider_id, display_name', empty, 400, ValidationError),
          },
          401: unauthenticated,
        },
      },
      getCustomer: {
        parameters: { id: first.id, site_id: SITE, expand: 'addresses,defaultSource,organization,subscriptions' },
        responses: {
          200: {
            customer: example('Related records as ids (no expand)', one, 200, AnyCustomerEnvelope),
            expanded: example('Every relation expanded', expanded, 200, AnyCustomerEnvelope),
          },
          401: unauthenticated,
          404: { unknown: example('An id with no customer on the site', missing, 404, MessageError) },
        },
      },
      updateCustomer: {
        parameters: { id: createdId, site_id: SITE },
        requestBody: { rename: requestExample('A new first name; metadata merged, `source` removed', updateBody, CustomerUpdate) },
        responses: {
          200: { updated: example('The updated customer', updated, 200, AnyCustomerEnvelope) },
          400: { invalidEmail: example('An invalid email', badUpdate, 400, ValidationError) },
          401: unauthenticated,
        },
      },
      deleteCustomer: {
        parameters: { id: createdId, site_id: SITE },
        responses: {
          401: unauthenticated,
          404: { alreadyDeleted: example('A customer deleted before', deletedAgain, 404, MessageError) },
        },
      },
      ...(await pelcroMoreExamples()),
    },
    sharedResponses: { MethodNotAllowed: { patch: example('PATCH on a customer', notAllowed, 405, MessageError) } },
  };
}
