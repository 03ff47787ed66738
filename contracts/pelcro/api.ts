/**
 * Pelcro's Core API customer operations as an ApiDefinition, built from the schemas in this folder:
 * `npm run openapi` turns it into contracts/pelcro/openapi.json.
 */
import { z } from 'zod';
import type { ApiDefinition, OperationDefinition } from '../definition';
import {
  Address,
  Coupon,
  Customer,
  CustomerCreate,
  CustomerListQuery,
  CustomerUpdate,
  EXPAND_NAMES,
  Id,
  MessageError,
  Organization,
  PageLink,
  PaginationLinks,
  lengthAware,
  PaginationMeta,
  Plan,
  PlanProduct,
  SiteId,
  Source,
  Subscription,
  ValidationError,
} from './schemas';

/**
 * The customer as any `expand` leaves it: each relation is its ids unless named in `expand`, then
 * the full objects. (The schemas give the two extremes, `Customer` and `CustomerExpanded`; a
 * request may expand any subset, so the document describes each relation as either form.)
 */
export const AnyCustomer = Customer.extend({
  addresses: z.union([z.array(Id), z.array(Address)]).describe('Address ids, or the addresses with expand=addresses.'),
  default_source: Source.nullable().describe('null unless expand=defaultSource.'),
  organization: z.union([Id, Organization]).nullable().describe('The organization id, or the organization with expand=organization.'),
  subscriptions: z
    .union([z.array(Id), z.array(Subscription)])
    .describe('Subscription ids, or the subscriptions with expand=subscriptions.'),
});
export const AnyCustomerEnvelope = z.object({ data: AnyCustomer });
export const AnyCustomerList = lengthAware(z.object({ data: z.array(AnyCustomer), links: PaginationLinks, meta: PaginationMeta }));

/** The two long enums, named so that the create and update bodies share them. */
const Language = CustomerCreate.shape.language.unwrap().unwrap();
const Timezone = CustomerCreate.shape.timezone.unwrap().unwrap();

const siteId = SiteId.describe('The site the customer belongs to (required: in the query string, or in the body of a write).');
const expand = CustomerListQuery.shape.expand;

const SiteQuery = z.object({ site_id: siteId });
const ReadQuery = z.object({ site_id: siteId, expand });
/** A write may carry `site_id` in its body instead: Laravel reads query and body as one input. */
const WriteQuery = z.object({ site_id: siteId.optional() });
const IdPath = z.object({ id: Id.describe('The customer id (an integer).') });

import { BODY, operation, refusals, responses } from './api-kit';
import { resourceComponents, resourceOperations } from './api-resources';
import { sdkComponents, sdkOperations } from './api-sdk';

const operations: OperationDefinition[] = [
  operation('listCustomers', {
    summary: 'List customers',
    description:
      'Laravel length-aware pagination (`page`, `limit`), sorting on id or email, `expand`, and filters ' +
      '`filter[ATTR]=OPERATOR:VALUE` (beta). Metadata values filter as `filter[metadata.KEY]=OPERATOR:VALUE`.',
    parameters: { query: CustomerListQuery },
    responses: {
      200: { description: 'A page of customers.', schema: AnyCustomerList },
      ...refusals,
    },
  }),
  operation('createCustomer', {
    summary: 'Create a customer',
    description: 'Needs at least one of `email`, `old_provider_id`, `display_name`; `email` is unique per site.',
    parameters: { query: WriteQuery },
    requestBody: { schema: CustomerCreate, description: BODY },
    responses: {
      // A Laravel API resource of a model created in the request answers 201.
      201: { description: 'The new customer.', schema: AnyCustomerEnvelope },
      ...refusals,
      413: responses.tooLarge,
    },
  }),
  operation('getCustomer', {
    summary: 'Retrieve a customer',
    parameters: { path: IdPath, query: ReadQuery },
    responses: {
      200: { description: 'The customer.', schema: AnyCustomerEnvelope },
      ...refusals,
      404: responses.notFound,
    },
  }),
  operation('updateCustomer', {
    summary: 'Update a customer',
    description:
      'Every field optional. `metadata` is merged into the stored metadata (a key set to null is removed); ' +
      '`organization: null` removes the customer from its organization.',
    parameters: { path: IdPath, query: WriteQuery },
    requestBody: { schema: CustomerUpdate, description: BODY },
    responses: {
      200: { description: 'The updated customer.', schema: AnyCustomerEnvelope },
      ...refusals,
      404: responses.notFound,
      413: responses.tooLarge,
    },
  }),
  operation('deleteCustomer', {
    summary: 'Delete a customer',
    description: "A soft delete that also removes the customer's subscriptions, addresses and payment sources.",
    parameters: { path: IdPath, query: SiteQuery },
    responses: {
      // Pelcro documents "an empty response on success" without its status: the mock answers 204,
      // a deployment answering 200 with an empty body honours the documentation too.
      200: { description: 'Deleted; the body is empty.' },
      204: { description: 'Deleted; the body is empty.' },
      ...refusals,
      404: responses.notFound,
    },
  }),
  ...resourceOperations,
  ...sdkOperations,
];

export const pelcroApi: ApiDefinition = {
  info: {
    title: 'Pelcro Core API and Open API: customers',
    version: '1.0.0',
    description:
      "The customer endpoints of Pelcro's Core API (server to server) with its addresses and payment sources, and " +
      "the Open API's customer endpoints (what a website frontend calls), as served by the understudy mock. " +
      'Generated from the Zod schemas in contracts/pelcro/ by `npm run openapi`; do not edit by hand. ' +
      `Expandable relations: ${EXPAND_NAMES.join(', ')}.`,
  },
  servers: [
    { url: 'https://www.pelcro.com', description: 'Pelcro production' },
    { url: 'http://localhost:4010', description: 'understudy mock (default port)' },
  ],
  tags: [
    { name: 'Customers', description: 'Customer accounts of a site.' },
    { name: 'Addresses', description: "Customers' postal addresses." },
    { name: 'Payment sources', description: "Customers' payment methods." },
    { name: 'Open API', description: 'What a website frontend calls (/api/v1/sdk), authenticated as the customer.' },
  ],
  securitySchemes: {
    bearer: { type: 'http', scheme: 'bearer', description: "The site's API key: `Authorization: Bearer <API key>`." },
    customerToken: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: "The Open API's customer token (`data.auth_token` of register or login): `Authorization: Bearer <JWT>`.",
    },
  },
  security: [{ bearer: [] }],
  components: {
    Address,
    Coupon,
    Customer: AnyCustomer,
    CustomerCreate,
    CustomerEnvelope: AnyCustomerEnvelope,
    CustomerList: AnyCustomerList,
    CustomerUpdate,
    Language,
    MessageError,
    Organization,
    PageLink,
    PaginationLinks,
    PaginationMeta,
    Plan,
    PlanProduct,
    Source,
    Subscription,
    Timezone,
    ValidationError,
    ...resourceComponents,
    ...sdkComponents,
  },
  sharedResponses: {
    MethodNotAllowed: {
      description: 'A method the route does not support (Laravel names the route and its methods).',
      schema: MessageError,
      headers: { Allow: { description: 'The methods the route supports.', schema: z.string() } },
    },
  },
  operations,
};
