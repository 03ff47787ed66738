/**
 * Piriod's customer operations as an ApiDefinition, built from the schemas in this folder:
 * `npm run openapi` turns it into contracts/piriod/openapi.json.
 */
import { z } from 'zod';
import { MESSAGES, MODEL_NAMES } from './messages';
import { routeOf, type OperationId } from './routes';
import type { ApiDefinition, OperationDefinition, ResponseDefinition } from '../definition';
import {
  Aggregations,
  Contact,
  Country,
  Customer,
  CustomerCreate,
  CustomerList,
  CustomerListQuery,
  CustomerUpdate,
  DetailError,
  FieldErrors,
  Source,
  State,
} from './schemas';

/**
 * Any string reaches the view: an id that is not a customer's (malformed or unknown) is a 404, so
 * the parameter documents the format without enforcing it.
 */
const IdPath = z.object({
  id: z
    .string()
    .min(1)
    .meta({
      description: "The customer's id: `cus_` and 18–20 letters and digits.",
      examples: ['cus_3ZkR8bQpW1xYt6NvLm2a'],
    }),
});

/** The headers the official client sends besides Authorization. */
const Headers = z.object({
  'X-Simple-Workspace': z
    .string()
    .optional()
    .meta({
      description: 'The workspace (`acc_…`) the call is for; the newer API answers 400 without it.',
      examples: ['acc_8Kd2LmQ9xW4pZ7TbN1vR'],
    }),
  'X-Piriod-Test-Mode': z
    .string()
    .optional()
    .meta({ description: '`true` to work on the test-mode data of the workspace.', examples: ['true'] }),
});

const TAGS = ['Customers'];

/** An operation's id, method and path, from its declared route. */
function operation(operationId: OperationId) {
  const route = routeOf(operationId);
  return { operationId, method: route.method.toLowerCase() as OperationDefinition['method'], path: route.path };
}
const WORKSPACE_400 = `Without \`X-Simple-Workspace\`, where the API requires it: \`{"non_field_errors": ["${MESSAGES.workspaceRequired}"]}\`.`;

const responses = {
  invalid: {
    description:
      'Invalid input: DRF field errors (`{"field": ["message"]}`, `non_field_errors` for the body as a whole), or ' +
      `\`{"detail": "${MESSAGES.parseError('json', '…')}"}\` for a body that is not JSON. ${WORKSPACE_400}`,
    schema: [FieldErrors, DetailError],
  },
  unauthenticated: {
    description: 'Missing, malformed or unknown credentials.',
    schema: DetailError,
    headers: { 'WWW-Authenticate': { description: 'The scheme DRF asks for: `Token`.', schema: z.string() } },
  },
  notFound: { description: `No customer with this id: \`{"detail": "${MESSAGES.noMatch(MODEL_NAMES.customer)}"}\`.`, schema: DetailError },
  tooLarge: { description: 'The request body is larger than the server accepts.', schema: DetailError },
  unsupported: { description: 'A body in a media type the API does not parse.', schema: DetailError },
} satisfies Record<string, ResponseDefinition>;

/** PUT and PATCH answer alike: DRF's UpdateModelMixin serves both. */
const updateResponses: OperationDefinition['responses'] = {
  200: { description: 'The updated customer.', schema: Customer },
  400: responses.invalid,
  401: responses.unauthenticated,
  404: responses.notFound,
  413: responses.tooLarge,
  415: responses.unsupported,
};

const operations: OperationDefinition[] = [
  {
    ...operation('listCustomers'),
    summary: 'List customers',
    description:
      'DRF page-number pagination (`page`, `page_size`); django-filter filters with their lookups; ' +
      '`search` over name, email and tax id; `ordering`. Unknown parameters are ignored.',
    tags: TAGS,
    parameters: { query: CustomerListQuery, header: Headers },
    responses: {
      200: { description: 'A page of customers.', schema: CustomerList },
      400: {
        description:
          `A filter with an invalid value (django-filter field errors), or a \`search\` DRF refuses outside a ` +
          `serializer, which answers a bare list of messages. ${WORKSPACE_400}`,
        schema: [FieldErrors, z.array(z.string())],
      },
      401: responses.unauthenticated,
      404: { description: `A page past the end: \`{"detail": "${MESSAGES.invalidPage}"}\`.`, schema: DetailError },
    },
  },
  {
    ...operation('createCustomer'),
    summary: 'Create a customer',
    tags: TAGS,
    parameters: { header: Headers },
    requestBody: { schema: CustomerCreate },
    responses: {
      201: { description: 'The new customer.', schema: Customer },
      400: responses.invalid,
      401: responses.unauthenticated,
      413: responses.tooLarge,
      415: responses.unsupported,
    },
  },
  {
    ...operation('getCustomer'),
    summary: 'Retrieve a customer',
    tags: TAGS,
    parameters: { path: IdPath, header: Headers },
    responses: {
      200: { description: 'The customer.', schema: Customer },
      400: { description: WORKSPACE_400, schema: FieldErrors },
      401: responses.unauthenticated,
      404: responses.notFound,
    },
  },
  {
    ...operation('updateCustomer'),
    summary: 'Replace a customer',
    description: 'A full update: what a create requires is required again (the official client updates with PUT).',
    tags: TAGS,
    parameters: { path: IdPath, header: Headers },
    requestBody: { schema: CustomerCreate },
    responses: updateResponses,
  },
  {
    ...operation('partialUpdateCustomer'),
    summary: 'Update some fields of a customer',
    tags: TAGS,
    parameters: { path: IdPath, header: Headers },
    requestBody: { schema: CustomerUpdate },
    responses: updateResponses,
  },
];

export const piriodApi: ApiDefinition = {
  info: {
    title: 'Piriod API: customers',
    version: '1.0.0',
    description:
      "The customer endpoints of Piriod's REST API (Django REST Framework), as served by the understudy mock. " +
      'Generated from the Zod schemas in contracts/piriod/ by `npm run openapi`; do not edit by hand. ' +
      'Paths end with a slash, as DRF routes them.',
  },
  servers: [
    { url: 'https://api.piriod.com', description: 'Piriod production' },
    { url: 'http://localhost:4010', description: 'understudy mock (default port)' },
  ],
  tags: [{ name: 'Customers', description: 'The customers of a workspace.' }],
  securitySchemes: {
    token: {
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
      description: 'DRF TokenAuthentication, as the official client sends it: `Authorization: Token <key>`.',
    },
    bearer: { type: 'http', scheme: 'bearer', description: 'As the API reference shows it: `Authorization: Bearer <token>`.' },
  },
  security: [{ token: [] }, { bearer: [] }],
  components: {
    Aggregations,
    Contact,
    Country,
    Customer,
    CustomerCreate,
    CustomerList,
    CustomerUpdate,
    DetailError,
    FieldErrors,
    Source,
    State,
  },
  sharedResponses: {
    MethodNotAllowed: {
      description: `A method the path does not support, e.g. \`{"detail": ${JSON.stringify(MESSAGES.methodNotAllowed('DELETE'))}}\`.`,
      schema: DetailError,
      headers: { Allow: { description: 'The methods the path supports.', schema: z.string() } },
    },
  },
  operations,
};
