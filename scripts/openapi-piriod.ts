/**
 * Piriod's OpenAPI examples, drawn from the seeded mock (seed 1, default scenario, frozen time):
 * real answers of the mock to real requests, each checked against its schema.
 */
import type { ApiExamples } from '../contracts/definition';
import {
  Contact,
  ContactCreate,
  ContactList,
  ContactUpdate,
  Customer,
  CustomerCreate,
  CustomerList,
  CustomerUpdate,
  DetailError,
  FieldErrors,
  Source,
  SourceList,
} from '../contracts/piriod/schemas';
import { createApp } from '../src/app';
import { FROZEN_AT, SEED, caller, example, requestExample } from './openapi-examples';

const WORKSPACE = 'acc_8Kd2LmQ9xW4pZ7TbN1vR';

export async function piriodExamples(): Promise<ApiExamples> {
  const app = createApp({ seed: SEED, freezeTime: FROZEN_AT, providers: ['piriod'] });
  const call = caller(app, { Authorization: 'Token example-api-key', 'X-Simple-Workspace': WORKSPACE, Accept: 'application/json' });

  const list = await call({ path: '/customers/?page_size=2' });
  const listExample = example('The first page, two customers a page', list, 200, CustomerList);
  const page = list.json as { results: Customer[] };
  // The first seeded customer of a regulated country with contacts and sources shows the most.
  const all = (await call({ path: '/customers/?page_size=100' })).json as { results: Customer[] };
  const rich =
    all.results.find((c) => c.country?.id === 'CL' && c.state && c.contacts.length > 0 && c.sources.length > 0) ?? page.results[0];

  const one = await call({ path: `/customers/${rich.id}/` });

  // A new customer modelled on the seeded one: its write fields, as a client would send them.
  const createBody = {
    name: rich.name,
    email: rich.email,
    country: rich.country?.id,
    state: rich.state?.id,
    tax_id: rich.tax_id,
    address: rich.address,
    phone: rich.phone,
    website: rich.website,
    metadata: rich.metadata,
    tax_settings: rich.tax_settings,
  };
  const created = await call({ method: 'POST', path: '/customers/', body: createBody });
  const createdId = (created.json as { id: string }).id;
  const missingName = await call({ method: 'POST', path: '/customers/', body: { email: 'not-an-email', country: 'CL' } });
  const badJson = await call({ method: 'POST', path: '/customers/', raw: '{"name": "Comercial', contentType: 'application/json' });
  const textBody = await call({ method: 'POST', path: '/customers/', raw: 'name=Comercial', contentType: 'text/plain' });

  const replaceBody = { ...createBody, name: `${rich.name.replace(/\.$/, '')} (Valparaíso)`.slice(0, 100) };
  const replaced = await call({ method: 'PUT', path: `/customers/${createdId}/`, body: replaceBody });
  const badTaxId = await call({ method: 'PUT', path: `/customers/${createdId}/`, body: { ...createBody, tax_id: '12.345.678-9' } });

  const patchBody = { email: 'facturacion@example.cl', metadata: { crm_id: 'HS-20001' } };
  const patched = await call({ method: 'PATCH', path: `/customers/${createdId}/`, body: patchBody });
  const badPatch = await call({ method: 'PATCH', path: `/customers/${createdId}/`, body: { country: 'XX' } });

  const unknownId = 'cus_0000000000000000000000';
  const missing = await call({ path: `/customers/${unknownId}/` });
  const pastEnd = await call({ path: '/customers/?page=999' });
  const badFilter = await call({ path: '/customers/?country=XX&created__gte=yesterday' });
  const anonymous = await call({ path: '/customers/', headers: { Authorization: '' } });
  const badToken = await call({ path: '/customers/', headers: { Authorization: 'Token two words' } });
  const notAllowed = await call({ method: 'POST', path: `/customers/${rich.id}/`, body: {} });
  const subscriber = all.results.find((c) => c.aggregations.sales_current_period > 0) ?? rich;
  const refusedDelete = await call({ method: 'DELETE', path: `/customers/${subscriber.id}/` });

  const contactBody = { name: 'Valentina Rojas Soto', email: 'valentina.rojas@example.cl', customer: createdId, phone: '+56912345678' };
  const contact = await call({ method: 'POST', path: '/contacts/', body: contactBody });
  const contactId = (contact.json as { id: string }).id;
  const oneContact = await call({ path: `/contacts/${contactId}/` });
  const contactReplace = { ...contactBody, name: 'Valentina Rojas', collections: false };
  const contactReplaced = await call({ method: 'PUT', path: `/contacts/${contactId}/`, body: contactReplace });
  const contactPatch = { invoicing: false };
  const contactPatched = await call({ method: 'PATCH', path: `/contacts/${contactId}/`, body: contactPatch });
  const orphan = await call({ method: 'POST', path: '/contacts/', body: { ...contactBody, customer: unknownId } });
  const contacts = await call({ path: `/contacts/?customer=${rich.id}` });
  const sources = await call({ path: `/sources/?customer=${rich.id}` });
  const sourceId = (sources.json as { results: { id: string }[] }).results[0]?.id;
  const source = await call({ path: `/sources/${sourceId}/` });

  const unauthenticated = {
    missing: example('No credentials', anonymous, 401, DetailError),
    malformed: example('A token with a space in it', badToken, 401, DetailError),
  };
  const invalidBody = {
    fieldErrors: example("Field errors, in the serializer's field order", missingName, 400, FieldErrors),
    parseError: example('A body that is not JSON', badJson, 400, DetailError),
  };
  const unsupported = { textPlain: example('A text/plain body', textBody, 415, DetailError) };
  const notFound = { unknown: example('An id with no customer', missing, 404, DetailError) };
  return {
    operations: {
      listCustomers: {
        parameters: { page_size: 2, ordering: '-created', country: 'CL', search: 'andes', 'X-Simple-Workspace': WORKSPACE },
        responses: {
          200: { firstPage: listExample },
          400: { invalidFilters: example('An unknown country and an unreadable date', badFilter, 400, FieldErrors) },
          401: unauthenticated,
          404: { pastTheEnd: example('A page past the end', pastEnd, 404, DetailError) },
        },
      },
      createCustomer: {
        requestBody: { chileanCompany: requestExample('A Chilean company, tax id (RUT) included', createBody, CustomerCreate) },
        responses: {
          201: { created: example('The new customer', created, 201, Customer) },
          400: invalidBody,
          401: unauthenticated,
          415: unsupported,
        },
      },
      getCustomer: {
        parameters: { id: rich.id },
        responses: {
          200: { customer: example('A customer with contacts and payment sources', one, 200, Customer) },
          401: unauthenticated,
          404: notFound,
        },
      },
      updateCustomer: {
        parameters: { id: createdId },
        requestBody: { replace: requestExample('Every field again, the name changed', replaceBody, CustomerCreate) },
        responses: {
          200: { replaced: example('The replaced customer', replaced, 200, Customer) },
          400: { invalidTaxId: example('A RUT whose check digit is wrong', badTaxId, 400, FieldErrors) },
          401: unauthenticated,
          404: notFound,
        },
      },
      partialUpdateCustomer: {
        parameters: { id: createdId },
        requestBody: { contact: requestExample('A new billing email; metadata replaced', patchBody, CustomerUpdate) },
        responses: {
          200: { updated: example('The updated customer', patched, 200, Customer) },
          400: { invalidCountry: example('A country code that does not exist', badPatch, 400, FieldErrors) },
          401: unauthenticated,
          404: notFound,
          415: unsupported,
        },
      },
      deleteCustomer: {
        parameters: { id: subscriber.id },
        responses: {
          400: { activeSubscriptions: example('A customer billed this period', refusedDelete, 400, FieldErrors) },
          401: unauthenticated,
          404: notFound,
        },
      },
      listContacts: {
        parameters: { customer: rich.id },
        responses: { 200: { ofCustomer: example("A customer's contacts", contacts, 200, ContactList) } },
      },
      createContact: {
        requestBody: { contact: requestExample('A billing contact', contactBody, ContactCreate) },
        responses: {
          201: { created: example('The new contact', contact, 201, Contact) },
          400: { unknownCustomer: example('A customer that does not exist', orphan, 400, FieldErrors) },
        },
      },
      getContact: { parameters: { id: contactId }, responses: { 200: { contact: example('A contact', oneContact, 200, Contact) } } },
      updateContact: {
        parameters: { id: contactId },
        requestBody: { replace: requestExample('Every field again, collections off', contactReplace, ContactCreate) },
        responses: { 200: { replaced: example('The replaced contact', contactReplaced, 200, Contact) } },
      },
      partialUpdateContact: {
        parameters: { id: contactId },
        requestBody: { invoicing: requestExample('No more invoices to this contact', contactPatch, ContactUpdate) },
        responses: { 200: { updated: example('The updated contact', contactPatched, 200, Contact) } },
      },
      listSources: {
        parameters: { customer: rich.id },
        responses: { 200: { ofCustomer: example("A customer's payment sources", sources, 200, SourceList) } },
      },
      getSource: { parameters: { id: sourceId }, responses: { 200: { source: example('A payment source', source, 200, Source) } } },
    },
    sharedResponses: { MethodNotAllowed: { post: example('POST on a customer', notAllowed, 405, DetailError) } },
  };
}
