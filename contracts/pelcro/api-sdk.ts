/**
 * The Open API's customer endpoints (`/api/v1/sdk`) as operations of the API definition: what a
 * website's frontend calls through the pelcro-js SDK, authenticated as the customer.
 */
import { z } from 'zod';
import type { OperationDefinition, ResponseDefinition } from '../definition';
import { BODY, operation, responses } from './api-kit';
import {
  Id,
  MessageError,
  SdkAddressCreate,
  SdkAddressUpdate,
  SdkCustomer,
  SdkCustomerEnvelope,
  SdkCustomerUpdate,
  SdkEmailInUse,
  SdkLogin,
  SdkPaymentMethod,
  SdkPaymentMethodCreate,
  SdkPaymentMethodEnvelope,
  SdkPaymentMethodList,
  SdkPaymentMethodUpdate,
  SdkRegister,
  SiteId,
} from './schemas';

const TAG = 'Open API';
const SiteQuery = z.object({ site_id: SiteId.describe('The site the frontend belongs to (required on every call).') });
const AccountHeader = z.object({
  'X-Understudy-Account': z
    .string()
    .optional()
    .describe(
      "Not Pelcro's: the understudy mock's choice of sandbox (the API key whose data the call reaches); without it, " +
        'the default key. A real deployment ignores it.',
    ),
});
const PaymentMethodPath = z.object({ id: Id.describe('The payment method (source) id.') });

const customer = (description: string): ResponseDefinition => ({ description, schema: SdkCustomerEnvelope });
const badRequest = responses.badRequest;
const noToken = { description: 'No customer token.', schema: MessageError };
const badToken = { description: 'The customer token is invalid, expired or logged out.', schema: MessageError };
/** What every protected call may answer besides its success. */
const protectedRefusals = { 400: badRequest, 401: noToken, 403: badToken };
const customerToken = [{ customerToken: [] }];

export const sdkOperations: OperationDefinition[] = [
  operation(
    'sdkRegister',
    {
      summary: 'Register a customer',
      description: 'Creates the customer on the site and signs it in: the answer carries its token (`data.auth_token`).',
      parameters: { query: SiteQuery, header: AccountHeader },
      requestBody: { schema: SdkRegister, description: BODY },
      security: [],
      responses: {
        201: customer('The new customer, signed in.'),
        400: {
          description: 'Invalid input; a taken email is "This email is already in use." with `registered_on_other_sites`.',
          schema: [badRequest.schema, SdkEmailInUse],
        },
        413: responses.tooLarge,
      },
    },
    TAG,
  ),
  operation(
    'sdkLogin',
    {
      summary: 'Sign a customer in',
      description: '`email` or `username`, and `password`. Wrong credentials answer 400 with the message under the field sent.',
      parameters: { query: SiteQuery, header: AccountHeader },
      requestBody: { schema: SdkLogin, description: BODY },
      security: [],
      responses: { 200: customer('The customer, signed in.'), 400: badRequest, 413: responses.tooLarge },
    },
    TAG,
  ),
  operation(
    'sdkLogout',
    {
      summary: 'Sign the customer out',
      description: 'The token can no longer be used.',
      parameters: { query: SiteQuery },
      security: customerToken,
      responses: { 200: { description: 'Signed out.', schema: MessageError }, ...protectedRefusals },
    },
    TAG,
  ),
  operation(
    'sdkGetCustomer',
    {
      summary: 'The current customer',
      description: 'A POST, not a GET: the customer the token names.',
      parameters: { query: SiteQuery },
      security: customerToken,
      responses: { 200: customer('The customer.'), ...protectedRefusals },
    },
    TAG,
  ),
  operation(
    'sdkUpdateCustomer',
    {
      summary: 'Update the current customer',
      description: 'A partial update; the answer carries a fresh token. A new email is unconfirmed (`email_confirm: false`).',
      parameters: { query: SiteQuery },
      requestBody: { schema: SdkCustomerUpdate, description: BODY },
      security: customerToken,
      responses: { 200: customer('The updated customer, with a fresh token.'), ...protectedRefusals, 413: responses.tooLarge },
    },
    TAG,
  ),
  operation(
    'sdkRefreshToken',
    {
      summary: 'Refresh the customer token',
      description: 'A new token; the one sent can no longer be used. A missing or invalid token answers 401.',
      parameters: { query: SiteQuery },
      security: customerToken,
      responses: {
        200: customer('The customer with its new token.'),
        400: badRequest,
        401: { description: 'No token, or one that cannot be refreshed.', schema: MessageError },
      },
    },
    TAG,
  ),
  operation(
    'sdkCreateAddress',
    {
      summary: 'Add an address to the current customer',
      description: '`line1` and `country` are required (`state` too for CA, US, AU); `type` defaults to shipping.',
      parameters: { query: SiteQuery },
      requestBody: { schema: SdkAddressCreate, description: BODY },
      security: customerToken,
      responses: { 200: customer('The customer, the new address among `addresses`.'), ...protectedRefusals, 413: responses.tooLarge },
    },
    TAG,
  ),
  operation(
    'sdkUpdateAddress',
    {
      summary: "Change one of the current customer's addresses",
      description:
        '`address_id` names the address (required); the other fields follow the Core update: `type`, `line1` and `country` ' +
        'cannot be set to null, `state` is required for CA, US, AU, and a new default clears the default of its type.',
      parameters: { query: SiteQuery },
      requestBody: { schema: SdkAddressUpdate, description: BODY },
      security: customerToken,
      responses: {
        200: customer('The customer, the changed address among `addresses`.'),
        ...protectedRefusals,
        404: { description: 'No address of the current customer has that id.', schema: MessageError },
        413: responses.tooLarge,
      },
    },
    TAG,
  ),
  operation(
    'sdkListPaymentMethods',
    {
      summary: "The current customer's payment methods",
      description: 'Every payment method of the customer the token names, unpaginated.',
      parameters: { query: SiteQuery },
      security: customerToken,
      responses: { 200: { description: 'The payment methods.', schema: SdkPaymentMethodList }, ...protectedRefusals },
    },
    TAG,
  ),
  operation(
    'sdkCreatePaymentMethod',
    {
      summary: 'Add a payment method to the current customer',
      description: "The gateway's `token` is required: without it the answer is 404. At most 200 per customer.",
      parameters: { query: SiteQuery },
      requestBody: { schema: SdkPaymentMethodCreate, description: BODY },
      security: customerToken,
      responses: {
        201: { description: 'The new payment method.', schema: SdkPaymentMethodEnvelope },
        ...protectedRefusals,
        404: { description: 'No token sent, or the customer holds the most payment methods allowed.', schema: MessageError },
        413: responses.tooLarge,
      },
    },
    TAG,
  ),
  operation(
    'sdkGetPaymentMethod',
    {
      summary: 'One payment method of the current customer',
      parameters: { path: PaymentMethodPath, query: SiteQuery },
      security: customerToken,
      responses: {
        200: { description: 'The payment method.', schema: SdkPaymentMethodEnvelope },
        ...protectedRefusals,
        404: { description: 'No payment method of the current customer with this id.', schema: MessageError },
      },
    },
    TAG,
  ),
  operation(
    'sdkUpdatePaymentMethod',
    {
      summary: "Make a payment method the customer's default",
      parameters: { path: PaymentMethodPath, query: SiteQuery },
      requestBody: { schema: SdkPaymentMethodUpdate, description: BODY },
      security: customerToken,
      responses: {
        200: { description: 'The payment method.', schema: SdkPaymentMethodEnvelope },
        ...protectedRefusals,
        404: { description: 'No payment method of the current customer with this id.', schema: MessageError },
      },
    },
    TAG,
  ),
  operation(
    'sdkDeletePaymentMethod',
    {
      summary: 'Delete a payment method of the current customer',
      description:
        "Only a `deletable` one that is not the default: a subscription's payment method, or the default, answers 400. " +
        'The answer is the payment method deleted.',
      parameters: { path: PaymentMethodPath, query: SiteQuery },
      security: customerToken,
      responses: {
        200: { description: 'The payment method deleted.', schema: SdkPaymentMethodEnvelope },
        400: { description: 'Invalid input, or a payment method that cannot be deleted.', schema: [badRequest.schema, MessageError] },
        401: noToken,
        403: badToken,
        404: { description: 'No payment method of the current customer with this id.', schema: MessageError },
      },
    },
    TAG,
  ),
];

export const sdkComponents = {
  SdkCustomer,
  SdkCustomerEnvelope,
  SdkPaymentMethod,
  SdkPaymentMethodEnvelope,
  SdkPaymentMethodList,
  SdkRegister,
  SdkLogin,
  SdkCustomerUpdate,
  SdkAddressCreate,
  SdkAddressUpdate,
  SdkPaymentMethodCreate,
  SdkPaymentMethodUpdate,
  SdkEmailInUse,
};
