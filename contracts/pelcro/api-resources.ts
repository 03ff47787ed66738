/**
 * The Core API's addresses and payment sources as operations of the API definition
 * (`contracts/pelcro/api.ts` gathers them into the OpenAPI document).
 */
import { z } from 'zod';
import type { OperationDefinition } from '../definition';
import { BODY, operation, refusals, responses } from './api-kit';
import {
  AddressCreate,
  AddressEnvelope,
  AddressList,
  AddressListQuery,
  AddressUpdate,
  Id,
  MessageError,
  SiteId,
  SourceCreate,
  SourceEnvelope,
} from './schemas';

const siteId = SiteId.describe(
  'The site of the customer the record belongs to (required: in the query string, or in the body of a write).',
);
const SiteQuery = z.object({ site_id: siteId });
const WriteQuery = z.object({ site_id: siteId.optional() });
const AddressPath = z.object({ id: Id.describe('The address id (an integer).') });
const SourcePath = z.object({ id: Id.describe('The payment source id (an integer).') });

const notFound = (what: string) => ({ description: `No ${what} of a customer of this site with this id.`, schema: MessageError });
const deleted = { description: 'Deleted; the body is empty.' };

export const resourceOperations: OperationDefinition[] = [
  operation(
    'listAddresses',
    {
      summary: 'List addresses',
      description: "The addresses of the site's customers (of one with `customer_id`), in Laravel's length-aware pagination.",
      parameters: { query: AddressListQuery },
      responses: { 200: { description: 'A page of addresses.', schema: AddressList }, ...refusals },
    },
    'Addresses',
  ),
  operation(
    'createAddress',
    {
      summary: 'Create an address',
      description:
        '`customer_id`, `type`, `line1` and `country` are required; `state` too for CA, US and AU. An address made ' +
        'the default (`is_default`) stops the other default of its type being one.',
      parameters: { query: WriteQuery },
      requestBody: { schema: AddressCreate, description: BODY },
      responses: { 201: { description: 'The new address.', schema: AddressEnvelope }, ...refusals, 413: responses.tooLarge },
    },
    'Addresses',
  ),
  operation(
    'getAddress',
    {
      summary: 'Retrieve an address',
      parameters: { path: AddressPath, query: SiteQuery },
      responses: { 200: { description: 'The address.', schema: AddressEnvelope }, ...refusals, 404: notFound('address') },
    },
    'Addresses',
  ),
  operation(
    'updateAddress',
    {
      summary: 'Update an address',
      description: 'Every field optional; `type`, `line1` and `country` cannot be set to null.',
      parameters: { path: AddressPath, query: WriteQuery },
      requestBody: { schema: AddressUpdate, description: BODY },
      responses: {
        200: { description: 'The updated address.', schema: AddressEnvelope },
        ...refusals,
        404: notFound('address'),
        413: responses.tooLarge,
      },
    },
    'Addresses',
  ),
  operation(
    'deleteAddress',
    {
      summary: 'Delete an address',
      parameters: { path: AddressPath, query: SiteQuery },
      responses: { 200: deleted, 204: deleted, ...refusals, 404: notFound('address') },
    },
    'Addresses',
  ),
  operation(
    'createSource',
    {
      summary: 'Create a payment source',
      description: "Records the gateway's object for the customer; a customer's first source becomes its default.",
      parameters: { query: WriteQuery },
      requestBody: { schema: SourceCreate, description: BODY },
      responses: { 201: { description: 'The new source.', schema: SourceEnvelope }, ...refusals, 413: responses.tooLarge },
    },
    'Payment sources',
  ),
  operation(
    'deleteSource',
    {
      summary: 'Delete a payment source',
      description: 'A soft delete; a source a subscription uses answers 400 "Cannot delete source already associated to a subscription".',
      parameters: { path: SourcePath, query: SiteQuery },
      responses: {
        200: deleted,
        204: deleted,
        400: { description: 'Invalid input, or a source a subscription uses.', schema: [responses.badRequest.schema, MessageError] },
        401: refusals[401],
        403: refusals[403],
        404: notFound('payment source'),
      },
    },
    'Payment sources',
  ),
];

export const resourceComponents = { AddressCreate, AddressUpdate, AddressEnvelope, AddressList, SourceCreate, SourceEnvelope };
