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
  ContactCreate,
  ContactList,
  ContactListQuery,
  ContactUpdate,
  Country,
  Customer,
  CustomerCreate,
  CustomerList,
  CustomerListQuery,
  CustomerUpdate,
  DetailError,
  FieldErrors,
  MAX_CONTACTS_PER_ORGUNIT,
  Source,
  SourceList,
  SourceListQuery,
  State,
} from './schemas';

/**
 * Any string reaches the view: an id that is not the resource's (malformed or unknown) is a 404,
 * so the parameter documents the format without enforcing it.
 */
const idPath = (what: string, prefix: string, example: string) =>
  z.object({
    id: z
      .string()
      .min(1)
      .meta({ description: `The ${what}'s id: \`${prefix}\` and 18–20 letters and digits.`, examples: [example] }),
  });
const IdPath = idPath('customer', 'cus_', 'cus_3ZkR8bQpW1xYt6NvLm2a');
const ContactIdPath = idPath('contact', 'con_', 'con_7hQ2mK9xPz4LwT1bN8vR');
const SourceIdPath = idPath('source', 'sou_', 'sou_5tGv8KpQ2wXz7LmN4bYc');

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
const CONTACT_TAGS = ['Contacts'];
const SOURCE_TAGS = ['Sources'];

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
  notFound: {
    description: `No customer with this id in the workspace: \`{"detail": "${MESSAGES.noMatch(MODEL_NAMES.customer)}"}\`.`,
    schema: DetailError,
  },
  forbidden: {
    description: `A workspace the token's user does not belong to: \`{"detail": "${MESSAGES.permissionDenied}"}\`.`,
    schema: DetailError,
  },
  tooLarge: { description: 'The request body is larger than the server accepts.', schema: DetailError },
  unsupported: { description: 'A body in a media type the API does not parse.', schema: DetailError },
} satisfies Record<string, ResponseDefinition>;

/** PUT and PATCH answer alike: DRF's UpdateModelMixin serves both. */
const updateResponses: OperationDefinition['responses'] = {
  200: { description: 'The updated customer.', schema: Customer },
  400: responses.invalid,
  401: responses.unauthenticated,
  403: responses.forbidden,
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
      403: responses.forbidden,
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
      403: responses.forbidden,
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
      403: responses.forbidden,
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
  {
    ...operation('deleteCustomer'),
    summary: 'Delete or archive a customer',
    description:
      'A customer with non-draft invoices, subscriptions, or payment sources holding value or payments is archived ' +
      '(`status` becomes `archived`; it stays retrievable); any other is deleted for good (then 404).',
    tags: TAGS,
    parameters: { path: IdPath, header: Headers },
    responses: {
      204: { description: 'Deleted or archived.' },
      400: {
        description: `The customer has active subscriptions: \`{"non_field_errors": ["${MESSAGES.activeSubscriptions}"]}\`. ${WORKSPACE_400}`,
        schema: FieldErrors,
      },
      401: responses.unauthenticated,
      403: responses.forbidden,
      404: responses.notFound,
    },
  },
  ...contactOperations(),
  ...sourceOperations(),
];

function contactOperations(): OperationDefinition[] {
  const notFound = {
    description: `No contact with this id: \`{"detail": "${MESSAGES.noMatch(MODEL_NAMES.contact)}"}\`.`,
    schema: DetailError,
  };
  const invalid = {
    ...responses.invalid,
    description:
      `${responses.invalid.description} A customer that does not exist: \`{"customer": ["${MESSAGES.relatedNotFound('cus_…')}"]}\`; ` +
      `more than ${MAX_CONTACTS_PER_ORGUNIT} contacts of one customer in one org unit: \`{"non_field_errors": ["${MESSAGES.tooManyContacts(MAX_CONTACTS_PER_ORGUNIT)}"]}\`.`,
  };
  const write = {
    400: invalid,
    401: responses.unauthenticated,
    403: responses.forbidden,
    413: responses.tooLarge,
    415: responses.unsupported,
  };
  const update: OperationDefinition['responses'] = {
    200: { description: 'The updated contact.', schema: Contact },
    ...write,
    404: notFound,
  };
  return [
    {
      ...operation('listContacts'),
      summary: 'List contacts',
      description: 'DRF page-number pagination; django-filter filters. Newest first.',
      tags: CONTACT_TAGS,
      parameters: { query: ContactListQuery, header: Headers },
      responses: {
        200: { description: 'A page of contacts.', schema: ContactList },
        400: { description: `A filter with an invalid value (django-filter field errors). ${WORKSPACE_400}`, schema: FieldErrors },
        401: responses.unauthenticated,
        403: responses.forbidden,
        404: { description: `A page past the end: \`{"detail": "${MESSAGES.invalidPage}"}\`.`, schema: DetailError },
      },
    },
    {
      ...operation('createContact'),
      summary: 'Create a contact',
      tags: CONTACT_TAGS,
      parameters: { header: Headers },
      requestBody: { schema: ContactCreate },
      responses: { 201: { description: 'The new contact.', schema: Contact }, ...write },
    },
    {
      ...operation('getContact'),
      summary: 'Retrieve a contact',
      tags: CONTACT_TAGS,
      parameters: { path: ContactIdPath, header: Headers },
      responses: {
        200: { description: 'The contact.', schema: Contact },
        400: { description: WORKSPACE_400, schema: FieldErrors },
        401: responses.unauthenticated,
        403: responses.forbidden,
        404: notFound,
      },
    },
    {
      ...operation('updateContact'),
      summary: 'Replace a contact',
      tags: CONTACT_TAGS,
      parameters: { path: ContactIdPath, header: Headers },
      requestBody: { schema: ContactCreate },
      responses: update,
    },
    {
      ...operation('partialUpdateContact'),
      summary: 'Update some fields of a contact',
      tags: CONTACT_TAGS,
      parameters: { path: ContactIdPath, header: Headers },
      requestBody: { schema: ContactUpdate },
      responses: update,
    },
    {
      ...operation('deleteContact'),
      summary: 'Delete a contact',
      tags: CONTACT_TAGS,
      parameters: { path: ContactIdPath, header: Headers },
      responses: {
        204: { description: "Deleted (it leaves its customer's `contacts`)." },
        400: { description: WORKSPACE_400, schema: FieldErrors },
        401: responses.unauthenticated,
        403: responses.forbidden,
        404: notFound,
      },
    },
  ];
}

function sourceOperations(): OperationDefinition[] {
  return [
    {
      ...operation('listSources'),
      summary: 'List payment sources',
      description: 'DRF page-number pagination; django-filter filters. Newest first.',
      tags: SOURCE_TAGS,
      parameters: { query: SourceListQuery, header: Headers },
      responses: {
        200: { description: 'A page of sources.', schema: SourceList },
        400: { description: `A filter with an invalid value (django-filter field errors). ${WORKSPACE_400}`, schema: FieldErrors },
        401: responses.unauthenticated,
        403: responses.forbidden,
        404: { description: `A page past the end: \`{"detail": "${MESSAGES.invalidPage}"}\`.`, schema: DetailError },
      },
    },
    {
      ...operation('getSource'),
      summary: 'Retrieve a payment source',
      tags: SOURCE_TAGS,
      parameters: { path: SourceIdPath, header: Headers },
      responses: {
        200: { description: 'The source.', schema: Source },
        400: { description: WORKSPACE_400, schema: FieldErrors },
        401: responses.unauthenticated,
        403: responses.forbidden,
        404: { description: `No source with this id: \`{"detail": "${MESSAGES.noMatch(MODEL_NAMES.source)}"}\`.`, schema: DetailError },
      },
    },
  ];
}

export const piriodApi: ApiDefinition = {
  info: {
    title: 'Piriod API: customers, contacts and sources',
    version: '1.0.0',
    description:
      "The customer, contact and payment-source endpoints of Piriod's REST API (Django REST Framework), as served by the understudy mock. " +
      'Generated from the Zod schemas in contracts/piriod/ by `npm run openapi`; do not edit by hand. ' +
      'Paths end with a slash, as DRF routes them.',
  },
  servers: [
    { url: 'https://api.piriod.com', description: 'Piriod production' },
    { url: 'http://localhost:4010', description: 'understudy mock (default port)' },
  ],
  tags: [
    { name: 'Customers', description: 'The customers of a workspace.' },
    { name: 'Contacts', description: "The people a customer's invoices and reminders go to." },
    { name: 'Sources', description: "The customers' payment sources." },
  ],
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
    ContactCreate,
    ContactList,
    ContactUpdate,
    Country,
    Customer,
    CustomerCreate,
    CustomerList,
    CustomerUpdate,
    DetailError,
    FieldErrors,
    Source,
    SourceList,
    State,
  },
  sharedResponses: {
    MethodNotAllowed: {
      description: `A method the path does not support, e.g. \`{"detail": ${JSON.stringify(MESSAGES.methodNotAllowed('POST'))}}\`.`,
      schema: DetailError,
      headers: { Allow: { description: 'The methods the path supports.', schema: z.string() } },
    },
  },
  operations,
};
