import { describe, expect, it } from 'vitest';
import { CONTACT_FIELDS, CUSTOMER_FIELDS, call, seededApp } from './helpers';

// The descriptions below are what DRF's SimpleMetadata.get_field_info prints for these serializer
// fields (checked with DRF's own code on CharField, EmailField, URLField, ChoiceField, DictField,
// DateTimeField, a nested serializer and a many=True one).
const app = seededApp();

describe("OPTIONS: DRF SimpleMetadata's actions for a user who may write", () => {
  it('describes the POST serializer on the list, every field in serializer order', async () => {
    const res = await call(app, 'OPTIONS', '/customers/');
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(['name', 'description', 'renders', 'parses', 'actions']);
    const post = res.json.actions.POST;
    expect(Object.keys(res.json.actions)).toEqual(['POST']);
    expect(Object.keys(post)).toEqual(CUSTOMER_FIELDS);
    expect(post.send_invoices).toEqual({ type: 'boolean', required: false, read_only: false, label: 'Send invoices' });
    expect(post.test_mode).toEqual({ type: 'boolean', required: false, read_only: true, label: 'Test mode' });
    expect(post.id).toEqual({ type: 'string', required: false, read_only: true, label: 'Id' });
    expect(post.name).toEqual({ type: 'string', required: true, read_only: false, label: 'Name', max_length: 100 });
    expect(post.tax_id).toEqual({ type: 'string', required: false, read_only: false, label: 'Tax id', max_length: 32 });
    expect(post.email).toEqual({ type: 'email', required: false, read_only: false, label: 'Email', max_length: 254 });
    expect(post.website).toEqual({ type: 'url', required: false, read_only: false, label: 'Website', max_length: 200 });
    expect(post.metadata).toEqual({
      type: 'nested object',
      required: false,
      read_only: false,
      label: 'Metadata',
      child: { type: 'field', required: true, read_only: false },
    });
    expect(post.created).toEqual({ type: 'datetime', required: false, read_only: true, label: 'Created' });
    expect(post.country.type).toBe('choice');
    expect(post.country.choices).toContainEqual({ value: 'CL', display_name: 'Chile' });
    expect(post.aggregations.children.balance).toEqual({ type: 'float', required: true, read_only: false, label: 'Balance' });
    expect(post.contacts).toMatchObject({ type: 'field', read_only: true, child: { type: 'nested object', read_only: true } });
  });

  it('describes PUT on an existing customer, and leaves actions out for an unknown id (get_object fails)', async () => {
    const list = await call(app, 'GET', '/customers/?page_size=1');
    const id = list.json.results[0].id;
    const detail = await call(app, 'OPTIONS', `/customers/${id}/`);
    expect(detail.json.name).toBe('Customer Instance');
    expect(Object.keys(detail.json.actions)).toEqual(['PUT']);
    expect(detail.json.actions.PUT.name.required).toBe(true);
    const unknown = await call(app, 'OPTIONS', '/customers/cus_nope/');
    expect(unknown.status).toBe(200);
    expect(unknown.json.actions).toBeUndefined();
  });

  it('asks for credentials first, as for any other method', async () => {
    expect((await call(app, 'OPTIONS', '/customers/', { anonymous: true })).status).toBe(401);
  });
});

describe('OPTIONS on contacts and sources', () => {
  const app = seededApp();

  it('names the views and describes the contact serializer; sources, read-only, have no actions', async () => {
    const contacts = await call(app, 'OPTIONS', '/contacts/');
    expect(contacts.json.name).toBe('Contact List');
    const post = contacts.json.actions.POST;
    expect(Object.keys(post)).toEqual(CONTACT_FIELDS);
    expect(post.customer).toMatchObject({ type: 'field', required: true, read_only: false, label: 'Customer' });
    expect(post.name).toEqual({ type: 'string', required: true, read_only: false, label: 'Name', max_length: 64 });
    const sources = await call(app, 'OPTIONS', '/sources/sou_nope/');
    expect(sources.json).toEqual({
      name: 'Source Instance',
      description: '',
      renders: ['application/json'],
      parses: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
    });
  });
});
